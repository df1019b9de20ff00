// Saved progress when the browser gets in the way: storage full (QuotaExceededError),
// storage refused (private mode), a record edited by hand, two tabs writing in turn. The
// course keeps working in each case, and the trainee is told, politely, when progress
// cannot be saved.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ROOT,
  assertNoErrors,
  buildCourse,
  closeBrowser,
  formatAxe,
  newContext,
  newPage,
  open,
  runAxe,
  serve,
} from './lib.mjs';

const QUIZ = path.join(ROOT, 'tests', 'fixtures', 'valid-quiz');
const PRACTICE = path.join(ROOT, 'tests', 'fixtures', 'valid-roleplay');
const QUIZ_KEY = 'syllabus:fixture-quiz';
const PRACTICE_KEY = 'syllabus:fixture-roleplay';
const PRACTICE_PAGES = ['basics/first-thoughts.html', 'basics/style.html', 'practice/mooncake.html', 'check/final.html', 'workbook.html'];
const QUIZ_PAGES = ['lessons/formative.html', 'checks/graded.html', 'exam/final.html', 'workbook.html'];

const NOTICE_FULL_EN = /storage for the course is full/;
const NOTICE_UNAVAILABLE_EN = /does not let the course save your progress/;
const NOTICE_UNAVAILABLE_ZH = /此浏览器不允许课程保存你的学习进度（无痕浏览，或网站数据被禁止）。/;

let quiz;
let practice;
before(async () => {
  quiz = await serve(buildCourse(QUIZ));
  practice = await serve(buildCourse(PRACTICE));
});
after(async () => {
  await quiz?.close();
  await practice?.close();
  await closeBrowser();
});

/** Every write of the course's record fails as a full storage does; the rest works. */
function fillStorage(key) {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (k === key) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return setItem.call(this, k, v);
  };
}

/** Private mode in the strictest browsers: touching localStorage throws. */
function refuseStorage() {
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  });
}

const q = (page, id) => page.locator(`.quiz[data-qid="${id}"]`);
const notice = (page) => page.locator('.save-notice');

async function checkSingle(page, id, value) {
  await q(page, id).locator(`input[value="${value}"]`).check();
  await q(page, id).locator('.quiz-check').click();
  return (await q(page, id).locator('.quiz-result').textContent()).trim();
}

test('a full storage: answers still grade, and the trainee is told they are not saved', async () => {
  const context = await newContext({ bypassCSP: true });
  await context.addInitScript(fillStorage, QUIZ_KEY);
  const page = await newPage(context, { server: quiz });
  await open(page, quiz.url('lessons/formative.html'));
  assert.equal(await checkSingle(page, 'f-single', 1), 'Correct. Score: 1 of 1.');
  assert.match(await notice(page).textContent(), NOTICE_FULL_EN);
  assert.equal(await notice(page).getAttribute('role'), 'status', 'announced politely');
  assert.ok(await notice(page).isVisible());
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], `axe (${colorScheme}):\n${formatAxe(violations)}`);
  }
  assertNoErrors(page);
  await context.close();
});

test('storage refused (private mode): the course works, a notice says progress is not kept', async () => {
  const context = await newContext({ bypassCSP: true });
  await context.addInitScript(refuseStorage);
  const page = await newPage(context, { server: quiz });
  await open(page, quiz.url('lessons/formative.html'));
  assert.match(await notice(page).textContent(), NOTICE_UNAVAILABLE_EN, 'said as the page opens');
  assert.equal(await checkSingle(page, 'f-single', 1), 'Correct. Score: 1 of 1.');
  await page.setViewportSize({ width: 360, height: 740 });
  const box = await notice(page).boundingBox();
  assert.ok(box && box.width <= 360, 'the notice fits a phone');
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatAxe(violations));
  assertNoErrors(page);

  // A Chinese course says it in Chinese; role-plays and reflections still work.
  const zh = await newPage(context, { server: practice });
  await open(zh, practice.url('practice/mooncake.html'));
  assert.match(await notice(zh).textContent(), NOTICE_UNAVAILABLE_ZH);
  await zh.locator('.rp-choices button').first().click();
  assert.ok((await zh.locator('.rp-log .rp-msg').count()) > 1, 'the conversation goes on');
  await open(zh, practice.url('basics/first-thoughts.html'));
  await zh.locator('textarea').first().fill('先处理心情，再处理事情。');
  assertNoErrors(zh);
  await context.close();
});

