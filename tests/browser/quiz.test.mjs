// Quizzes as a trainee uses them, in Chromium, by keyboard: every type answered right
// and wrong, graded pages passed, failed and exhausted, exams drawn, progress kept
// across reloads and rebuilds, a corrupt saved value survived, over http and file://,
// and axe clean after answering.

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT,
  assertNoErrors,
  buildCourse,
  closeBrowser,
  fileUrl,
  formatAxe,
  newContext,
  newPage,
  open,
  runAxe,
  runBuild,
  serve,
} from './lib.mjs';

const COURSE = path.join(ROOT, 'tests', 'fixtures', 'valid-quiz');
const STORE_KEY = 'syllabus:fixture-quiz';
let site;
let server;

before(async () => {
  site = buildCourse(COURSE);
  server = await serve(site);
});

after(async () => {
  await server?.close();
  await closeBrowser();
});

/** A fresh page (own context, so its own localStorage) on the http site. */
async function fresh(options = {}) {
  const context = await newContext(options);
  const page = await newPage(context, { server, dir: site });
  return { context, page };
}

const q = (page, id) => page.locator(`.quiz[data-qid="${id}"]`);

/** Moves a focused select to `value` with arrow keys, as a keyboard user would. */
async function pickByKeyboard(page, select, value) {
  await select.focus();
  const values = await select.evaluate((s) => Array.from(s.options).map((o) => o.value));
  for (let guard = 0; guard < 20; guard++) {
    const current = await select.inputValue();
    if (current === value) return;
    const diff = values.indexOf(value) - values.indexOf(current);
    await page.keyboard.press(diff > 0 ? 'ArrowDown' : 'ArrowUp');
  }
  throw new Error(`could not select ${value}`);
}

/**
 * Answers question `id` by keyboard. `answer` uses the written order: option indices
 * (single/multiple), true/false, texts per blank (fill), item index per position
 * (order), pair index per left item (match), text (numeric).
 */
async function answer(page, id, type, value) {
  const block = q(page, id);
  switch (type) {
    case 'single':
    case 'truefalse': {
      const input = block.locator(`input[value="${String(value)}"]`);
      await input.focus();
      await page.keyboard.press('Space');
      break;
    }
    case 'multiple':
      for (const v of value) {
        await block.locator(`input[value="${v}"]`).focus();
        await page.keyboard.press('Space');
      }
      break;
    case 'fill': {
      const blanks = block.locator('input.quiz-blank');
      for (let i = 0; i < value.length; i++) {
        await blanks.nth(i).focus();
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type(value[i]);
      }
      break;
    }
    case 'numeric':
      await block.locator('input.quiz-number').focus();
      await page.keyboard.type(String(value));
      break;
    case 'order': {
      const selects = block.locator('select');
      const shown = await selects.evaluateAll((els) => els.map((e) => e.value));
      if (shown.join() === value.join()) {
        // Already in the wanted order: a trainee confirms it by moving an item and back.
        await pickByKeyboard(page, selects.nth(0), shown[1]);
        await pickByKeyboard(page, selects.nth(0), shown[0]);
      }
      for (let i = 0; i < value.length; i++) await pickByKeyboard(page, selects.nth(i), String(value[i]));
      break;
    }
    case 'match': {
      const selects = block.locator('select');
      for (let i = 0; i < value.length; i++) await pickByKeyboard(page, selects.nth(i), String(value[i]));
      break;
    }
    default:
      throw new Error(type);
  }
}

async function pressButton(page, locator) {
  await locator.focus();
  await page.keyboard.press('Enter');
}

const result = async (page, id) => (await q(page, id).locator('.quiz-result').textContent()).trim();

// What each formative question on lessons/formative.html gets, right and wrong.
const FORMATIVE = [
  ['f-single', 'single', 1, 0],
  ['f-multiple', 'multiple', [0, 2], [1, 3]],
  ['f-truefalse', 'truefalse', false, true],
  ['f-fill', 'fill', ['５－６倍', '24。'], ['seven times', '48']],
  ['f-order', 'order', [0, 1, 2, 3], [3, 2, 1, 0]],
  ['f-match', 'match', [0, 1, 2], [1, 2, 0]],
  ['f-numeric', 'numeric', '5.8', '7'],
  ['f-range', 'numeric', '95', '96'],
  ['f-noshuffle', 'single', 2, 0],
];
const MAX = { 'f-multiple': 2 };

