// SCORM packages in a real SCORM runtime: scorm-again's Scorm12API / Scorm2004API in a
// stand-in LMS page (tests/browser/scorm/harness.html) that frames the package's launch
// page, served over http like an LMS serves content, with the strict CSP header.
//
// In SCORM 1.2 a trainee completes the flagship course inside the LMS frame (answers
// read from the Markdown, as flagship.test.mjs does): the runtime ends with `passed`,
// the final exam's score, suspend_data within 4 096 characters and one interaction per
// graded answer and role-play reply; closing finishes the session, and relaunching in
// a fresh browser restores the progress from suspend_data alone. In SCORM 2004 a
// trainee who fails every quiz of a fixture course ends `failed`. The zip has no entry
// outside its root; the launch page passes the Nu checker and axe; without an LMS the
// launch page says so and the course works as a plain site. The header's search box
// finds and opens a page inside the LMS frame.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  ROOT,
  assertNoErrors,
  closeBrowser,
  formatAxe,
  formatVnu,
  newContext,
  newPage,
  open,
  runAxe,
  runVnu,
  serve,
  syllabusBin,
} from './lib.mjs';
import { ASSESSMENTS, COURSE, GRADED, PAGES, QUESTIONS, ROLEPLAYS, answerFromSource, bestSuccess, isExam, plain, shown } from './flagship-source.mjs';

const AGAIN = path.join(ROOT, 'node_modules', 'scorm-again');
const HARNESS = path.join(ROOT, 'tests/browser/scorm');
const LIMIT_12 = 4096;
// Status, score and the keys of suspend_data come from the course's completion rules
// and course data (completion.js); a theme without them reports `incomplete` only.
const COMPLETION = fs.existsSync(path.join(ROOT, 'themes/default/static/completion.js'));
const needsCompletion = COMPLETION ? {} : { skip: 'needs the completion rules (themes/default/static/completion.js)' };

/** The entries of a zip (stored or deflated), by reading its central directory. */
function unzip(file) {
  const buf = fs.readFileSync(file);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, `${file}: not a zip`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    out.push({ name, data: method === 0 ? raw : zlib.inflateRawSync(raw) });
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

/** Builds the package of `course` and lays it out as an LMS would serve it. */
function lms(course, version) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-scorm-'));
  const zip = path.join(dir, 'course.zip');
  execFileSync(syllabusBin(), ['package', '--scorm', version, course, '-o', zip], { stdio: ['ignore', 'ignore', 'pipe'] });
  const entries = unzip(zip);
  for (const e of entries) {
    // Nothing may land outside the package's folder, whatever unzips it.
    assert.ok(!e.name.startsWith('/') && !e.name.includes('\\') && !e.name.split('/').includes('..'), `entry outside the root: ${e.name}`);
    const to = path.join(dir, 'pkg', e.name);
    assert.ok(to.startsWith(path.join(dir, 'pkg') + path.sep));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, e.data);
  }
  for (const f of ['harness.html', 'harness.js']) fs.copyFileSync(path.join(HARNESS, f), path.join(dir, f));
  for (const f of ['scorm12.js', 'scorm2004.js']) fs.copyFileSync(path.join(AGAIN, 'dist', f), path.join(dir, f));
  return { dir, entries };
}

let flagship;
let fixture;
let server;
let fixtureServer;

before(async () => {
  flagship = lms(COURSE, '1.2');
  fixture = lms(path.join(ROOT, 'tests/fixtures/valid-quiz'), '2004');
  server = await serve(flagship.dir);
  fixtureServer = await serve(fixture.dir);
});

