// What a trainee does with role-plays, self-assessments, reflections and the workbook,
// by keyboard only, over http (at a sub-path, under the site's CSP) and from file://:
//  - plays the mooncake complaint to a success ending and to a failure ending and reads
//    the debrief (outcome, score against pass_score, skills, transcript), then plays again;
//  - fills the self-assessment and sees the right bands, kept after a reload;
//  - types a reflection, reloads, finds it kept;
//  - opens the workbook and finds every kind of record, and prints it to PDF;
//  - axe (light and dark) and the Nu checker stay clean mid-conversation, at the debrief,
//    on the results and on the filled workbook.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  assertNoErrors,
  buildCourse,
  closeBrowser,
  fileUrl,
  formatAxe,
  formatVnu,
  newContext,
  newPage,
  open,
  runAxe,
  runVnu,
  serve,
} from './lib.mjs';

const COURSE = 'tests/fixtures/valid-roleplay';
const ROLEPLAY = 'practice/mooncake.html';
const STYLE = 'basics/style.html';
const THOUGHTS = 'basics/first-thoughts.html';
const WORKBOOK = 'workbook.html';

// Choice indices from the start: the best way to `retained`, and a quick way to `lost`.
const SUCCESS = [1, 0, 0, 0, 0];
const FAILURE = [2, 1];

let site;
let server;
const dumps = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-roleplay-dom-'));
let dumpCount = 0;

before(async () => {
  site = buildCourse(COURSE);
  server = await serve(site);
});

after(async () => {
  await server?.close();
  await closeBrowser();
  fs.rmSync(dumps, { recursive: true, force: true });
});

const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return a ? { cls: a.className, text: a.textContent.trim(), tag: a.tagName } : null;
  });