for (const via of ['http', 'file']) test(`each question type answered right and wrong by keyboard shows its feedback (${via})`, async () => {
  const { context, page } = await fresh();
  await open(page, via === 'http' ? server.url('lessons/formative.html') : fileUrl(site, 'lessons/formative.html'));
  for (const [id, type, right, wrong] of FORMATIVE) {
    const max = MAX[id] ?? 1;
    await answer(page, id, type, right);
    await pressButton(page, q(page, id).locator('.quiz-check'));
    assert.equal(await result(page, id), `Correct. Score: ${max} of ${max}.`, `${id} right`);
    const retry = q(page, id).locator('.quiz-retry');
    assert.ok(await retry.isVisible(), `${id}: try again offered`);
    assert.equal(await page.evaluate(() => document.activeElement.className), 'quiz-retry', 'focus moves to Try again');
    await page.keyboard.press('Enter');
    assert.equal(await result(page, id), '', `${id}: cleared for a new try`);
    await answer(page, id, type, wrong);
    await pressButton(page, q(page, id).locator('.quiz-check'));
    assert.equal(await result(page, id), `Not quite. Score: 0 of ${max}.`, `${id} wrong`);
  }
  // Per-option feedback and explanation on the single-choice question.
  const single = q(page, 'f-single');
  assert.match(await single.locator('.quiz-option[data-index="0"]').textContent(), /✗ not correct.*Arguing makes it worse\./);
  assert.match(await single.locator('.quiz-option[data-index="1"]').textContent(), /◇ correct answer/);
  assert.match(await single.locator('.quiz-explanation').textContent(), /An apology for the experience comes first/);
  // Fill shows the accepted answer next to a wrong blank.
  assert.match(await q(page, 'f-fill').locator('.quiz-prompt-body').textContent(), /✗ not correct · Correct answer: 5-6倍/);
  assertNoErrors(page);
  await context.close();
});

test('partial credit, unanswered questions and hints', async () => {
  const { context, page } = await fresh();
  await open(page, server.url('lessons/formative.html'));
  await pressButton(page, q(page, 'f-single').locator('.quiz-check'));
  assert.equal(await result(page, 'f-single'), 'Answer the question first.');
  await answer(page, 'f-multiple', 'multiple', [0]);
  await pressButton(page, q(page, 'f-multiple').locator('.quiz-check'));
  assert.equal(await result(page, 'f-multiple'), 'Partly correct. Score: 1 of 2.');
  await answer(page, 'f-fill', 'fill', ['五到六倍', '']);
  await pressButton(page, q(page, 'f-fill').locator('.quiz-check'));
  assert.equal(await result(page, 'f-fill'), 'Partly correct. Score: 0.5 of 1.');
  const hint = q(page, 'f-single').locator('.quiz-hint');
  assert.equal(await hint.locator('p').isVisible(), false, 'the hint waits to be asked for');
  await pressButton(page, hint.locator('summary'));
  assert.equal(await hint.locator('p').isVisible(), true);
  assertNoErrors(page);
  await context.close();
});

test('formative answers survive a reload', async () => {
  const { context, page } = await fresh();
  await open(page, server.url('lessons/formative.html'));
  await answer(page, 'f-truefalse', 'truefalse', false);
  await pressButton(page, q(page, 'f-truefalse').locator('.quiz-check'));
  await answer(page, 'f-numeric', 'numeric', '4');
  await page.reload();
  assert.equal(await result(page, 'f-truefalse'), 'Correct. Score: 1 of 1.');
  assert.ok(await q(page, 'f-truefalse').locator('input[value="false"]').isChecked());
  assert.equal(await q(page, 'f-numeric').locator('input').inputValue(), '4', 'an unchecked answer is kept too');
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
  assert.equal(stored.version, 1);
  assert.equal(stored.course, 'fixture-quiz');
  assert.deepEqual(stored.items['question:f-truefalse'].v, { answer: false, checked: true, score: 1, max: 1 });
  assertNoErrors(page);
  await context.close();
});

