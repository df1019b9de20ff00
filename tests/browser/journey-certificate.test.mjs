// The certificate and spaced review on the journey fixture course: the certificate is
// withheld with exactly what is missing and links to it, then shows the name typed, the
// course, its version, the date and the exam score, and prints on one A4 landscape page;
// wrong answers come back for review and leave after right answers on two different
// days, with the clock set to each day; and review keeps a graded page's `reveal`.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, assertNoErrors, buildCourse, newContext, newPage, open, serve } from './lib.mjs';
import { check, complete, fresh, go, record, submit, texts, useJourneySite, writeReflection } from './journey-lib.mjs';

useJourneySite();

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

describe('review keeps a graded page\'s reveal', () => {
  test('a `reveal: never` question says only whether the answer is right; a lesson\'s shows the answer', async () => {
    const site = buildCourse(path.join(ROOT, 'tests', 'fixtures', 'valid-quiz'));
    const server = await serve(site);
    const context = await newContext();
    const page = await newPage(context, { server });
    try {
      await open(page, server.url('review.html'));
      // Both answered wrong earlier today: on the `never` quiz page and on a lesson.
      await page.evaluate(() => {
        const c = window.SyllabusCourse;
        const today = window.Syllabus.reviewQueue.day(Date.now());
        const entry = { since: today, due: today, right: [], wrong: 1 };
        window.Syllabus.store.set('review', 'n-one', c.questions['n-one'], entry);
        window.Syllabus.store.set('review', 'f-truefalse', c.questions['f-truefalse'], entry);
      });
      await page.reload();
      const never = page.locator('.review-item[data-qid="n-one"]');
      assert.equal(await never.getAttribute('data-reveal'), 'never');
      await never.locator('input[value="false"]').check();
      await never.locator('.quiz-check').click();
      assert.equal(await never.locator('.review-note').textContent(), 'Not yet. It stays on your review list; try it again later.');
      assert.equal(await never.locator('.quiz-mark:not(:empty)').count(), 0, 'no marks, no right answer');
      assert.equal(await never.locator('.quiz-explanation').isHidden(), true);
      const lesson = page.locator('.review-item[data-qid="f-truefalse"]');
      assert.equal(await lesson.getAttribute('data-reveal'), 'always');
      const wrong = await lesson.evaluate((li) => String(!JSON.parse(li.querySelector('.quiz-data').textContent).answer));
      await lesson.locator(`input[value="${wrong}"]`).check();
      await lesson.locator('.quiz-check').click();
      assert.ok((await lesson.locator('.quiz-mark:not(:empty)').count()) >= 2, 'the wrong pick and the right answer are marked');
      assertNoErrors(page);
    } finally {
      await context.close();
      await server.close();
    }
  });
});