/** Press Tab until the focused element matches `selector` (keyboard only, as a trainee would). */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}; focus is on ${JSON.stringify(await focused(page))}`);
}

/** Picks replies by keyboard: from the first reply button, Tab `i` times, then Enter. */
async function play(page, path, { onStep } = {}) {
  await tabTo(page, '.rp-choice');
  for (const [step, i] of path.entries()) {
    const first = await page.evaluate(() => document.activeElement === document.querySelector('.rp-choice'));
    assert.ok(first, `before reply ${step + 1} focus is on the first reply`);
    for (let k = 0; k < i; k++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    if (onStep) await onStep(step);
  }
}

async function checkAxe(page, where) {
  const v = await runAxe(page);
  assert.deepEqual(formatAxe(v, where), [], `axe violations ${where}`);
}

/** Keeps the live DOM for the Nu checker (run once for all at the end). */
async function dump(page, name) {
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true);
    // axe-core is injected as an inline script by the test, not part of the site.
    copy.querySelectorAll('script:not([src]):not([type="application/json"])').forEach((s) => s.remove());
    return '<!DOCTYPE html>\n' + copy.outerHTML;
  });
  fs.writeFileSync(path.join(dumps, `${String(++dumpCount).padStart(2, '0')}-${name}.html`), html);
}

/** The text of each match as a trainee reads it (rendered lines joined by single spaces). */
const texts = (page, sel) => page.locator(sel).evaluateAll((els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));

for (const mode of ['http', 'file']) {
  describe(`over ${mode}`, () => {
    let context;
    let page;
    const url = (rel) => (mode === 'http' ? server.url(rel) : fileUrl(site, rel));

    before(async () => {
      // The site's CSP applies (header over http, meta tag in both): the scripts must cope.
      context = await newContext({ viewport: { width: 1100, height: 900 } });
      page = await newPage(context, mode === 'http' ? { server } : { dir: site });
    });

    after(async () => {
      await context.close();
    });

    test('the role-play plays to a success ending by keyboard, with a debrief', async () => {
      await open(page, url(ROLEPLAY));
      assert.deepEqual(await texts(page, '.rp-log .rp-msg'), ['😠 王女士（情绪：愤怒） 你们的月饼里居然有蟑螂!']);
      assert.equal(await page.locator('.rp-nojs').count(), 0, 'the no-JavaScript note is gone');
      await play(page, SUCCESS, {
        onStep: async (step) => {
          if (step === 0) {
            const log = await texts(page, '.rp-log .rp-msg');
            assert.deepEqual(log, [
              '😠 王女士（情绪：愤怒） 你们的月饼里居然有蟑螂!',
              '你 非常抱歉让您遇到这种事,您先别着急,能跟我说说具体情况吗? 点评：先道歉、再倾听,顾客感到被重视。 +2 分',
              '😟 王女士（情绪：难过） 我昨天在你们门店买的礼盒,今天拆开就看到了。',
            ]);
            assert.equal(await page.locator('.rp-score').textContent(), '目前得分： 2 分');
          }
        },
      });
      const f = await focused(page);
      assert.match(f.cls, /rp-debrief/, 'focus moves to the debrief');
      assert.equal(await page.locator('.rp-choices').isHidden(), true);
      const debrief = page.locator('.rp-debrief');
      assert.equal(await debrief.locator('h3').textContent(), '复盘');
      assert.equal(await debrief.locator('.rp-outcome').textContent(), '✔ 结果：成功');
      assert.equal(await debrief.locator('.rp-final-score').textContent(), '得分：8 分，及格需要 6 分（最高可得 8 分） · ✔ 已通过');
      assert.deepEqual(await texts(page, '.rp-debrief .rp-skill'), ['倾听 2 / 2', '同理 2 / 2', '解决 2 / 2', '跟进 2 / 3']);
      const transcript = await texts(page, '.rp-debrief .rp-transcript > li');
      assert.equal(transcript.length, 5);
      assert.equal(
        transcript[0],
        '😠 王女士（情绪：愤怒） 你们的月饼里居然有蟑螂! 你 +2 分 非常抱歉让您遇到这种事,您先别着急,能跟我说说具体情况吗? 点评：先道歉、再倾听,顾客感到被重视。',
      );
      assert.match(transcript[4], /😊 王女士（情绪：满意） 行,那我等你电话。 你 \+1 分 谢谢您给我们改进的机会,祝您中秋快乐! 点评：真诚的感谢为对话画上句号。/);
      assert.equal(await page.locator('.rp-last').textContent(), '上次结果：成功，8 分。最高得分：8 分。');
      const saved = await page.evaluate(() => window.Syllabus.store.all().items['roleplay:practice/mooncake'].v);
      assert.deepEqual(saved, { best: 8, passed: true, outcome: 'success', ending: 'retained', score: 8, path: SUCCESS, runs: 1 });
      assertNoErrors(page);
    });

    test('play again, then a failure ending: the debrief says so and the best score stays', async () => {
      await tabTo(page, '.rp-again');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('.rp-debrief').isHidden(), true);
      assert.equal(await page.locator('.rp-log .rp-msg').count(), 1, 'a fresh conversation');
      await play(page, FAILURE);
      const debrief = page.locator('.rp-debrief');
      assert.equal(await debrief.locator('.rp-outcome').textContent(), '✖ 结果：未能解决');
      assert.equal(await debrief.locator('.rp-ending-text').textContent(), '王女士挂断电话,并在网上发了差评。\n');
      assert.equal(await debrief.locator('.rp-final-score').textContent(), '得分：-3 分，及格需要 6 分（最高可得 8 分） · ✖ 尚未通过');
      assert.deepEqual(await texts(page, '.rp-debrief .rp-skill'), ['倾听 0 / 2', '同理 -2 / 2', '解决 0 / 2', '跟进 0 / 3']);
      const transcript = await texts(page, '.rp-debrief .rp-transcript > li');
      assert.deepEqual(transcript, [
        '😠 王女士（情绪：愤怒） 你们的月饼里居然有蟑螂! 你 -1 分 请您冷静一点。 点评：让对方"冷静"往往适得其反。',
        '😟 王女士（情绪：难过） 我怎么冷静?孩子差点吃下去! 你 -2 分 您这样我没法处理。 点评：把责任推给顾客,对话就此结束。',
      ]);
      assert.equal(await page.locator('.rp-last').textContent(), '上次结果：未能解决，-3 分。最高得分：8 分。');
      await page.reload();
      assert.equal(await page.locator('.rp-last').textContent(), '上次结果：未能解决，-3 分。最高得分：8 分。', 'kept after a reload');
      assertNoErrors(page);
    });

    test('the self-assessment shows each category with the band that applies, and keeps it', async () => {
      await open(page, url(STYLE));
      // Submitting with questions open says which.
      await tabTo(page, '.as-actions button');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('.as-status').textContent(), '请先回答所有问题。尚未回答：1, 2, 3。');
      assert.equal(await page.locator('.as-results').isHidden(), true);
      // Focus went to the first open question: answer 1st, 2nd and 2nd options by keyboard.
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      assert.match((await focused(page)).cls, /as-results/);
      const results = await texts(page, '.as-result-list dt, .as-result-list dd');
      assert.deepEqual(results, ['亲和 2 / 5', '多表达一些对顾客感受的理解。', '条理 4 / 6', '你的说明大体清楚。']);
      await page.reload();
      assert.deepEqual(await texts(page, '.as-result-list dt, .as-result-list dd'), results, 'results come back after a reload');
      assert.equal(await page.locator('input[type=radio]:checked').count(), 3);
      assertNoErrors(page);
    });

    test('a reflection is kept as it is typed and restored on reload', async () => {
      await open(page, url(THOUGHTS));
      await tabTo(page, 'textarea');
      await page.keyboard.type('上周一位顾客投诉送货太慢,\n我先道歉,再查物流。');
      await page.waitForFunction(() => document.querySelector('.rf-status').textContent === '已保存在本浏览器中。');
      await page.reload();
      assert.equal(await page.locator('textarea').inputValue(), '上周一位顾客投诉送货太慢,\n我先道歉,再查物流。');
      assert.equal(await page.locator('.rf-status').textContent(), '已恢复你之前写的内容。');
      assertNoErrors(page);
    });

    test('the workbook holds every kind of record and prints to an A4 PDF', async () => {
      await open(page, url(WORKBOOK));
      // Graded quiz attempts are written by the quiz pages; store one as they would.
      await page.evaluate(() => window.Syllabus.store.set('quiz', 'check/final', 'h', { best: 100, passed: true }));
      await page.reload();
      assert.equal(await page.locator('h1').textContent(), '我的学习手册');
      assert.match(await page.locator('.wb-date').textContent(), /^\d{4}年\d{1,2}月\d{1,2}日$/);
      const kinds = await page.locator('.wb-item').evaluateAll((els) =>
        els.map((e) => [e.dataset.kind, e.classList.contains('wb-has-record')]),
      );
      assert.deepEqual(kinds, [
        ['reflect', true],
        ['assessment', true],
        ['reflect', false],
        ['roleplay', true],
        ['quiz', true],
      ]);
      assert.equal(await page.locator('.wb-reflect .wb-text').first().textContent(), '上周一位顾客投诉送货太慢,\n我先道歉,再查物流。');
      assert.deepEqual(await texts(page, '.wb-assessment dt'), ['亲和 2 / 5', '条理 4 / 6']);
      assert.equal(await page.locator('.wb-roleplay .wb-summary').textContent(), '上次结果：未能解决，-3 分。最高得分：8 分。');
      assert.equal((await texts(page, '.wb-roleplay .rp-transcript > li')).length, 2);
      assert.equal(await page.locator('.wb-quiz .wb-quiz-score').textContent(), '最高成绩：100% · ✔ 已通过');
      assert.equal(await page.locator('.sidebar-workbook a[aria-current=page]').count(), 1);
      if (mode === 'http') {
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
        const text = pdf.toString('latin1');
        // A4 is 595 × 842 points.
        assert.match(text, /\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
        await page.emulateMedia({ media: 'print' });
        assert.equal(await page.locator('.sidebar').isHidden(), true, 'no sidebar on paper');
        assert.equal(await page.locator('.wb-print').isHidden(), true, 'no print button on paper');
        await page.emulateMedia({ media: 'screen' });
      }
      assertNoErrors(page);
    });
  });
}

describe('accessibility and validity while playing', () => {
  for (const scheme of ['light', 'dark']) {
    test(`axe finds nothing mid-conversation, at the debrief, on results and in the workbook (${scheme})`, async () => {
      const context = await newContext({ bypassCSP: true, colorScheme: scheme });
      const page = await newPage(context, { server });
      try {
        await open(page, server.url(ROLEPLAY));
        await checkAxe(page, `${ROLEPLAY} at the start (${scheme})`);
        await play(page, SUCCESS.slice(0, 2));
        await checkAxe(page, `${ROLEPLAY} mid-conversation (${scheme})`);
        if (scheme === 'light') await dump(page, 'mid-conversation');
        await play(page, SUCCESS.slice(2));
        await checkAxe(page, `${ROLEPLAY} at the debrief (${scheme})`);
        if (scheme === 'light') await dump(page, 'debrief');
        await open(page, server.url(STYLE));
        await page.locator('.as-question').nth(0).locator('input').nth(0).check();
        await page.locator('.as-question').nth(1).locator('input').nth(1).check();
        await page.locator('.as-question').nth(2).locator('input').nth(2).check();
        await page.locator('.as-actions button').click();
        await checkAxe(page, `${STYLE} with results (${scheme})`);
        if (scheme === 'light') await dump(page, 'assessment');
        await open(page, server.url(THOUGHTS));
        await page.locator('textarea').fill('一个想法');
        await page.locator('textarea').blur();
        await checkAxe(page, `${THOUGHTS} after typing (${scheme})`);
        await open(page, server.url(WORKBOOK));
        await checkAxe(page, `${WORKBOOK} filled (${scheme})`);
        if (scheme === 'light') await dump(page, 'workbook');
        assertNoErrors(page);
      } finally {
        await context.close();
      }
    });
  }

  test('the Nu checker finds no error in the pages as they stand after interaction', () => {
    const errors = runVnu(dumps);
    assert.deepEqual(formatVnu(errors), []);
  });

  test('on a 360 px phone the conversation and debrief fit the screen', async () => {
    const context = await newContext({ viewport: { width: 360, height: 740 } });
    const page = await newPage(context, { server });
    try {
      await open(page, server.url(ROLEPLAY));
      await play(page, SUCCESS);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `page is ${width}px wide`);
      assertNoErrors(page);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the page shows the persona and says the scenario needs JavaScript', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await newPage(context, { server });
    try {
      await open(page, server.url(ROLEPLAY));
      assert.equal(await page.locator('.rp-persona').isVisible(), true);
      assert.match(await page.locator('.rp-persona').textContent(), /王女士.*中秋前购买月饼礼盒的老顾客/s);
      assert.match(await page.locator('.rp-nojs').textContent(), /需要浏览器启用 JavaScript/);
      assert.equal(await page.locator('.rp-stage').isHidden(), true, 'no half-built conversation');
      assertNoErrors(page);
    } finally {
      await context.close();
    }
  });
});