// The graded page's right answers, in the written order.
const GRADED_RIGHT = [
  ['g-single', 'single', 1],
  ['g-multiple', 'multiple', [0, 2]],
  ['g-truefalse', 'truefalse', false],
  ['g-fill', 'fill', ['Far Less.']],
  ['g-order', 'order', [0, 1, 2]],
  ['g-match', 'match', [0, 1]],
  ['g-numeric', 'numeric', '3'],
];

/** The graded page's result, one line per paragraph. */
const pageResult = (page) =>
  page.locator('.quiz-page-result').evaluate((el) => {
    const ps = Array.from(el.querySelectorAll('p'));
    return (ps.length ? ps.map((p) => p.textContent).join('\n') : el.textContent).trim();
  });

test('a graded page: pass, retry, fail, attempts exhausted, all kept on reload', async () => {
  const { context, page } = await fresh();
  await open(page, server.url('checks/graded.html'));
  assert.equal(await page.locator('.quiz-page-status').textContent(), 'Attempt 1 of 2.');
  assert.equal(await page.locator('.quiz-check').count(), 0);
  for (const [id, type, v] of GRADED_RIGHT) await answer(page, id, type, v);
  await pressButton(page, page.locator('.quiz-submit'));
  assert.equal(
    await pageResult(page),
    'Your score: 7 of 7 points (100%).\nPassed: the pass mark is 60%.\nAttempts left: 1.',
  );
  assert.equal(await result(page, 'g-fill'), 'Correct. Score: 1 of 1.');
  assert.match(await q(page, 'g-fill').locator('.quiz-explanation').textContent(), /Retention is cheaper/);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'quiz-page-result');
  assert.ok(await q(page, 'g-single').locator('input').first().evaluate((i) => i.matches(':disabled')), 'answers are locked after submitting');

  // Second and last attempt: answer only two questions, wrongly.
  await pressButton(page, page.locator('.quiz-retry-page'));
  assert.equal(await page.locator('.quiz-page-status').textContent(), 'Attempt 2 of 2.');
  assert.equal(await q(page, 'g-single').locator('input:checked').count(), 0, 'a new attempt starts empty');
  await answer(page, 'g-single', 'single', 0);
  await pressButton(page, page.locator('.quiz-submit'));
  const warning = () => page.locator('.quiz-page-warning p').first().textContent();
  assert.equal(
    await warning(),
    '6 questions are not answered yet:',
    'asks before submitting gaps; the order question counts until an item is moved',
  );
  await answer(page, 'g-order', 'order', [1, 0, 2]);
  await pressButton(page, page.locator('.quiz-submit'));
  assert.equal(await warning(), '5 questions are not answered yet:', 'asks again after a new answer');
  await pressButton(page, page.locator('.quiz-submit'));
  assert.equal(
    await pageResult(page),
    'Your score: 0.33 of 7 points (5%).\nNot passed: the pass mark is 60%.\nBest score so far: 100%.\nNo attempts left.',
  );
  assert.equal(await result(page, 'g-order'), 'Partly correct. Score: 0.33 of 1.');
  assert.match(await q(page, 'g-single').locator('.quiz-option[data-index="1"]').textContent(), /◇ correct answer/);
  assert.equal(await page.locator('.quiz-retry-page').isVisible(), false, 'no retry once attempts are used up');
  assert.equal(await page.locator('.quiz-submit').isVisible(), false);

  await page.reload();
  assert.match(await pageResult(page), /No attempts left\./);
  assert.ok(await q(page, 'g-single').locator('input[value="0"]').isChecked(), 'the last answers are still there');
  assert.equal(await page.locator('.quiz-retry-page').isVisible(), false);
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
  const rec = stored.items['quiz:checks/graded'].v;
  assert.equal(rec.attempts, 2);
  assert.equal(rec.passed, true);
  assert.equal(rec.best, 100);
  assertNoErrors(page);
  await context.close();
});

