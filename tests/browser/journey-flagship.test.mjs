// The flagship course (content/) completed as a trainee would, over http in one browser:
// the certificate is withheld and names exactly what the completion rules still ask for;
// every graded quiz is passed with the answers written in the Markdown (read with the
// `yaml` package, entered by the text a trainee reads, never taken from the page's data);
// every role-play is played to an ending; then the certificate carries the trainee's name,
// the course title and version from course.yaml, today's date and the exam score, and
// prints on exactly one page.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, assertNoErrors, buildCourse, closeBrowser, newContext, newPage, open, serve } from './lib.mjs';
import { answerFromSource, bestSuccess, plain, readCourse, shown } from './course-source.mjs';

const COURSE = readCourse(path.join(ROOT, 'content'));
const RULES = { quizzes: 'passed', roleplays: 'finished', exam: 'none', assessments: 'none', reflections: 'none', pages: 'none', ...COURSE.yaml.completion };
const ROLEPLAYS = COURSE.pages.flatMap((p) => p.blocks.filter((b) => b.kind === 'roleplay').map((b) => ({ page: p, rp: b.data })));
const EXAMS = COURSE.graded.filter(COURSE.isExam);

let site;
let server;
let context;
let page;
let s; // the journey UI strings of the built course

before(async () => {
  site = buildCourse(path.join(ROOT, 'content'));
  server = await serve(site);
  context = await newContext({ viewport: { width: 1100, height: 900 } });
  page = await newPage(context, { server });
});

after(async () => {
  await context?.close();
  await server?.close();
  await closeBrowser();
});

const fmt = (template, values) => String(template).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
const go = (rel) => open(page, server.url(rel));

/** What the certificate page should list as missing, in the rules' order, from the source. */
function expectedMissing({ quizzesDone = false, roleplaysDone = false } = {}) {
  const out = [];
  if (RULES.quizzes !== 'none' && !quizzesDone) {
    for (const p of COURSE.graded) out.push([fmt(s[`jr_missing_quiz_${RULES.quizzes}`], { title: plain(p.fm.title) }), p.url]);
  }
  if (RULES.exam !== 'none' && !quizzesDone) {
    for (const p of EXAMS) out.push([fmt(s[`jr_missing_exam_${RULES.exam}`], { title: plain(p.fm.title) }), p.url]);
  }
  if (RULES.roleplays !== 'none' && !roleplaysDone) {
    for (const { page: p, rp } of ROLEPLAYS) out.push([fmt(s[`jr_missing_roleplay_${RULES.roleplays}`], { title: plain(rp.title ?? rp.customer) }), p.url]);
  }
  return out;
}

/** Asserts that the certificate page lists `want` ([text, link] of quizzes and role-plays), in
 * order, and nothing else unless the rules ask for more than quizzes and role-plays. */
async function assertMissing(want) {
  await go('certificate.html');
  assert.equal(await page.locator('.certificate').isHidden(), true, 'no certificate before completion');
  const items = page.locator('.cert-missing-list li');
  const got = await items.evaluateAll((lis) => lis.map((li) => [li.textContent.replace(/\s+/g, ' ').trim(), li.querySelector('a')?.getAttribute('href')]));
  const others = ['assessments', 'reflections', 'pages'].some((r) => RULES[r] !== 'none');
  assert.deepEqual(others ? got.filter(([text]) => want.some(([w]) => w === text)) : got, want);
  return got.length;
}

test('the course has graded quizzes, an exam and role-plays to complete', () => {
  assert.ok(COURSE.graded.length >= 6 && EXAMS.length >= 1 && ROLEPLAYS.length >= 1);
});

test('before any work the certificate is withheld and names everything still to do, with links', async () => {
  await go('certificate.html');
  s = await page.locator('script.jr-strings').evaluate((el) => JSON.parse(el.textContent));
  const n = await assertMissing(expectedMissing());
  assert.equal(await page.locator('.cert-missing-intro').textContent(), fmt(s.jr_cert_missing, { n }));
  assertNoErrors(page);
});

