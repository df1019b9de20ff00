// Navigation: a trainee clicks through each course — home → first module → its first page →
// the next page — over http at a sub-path and from file://, with no console error, no failed
// request and no request leaving the site. Plus a static check that every local link and
// resource reference of every built page names an existing file.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  assertNoErrors,
  buildCourse,
  closeBrowser,
  courses,
  fileUrl,
  htmlPages,
  newContext,
  newPage,
  open,
  serve,
} from './lib.mjs';

let context;
before(async () => {
  context = await newContext();
});
after(async () => {
  await context?.close();
  await closeBrowser();
});

const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();

/** The lesson pages of a built site: `<module>/<page>.html` other than index.html. */
function lessonPages(site) {
  return htmlPages(site).filter((p) => /^[^/]+\/[^/]+\.html$/.test(p) && !p.endsWith('/index.html') && !/^(theme|assets)\//.test(p));
}

/** Click `locator` and wait for the navigation it starts; returns the new title. */
async function follow(page, locator, what) {
  const count = await locator.count();
  assert.ok(count > 0, `no link for ${what} on ${page.url()}`);
  const link = locator.first();
  const href = await link.getAttribute('href');
  const expected = new URL(href, page.url()).href.replace(/#.*$/, '');
  await Promise.all([page.waitForURL((u) => u.href.replace(/#.*$/, '') === expected, { waitUntil: 'load' }), link.click()]);
  return page.title();
}

async function h1(page) {
  return norm(await page.locator('main h1').first().textContent());
}

/** The walk itself; `start` is the URL of index.html. */
async function walk(page, start, site) {
  const visited = [];
  const homeTitle = await open(page, start);
  assert.ok(norm(homeTitle), `home page ${start} has an empty <title>`);
  visited.push(`home: ${homeTitle}`);
  assertNoErrors(page, `on the home page ${start}`);

  // Home → first module: the first visible link to a `<module>/index.html` in a list in <main>
  // (the module list; a "start" button before it may point elsewhere).
  let moduleLinks = page.locator('main li a[href$="/index.html"]:visible');
  if ((await moduleLinks.count()) === 0) moduleLinks = page.locator('main a[href$="/index.html"]:visible');
  const moduleLinkText = norm(await moduleLinks.first().textContent().catch(() => ''));
  const moduleTitle = await follow(page, moduleLinks, 'a module (main a[href$="/index.html"])');
  const moduleH1 = await h1(page);
  visited.push(`module: ${moduleTitle}`);
  assert.match(page.url(), /\/[^/]+\/index\.html$/, 'a module page is <module>/index.html');
  assert.notEqual(moduleTitle, homeTitle, 'the title changes from home to module page');
  assert.ok(moduleH1, `module page ${page.url()} has no <h1> in <main>`);
  assert.ok(norm(moduleTitle).includes(moduleH1), `module <title> "${moduleTitle}" names its <h1> "${moduleH1}"`);
  assert.ok(moduleLinkText.includes(moduleH1), `the home page link "${moduleLinkText}" names the module "${moduleH1}"`);
  assertNoErrors(page, `on the module page ${page.url()}`);

  // Module → its first page. The module's page list is the list in <main> with the most links
  // to pages of the module's folder (the intro text may have shorter lists); on a tie, the
  // later one. Its first such link is the first page.
  const moduleDir = page.url().replace(/index\.html$/, '');
  const pageHref = await page.evaluate((dir) => {
    let best = null;
    for (const list of document.querySelectorAll('main ol, main ul')) {
      if (list.closest('.breadcrumbs, nav[aria-label*="crumb" i]')) continue;
      const links = [...list.querySelectorAll(':scope > li a[href]')].filter((a) => {
        const url = new URL(a.getAttribute('href'), location.href);
        url.hash = '';
        const rest = url.href.startsWith(dir) ? url.href.slice(dir.length) : null;
        return rest && /^[^/]+\.html$/.test(rest) && rest !== 'index.html';
      });
      if (links.length && (!best || links.length >= best.length)) best = links;
    }
    return best ? best[0].getAttribute('href') : null;
  }, moduleDir);
  const lessons = lessonPages(site);
  if (!pageHref) {
    assert.equal(lessons.length, 0, `module page ${page.url()} lists none of its pages (main li a → same folder *.html)`);
    return visited;
  }
  const lessonLink = page.locator(`main li a[href="${pageHref.replace(/"/g, '\\"')}"]`);
  const lessonLinkText = norm(await lessonLink.first().textContent());
  const lessonTitle = await follow(page, lessonLink, 'the first page of the module');
  const lessonH1 = await h1(page);
  visited.push(`page: ${lessonTitle}`);
  assert.notEqual(lessonTitle, moduleTitle, 'the title changes from module to page');
  assert.ok(norm(lessonTitle).includes(lessonH1), `page <title> "${lessonTitle}" names its <h1> "${lessonH1}"`);
  assert.ok(lessonLinkText.includes(lessonH1), `the module's link "${lessonLinkText}" names the page "${lessonH1}"`);
  assertNoErrors(page, `on the page ${page.url()}`);

  // Page → next page via rel="next".
  const next = page.locator('a[rel~="next"]');
  if ((await next.count()) === 0) {
    assert.equal(lessons.length, 1, `page ${page.url()} has no a[rel="next"] although the course has ${lessons.length} pages`);
    return visited;
  }
  const nextText = norm(await next.first().textContent());
  const nextTitle = await follow(page, next, 'rel="next"');
  const nextH1 = await h1(page);
  visited.push(`next: ${nextTitle}`);
  assert.notEqual(nextTitle, lessonTitle, 'the title changes when following rel="next"');
  assert.ok(norm(nextTitle).includes(nextH1), `next page <title> "${nextTitle}" names its <h1> "${nextH1}"`);
  assert.ok(nextText.includes(nextH1), `the rel="next" link "${nextText}" names the next page "${nextH1}"`);
  assertNoErrors(page, `on the next page ${page.url()}`);
  return visited;
}

for (const course of courses()) {
  describe(`navigation: ${course.name}`, () => {
    let site;
    let server;
    before(async () => {
      site = buildCourse(course.dir);
      server = await serve(site);
    });
    after(async () => {
      await server?.close();
    });

    test('over http at a sub-path: home → module → page → next', { timeout: 120_000 }, async (t) => {
      const page = await newPage(context, { server });
      try {
        const visited = await walk(page, server.url('index.html'), site);
        t.diagnostic(visited.join(' | '));
        const outside = server.requests.filter((r) => !r.path.startsWith('/some/sub/path/'));
        assert.deepEqual(outside, [], 'every request stays under the sub-path');
      } finally {
        await page.close();
      }
    });

    test('from file://: home → module → page → next', { timeout: 120_000 }, async (t) => {
      const page = await newPage(context, { dir: site });
      try {
        const visited = await walk(page, fileUrl(site, 'index.html'), site);
        t.diagnostic(visited.join(' | '));
      } finally {
        await page.close();
      }
    });

    test('every page loads over http without console error, failed or external request', { timeout: 600_000 }, async (t) => {
      const page = await newPage(context, { server });
      const problems = [];
      const pages = htmlPages(site);
      try {
        for (const rel of pages) {
          await open(page, server.url(rel));
          problems.push(...page.problems.splice(0));
        }
      } finally {
        await page.close();
      }
      t.diagnostic(`${pages.length} pages loaded`);
      assert.deepEqual(problems, [], `${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    });

    test('every local link and resource of every page names an existing file', () => {
      const problems = [];
      for (const rel of htmlPages(site)) {
        const html = fs.readFileSync(path.join(site, rel), 'utf8');
        const refs = [...html.matchAll(/\s(href|src|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)]
          .map((m) => ({ attr: m[1].toLowerCase(), value: m[2] ?? m[3] }));
        for (const m of html.matchAll(/\ssrcset\s*=\s*"([^"]*)"/gi)) {
          for (const part of m[1].split(',')) refs.push({ attr: 'srcset', value: part.trim().split(/\s+/)[0] });
        }
        for (const { attr, value } of refs) {
          const v = value.replace(/&amp;/g, '&');
          if (!v || v.startsWith('#')) continue;
          if (/^(mailto|tel|data|javascript):/i.test(v)) {
            if (/^javascript:/i.test(v)) problems.push(`${rel}: ${attr}="${value}" (javascript: URL)`);
            continue;
          }
          // Absolute URLs: plain links to the outside world are fine; external resources are
          // caught by the next test.
          if (/^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith('//')) continue;
          if (v.startsWith('/')) {
            problems.push(`${rel}: ${attr}="${value}" is root-relative (breaks at a sub-path and on file://)`);
            continue;
          }
          const target = decodeURIComponent(v.replace(/[?#].*$/, ''));
          if (target === '') continue;
          if (target.endsWith('/')) {
            problems.push(`${rel}: ${attr}="${value}" names a folder, not a file`);
            continue;
          }
          const file = path.resolve(site, path.dirname(rel), target);
          if (!file.startsWith(path.resolve(site) + path.sep)) {
            problems.push(`${rel}: ${attr}="${value}" leaves the site folder`);
          } else if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
            problems.push(`${rel}: ${attr}="${value}" → ${path.relative(site, file)} does not exist`);
          }
        }
      }
      assert.deepEqual(problems, [], `broken local references:\n  ${problems.join('\n  ')}`);
    });

    test('no resource is loaded from outside the site (external <link>, <script>, <img>...)', () => {
      const problems = [];
      for (const rel of htmlPages(site)) {
        const html = fs.readFileSync(path.join(site, rel), 'utf8');
        for (const m of html.matchAll(/<(link|script|img|iframe|video|audio|source|track|embed|object)\b[^>]*?\s(?:href|src|data)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi)) {
          problems.push(`${rel}: <${m[1]}> loads ${m[2]}`);
        }
      }
      for (const rel of htmlPages(site).length ? fs.readdirSync(site, { recursive: true }).filter((f) => /\.css$/.test(f)) : []) {
        const css = fs.readFileSync(path.join(site, rel), 'utf8');
        for (const m of css.matchAll(/(?:url\(\s*["']?|@import\s+["'])((?:https?:)?\/\/[^"')\s]+)/gi)) {
          problems.push(`${rel}: CSS loads ${m[1]}`);
        }
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  });
}