test('reveal: after-pass hides answers until passed; never shows only the score', async () => {
  const { context, page } = await fresh();
  await open(page, server.url('checks/after-pass.html'));
  await answer(page, 'p-one', 'truefalse', false);
  await answer(page, 'p-two', 'single', 0);
  await pressButton(page, page.locator('.quiz-submit'));
  assert.match(await pageResult(page), /Not passed: the pass mark is 100%\.\nCorrect answers are shown once you pass\./);
  assert.equal(await result(page, 'p-one'), 'Not quite. Score: 0 of 1.');
  assert.equal(await q(page, 'p-one').locator('.quiz-mark', { hasText: 'correct answer' }).count(), 0);
  assert.equal(await q(page, 'p-one').locator('.quiz-explanation').isVisible(), false);
  await pressButton(page, page.locator('.quiz-retry-page'));
  await answer(page, 'p-one', 'truefalse', true);
  await answer(page, 'p-two', 'single', 0);
  await pressButton(page, page.locator('.quiz-submit'));
  assert.match(await pageResult(page), /^Your score: 2 of 2 points \(100%\)\.\nPassed/);
  assert.match(await q(page, 'p-one').locator('.quiz-explanation').textContent(), /Callers hear it/);

  await open(page, server.url('checks/never.html'));
  const visible = page.locator('.quiz:visible');
  assert.equal(await visible.count(), 2, 'draw: 2 of 3');
  await pressButton(page, page.locator('.quiz-submit'));
  await pressButton(page, page.locator('.quiz-submit'));
  assert.match(await pageResult(page), /^Your score: 0 of 2 points \(0%\)\.\nNot passed: the pass mark is 50%\.\nThis quiz does not show the correct answers\.$/);
  assert.equal(await page.locator('.quiz-result:not(:empty)').count(), 0, 'no per-question marks');
  assert.equal(await page.locator('.quiz-mark:not(:empty)').count(), 0);
  assertNoErrors(page);
  await context.close();
});

test('an exam draws its questions from the whole course, kept across a reload', async () => {
  const { context, page } = await fresh();
  await open(page, server.url('exam/final.html'));
  assert.equal(await page.locator('.quiz').count(), 12, 'the pool is in the page');
  const ids = () => page.locator('.quiz:visible').evaluateAll((els) => els.map((e) => e.dataset.qid));
  const first = await ids();
  assert.equal(first.length, 5);
  await page.reload();
  assert.deepEqual(await ids(), first, 'the same draw after a reload');
  await pressButton(page, page.locator('.quiz-submit'));
  await pressButton(page, page.locator('.quiz-submit'));
  // Nothing answered scores 0: an order question left as shown earns no partial credit.
  assert.match(await pageResult(page), /^Your score: 0 of \d+ points \(0%\)\.\nNot passed/);
  // New attempts draw again; over a few retries at least one draw differs.
  let differs = false;
  for (let i = 0; i < 4 && !differs; i++) {
    await pressButton(page, page.locator('.quiz-retry-page'));
    const now = await ids();
    assert.equal(now.length, 5);
    differs = now.join() !== first.join();
    await pressButton(page, page.locator('.quiz-submit'));
    await pressButton(page, page.locator('.quiz-submit'));
  }
  assert.ok(differs, 'retries draw other questions');
  assertNoErrors(page);
  await context.close();
});

test('editing a question and rebuilding drops only that answer', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-quiz-edit-'));
  const course = path.join(tmp, 'course');
  fs.cpSync(COURSE, course, { recursive: true });
  const out = path.join(tmp, 'site');
  runBuild(course, out);
  const local = await serve(out);
  const context = await newContext();
  const page = await newPage(context, { server: local });
  try {
    await open(page, local.url('lessons/formative.html'));
    for (const [id, type, right] of [FORMATIVE[0], FORMATIVE[2]]) {
      await answer(page, id, type, right);
      await pressButton(page, q(page, id).locator('.quiz-check'));
    }
    const lesson = path.join(course, '01-lessons', '01-formative.md');
    fs.writeFileSync(lesson, fs.readFileSync(lesson, 'utf8').replace('What do you say **first**', 'What do you say **before anything else**'));
    runBuild(course, out);
    await page.reload();
    assert.match(await q(page, 'f-single').locator('legend').textContent(), /before anything else/);
    assert.equal(await result(page, 'f-single'), '', 'the edited question forgot its answer');
    assert.equal(await q(page, 'f-single').locator('input:checked').count(), 0);
    assert.equal(await result(page, 'f-truefalse'), 'Correct. Score: 1 of 1.', 'the other answer survived');
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
    assert.equal(stored.items['question:f-single'], undefined);
    assertNoErrors(page);
  } finally {
    await context.close();
    await local.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('a corrupt or foreign saved value is ignored and the page still works', async () => {
  for (const bad of ['{not json', '{"version":99,"course":"fixture-quiz","items":{}}', '{"version":1,"course":"other","items":{"question:f-single":{"h":"x","v":1}}}']) {
    const { context, page } = await fresh();
    await open(page, server.url('lessons/formative.html'));
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORE_KEY, bad]);
    await page.reload();
    await answer(page, 'f-single', 'single', 1);
    await pressButton(page, q(page, 'f-single').locator('.quiz-check'));
    assert.equal(await result(page, 'f-single'), 'Correct. Score: 1 of 1.');
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
    assert.equal(stored.version, 1, 'the bad value was replaced by a good record');
    assertNoErrors(page);
    await context.close();
  }
});

