// The trainee journey on a small course that asks for every kind of work
// (tests/fixtures/valid-journey): progress marks in the sidebar, on the home page, the
// module page and the progress page; "continue" to the first unfinished page; the
// progress file downloaded, storage cleared, imported, and the same state found; a
// corrupt file, another course's, a newer format's and a hand-edited one refused with
// the record untouched; an older course version's file imported without its stale
// records; the certificate withheld with what is missing, then shown and printed to
// one A4 page; and every journey page valid (Nu), accessible (axe, light and dark),
// over http and from file://, without a console error.

import { after, before, describe, test } from 'node:test';
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
  formatVnu,
  newContext,
  newPage,
  open,
  runAxe,
  runVnu,
  serve,
} from './lib.mjs';

const COURSE = path.join(ROOT, 'tests', 'fixtures', 'valid-journey');
const KEY = 'syllabus:fixture-journey';
const PAGES = ['start/welcome.html', 'start/check.html', 'start/quiz.html', 'practice/call.html', 'practice/style.html', 'practice/exam.html'];
let site;
let server;
let tmp;

before(async () => {
  site = buildCourse(COURSE);
  server = await serve(site);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-journey-'));
});

after(async () => {
  await server?.close();
  await closeBrowser();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function fresh(options = {}) {
  const context = await newContext({ acceptDownloads: true, ...options });
  const page = await newPage(context, { server, dir: site });
  return { context, page };
}

const go = (page, rel) => open(page, server.url(rel));
const record = (page) => page.evaluate((k) => localStorage.getItem(k), KEY);
const texts = (loc) => loc.evaluateAll((els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
/** A table's body rows, each as its cells' texts joined by ' | '. */
const rows = (page, part) =>
  page
    .locator(`[data-part="${part}"] tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent.replace(/\s+/g, ' ').trim()).join(' | ')));

/** The sidebar's marks on the current page: {page url: [state, visible mark, words]}. */
async function sidebar(page) {
  return page.locator('.nav-pages a[data-track]').evaluateAll((as) =>
    Object.fromEntries(
      as.map((a) => [
        a.dataset.page,
        [a.dataset.state, a.querySelector('.mark-icon')?.textContent ?? '', a.querySelector('.mark .sr-label')?.textContent ?? ''],
      ]),
    ),
  );
}

async function check(page, id, value) {
  const block = page.locator(`.quiz[data-qid="${id}"]`);
  await block.locator(`input[value="${value}"]`).check();
  await block.locator('.quiz-check').click();
  await block.locator('.quiz-retry').waitFor({ state: 'visible' });
}

/** Submits the graded page with the given answers: {id: option index or text}. */
async function submit(page, answers) {
  for (const [id, v] of Object.entries(answers)) {
    const block = page.locator(`.quiz-page .quiz[data-qid="${id}"]`);
    if (!(await block.isVisible())) continue;
    if (typeof v === 'number') await block.locator(`input[value="${v}"]`).check();
    else await block.locator('input.quiz-blank').fill(v);
  }
  await page.locator('.quiz-submit').click();
  await page.locator('.quiz-page-result p').first().waitFor();
}

async function writeReflection(page, text) {
  const area = page.locator('[data-reflect] textarea');
  await area.fill(text);
  await area.blur();
  await page.waitForFunction((k) => (localStorage.getItem(k) || '').includes('reflect:my-plan'), KEY);
}

/** Does everything the course asks for except what `skip` names. */
async function complete(page, skip = []) {
  for (const rel of PAGES) await go(page, rel);
  if (!skip.includes('questions')) {
    await go(page, 'start/check.html');
    await check(page, 'check-first', 0);
    await check(page, 'check-refund', 'false');
  }
  if (!skip.includes('reflection')) {
    await go(page, 'start/check.html');
    await writeReflection(page, 'Call back the next day.');
  }
  await go(page, 'start/quiz.html');
  await submit(page, { 'quiz-greeting': 0, 'quiz-follow-up': 'follow-up' });
  if (!skip.includes('roleplay')) {
    await go(page, 'practice/call.html');
    await page.locator('.rp-choice').first().click();
    await page.locator('.rp-debrief').waitFor({ state: 'visible' });
  }
  if (!skip.includes('assessment')) {
    await go(page, 'practice/style.html');
    await page.locator('fieldset.as-question input[value="0"]').check();
    await page.locator('.as-actions button').click();
    await page.locator('.as-results').waitFor({ state: 'visible' });
  }
  if (!skip.includes('exam')) {
    await go(page, 'practice/exam.html');
    await submit(page, { 'quiz-greeting': 0, 'quiz-follow-up': 'follow up' });
  }
}

describe('progress everywhere', () => {
  test('sidebar, module page, home and progress page follow the trainee', async () => {
    const { context, page } = await fresh();
    try {
      await go(page, 'index.html');
      assert.equal(await page.locator('[data-start]').isVisible(), true, 'a new trainee is offered to start');
      assert.equal(await page.locator('[data-continue]').isVisible(), false);
      assert.match(await page.locator('[data-journey-summary]').textContent(), /0 of 6 pages done/);

      await go(page, 'start/welcome.html');
      let marks = await sidebar(page);
      assert.deepEqual(marks['start/welcome.html'], ['done', '✓', ' (done)'], 'a plain lesson is done once opened');
      assert.deepEqual(marks['start/check.html'], ['new', '', '']);
      // The mark's icon is hidden from screen readers, its words are in the link's name.
      assert.equal(await page.getByRole('link', { name: 'Welcome (done)', exact: true }).getAttribute('aria-current'), 'page');

      await go(page, 'start/check.html');
      await check(page, 'check-first', 1); // wrong
      await check(page, 'check-refund', 'false');
      marks = await sidebar(page);
      assert.deepEqual(marks['start/check.html'], ['visited', '◐', ' (visited)'], 'the reflection is still to write');

      await go(page, 'start/quiz.html');
      await submit(page, { 'quiz-greeting': 1, 'quiz-follow-up': 'nothing' });
      marks = await sidebar(page);
      assert.deepEqual(marks['start/quiz.html'], ['visited', '✗ 0%', ' (not passed yet, best score 0%)']);
      await page.locator('.quiz-retry-page').click();
      await submit(page, { 'quiz-greeting': 0, 'quiz-follow-up': 'FOLLOW-UP' });
      marks = await sidebar(page);
      assert.deepEqual(marks['start/quiz.html'], ['done', '✓ 100%', ' (passed, best score 100%)']);

      await go(page, 'start/index.html');
      assert.equal(await page.locator('[data-module-progress]').textContent(), '2 of 3 pages done');
      assert.deepEqual(await page.locator('.page-list li').evaluateAll((ls) => ls.map((l) => l.dataset.state)), ['done', 'visited', 'done']);

      await go(page, 'index.html');
      const cont = page.locator('[data-continue]');
      assert.equal(await cont.textContent(), 'Continue: Check yourself', 'the first page not done');
      assert.equal(await page.locator('[data-start]').isVisible(), false);
      assert.deepEqual(await texts(page.locator('.module-card .module-progress')), ['2 of 3 pages done', '0 of 3 pages done']);
      const summary = await page.locator('[data-journey-summary]').textContent();
      assert.match(summary, /2 of 6 pages done/);
      // The wrong check, and the quiz's two questions got wrong then right: those come back tomorrow.
      assert.match(summary, /1 question to review today: review them now\./);
      await page.locator('details.module-pages[data-module="0"] summary').click();
      assert.deepEqual(await texts(page.locator('details.module-pages[data-module="0"] li')), [
        'Welcome ✓ (done)',
        'Check yourself ◐ (visited)',
        'Module quiz ✓ 100% (passed, best score 100%)',
      ]);
      await cont.click();
      await page.waitForURL(/start\/check\.html$/);

      await go(page, 'progress.html');
      const rules = await texts(page.locator('.jr-rules li'));
      assert.deepEqual(rules, [
        '○ Pass every graded quiz: 1 of 2',
        '○ Pass the final exam: 0 of 1',
        '○ Finish every role-play: 0 of 1',
        '○ Complete every self-assessment: 0 of 1',
        '○ Write every reflection: 0 of 1',
        '○ Open every page: 3 of 6',
      ]);
      assert.deepEqual(await rows(page, 'quizzes'), [
        'Module quiz | 100% | 2 of 3 | ✓ Passed',
        'Final exam (final exam) | — | 0 | ○ Not taken yet',
      ]);
      assert.deepEqual(await rows(page, 'modules'), ['Getting started | 2 of 3 pages done', 'Practice | 0 of 3 pages done']);
      assert.deepEqual(await rows(page, 'roleplays'), ['Ms Wang | — | Not played yet | ○ Not played yet']);
      assert.deepEqual(await rows(page, 'practice'), [
        'Your phone style | Self-assessment | ○ Not done yet',
        'What will you do differently on your next call? | Reflection | ○ Not done yet',
      ]);
      assert.match(await page.locator('.jr-overall .jr-review-due').textContent(), /^1 question to review today/);
      assertNoErrors(page);
    } finally {
      await context.close();
    }
  });
});

/** What the trainee sees of their progress: sidebar marks, home, module page, progress page. */
async function snapshot(page) {
  await go(page, 'start/quiz.html');
  const marks = await sidebar(page);
  await go(page, 'practice/style.html');
  Object.assign(marks, await sidebar(page));
  await go(page, 'index.html');
  const home = {
    continue: (await page.locator('[data-continue]').isVisible()) ? await page.locator('[data-continue]').textContent() : null,
    summary: await page.locator('[data-journey-summary]').textContent(),
    modules: await texts(page.locator('.module-card .module-progress')),
  };
  await go(page, 'progress.html');
  const progress = {
    rules: await texts(page.locator('.jr-rules li')),
    quizzes: await rows(page, 'quizzes'),
    roleplays: await rows(page, 'roleplays'),
    practice: await rows(page, 'practice'),
  };
  return { marks, home, progress };
}

async function download(page) {
  await go(page, 'progress.html');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('.jr-export').click()]);
  const file = path.join(tmp, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  assert.match(dl.suggestedFilename(), /^progress-fixture-journey-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(await page.locator('.jr-data-status').textContent(), `Downloaded ${dl.suggestedFilename()}.`);
  return file;
}

/** Picks `file` (a path, or {name, mimeType, buffer}) in the import control; returns the status line. */
async function importFile(page, file) {
  await page.locator('.jr-data-status').evaluate((el) => {
    el.textContent = '';
  });
  await page.locator('.jr-import-file').setInputFiles(file);
  await page.waitForFunction(() => {
    const s = document.querySelector('.jr-data-status').textContent;
    return s !== '' || !document.querySelector('.jr-confirm').hidden;
  });
  return page.locator('.jr-data-status');
}

const asFile = (obj) => ({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj)) });

/** Some progress on several pages, with a wrong answer and a failed attempt. */
async function someProgress(page) {
  await go(page, 'start/welcome.html');
  await go(page, 'start/check.html');
  await check(page, 'check-first', 1);
  await check(page, 'check-refund', 'true');
  await writeReflection(page, 'Listen first.');
  await go(page, 'start/quiz.html');
  await submit(page, { 'quiz-greeting': 1, 'quiz-follow-up': 'follow-up' });
  await go(page, 'practice/call.html');
  await page.locator('.rp-choice').nth(1).click();
  await page.locator('.rp-debrief').waitFor({ state: 'visible' });
}

describe('the progress file', () => {
  test('download, clear the browser, import: the same progress everywhere', async () => {
    const { context, page } = await fresh();
    try {
      await someProgress(page);
      const before = await snapshot(page);
      assert.deepEqual(before.marks['start/check.html'], ['done', '✓', ' (done)']);
      assert.deepEqual(before.marks['practice/call.html'], ['done', '✓', ' (finished: not resolved)']);
      const saved = await record(page);
      const file = await download(page);
      const content = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(content.course, 'fixture-journey');
      assert.equal(content.version, '2.0');
      assert.deepEqual(content.record, JSON.parse(saved));

      await page.evaluate(() => localStorage.clear());
      await go(page, 'progress.html');
      assert.deepEqual((await rows(page, 'quizzes'))[0], 'Module quiz | — | 0 of 3 | ○ Not taken yet', 'a browser without progress');

      const status = await importFile(page, file);
      assert.match(await status.textContent(), /^Imported: your progress as it was on \w+ \d+, \d{4}\.$/);
      assert.equal(await page.locator('.jr-confirm').isHidden(), true, 'an empty browser is not asked');
      assert.deepEqual(await snapshot(page), before);
      assertNoErrors(page);

      // And in another browser.
      const other = await fresh();
      try {
        await other.page.goto(server.url('progress.html'));
        await importFile(other.page, file);
        assert.deepEqual(await snapshot(other.page), before);
        assert.deepEqual(JSON.parse(await record(other.page)).items['reflect:my-plan'].v, { text: 'Listen first.' });
        assertNoErrors(other.page);
      } finally {
        await other.context.close();
      }
    } finally {
      await context.close();
    }
  });

  test('importing over progress asks first; Cancel keeps it, Yes replaces it', async () => {
    const { context, page } = await fresh();
    try {
      await someProgress(page);
      const file = await download(page);
      await go(page, 'start/welcome.html');
      await go(page, 'practice/style.html');
      const mine = await record(page);
      await go(page, 'progress.html');
      await importFile(page, file);
      const confirm = page.locator('.jr-confirm');
      assert.equal(await confirm.isVisible(), true);
      assert.match(await confirm.locator('.jr-confirm-text').textContent(), /^Replace the progress in this browser with the file's \(\d+ records, downloaded on /);
      assert.equal(await page.evaluate(() => document.activeElement.className), 'jr-confirm-no', 'the safe answer has the focus');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('.jr-data-status').textContent(), 'Nothing was changed.');
      assert.equal(await record(page), mine);
      await importFile(page, file);
      await page.locator('.jr-confirm-yes').click();
      assert.match(await page.locator('.jr-data-status').textContent(), /^Imported/);
      assert.equal(JSON.parse(await record(page)).items['visit:practice/style.html'], undefined, 'the file replaced the record');
      assertNoErrors(page);
    } finally {
      await context.close();
    }
  });

  test('a corrupt file, another course, a newer format and a hand-edited file are refused; nothing changes', async () => {
    const { context, page } = await fresh();
    try {
      await someProgress(page);
      const text = fs.readFileSync(await download(page), 'utf8');
      const good = JSON.parse(text);
      const other = await page.evaluate(
        (rec) => window.Syllabus.transfer.build({ ...rec, course: 'another-course' }, { id: 'another-course', title: 'Another course', version: '1' }, Date.now()),
        good.record,
      );
      const edited = structuredClone(good);
      edited.record.items['quiz:start/quiz'].v.best = 100;
      edited.record.items['quiz:start/quiz'].v.passed = true;
      const cases = [
        ['a corrupt file', text.slice(0, Math.floor(text.length / 2)), 'This is not a progress file of this course, or it is damaged. Nothing was changed.'],
        ['not a progress file', '{"hello": "world"}', 'This is not a progress file of this course, or it is damaged. Nothing was changed.'],
        ['another course', other, 'This file holds progress in another course (Another course). Nothing was changed.'],
        ['a newer format', { ...good, syllabus_progress: 2 }, 'This file was made by a newer version of the course site and cannot be read here. Nothing was changed.'],
        ['a newer record', { ...good, record: { ...good.record, version: 2 } }, 'This file was made by a newer version of the course site and cannot be read here. Nothing was changed.'],
        ['a hand-edited file', edited, 'This file was changed after it was downloaded, so it cannot be trusted. Nothing was changed.'],
      ];
      const mine = await record(page);
      for (const [what, content, message] of cases) {
        const status = await importFile(page, asFile(content));
        assert.equal(await status.textContent(), message, what);
        assert.equal(await status.evaluate((el) => el.classList.contains('jr-error')), true, `${what}: shown as an error`);
        assert.equal(await page.locator('.jr-confirm').isHidden(), true, `${what}: nothing to confirm`);
        assert.equal(await record(page), mine, `${what}: the progress is exactly as it was`);
      }
      assertNoErrors(page);
    } finally {
      await context.close();
    }
  });

  test('a file from an older version of the course keeps what still matches', async () => {
    const { context, page } = await fresh();
    try {
      await someProgress(page);
      const good = JSON.parse(fs.readFileSync(await download(page), 'utf8'));
      // As version 1.0 wrote it: the true/false question was worded differently then (another
      // hash), and a question since deleted had an answer.
      const items = structuredClone(good.record.items);
      items['question:check-refund'].h = 'old0000000';
      items['question:gone-question'] = { h: 'gone000000', v: { answer: 1, checked: true }, t: 1 };
      const older = await page.evaluate(
        ({ rec }) => window.Syllabus.transfer.build(rec, { id: 'fixture-journey', title: 'Journey fixture course', version: '1.0' }, Date.now()),
        { rec: { ...good.record, items } },
      );
      const second = await fresh();
      try {
        await second.page.goto(server.url('progress.html'));
        const status = await importFile(second.page, asFile(older));
        assert.match(await status.textContent(), /^Imported: .* 2 records were left out because those exercises have changed since\.$/);
        const kept = JSON.parse(await record(second.page)).items;
        assert.equal(kept['question:check-refund'], undefined);
        assert.equal(kept['question:gone-question'], undefined);
        assert.deepEqual(kept['question:check-first'], good.record.items['question:check-first']);
        assert.deepEqual(kept['quiz:start/quiz'], good.record.items['quiz:start/quiz']);
        assert.deepEqual(kept['reflect:my-plan'], good.record.items['reflect:my-plan']);
        assertNoErrors(second.page);
      } finally {
        await second.context.close();
      }
    } finally {
      await context.close();
    }
  });

  test('reset asks first, then deletes this course\'s progress', async () => {
    const { context, page } = await fresh();
    try {
      await someProgress(page);
      await go(page, 'progress.html');
      await page.locator('.jr-reset').click();
      assert.match(await page.locator('.jr-confirm-text').textContent(), /^Delete all your answers/);
      await page.locator('.jr-confirm-no').click();
      assert.notEqual(JSON.parse(await record(page)).items, {});
      await page.locator('.jr-reset').click();
      await page.locator('.jr-confirm-yes').click();
      assert.equal(await page.locator('.jr-data-status').textContent(), 'Your progress in this course has been deleted from this browser.');
      assert.deepEqual(JSON.parse(await record(page)).items, {});
      assert.equal(await page.evaluate(() => document.activeElement.className), 'jr-reset');
      await go(page, 'index.html');
      assert.equal(await page.locator('[data-start]').isVisible(), true);
      assertNoErrors(page);
    } finally {
      await context.close();
    }
  });
});

/** The number of pages in a PDF, and whether its first page is wider than tall. */
function pdfPages(buffer) {
  const text = buffer.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  return { pages, width: box ? Number(box[3]) - Number(box[1]) : 0, height: box ? Number(box[4]) - Number(box[2]) : 0 };
}

describe('the certificate', () => {
  test('is withheld with what is missing, then shown with the name typed and printed on one A4 page', async () => {
    const { context, page } = await fresh();
    try {
      await complete(page, ['roleplay', 'reflection']);
      await go(page, 'certificate.html');
      const missing = page.locator('.cert-missing');
      assert.equal(await missing.isVisible(), true);
      assert.equal(await page.locator('.cert-form').isHidden(), true);
      assert.equal(await page.locator('.certificate').isHidden(), true, 'no certificate before completion');
      assert.equal(await missing.locator('.cert-missing-intro').textContent(), 'Your certificate is ready once you have done these 2 things:');
      assert.deepEqual(await texts(missing.locator('li')), ['Play the role-play Ms Wang to an ending', 'Write the reflection “What will you do differently on your next call?”']);
      assert.deepEqual(await missing.locator('li a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['practice/call.html', 'start/check.html']);
      await missing.locator('li a').first().click();
      await page.waitForURL(/practice\/call\.html$/);

      await page.locator('.rp-choice').first().click();
      await go(page, 'start/check.html');
      await writeReflection(page, 'Call back the next day.');
      await go(page, 'certificate.html');
      assert.equal(await missing.isHidden(), true);
      await page.locator('.cert-form button[type=submit]').click();
      assert.equal(await page.locator('.cert-form-status').textContent(), 'Type your name first.');
      await page.locator('#cert-name').fill('  Li   Lei ');
      await page.keyboard.press('Enter');
      const cert = page.locator('.certificate');
      await cert.waitFor({ state: 'visible' });
      assert.equal(await page.evaluate(() => document.activeElement.classList.contains('certificate')), true);
      assert.equal(await cert.locator('.cert-name').textContent(), 'Li Lei');
      assert.equal(await cert.locator('.cert-course').textContent(), 'Journey fixture course');
      const facts = await cert.locator('.cert-facts > div').evaluateAll((ds) => ds.map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]));
      const today = await page.evaluate(() => new Date().toLocaleDateString('en', { year: 'numeric', month: 'long', day: 'numeric' }));
      assert.deepEqual(facts, [
        ['Course version', '2.0'],
        ['Completed on', today],
        ['Final exam score', '100%'],
      ]);
      assert.match(await cert.locator('.cert-note').textContent(), /not an official proof/);

      const pdf = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      assert.equal(pdf.pages, 1, 'the certificate prints on exactly one page');
      assert.ok(Math.abs(pdf.width - 841.9) < 2 && Math.abs(pdf.height - 595.3) < 2, `A4 landscape, not ${pdf.width} × ${pdf.height}`);

      await page.reload();
      await cert.waitFor({ state: 'visible' });
      assert.equal(await cert.locator('.cert-name').textContent(), 'Li Lei', 'the name is kept');
      assert.equal(await cert.locator('.cert-date').textContent(), today);
      await go(page, 'index.html');
      assert.match(await page.locator('[data-journey-summary]').textContent(), /You completed the course on .*See your certificate/);
      assert.equal(await page.locator('[data-continue]').isVisible(), false, 'nothing left to continue');
      assertNoErrors(page);
    } finally {
      await context.close();
    }
  });
});

describe('spaced review', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const day1 = new Date(2026, 11, 1, 9, 30).getTime();

  test('wrong answers come back and leave after right answers on two different days', async () => {
    const { context, page } = await fresh();
    const due = async () => page.locator('.review-item:not([hidden])').evaluateAll((ls) => ls.map((l) => l.dataset.qid));
    const answerIn = async (id, value) => {
      const item = page.locator(`.review-item[data-qid="${id}"]`);
      await item.locator(`input[value="${value}"]`).check();
      await item.locator('.quiz-check').click();
      return item.locator('.review-note').textContent();
    };
    try {
      await page.clock.setFixedTime(day1);
      await go(page, 'review.html');
      assert.equal(await page.locator('.review-status').textContent(), 'Nothing to review. Questions you answer wrong in the course come back here.');
      await go(page, 'start/check.html');
      await check(page, 'check-first', 1);
      await check(page, 'check-refund', 'false');
      await go(page, 'start/quiz.html');
      await submit(page, { 'quiz-greeting': 1, 'quiz-follow-up': 'follow-up' });

      await go(page, 'review.html');
      assert.equal(await page.locator('.review-status').textContent(), '2 questions to review today.');
      assert.deepEqual((await due()).sort(), ['check-first', 'quiz-greeting']);
      assert.equal(await page.locator('.review-item[data-qid="quiz-greeting"] .review-from a').getAttribute('href'), 'start/quiz.html');
      assert.equal(await answerIn('check-first', 0), 'Right. Answer it right again on another day and it leaves your review list.');
      assert.equal(await answerIn('quiz-greeting', 1), 'Not yet. It stays on your review list; try it again later.');
      assert.match(await page.locator('.review-item[data-qid="quiz-greeting"] .quiz-result').textContent(), /^Not quite\./);
      assert.equal(await page.locator('.review-status').textContent(), '1 question to review today. 1 more come back on a later day, the next on December 2, 2026.');
      await go(page, 'index.html');
      assert.match(await page.locator('[data-journey-summary]').textContent(), /1 question to review today/);
      await go(page, 'progress.html');
      assert.match(await page.locator('.jr-overall .jr-review-due').textContent(), /^1 question to review today/);

      await page.clock.setFixedTime(day1 + DAY);
      await go(page, 'review.html');
      assert.deepEqual((await due()).sort(), ['check-first', 'quiz-greeting']);
      assert.equal(await answerIn('check-first', 0), 'Right on a second day, so it leaves your review list.');
      assert.equal(await answerIn('quiz-greeting', 0), 'Right. Answer it right again on another day and it leaves your review list.');
      assert.equal(await page.locator('.review-status').textContent(), 'Nothing to review today. 1 more come back on a later day, the next on December 3, 2026.');
      await go(page, 'index.html');
      assert.doesNotMatch(await page.locator('[data-journey-summary]').textContent(), /to review/);

      await page.clock.setFixedTime(day1 + 2 * DAY);
      await go(page, 'review.html');
      assert.deepEqual(await due(), ['quiz-greeting']);
      assert.equal(await answerIn('quiz-greeting', 0), 'Right on a second day, so it leaves your review list.');
      await page.reload();
      assert.deepEqual(await due(), []);
      assert.equal(await page.locator('.review-status').textContent(), 'Nothing to review. Questions you answer wrong in the course come back here.');
      assert.deepEqual(Object.keys(JSON.parse(await record(page)).items).filter((k) => k.startsWith('review:')), []);
      await go(page, 'progress.html');
      assert.equal(await page.locator('.jr-overall .jr-review-due').textContent(), 'Nothing to review today.');
      assertNoErrors(page);
    } finally {
      await context.close();
    }
  });
});

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

  async function seeded(page, url, seed) {
    await page.goto(url('progress.html'));
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, seed]);
  }

  for (const via of ['http', 'file']) {
    test(`every journey page shows the progress, with no console error (${via})`, async () => {
      const context = await newContext();
      const page = await newPage(context, via === 'http' ? { server } : { dir: site });
      const url = (rel) => (via === 'http' ? server.url(rel) : fileUrl(site, rel));
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
    const page = await newPage(context, { server });
    const dir = fs.mkdtempSync(path.join(tmp, 'dom-'));
    try {
      for (const [name, seed] of Object.entries(seeds)) {
        await seeded(page, server.url, seed);
        for (const rel of JOURNEY_PAGES) {
          await go(page, rel);
          if (rel === 'index.html') await page.locator('details.module-pages summary').first().click();
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
      const page = await newPage(context, { server });
      const lines = [];
      try {
        for (const [name, seed] of Object.entries(seeds)) {
          await seeded(page, server.url, seed);
          for (const rel of JOURNEY_PAGES) {
            await go(page, rel);
            if (rel === 'index.html') await page.locator('details.module-pages summary').first().click();
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
    const page = await newPage(context, { server });
    try {
      await seeded(page, server.url, seeds.complete);
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
