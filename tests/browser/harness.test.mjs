// Self-test of the harness in lib.mjs, on a hand-made tiny site in a temp dir: the static
// server, the error tracking (so the other browser tests cannot pass by not looking), axe and
// the Nu checker. Needs no syllabus build.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  assertNoErrors,
  closeBrowser,
  fileUrl,
  newContext,
  newPage,
  open,
  runAxe,
  runVnu,
  serve,
} from './lib.mjs';

const head = (title, extra = '') => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>${title}</title>
<link rel="stylesheet" href="${extra}site.css">
<script src="${extra}site.js"></script>
</head>`;

const FILES = {
  'site/index.html': `${head('Home')}
<body><main><h1>Home</h1><ul><li><a href="mod/index.html">Module one</a></li></ul>
<img src="pic.svg" alt="A picture" width="10" height="10"></main></body></html>`,
  'site/mod/index.html': `${head('Module one · Course', '../')}
<body><main><h1>Module one</h1><ol><li><a href="first.html">First</a></li></ol></main></body></html>`,
  'site/mod/first.html': `${head('First · Course', '../')}
<body><main><h1>First</h1><a rel="next" href="second.html">Next: Second</a></main></body></html>`,
  'site/mod/second.html': `${head('Second · Course', '../')}
<body><main><h1>Second</h1></main></body></html>`,
  'site/site.css': 'body { font-family: system-ui, sans-serif; color: #111; background: #fff; }\n',
  'site/site.js': 'window.siteLoaded = true;\n',
  'site/pic.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n',
  'site/bad/external.html': `${head('External', '../')}<body><main><h1>x</h1><img src="https://cdn.example.com/x.png" alt="x"></main></body></html>`,
  'site/bad/missing.html': `${head('Missing', '../')}<body><main><h1>x</h1><script src="nope.js"></script></main></body></html>`,
  'site/bad/throws.html': `${head('Throws', '../')}<body><main><h1>x</h1><script src="throws.js"></script></main></body></html>`,
  'site/bad/throws.js': 'throw new Error("boom from throws.js");\n',
  'site/bad/inline.html': `${head('Inline', '../')}<body><main><h1>x</h1><script>window.x = 1;</script></main></body></html>`,
  'site/bad/outside.html': `${head('Outside', '../')}<body><main><h1>x</h1><img src="../../outside.svg" alt="x"></main></body></html>`,
  'site/bad/a11y.html': `<!DOCTYPE html><html><head><meta charset="utf-8"><title>A11y</title></head>
<body><main><h1>x</h1><img src="../pic.svg"><p style="color:#eee;background:#fff">faint</p></main></body></html>`,
  'site/bad/invalid.html': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Invalid</title></head>
<body><main><h1>x</h1><div><span></div><ul><p>no li</p></ul></main></body></html>`,
  'outside.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>\n',
};

let tmp;
let site;
let server;
let context;
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-harness-'));
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp, rel), text);
  }
  site = path.join(tmp, 'site');
  server = await serve(site);
  context = await newContext({ bypassCSP: false });
});
after(async () => {
  await context?.close();
  await server?.close();
  await closeBrowser();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('static server', () => {
  test('serves files under the sub-path with the right content types', async () => {
    for (const [rel, type] of [
      ['index.html', 'text/html'],
      ['site.css', 'text/css'],
      ['site.js', 'text/javascript'],
      ['pic.svg', 'image/svg+xml'],
    ]) {
      const res = await fetch(server.url(rel));
      assert.equal(res.status, 200, rel);
      assert.ok(res.headers.get('content-type').startsWith(type), `${rel}: ${res.headers.get('content-type')}`);
    }
    assert.match(server.base, /^http:\/\/127\.0\.0\.1:\d+\/some\/sub\/path\/$/);
  });

  test('answers 404 outside the sub-path, for folders and for missing files; 403 above the root', async () => {
    assert.equal((await fetch(`${server.origin}/index.html`)).status, 404);
    assert.equal((await fetch(server.url('mod/'))).status, 404);
    assert.equal((await fetch(server.url('nope.html'))).status, 404);
    const res = await fetch(`${server.base}..%2f..%2f..%2f..%2fetc%2fpasswd`);
    assert.ok([403, 404].includes(res.status), `traversal got ${res.status}`);
  });
});

describe('error tracking', () => {
  test('a clean page over http and file:// has no problems', async () => {
    const page = await newPage(context, { server });
    await open(page, server.url('index.html'));
    assert.equal(await page.evaluate(() => window.siteLoaded), true);
    assertNoErrors(page);
    const filePage = await newPage(context, { dir: site });
    await open(filePage, fileUrl(site, 'mod/first.html'));
    assert.equal(await filePage.evaluate(() => window.siteLoaded), true);
    assertNoErrors(filePage);
    await page.close();
    await filePage.close();
  });

  const cases = [
    ['bad/external.html', /request outside the site: GET https:\/\/cdn\.example\.com\/x\.png/],
    ['bad/missing.html', /HTTP 404 for .*nope\.js/],
    ['bad/throws.html', /boom from throws\.js/],
    ['bad/inline.html', /console error.*Content Security Policy/i],
  ];
  for (const [rel, expected] of cases) {
    test(`records ${rel}`, async () => {
      const page = await newPage(context, { server });
      await open(page, server.url(rel));
      await page.waitForTimeout(100);
      assert.throws(() => assertNoErrors(page), expected);
      await page.close();
    });
  }

  test('records a missing file under file://', async () => {
    const page = await newPage(context, { dir: site });
    await open(page, fileUrl(site, 'bad/missing.html'));
    assert.throws(() => assertNoErrors(page), /request failed: GET file:\/\/.*nope\.js \(net::ERR_FILE_NOT_FOUND\)/);
    await page.close();
  });

  test('records a file:// request outside the site folder', async () => {
    const page = await newPage(context, { dir: site });
    await open(page, fileUrl(site, 'bad/outside.html'));
    assert.throws(() => assertNoErrors(page), /request outside the site: GET file:\/\/.*outside\.svg/);
    await page.close();
  });
});

describe('checkers', () => {
  test('axe finds missing alt text and low contrast', async () => {
    const ctx = await newContext({ bypassCSP: true });
    const page = await newPage(ctx, { server });
    await open(page, server.url('bad/a11y.html'));
    const ids = (await runAxe(page)).map((v) => v.id);
    assert.ok(ids.includes('image-alt'), ids.join());
    assert.ok(ids.includes('color-contrast'), ids.join());
    assert.ok(ids.includes('html-has-lang'), ids.join());
    await open(page, server.url('index.html'));
    assert.deepEqual(await runAxe(page), []);
    await ctx.close();
  });

  test('the Nu checker reports errors with file and line', { timeout: 120_000 }, () => {
    const errors = runVnu(path.join(site, 'bad', 'invalid.html'), path.join(site, 'index.html'));
    assert.ok(errors.length >= 2, JSON.stringify(errors));
    assert.ok(errors.every((e) => e.file.endsWith('invalid.html') && e.line > 0 && e.message), JSON.stringify(errors));
  });
});
