// Shared by the journey tests (journey*.test.mjs): the journey fixture course
// (tests/fixtures/valid-journey) built and served once per test file, and the steps a
// trainee takes in it.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, buildCourse, closeBrowser, newContext, newPage, open, serve } from './lib.mjs';

export const COURSE = path.join(ROOT, 'tests', 'fixtures', 'valid-journey');
export const KEY = 'syllabus:fixture-journey';
export const PAGES = ['start/welcome.html', 'start/check.html', 'start/quiz.html', 'practice/call.html', 'practice/style.html', 'practice/exam.html'];
/** The built site, its server and a scratch folder, set before the file's tests run. */
export const J = { site: null, server: null, tmp: null };

/** Builds and serves the course before the file's tests; cleans up after them. */
export function useJourneySite() {
  before(async () => {
    J.site = buildCourse(COURSE);
    J.server = await serve(J.site);
    J.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-journey-'));
  });
  after(async () => {
    await J.server?.close();
    await closeBrowser();
    fs.rmSync(J.tmp, { recursive: true, force: true });
  });
}

export async function fresh(options = {}) {
  const context = await newContext({ acceptDownloads: true, ...options });
  const page = await newPage(context, { server: J.server, dir: J.site });
  return { context, page };
}

export const go = (page, rel) => open(page, J.server.url(rel));
export const record = (page) => page.evaluate((k) => localStorage.getItem(k), KEY);
export const texts = (loc) => loc.evaluateAll((els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
/** A table's body rows, each as its cells' texts joined by ' | '. */
export const rows = (page, part) =>
  page
    .locator(`[data-part="${part}"] tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent.replace(/\s+/g, ' ').trim()).join(' | ')));

/** The sidebar's marks on the current page: {page url: [state, visible mark, words]}. */
export async function sidebar(page) {
  return page.locator('.nav-pages > li:not(.nav-more) > a').evaluateAll((as) =>
    Object.fromEntries(
      as.map((a) => [
        a.dataset.page,
        [a.dataset.state, a.querySelector('.mark-icon')?.textContent ?? '', a.querySelector('.mark .sr-label')?.textContent ?? ''],
      ]),
    ),
  );
}

export async function check(page, id, value) {
  const block = page.locator(`.quiz[data-qid="${id}"]`);
  await block.locator(`input[value="${value}"]`).check();
  await block.locator('.quiz-check').click();
  await block.locator('.quiz-retry').waitFor({ state: 'visible' });
}

/** Submits the graded page with the given answers: {id: option index or text}. */
export async function submit(page, answers) {
  for (const [id, v] of Object.entries(answers)) {
    const block = page.locator(`.quiz-page .quiz[data-qid="${id}"]`);
    if (!(await block.isVisible())) continue;
    if (typeof v === 'number') await block.locator(`input[value="${v}"]`).check();
    else await block.locator('input.quiz-blank').fill(v);
  }
  await page.locator('.quiz-submit').click();
  await page.locator('.quiz-page-result p').first().waitFor();
}

export async function writeReflection(page, text) {
  const area = page.locator('[data-reflect] textarea');
  await area.fill(text);
  await area.blur();
  await page.waitForFunction((k) => (localStorage.getItem(k) || '').includes('reflect:my-plan'), KEY);
}

/** Does everything the course asks for except what `skip` names. */
export async function complete(page, skip = []) {
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
/** What the trainee sees of their progress: sidebar marks, home, module page, progress page. */
export async function snapshot(page) {
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

export async function download(page) {
  await go(page, 'progress.html');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('.jr-export').click()]);
  const file = path.join(J.tmp, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  assert.match(dl.suggestedFilename(), /^progress-fixture-journey-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(await page.locator('.jr-data-status').textContent(), `Downloaded ${dl.suggestedFilename()}.`);
  return file;
}

/** Picks `file` (a path, or {name, mimeType, buffer}) in the import control; returns the status line. */
export async function importFile(page, file) {
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

export const asFile = (obj) => ({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj)) });

/** Some progress on several pages, with a wrong answer and a failed attempt. */
export async function someProgress(page) {
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
