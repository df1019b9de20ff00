// The screenshots in docs/screenshots/ (linked from the README): the flagship course's
// home, a lesson, a graded quiz, a role-play and the progress page, at 1280 and 390 px
// wide, in light mode. Written by this test on every run of the suite, so they show
// the course as it is; commit them when they change.

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, assertNoErrors, buildCourse, closeBrowser, newContext, newPage, open, serve } from './lib.mjs';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const WIDTHS = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
];
let site;
let server;

before(async () => {
  site = buildCourse(path.join(ROOT, 'content'));
  server = await serve(site);
  fs.mkdirSync(OUT, { recursive: true });
});

after(async () => {
  await server?.close();
  await closeBrowser();
});

/** A trainee a little way into the course: two lessons read, one reply in a role-play. */
async function someProgress(page) {
  for (const url of ['service-concepts/what-is-service.html', 'service-concepts/service-marketing.html']) {
    await open(page, server.url(url));
  }
}

const SHOTS = [
  ['home', 'index.html', null],
  ['lesson', 'service-concepts/what-is-service.html', null],
  ['quiz', 'service-concepts/quiz.html', async (page) => {
    await page.locator('.quiz-page .quiz:visible .quiz-option label').first().click();
    await page.locator('.quiz-page .quiz:visible').first().scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -120));
  }],
  ['roleplay', 'practice/mooncake-complaint.html', async (page) => {
    await page.locator('.rp-choice').first().click();
    await page.locator('.rp-log').scrollIntoViewIfNeeded();
  }],
  ['progress', 'progress.html', null],
];

for (const [device, viewport] of WIDTHS) {
  test(`screenshots at ${viewport.width} px`, async () => {
    const context = await newContext({ viewport, colorScheme: 'light', deviceScaleFactor: 1, reducedMotion: 'reduce' });
    const page = await newPage(context, { server });
    await someProgress(page);
    for (const [name, url, act] of SHOTS) {
      await open(page, server.url(url));
      if (act) await act(page);
      const file = path.join(OUT, `${name}-${device}.png`);
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      assert.ok(fs.statSync(file).size > 5000, `${file} has a picture`);
    }
    assertNoErrors(page);
    await context.close();
  });
}
