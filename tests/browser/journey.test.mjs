// The trainee journey on a small course that asks for every kind of work
// (tests/fixtures/valid-journey): progress marks in the sidebar, on the home page, the
// module page and the progress page; "continue" to the first unfinished page; the
// progress file downloaded, storage cleared, imported, and the same state found; a
// corrupt file, another course's, a newer format's and a hand-edited one refused with
// the record untouched; an older course version's file imported without its stale
// records; reset. (Certificate and review: journey-certificate.test.mjs; Nu, axe,
// file:// and a phone: journey-quality.test.mjs.)

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { assertNoErrors } from './lib.mjs';
import { J, asFile, check, download, fresh, go, importFile, record, rows, sidebar, snapshot, someProgress, submit, texts, useJourneySite, writeReflection } from './journey-lib.mjs';

useJourneySite();

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
      // The list is built when the details open (a toggle event, after the click).
      await page.locator('details.module-pages[data-module="0"] li .mark').first().waitFor();
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
        await other.page.goto(J.server.url('progress.html'));
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
        await second.page.goto(J.server.url('progress.html'));
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