after(async () => {
  await server?.close();
  await fixtureServer?.close();
  for (const d of [flagship?.dir, fixture?.dir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  await closeBrowser();
});

/** The LMS page, and the course frame inside the launch page once it has loaded. */
async function launchIn(context, srv, version, resume) {
  if (resume) await context.addInitScript((data) => (window.__resume = data), resume);
  const page = await newPage(context, { server: srv });
  await open(page, srv.url(`harness.html?v=${version}`));
  await page.waitForFunction(() => {
    const sco = document.getElementById('sco').contentWindow;
    const course = sco && sco.document.querySelector('.scorm-frame');
    return course && !course.hidden && course.contentWindow.document.readyState === 'complete';
  });
  const course = page.frames().find((f) => f.name() === 'syllabus-course');
  return { page, course };
}

/** Closes the launch page, as leaving the course in the LMS does, and returns what the LMS got. */
async function close(page) {
  await page.evaluate(() => document.getElementById('sco').remove());
  return page.evaluate(() => {
    const h = window.harness;
    const last = {};
    for (const [k, v] of h.log) last[k] = v;
    const ids = h.log.filter(([k]) => /^cmi\.interactions\.\d+\.id$/.test(k)).map(([, v]) => v);
    return { last, calls: h.calls.map((c) => c[0]), ids, log: h.log };
  });
}

async function goto(page, course, srv, url) {
  await course.goto(srv.url(`pkg/${url}`), { waitUntil: 'load' });
  assertNoErrors(page, `on ${url}`);
}

// ---------------------------------------------------------------------------------------

test('the package has its manifest first and nothing outside its root', () => {
  assert.equal(flagship.entries[0].name, 'imsmanifest.xml');
  const names = flagship.entries.map((e) => e.name);
  assert.ok(names.includes('scorm.html') && names.includes('index.html'));
});

test('the launch page is valid HTML and accessible in light and dark', async () => {
  const errors = runVnu(path.join(flagship.dir, 'pkg', 'scorm.html'));
  assert.deepEqual(errors, [], formatVnu(errors));
  for (const colorScheme of ['light', 'dark']) {
    const context = await newContext({ colorScheme, bypassCSP: true });
    const { page } = await launchIn(context, server, '1.2');
    const sco = page.frames().find((f) => f.url().endsWith('/pkg/scorm.html'));
    const violations = await runAxe(sco);
    assert.deepEqual(violations, [], formatAxe(violations, `scorm.html (${colorScheme})`));
    await context.close();
  }
});

test('without an LMS the launch page says so and the course works as a plain site', async () => {
  const context = await newContext();
  const page = await newPage(context, { server });
  await open(page, server.url('pkg/scorm.html'));
  const notice = page.locator('.scorm-notice');
  await notice.waitFor({ state: 'visible' });
  assert.match(await notice.textContent(), /学习平台没有响应/);
  const course = page.frames().find((f) => f.name() === 'syllabus-course');
  await course.waitForSelector('h1');
  assert.ok(course.url().endsWith('/pkg/index.html'));
  assertNoErrors(page);
  await context.close();
});

test('inside the LMS frame the header search box finds a page and opens it', async () => {
  const context = await newContext();
  const { page, course } = await launchIn(context, server, '1.2');
  await course.locator('#header-search-q').fill('国际漫游');
  await course.locator('#header-search-q').press('Enter');
  await course.waitForURL(/\/pkg\/search\.html\?q=/);
  const first = course.locator('.search-results a').first();
  await first.waitFor();
  assert.deepEqual(await course.locator('.search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['communication/quiz.html']);
  await first.click();
  await course.waitForURL(/\/pkg\/communication\/quiz\.html$/);
  assertNoErrors(page);
  await context.close();
});

test('in SCORM 1.2 one session reports incomplete, each graded answer and reply, and finishes on close', async () => {
  const context = await newContext();
  const { page, course } = await launchIn(context, server, '1.2');
  const quiz = GRADED.find((p) => !isExam(p));
  await goto(page, course, server, quiz.url);
  const ids = await course.locator('.quiz-page .quiz:not([hidden])').evaluateAll((els) => els.map((e) => e.dataset.qid));
  for (const id of ids) await answerFromSource(course.locator(`.quiz-page .quiz[data-qid="${id}"]`), QUESTIONS.get(id));
  await course.locator('.quiz-submit').click();
  await course.locator('.quiz-page.is-passed').waitFor();
  const rpPage = ROLEPLAYS[0];
  await goto(page, course, server, rpPage.url);
  const rp = rpPage.blocks.find((b) => b.kind === 'roleplay').data;
  const { best } = bestSuccess(rp);
  let at = rp.start;
  for (const i of best.path) {
    const buttons = course.locator('.rp-choices .rp-choice');
    const texts = (await buttons.allTextContents()).map(shown);
    await buttons.nth(texts.indexOf(plain(rp.nodes[at].choices[i].reply))).click();
    at = rp.nodes[at].choices[i].next;
  }
  await course.locator('.rp-debrief').waitFor({ state: 'visible' });
  const got = await close(page);
  assert.equal(got.calls.filter((c) => c === 'LMSInitialize').length, 1, 'initialised once for the whole visit');
  assert.equal(got.calls.at(-1), 'LMSFinish');
  assert.ok(got.calls.filter((c) => c === 'LMSCommit').length >= 2, 'a commit per change');
  assert.equal(got.log.find(([k]) => k === 'cmi.core.lesson_status')[1], 'incomplete', 'incomplete on first launch');
  assert.equal(got.last['cmi.core.exit'], 'suspend');
  assert.match(got.last['cmi.core.session_time'], /^\d{4}:\d{2}:\d{2}$/);
  assert.equal(got.ids.length, ids.length + best.path.length, 'one interaction per graded answer and role-play reply');
  const quizId = quiz.url.replace(/\.html$/, '');
  assert.deepEqual(got.ids.slice(0, ids.length), ids.map((id) => `${quizId}/${id}`.replace(/[^A-Za-z0-9_-]/g, '_')));
  const results = got.log.filter(([k]) => /^cmi\.interactions\.\d+\.result$/.test(k)).map(([, v]) => v);
  assert.deepEqual(results.slice(0, ids.length), ids.map(() => 'correct'), 'answers from the source are correct');
  assert.ok(got.last['cmi.suspend_data'].length <= LIMIT_12);
  assertNoErrors(page);
  await context.close();
});

// ---------------------------------------------------------------------------------------
// The flagship, completed inside the LMS.

const TEXT = '下周起，每次通话结束前我都会复述客户的问题和我们约定的下一步，并在二十四小时内回电确认结果；遇到月饼礼盒这类投诉，先道歉、再倾听、给出两个可选方案，最后记录在案。';
let finished;
let expectedInteractions = 0;

test('in SCORM 1.2 a trainee completes the flagship: passed, the exam score, suspend_data within 4 096, interactions', needsCompletion, async (t) => {
  const context = await newContext({ viewport: { width: 1200, height: 1000 } });
  const { page, course } = await launchIn(context, server, '1.2');
  // Every page read; every lesson question checked with the answer written in the source.
  for (const p of PAGES) {
    await goto(page, course, server, p.url);
    if (p.fm.quiz != null) continue;
    for (const b of p.blocks.filter((x) => x.kind === 'quiz')) {
      const block = course.locator(`.quiz[data-qid="${b.id}"]`);
      await answerFromSource(block, b.data);
      await block.locator('.quiz-check').click();
    }
    for (const b of p.blocks.filter((x) => x.kind === 'reflect')) {
      const area = course.locator(`[data-reflect][data-id="${b.id}"] textarea`);
      await area.fill(TEXT);
      await area.blur();
    }
  }
  for (const p of GRADED) {
    await goto(page, course, server, p.url);
    const ids = await course.locator('.quiz-page .quiz:not([hidden])').evaluateAll((els) => els.map((e) => e.dataset.qid));
    for (const id of ids) await answerFromSource(course.locator(`.quiz-page .quiz[data-qid="${id}"]`), QUESTIONS.get(id));
    await course.locator('.quiz-submit').click();
    await course.locator('.quiz-page.is-passed').waitFor();
    expectedInteractions += ids.length;
  }
  for (const p of ROLEPLAYS) {
    await goto(page, course, server, p.url);
    const rp = p.blocks.find((b) => b.kind === 'roleplay').data;
    const { best } = bestSuccess(rp);
    let at = rp.start;
    for (const i of best.path) {
      const reply = rp.nodes[at].choices[i].reply;
      const buttons = course.locator('.rp-choices .rp-choice');
      const texts = (await buttons.allTextContents()).map(shown);
      await buttons.nth(texts.indexOf(plain(reply))).click();
      at = rp.nodes[at].choices[i].next;
    }
    await course.locator('.rp-debrief').waitFor({ state: 'visible' });
    expectedInteractions += best.path.length;
  }
  for (const p of ASSESSMENTS) {
    await goto(page, course, server, p.url);
    for (const section of await course.locator('[data-assessment]').all()) {
      for (const q of await section.locator('fieldset.as-question').all()) await q.locator('input').first().check();
      await section.locator('.as-actions button').click();
    }
  }
  await goto(page, course, server, 'index.html');
  const record = await course.evaluate(() => window.Syllabus.store.all());
  const got = await close(page);
  finished = { got, record };
  const sd = got.last['cmi.suspend_data'];
  t.diagnostic(`suspend_data after everything: ${sd.length} characters of ${LIMIT_12}; ${got.ids.length} interactions`);
  assert.ok(sd.length <= LIMIT_12, `suspend_data is ${sd.length} characters`);
  assert.equal(got.last['cmi.core.lesson_status'], 'passed');
  const exam = GRADED.filter(isExam).at(-1);
  const examItem = record.items[`quiz:${exam.url.replace(/\.html$/, '')}`];
  assert.equal(got.last['cmi.core.score.raw'], String(examItem.v.best));
  assert.equal(got.last['cmi.core.score.max'], '100');
  assert.equal(got.ids.length, expectedInteractions, 'one interaction per graded answer and role-play reply');
  assert.equal(got.calls.filter((c) => c === 'LMSInitialize').length, 1, 'initialised once');
  assert.equal(got.calls.at(-1), 'LMSFinish', 'finished on close');
  assert.equal(got.last['cmi.core.exit'], 'suspend');
  await context.close();
});

test('relaunching in a fresh browser restores the progress from suspend_data', needsCompletion, async () => {
  assert.ok(finished, 'needs the completed run');
  const { last } = finished.got;
  const context = await newContext();
  const resume = { suspend_data: last['cmi.suspend_data'], core: { lesson_status: last['cmi.core.lesson_status'], entry: 'resume' } };
  const { page, course } = await launchIn(context, server, '1.2', resume);
  const record = await course.evaluate(() => window.Syllabus.store.all());
  const before = finished.record.items;
  for (const key of Object.keys(before)) {
    if (/^(quiz|roleplay|assessment|reflect|course):/.test(key)) {
      assert.ok(record.items[key], `${key} is restored`);
      assert.equal(record.items[key].h, before[key].h, key);
    }
  }
  for (const key of Object.keys(before).filter((k) => k.startsWith('quiz:'))) {
    assert.deepEqual(
      [record.items[key].v.passed, record.items[key].v.best, record.items[key].v.attempts],
      [before[key].v.passed, before[key].v.best, before[key].v.attempts],
      key,
    );
  }
  // The quiz page the trainee opens shows it passed.
  const first = GRADED[0];
  await goto(page, course, server, first.url);
  const got = await close(page);
  assert.equal(got.last['cmi.core.lesson_status'] ?? 'passed', 'passed');
  await context.close();
});

test('in SCORM 2004 a trainee who fails every quiz ends failed, with the score', needsCompletion, async () => {
  const context = await newContext();
  const { page, course } = await launchIn(context, fixtureServer, '2004');
  for (const url of ['checks/graded.html', 'checks/after-pass.html', 'checks/never.html', 'exam/final.html', 'exam/checks-exam.html']) {
    await goto(page, course, fixtureServer, url);
    // Submitting with nothing answered asks once; the second press submits: all wrong.
    await course.locator('.quiz-submit').click();
    await course.locator('.quiz-submit').click();
    await course.locator('.quiz-page.is-failed').waitFor();
  }
  const got = await close(page);
  assert.equal(got.last['cmi.success_status'], 'failed');
  assert.equal(got.last['cmi.completion_status'], 'incomplete');
  assert.equal(got.last['cmi.score.scaled'], '0');
  assert.equal(got.calls.at(-1), 'Terminate');
  await context.close();
});