for (const p of COURSE.graded) {
  test(`graded quiz ${p.file} is passed with the answers written in the Markdown`, async () => {
    await go(p.url);
    const ids = await page.locator('.quiz-page .quiz:not([hidden])').evaluateAll((els) => els.map((e) => e.dataset.qid));
    const pool = COURSE.poolOf(p);
    assert.equal(ids.length, p.fm.quiz.draw ?? pool.length, `${p.url}: questions drawn`);
    for (const id of ids) {
      assert.ok(pool.includes(id), `${id} is in the pool written for ${p.file}`);
      await answerFromSource(page.locator(`.quiz-page .quiz[data-qid="${id}"]`), COURSE.questions.get(id));
    }
    await page.locator('.quiz-submit').click();
    await page.locator('.quiz-page.is-passed').waitFor();
    assert.match(await page.locator('.quiz-page-result p').first().textContent(), /100%/, 'full marks');
    assertNoErrors(page, `on ${p.url}`);
  });
}

test('with the quizzes passed, the certificate names only the role-plays', async () => {
  await assertMissing(expectedMissing({ quizzesDone: true }));
});

for (const { page: p, rp } of ROLEPLAYS) {
  test(`role-play ${p.file} is played to an ending by the replies written`, async () => {
    await go(p.url);
    const { best } = bestSuccess(rp);
    assert.ok(best, `${p.file}: a success ending is reachable`);
    let at = rp.start;
    for (const i of best.path) {
      const buttons = page.locator('.rp-choices .rp-choice');
      const texts = (await buttons.allTextContents()).map(shown);
      await buttons.nth(texts.indexOf(plain(rp.nodes[at].choices[i].reply))).click();
      at = rp.nodes[at].choices[i].next;
    }
    await page.locator('.rp-debrief').waitFor({ state: 'visible' });
    assertNoErrors(page, `on ${p.url}`);
  });
}

test('whatever else the rules ask for is done: self-assessments, reflections, every page', async () => {
  const on = (kind) => COURSE.pages.filter((p) => p.blocks.some((b) => b.kind === kind));
  if (RULES.assessments === 'done') {
    for (const p of on('assessment')) {
      await go(p.url);
      for (const section of await page.locator('[data-assessment]').all()) {
        for (const q of await section.locator('fieldset.as-question').all()) await q.locator('input[value="0"]').check();
        await section.locator('.as-actions button').click();
      }
    }
  }
  if (RULES.reflections === 'done') {
    for (const p of on('reflect')) {
      await go(p.url);
      for (const area of await page.locator('[data-reflect] textarea').all()) {
        await area.fill('下周开始，每次通话结束前复述下一步。');
        await area.blur();
      }
    }
  }
  if (RULES.pages === 'visited') for (const p of COURSE.pages) await go(p.url);
  await go('certificate.html');
  assert.deepEqual(await page.locator('.cert-missing-list li').allTextContents(), [], 'nothing is missing');
  assertNoErrors(page);
});

test('the certificate shows the name typed, the course, its version, today and the exam score, on one printed page', async () => {
  await go('certificate.html');
  assert.equal(await page.locator('.cert-missing').isHidden(), true);
  await page.locator('#cert-name').fill('王小明');
  await page.locator('.cert-form button[type=submit]').click();
  const cert = page.locator('.certificate');
  await cert.waitFor({ state: 'visible' });
  assert.equal(await cert.locator('.cert-name').textContent(), '王小明');
  assert.equal(await cert.locator('.cert-course').textContent(), COURSE.yaml.title);
  const facts = await cert.locator('.cert-facts > div').evaluateAll((ds) => ds.map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]));
  const today = await page.evaluate(() => new Date().toLocaleDateString(document.documentElement.lang, { year: 'numeric', month: 'long', day: 'numeric' }));
  assert.deepEqual(facts, [
    [s.jr_cert_version, String(COURSE.yaml.version)],
    [s.jr_cert_date, today],
    [s.jr_cert_exam_score, '100%'],
  ]);
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  assert.equal((pdf.match(/\/Type\s*\/Page(?![s\w])/g) || []).length, 1, 'exactly one page');

  await go('progress.html');
  const rules = await page.locator('.jr-rules li').evaluateAll((lis) => lis.map((li) => li.className));
  assert.ok(rules.length >= 2 && rules.every((c) => c === 'jr-ok'), 'every rule met');
  await go('index.html');
  assert.match(await page.locator('[data-journey-summary]').textContent(), new RegExp(fmt(s.jr_complete_on, { date: today })));
  assertNoErrors(page);
});
