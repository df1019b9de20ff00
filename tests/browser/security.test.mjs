// Security as an intranet admin sees it: every page of every course runs under the strict
// policy `Content-Security-Policy: default-src 'self'` (sent as a header, with a report-uri)
// while a trainee answers its questions and role-plays, and the browser reports no violation,
// neither to the page (`securitypolicyviolation`) nor to the server.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoErrors,
  buildCourse,
  closeBrowser,
  courses,
  htmlPages,
  newContext,
  newPage,
  open,
  serve,
} from './lib.mjs';

let context;
before(async () => {
  context = await newContext();
  // Runs before any script of the page: records each violation the page sees.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
});
after(async () => {
  await context?.close();
  await closeBrowser();
});

/** What a trainee does on a page: picks an answer in each question, presses its buttons. */
async function use(page) {
  for (const input of await page.locator('main input[type=radio]:visible, main input[type=checkbox]:visible').all()) {
    await input.check({ timeout: 1000 }).catch(() => {});
  }
  const buttons = await page.locator('main button:visible').all();
  for (const button of buttons.slice(0, 12)) {
    await button.click({ timeout: 1000 }).catch(() => {});
  }
}

async function violations(page) {
  return page.evaluate(() => window.__cspViolations);
}

/** Lets the browser send the reports it queued (they go out asynchronously). */
const settle = () => new Promise((r) => setTimeout(r, 300));

test('the policy check itself sees a violation when there is one', async () => {
  const site = buildCourse('tests/fixtures/valid-basic');
  const server = await serve(site, undefined, { cspReports: true });
  try {
    const page = await newPage(context, { server }, { allowConsole: [/Content Security Policy/] });
    await open(page, server.url('index.html'));
    // What a careless theme would do: an inline style attribute.
    await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
    await settle();
    // One per policy: the header's and the page's own <meta> tag.
    assert.ok((await violations(page)).length >= 1, 'the page saw the violation');
    assert.ok(server.cspReports.length >= 1, 'the server got the report');
    await page.close();
  } finally {
    await server.close();
  }
});

for (const course of courses()) {
  describe(`${course.name} under default-src 'self'`, () => {
    test('no page, used, breaks the policy', async () => {
      const site = buildCourse(course.dir);
      const server = await serve(site, undefined, { cspReports: true });
      const page = await newPage(context, { server });
      try {
        const found = [];
        for (const rel of htmlPages(site)) {
          await open(page, server.url(rel));
          await use(page);
          for (const v of await violations(page)) found.push(`${rel}: ${v}`);
          assertNoErrors(page, `on ${rel}`);
        }
        await settle();
        assert.deepEqual(found, [], 'violations seen by the pages');
        assert.deepEqual(server.cspReports, [], 'violation reports sent to the server');
      } finally {
        await page.close();
        await server.close();
      }
    });
  });
}

// What a trainee sees with "view source" on a graded quiz, the exam or the review page
// (which shows every question of the course): no graded question's answer key.
for (const course of courses()) {
  test(`${course.name}: no page gives a graded question's answer away in its source`, async () => {
    const site = buildCourse(course.dir);
    const server = await serve(site);
    const page = await newPage(context, { server });
    try {
      const sources = new Map();
      for (const rel of htmlPages(site)) sources.set(rel, await (await page.goto(server.url(rel))).text());
      const json = (source, cls) =>
        [...source.matchAll(new RegExp(`<script type="application/json" class="${cls}">([\\s\\S]*?)</script>`, 'g'))].map((m) => JSON.parse(m[1]));
      const graded = new Set([...sources.values()].flatMap((src) => json(src, 'quiz-page-data').flatMap((q) => q.pool)));
      if (course.name === 'valid-quiz' || course.name === 'content') assert.ok(graded.size >= 5, 'graded questions were found');
      let seen = 0;
      for (const [rel, source] of sources) {
        for (const q of json(source, 'quiz-data').filter((q) => graded.has(q.id))) {
          seen++;
          const where = `${rel} ${q.id}`;
          for (const key of ['correct', 'answer', 'answers', 'low', 'high', 'tolerance', 'feedback']) {
            assert.ok(!(key in q), `${where}: "${key}" is in plain sight`);
          }
          assert.equal(typeof q.sealed, 'string', where);
          if (q.type === 'single' || q.type === 'multiple') assert.equal(q.keys.length, q.texts.length, `${where}: a key per option`);
        }
        if (source.includes('class="quiz-page-data"')) {
          assert.doesNotMatch(source, /"correct":\s*(true|\[)/, `${rel}: an option marked correct`);
        }
      }
      assert.ok(seen >= graded.size, 'every graded question was looked at');
      assertNoErrors(page);
    } finally {
      await page.close();
      await server.close();
    }
  });
}
