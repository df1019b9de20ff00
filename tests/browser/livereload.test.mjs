// `syllabus serve` in a real browser: an open page reloads by itself after a save,
// shows the build's problems over the last good page after a broken save (accessible,
// dismissable with Escape), and reloads without them once the file is fixed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT,
  assertNoErrors,
  closeBrowser,
  formatAxe,
  newContext,
  newPage,
  open,
  runAxe,
  syllabusBin,
} from './lib.mjs';

let work;
let course;
let child;
let base;
let log = '';

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-livereload-'));
  course = path.join(work, 'course');
  fs.cpSync(path.join(ROOT, 'tests/fixtures/valid-basic'), course, { recursive: true });
  child = spawn(syllabusBin(), ['serve', course, '--port', '0', '-o', path.join(work, 'served')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  child.stderr.on('data', (d) => { log += d; });
  base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m && out.includes('watching for changes')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
});

after(async () => {
  await closeBrowser();
  child?.kill('SIGTERM');
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const second = () => path.join(course, '01-basics/02-second.md');
const append = (text) => fs.appendFileSync(second(), text);

for (const colorScheme of ['light', 'dark']) {
  test(`an open page reloads after a save and shows build problems until they are fixed (${colorScheme})`, async () => {
    const context = await newContext({ bypassCSP: true, colorScheme });
    try {
      const page = await newPage(context, { server: { base } });
      await open(page, `${base}basics/second.html`);
      // Wait for the reload client to connect before saving.
      await page.waitForFunction(() => !!document.querySelector('script[src="/__syllabus/reload.js"]'));
      await page.waitForTimeout(300);
      await page.evaluate(() => { window.__notReloaded = true; });

      const sentence = `Saved in the editor (${colorScheme}).`;
      const reloaded = page.waitForEvent('load', { timeout: 20_000 });
      append(`\n${sentence}\n`);
      await reloaded;
      await page.waitForFunction((s) => document.body.textContent.includes(s), sentence, { timeout: 20_000 });
      assert.equal(await page.evaluate(() => window.__notReloaded), undefined, 'the page did not reload');

      // A broken quiz block: the page stays, the problems show on top of it.
      await page.waitForTimeout(300);
      await page.evaluate(() => { window.__notReloaded = true; });
      append(`\n\`\`\`quiz\ntype: single\nprompt: Which one?\noptions: [{text: Yes, correct: true}, {text: ${colorScheme}}\n\`\`\`\n`);
      const overlay = page.locator('#syllabus-overlay');
      await overlay.waitFor({ state: 'visible', timeout: 20_000 });
      const text = await overlay.textContent();
      assert.match(text, /01-basics\/02-second\.md:\d+:\d+: error: quiz/);
      assert.equal(await page.evaluate(() => window.__notReloaded), true, 'a failed build must not reload the page');
      assert.ok((await page.textContent('main')).includes(sentence), 'the last good page is gone');
      assert.equal(await overlay.getAttribute('role'), 'dialog');

      const violations = await runAxe(page);
      assert.deepEqual(violations, [], formatAxe(violations, `overlay (${colorScheme})`).join('\n'));

      await page.locator('.syllabus-overlay-close').focus();
      await page.keyboard.press('Escape');
      await overlay.waitFor({ state: 'hidden' });

      // Fixed: the page reloads, without the overlay.
      const fixed = page.waitForEvent('load', { timeout: 20_000 });
      fs.writeFileSync(second(), fs.readFileSync(second(), 'utf8').replace(`{text: ${colorScheme}}\n`, `{text: ${colorScheme}}]\n`));
      await fixed;
      await page.waitForLoadState('load');
      assert.equal(await page.locator('#syllabus-overlay').count(), 0);
      assertNoErrors(page, `while serving (${colorScheme})`);
    } finally {
      await context.close();
    }
  });
}
