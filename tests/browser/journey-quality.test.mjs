// Every journey page with progress shown, on the journey fixture course: no console
// error over http and from file://; the Nu HTML checker on the pages as the browser has
// filled them; axe (WCAG 2.1 A/AA) in the light and the dark colour scheme; and a 360 px
// phone without sideways scrolling.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { assertNoErrors, fileUrl, formatAxe, formatVnu, newContext, newPage, open, runAxe, runVnu } from './lib.mjs';
import { J, KEY, check, complete, fresh, go, record, rows, useJourneySite, writeReflection } from './journey-lib.mjs';

useJourneySite();

describe('journey pages with progress: Nu, axe (light and dark), http and file://', () => {
  const JOURNEY_PAGES = ['index.html', 'start/index.html', 'start/check.html', 'progress.html', 'certificate.html', 'review.html'];
  /** Records: part of the course done (with review due), and all of it with a name. */
  const seeds = {};

  before(async () => {
    const { context, page } = await fresh();
    try {
      await complete(page, ['roleplay', 'reflection']);
      await go(page, 'start/check.html');
      await page.locator('.quiz[data-qid="check-first"] .quiz-retry').click();
      await check(page, 'check-first', 1); // once more, wrong: due for review
      seeds.partial = await record(page);
      await go(page, 'practice/call.html');
      await page.locator('.rp-choice').first().click();
      await go(page, 'start/check.html');
      await writeReflection(page, 'Call back.');
      await go(page, 'certificate.html');
      await page.locator('#cert-name').fill('Li Lei');
      await page.keyboard.press('Enter');
      seeds.complete = await record(page);
    } finally {
      await context.close();
    }
  });

  /** Opens the first module's page list on the home page and waits for it to be built. */
  async function openPages(page) {
    await page.locator('details.module-pages summary').first().click();
    await page.locator('details.module-pages li .mark').first().waitFor();
  }

  async function seeded(page, url, seed) {
    await page.goto(url('progress.html'));
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, seed]);
  }

  for (const via of ['http', 'file']) {
    test(`every journey page shows the progress, with no console error (${via})`, async () => {
      const context = await newContext();
      const page = await newPage(context, via === 'http' ? { server: J.server } : { dir: J.site });
      const url = (rel) => (via === 'http' ? J.server.url(rel) : fileUrl(J.site, rel));
      try {
        await seeded(page, url, seeds.partial);
        await open(page, url('index.html'));
        assert.match(await page.locator('[data-journey-summary]').textContent(), /4 of 6 pages done.*1 question to review today/s);
        await open(page, url('start/check.html'));
        assert.equal(await page.locator('.nav-pages a[data-page="start/quiz.html"]').getAttribute('data-state'), 'done');
        await open(page, url('progress.html'));
        assert.equal((await rows(page, 'quizzes'))[0], 'Module quiz | 100% | 1 of 3 | ✓ Passed');
        await open(page, url('certificate.html'));
        assert.equal(await page.locator('.cert-missing li').count(), 2);
        await open(page, url('review.html'));
        assert.equal(await page.locator('.review-item:not([hidden])').count(), 1);
        await seeded(page, url, seeds.complete);
        await open(page, url('certificate.html'));
        assert.equal(await page.locator('.certificate .cert-name').textContent(), 'Li Lei');
        assertNoErrors(page, `(${via})`);
      } finally {
        await context.close();
      }
    });
  }

  test('the Nu HTML checker finds no error in the pages as the browser has filled them', async () => {
    const context = await newContext();
    const page = await newPage(context, { server: J.server });
    const dir = fs.mkdtempSync(path.join(J.tmp, 'dom-'));
    try {
      for (const [name, seed] of Object.entries(seeds)) {
        await seeded(page, J.server.url, seed);
        for (const rel of JOURNEY_PAGES) {
          await go(page, rel);
          if (rel === 'index.html') await openPages(page);
          if (rel === 'progress.html') await page.locator('.jr-reset').click(); // the confirmation open
          const html = await page.evaluate(() => `<!DOCTYPE html>\n${document.documentElement.outerHTML}`);
          fs.writeFileSync(path.join(dir, `${name}-${rel.replace(/\//g, '-')}`), html);
        }
      }
      const errors = runVnu(dir);
      assert.deepEqual(formatVnu(errors), []);
      assertNoErrors(page);
    } finally {
      await context.close();
    }
  });

  for (const scheme of ['light', 'dark']) {
    test(`axe finds no WCAG 2.1 A/AA violation with progress shown (${scheme})`, async () => {
      const context = await newContext({ bypassCSP: true, colorScheme: scheme, reducedMotion: 'reduce' });
      const page = await newPage(context, { server: J.server });
      const lines = [];
      try {
        for (const [name, seed] of Object.entries(seeds)) {
          await seeded(page, J.server.url, seed);
          for (const rel of JOURNEY_PAGES) {
            await go(page, rel);
            if (rel === 'index.html') await openPages(page);
            if (rel === 'progress.html') await page.locator('.jr-reset').click();
            lines.push(...formatAxe(await runAxe(page), `${name}: ${rel}`));
          }
        }
        assert.deepEqual(lines, []);
      } finally {
        await context.close();
      }
    });
  }

  test('the journey pages work on a 360 px phone without sideways scrolling', async () => {
    const context = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await newPage(context, { server: J.server });
    try {
      await seeded(page, J.server.url, seeds.complete);
      for (const rel of JOURNEY_PAGES) {
        await go(page, rel);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${rel} is ${overflow}px wider than the screen`);
      }
      assertNoErrors(page);
    } finally {
      await context.close();
    }
  });
});