test('while progress is saved, no page shows the notice', async () => {
  const context = await newContext();
  const page = await newPage(context, { server: practice });
  for (const rel of PRACTICE_PAGES) {
    await open(page, practice.url(rel));
    assert.equal(await notice(page).textContent(), '', rel);
    assert.equal(await notice(page).evaluate((el) => el.getBoundingClientRect().height), 0, `${rel}: takes no room`);
  }
  assertNoErrors(page);
  await context.close();
});

/** Does what a trainee does on each page: picks answers, presses buttons, writes. */
async function useEverything(page, server, pages) {
  for (const rel of pages) {
    await open(page, server.url(rel));
    for (const input of await page.locator('main input[type=radio]:visible, main input[type=checkbox]:visible').all()) {
      await input.check({ timeout: 1000 }).catch(() => {});
    }
    for (const area of await page.locator('main textarea:visible').all()) await area.fill('我的计划');
    for (const button of (await page.locator('main button:visible').all()).slice(0, 12)) {
      await button.click({ timeout: 1000 }).catch(() => {});
    }
  }
}

// What a hand edit, a bad sync tool or an older version could leave under a good hash.
const JUNK = ['junk', null, 42, [], { answer: { x: 1 }, checked: 'yes', score: 'x', max: -1 }, { runs: 'many', best: {}, last: [1] }, { attempts: [null, 'x'], answers: 7 }, { text: { a: 1 }, answers: [null], totals: 'x' }];

for (const [name, server, key, pages] of [
  ['quiz', () => quiz, QUIZ_KEY, QUIZ_PAGES],
  ['practice', () => practice, PRACTICE_KEY, PRACTICE_PAGES],
]) {
  test(`a hand-edited record on the ${name} course: every page loads and still works`, async () => {
    const context = await newContext();
    const page = await newPage(context, { server: server() });
    await useEverything(page, server(), pages);
    const good = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
    assert.ok(Object.keys(good.items).length >= 3, `the trainee's work was saved: ${Object.keys(good.items)}`);
    assertNoErrors(page, 'using the course');
    for (const junk of JUNK) {
      const bad = { ...good, items: {} };
      for (const [k, it] of Object.entries(good.items)) bad.items[k] = { ...it, v: junk };
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(bad)]);
      await useEverything(page, server(), pages);
      assertNoErrors(page, `with every saved value ${JSON.stringify(junk)}`);
      assert.equal(await notice(page).textContent(), '');
    }
    await context.close();
  });
}

test('two tabs answering in turn keep both answers', async () => {
  const context = await newContext();
  const a = await newPage(context, { server: quiz });
  const b = await newPage(context, { server: quiz });
  await open(a, quiz.url('lessons/formative.html'));
  await open(b, quiz.url('lessons/formative.html'));
  assert.equal(await checkSingle(a, 'f-single', 1), 'Correct. Score: 1 of 1.');
  await q(b, 'f-truefalse').locator('input[value="false"]').check();
  await q(b, 'f-truefalse').locator('.quiz-check').click();
  // Tab A answers again after tab B saved: B's answer must survive A's save.
  await q(a, 'f-numeric').locator('input').fill('4');
  await q(a, 'f-numeric').locator('.quiz-check').click();
  for (const page of [a, b]) {
    await page.reload();
    assert.ok(await q(page, 'f-single').locator('input[value="1"]').isChecked(), 'the first answer of tab A');
    assert.ok(await q(page, 'f-truefalse').locator('input[value="false"]').isChecked(), 'the answer of tab B');
    assert.equal(await q(page, 'f-numeric').locator('input').inputValue(), '4', 'the second answer of tab A');
    assertNoErrors(page);
  }
  await context.close();
});