test('quizzes work from file:// too', async () => {
  const context = await newContext();
  const page = await newPage(context, { dir: site });
  await open(page, fileUrl(site, 'lessons/formative.html'));
  await answer(page, 'f-match', 'match', [0, 1, 2]);
  await pressButton(page, q(page, 'f-match').locator('.quiz-check'));
  assert.equal(await result(page, 'f-match'), 'Correct. Score: 1 of 1.');
  await page.reload();
  assert.equal(await result(page, 'f-match'), 'Correct. Score: 1 of 1.', 'kept under file:// as well');
  await open(page, fileUrl(site, 'checks/graded.html'));
  for (const [id, type, v] of GRADED_RIGHT) await answer(page, id, type, v);
  await pressButton(page, page.locator('.quiz-submit'));
  assert.match(await pageResult(page), /^Your score: 7 of 7 points \(100%\)\.\nPassed/);
  assertNoErrors(page);
  await context.close();
});

test('without JavaScript every question is shown as working form controls', async () => {
  const { context, page } = await fresh({ javaScriptEnabled: false });
  for (const url of ['lessons/formative.html', 'exam/final.html']) {
    await open(page, server.url(url));
    const total = await page.locator('.quiz').count();
    assert.ok(total > 0);
    assert.equal(await page.locator('.quiz:visible').count(), total, `${url}: every question visible`);
    assert.ok(await page.locator('.quiz-noscript').isVisible());
  }
  await open(page, server.url('lessons/formative.html'));
  await answer(page, 'f-fill', 'fill', ['5-6倍', '24']);
  await answer(page, 'f-single', 'single', 1);
  assert.ok(await q(page, 'f-single').locator('input[value="1"]').isChecked(), 'controls still work');
  await context.close();
});

test('axe finds nothing on quiz pages before and after answering, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await fresh({ bypassCSP: true, colorScheme });
    await open(page, server.url('lessons/formative.html'));
    let v = await runAxe(page);
    assert.deepEqual(formatAxe(v, `formative ${colorScheme}`), []);
    for (const [id, type, right, wrong] of FORMATIVE) {
      await answer(page, id, type, id.length % 2 ? right : wrong);
      await pressButton(page, q(page, id).locator('.quiz-check'));
    }
    await answer(page, 'f-multiple', 'multiple', []);
    v = await runAxe(page);
    assert.deepEqual(formatAxe(v, `formative answered ${colorScheme}`), []);
    for (const url of ['checks/graded.html', 'exam/final.html', 'checks/after-pass.html']) {
      await open(page, server.url(url));
      v = await runAxe(page);
      assert.deepEqual(formatAxe(v, `${url} ${colorScheme}`), []);
      if (url === 'checks/graded.html') for (const [id, type, val] of GRADED_RIGHT.slice(0, 4)) await answer(page, id, type, val);
      await pressButton(page, page.locator('.quiz-submit'));
      await pressButton(page, page.locator('.quiz-submit'));
      v = await runAxe(page);
      assert.deepEqual(formatAxe(v, `${url} submitted ${colorScheme}`), []);
    }
    await context.close();
  }
});
