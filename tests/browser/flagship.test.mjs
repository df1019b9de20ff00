// The flagship course (content/) walked end to end as one trainee, in one browser context
// over http: every graded quiz page (modules 1–5 and the final exam) passed with full marks,
// every role-play in the practice module played to a passing success ending, every
// self-assessment completed, every reflection on the action-plan page typed and kept over a
// reload, the home page's module list checked, and the workbook found to hold it all.
//
// The answer key is the Markdown, not the page: which pages are graded, which blocks they
// hold, each question's right answer, each role-play's graph and each self-assessment's
// scoring are read from the fenced YAML blocks under content/ (parsed with the `yaml`
// package). The test then picks options, list entries and replies in the browser by the
// text a trainee reads, so a generator that wrote a wrong answer key, shuffled labels
// apart from their values or mangled a role-play graph fails here. The page's own JSON is
// read only for what the source does not say (the draw the browser made, the UI strings).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { assertNoErrors, buildCourse, closeBrowser, newContext, newPage, open, serve } from './lib.mjs';
import {
  ASSESSMENTS,
  COURSE,
  COURSE_YAML,
  GRADED,
  MODULES,
  PAGES,
  QUESTIONS,
  REFLECT_PAGES,
  ROLEPLAYS,
  answerFromSource,
  bestSuccess,
  isExam,
  passes,
  plain,
  poolOf,
  shown,
} from './flagship-source.mjs';

// ---------------------------------------------------------------------------------------
// Browser plumbing: one context, one page, for the whole walk.

let site;
let server;
let context;
let page;
const roleplayOutcomes = new Map(); // data id -> { score, best }
const reflections = new Map(); // reflect id -> text typed

before(async () => {
  site = buildCourse(COURSE);
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
const json = (locator) => locator.evaluate((el) => JSON.parse(el.textContent));
const innerTexts = (loc) => loc.evaluateAll((els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));

test('the course is read from content/: graded pages, role-plays, assessments and reflections exist', () => {
  assert.ok(GRADED.length >= 6, `graded pages: ${GRADED.map((p) => p.file).join(', ')}`);
  assert.ok(GRADED.some(isExam), 'a final exam drawn from the course');
  assert.ok(ROLEPLAYS.length >= 1 && ASSESSMENTS.length >= 1 && REFLECT_PAGES.length === 1);
  for (const p of PAGES) {
    assert.ok(fs.existsSync(path.join(site, p.url)), `${p.file} is built as ${p.url}`);
    // Role-plays are known by their page; every other block names itself.
    for (const b of p.blocks) if (b.kind !== 'roleplay') assert.ok(b.id, `${p.file}: a ${b.kind} block without id`);
  }
  for (const p of GRADED.filter(isExam)) {
    assert.ok(p.fm.quiz.draw <= poolOf(p).length, `${p.file}: draw ${p.fm.quiz.draw} is within its pool of ${poolOf(p).length}`);
  }
});

// ---------------------------------------------------------------------------------------
// Graded quizzes

async function takeGradedQuiz(p) {
  await open(page, server.url(p.url));
  const root = page.locator('.quiz-page');
  assert.equal(await root.count(), 1, `${p.url}: one graded quiz`);
  const settings = await json(root.locator('.quiz-page-data'));
  const strings = await json(page.locator('#quiz-strings'));
  const written = poolOf(p);
  assert.deepEqual([...settings.pool].sort(), [...written].sort(), `${p.url}: the pool is the questions written in content/`);
  const passMark = p.fm.quiz.pass_mark ?? COURSE_YAML.pass_mark ?? 80;
  assert.equal(settings.pass_mark, passMark, `${p.url}: pass mark as written`);
  const draw = p.fm.quiz.draw;

  const shownQuestions = page.locator('.quiz-page .quiz:not([hidden])');
  const ids = await shownQuestions.evaluateAll((els) => els.map((e) => e.dataset.qid));
  assert.equal(ids.length, draw ?? written.length, `${p.url}: questions shown per attempt`);
  const bad = [];
  let points = 0;
  for (const id of ids) {
    const q = QUESTIONS.get(id);
    assert.ok(q, `${p.url}: question ${id} is not written anywhere in content/`);
    points += q.points ?? 1;
    try {
      await answerFromSource(page.locator(`.quiz-page .quiz[data-qid="${id}"]`), q);
    } catch (e) {
      bad.push(`${id} (${q.type}): could not enter the answer written in the source: ${e.message.split('\n')[0]}`);
    }
  }
  await page.locator('.quiz-submit').click();
  const result = page.locator('.quiz-page-result');
  const lines = await result.locator('p').allTextContents();
  if (lines.length < 2) {
    // Some question counted as unanswered: quiz.js asks before submitting.
    throw new Error(`${p.url}: submitting did not grade: ${await result.textContent()}\n  ${bad.join('\n  ')}`);
  }
  // Which questions, if any, the page did not mark right with the answer from the source.
  for (const id of ids) {
    const r = (await page.locator(`.quiz-page .quiz[data-qid="${id}"] .quiz-result`).textContent()).trim();
    if (!r.startsWith(strings.quiz_correct)) bad.push(`${id}: "${r}"`);
  }
  assert.deepEqual(bad, [], `${p.url}: questions not graded right with the answer written in content/`);
  const max = Math.round(points * 100) / 100;
  assert.equal(lines[0], fmt(strings.quiz_result, { score: max, max, percent: 100 }), `${p.url}: full marks`);
  assert.equal(lines[1], fmt(strings.quiz_passed, { pass: passMark }), `${p.url}: passed`);
  assert.ok(await root.evaluate((el) => el.classList.contains('is-passed')));
  const saved = await page.evaluate((k) => window.Syllabus.store.all().items[k]?.v, `quiz:${settings.id}`);
  assert.equal(saved?.passed, true, `${p.url}: the pass is recorded`);
  assert.equal(saved?.best, 100);
  assertNoErrors(page, `on ${p.url}`);
  return settings.id;
}

const quizIds = [];
for (const p of GRADED) {
  test(`graded quiz ${p.file} is passed with every question answered from the Markdown`, async () => {
    quizIds.push(await takeGradedQuiz(p));
  });
}

// ---------------------------------------------------------------------------------------
// Role-plays

for (const p of ROLEPLAYS) {
  test(`role-play ${p.file} is played to a passing success ending`, async (t) => {
    await open(page, server.url(p.url));
    const sections = page.locator('[data-roleplay]');
    const written = p.blocks.filter((b) => b.kind === 'roleplay');
    assert.equal(await sections.count(), written.length, `${p.url}: one role-play per block`);
    for (let k = 0; k < written.length; k++) {
      const rp = written[k].data;
      const section = sections.nth(k);
      const data = await json(section.locator('script.rp-data'));
      const s = await json(section.locator('script.rp-strings'));
      assert.equal(data.pass_score, rp.pass_score, `${p.url}: pass_score as written`);
      assert.equal(data.customer, String(rp.customer), `${p.url}: the customer as written`);
      if (written.length === 1) assert.equal(data.id, rp.id ?? p.url.replace(/\.html$/, ''));
      const { best, paths } = bestSuccess(rp);
      t.diagnostic(`${data.id}: ${paths} paths to an ending; best success ${best?.score} (${best?.ending}) via [${best?.path}], pass_score ${rp.pass_score}`);
      assert.ok(best, `${p.url}: no path reaches a success ending (${paths} paths to an ending)`);
      assert.ok(passes(rp, best.ending, best.score), `${p.url}: the best success run scores ${best.score}, below pass_score ${rp.pass_score}`);
      // Play it by the replies' text, checking the customer's lines on the way.
      let at = rp.start;
      for (const i of best.path) {
        const node = rp.nodes[at];
        const says = await section.locator('.rp-log .rp-customer .rp-say').allTextContents();
        assert.equal(shown(says.at(-1)), plain(node.say), `${p.url}: the customer at ${at} says what is written`);
        const buttons = section.locator('.rp-choices .rp-choice');
        const texts = (await buttons.allTextContents()).map(shown);
        assert.deepEqual(texts, node.choices.map((c) => plain(c.reply)), `${p.url}: the replies at ${at} are the replies written`);
        await buttons.nth(texts.indexOf(plain(node.choices[i].reply))).click();
        at = node.choices[i].next;
      }
      const debrief = section.locator('.rp-debrief');
      await debrief.waitFor({ state: 'visible' });
      assert.equal(await debrief.locator('.rp-outcome.outcome-success').count(), 1, `${p.url}: success`);
      assert.match(await debrief.locator('.rp-outcome').textContent(), new RegExp(s.rp_outcome_success));
      const scoreLine = await debrief.locator('.rp-final-score').textContent();
      assert.ok(scoreLine.includes(fmt(s.rp_score_of, { score: best.score, pass: rp.pass_score })), `${p.url}: ${scoreLine}`);
      assert.equal((await debrief.locator('.rp-pass').textContent()).trim(), `✔ ${s.rp_passed}`);
      assert.equal(await debrief.locator('.rp-transcript > li').count(), best.path.length);
      const saved = await page.evaluate((key) => window.Syllabus.store.all().items[key]?.v, `roleplay:${data.id}`);
      assert.deepEqual(
        { passed: saved?.passed, outcome: saved?.outcome, score: saved?.score, path: saved?.path },
        { passed: true, outcome: 'success', score: best.score, path: best.path },
      );
      roleplayOutcomes.set(data.id, { score: best.score, best: saved.best });
    }
    assertNoErrors(page, `on ${p.url}`);
  });
}

// ---------------------------------------------------------------------------------------
// Self-assessments

/** A category's maximum by the source: per question, the most any one option gives it. */
const categoryMax = (a, cat) => a.questions.reduce((sum, q) => sum + Math.max(0, ...q.options.map((o) => o.points?.[cat] ?? 0)), 0);

for (const p of ASSESSMENTS) {
  test(`self-assessment on ${p.file} is completed and shows its results`, async () => {
    await open(page, server.url(p.url));
    const sections = page.locator('[data-assessment]');
    const written = p.blocks.filter((b) => b.kind === 'assessment');
    assert.equal(await sections.count(), written.length);
    for (let k = 0; k < written.length; k++) {
      const a = written[k].data;
      const section = sections.nth(k);
      const data = await json(section.locator('script.as-data'));
      const s = await json(section.locator('script.as-strings'));
      assert.equal(data.id, String(a.id), `${p.url}: the assessment as written`);
      const questions = section.locator('fieldset.as-question');
      assert.equal(await questions.count(), a.questions.length);
      const answers = a.questions.map((q, i) => (i * 2 + k) % q.options.length);
      for (let i = 0; i < answers.length; i++) {
        const label = shown(await questions.nth(i).locator(`.as-option:has(input[value="${answers[i]}"]) label`).textContent());
        assert.equal(label, plain(a.questions[i].options[answers[i]].text), `${p.url}: option ${answers[i]} of question ${i + 1} as written`);
        await questions.nth(i).locator(`input[value="${answers[i]}"]`).check();
      }
      await section.locator('.as-actions button').click();
      const results = section.locator('.as-results');
      await results.waitFor({ state: 'visible' });
      assert.equal(await section.locator('.as-status').textContent(), '', 'nothing left unanswered');
      // What the page shows is what the scoring written in the source gives.
      const totals = Object.fromEntries(a.categories.map((c) => [String(c.id), 0]));
      a.questions.forEach((q, i) => {
        for (const [cat, n] of Object.entries(q.options[answers[i]].points || {})) if (cat in totals) totals[cat] += n;
      });
      const scores = await results.locator('.as-score').allTextContents();
      assert.deepEqual(scores, a.categories.map((c) => fmt(s.as_points_of, { score: totals[c.id], max: categoryMax(a, c.id) })));
      const bands = (await results.locator('.as-band').allTextContents()).map(shown);
      assert.deepEqual(
        bands,
        a.categories.map((c) => plain(c.bands.find((b) => b.min <= totals[c.id] && totals[c.id] <= b.max).text)),
        `${p.url}: each category shows the band written for its score`,
      );
    }
    assertNoErrors(page, `on ${p.url}`);
  });
}

// ---------------------------------------------------------------------------------------
// Reflections

for (const p of REFLECT_PAGES) {
  test(`every reflection on ${p.file} is typed and kept over a reload`, async () => {
    await open(page, server.url(p.url));
    const ids = p.blocks.filter((b) => b.kind === 'reflect').map((b) => b.id);
    const boxes = page.locator('[data-reflect]');
    assert.deepEqual(await boxes.evaluateAll((els) => els.map((e) => e.dataset.id)), ids, 'one box per reflect block, in order');
    const saved = await boxes.first().getAttribute('data-saved');
    const restored = await boxes.first().getAttribute('data-restored');
    for (const [i, id] of ids.entries()) {
      const box = page.locator(`[data-reflect][data-id="${id}"]`);
      const text = `第 ${i + 1} 条行动：下周一前给王女士回电，\n确认礼盒已送到。（${id}）`;
      await box.locator('textarea').click();
      await page.keyboard.insertText(text);
      await box.locator('textarea').blur();
      await page.waitForFunction(([el, want]) => el.textContent === want, [await box.locator('.rf-status').elementHandle(), saved]);
      reflections.set(id, text);
    }
    await page.reload();
    for (const id of ids) {
      const box = page.locator(`[data-reflect][data-id="${id}"]`);
      assert.equal(await box.locator('textarea').inputValue(), reflections.get(id), `${id} kept`);
      assert.equal(await box.locator('.rf-status').textContent(), restored);
    }
    assertNoErrors(page, `on ${p.url}`);
  });
}

// ---------------------------------------------------------------------------------------
// Home page and workbook

test('the home page lists every module with its duration in minutes', async () => {
  await open(page, server.url('index.html'));
  const cards = page.locator('.module-cards .module-card');
  assert.equal(await cards.count(), MODULES.length);
  assert.equal(MODULES.length, 6);
  const metas = await cards.locator('.meta').allTextContents();
  for (const [i, m] of metas.entries()) assert.match(m, /\d+\s*分钟/, `module ${i + 1}: ${m}`);
  const hrefs = await cards.locator('h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, MODULES.map((m) => `${m.replace(/^\d+[-_]/, '')}/index.html`));
  assertNoErrors(page, 'on the home page');
});

test('the workbook shows the reflections, role-play outcomes, assessments and passed quizzes', async () => {
  await open(page, server.url('workbook.html'));
  const s = await json(page.locator('script.wb-strings'));
  for (const [id, text] of reflections) {
    const item = page.locator(`.wb-item[data-kind="reflect"][data-id="${id}"]`);
    assert.ok(await item.evaluate((el) => el.classList.contains('wb-has-record')), `reflection ${id} recorded`);
    assert.equal(await item.locator('.wb-text').textContent(), text);
  }
  assert.equal(roleplayOutcomes.size, ROLEPLAYS.length, 'every role-play was played');
  for (const [id, { score, best }] of roleplayOutcomes) {
    const item = page.locator(`.wb-item[data-kind="roleplay"][data-id="${id}"]`);
    assert.equal(
      await item.locator('.wb-summary').textContent(),
      fmt(s.rp_last_run, { outcome: s.rp_outcome_success, score, best }),
      `role-play ${id}`,
    );
    assert.equal(await item.locator('.rp-outcome.outcome-success').count(), 1);
    assert.equal((await item.locator('.rp-pass').textContent()).trim(), `✔ ${s.rp_passed}`);
  }
  const assessments = page.locator('.wb-item[data-kind="assessment"]');
  assert.equal(await assessments.count(), ASSESSMENTS.flatMap((p) => p.blocks.filter((b) => b.kind === 'assessment')).length);
  assert.equal(await page.locator('.wb-item[data-kind="assessment"].wb-has-record').count(), await assessments.count());
  assert.equal(quizIds.length, GRADED.length, 'every graded quiz was taken');
  for (const id of quizIds) {
    const item = page.locator(`.wb-item[data-kind="quiz"][data-id="${id}"]`);
    assert.equal(
      await item.locator('.wb-quiz-score').textContent(),
      `${fmt(s.workbook_quiz_score, { score: 100 })} · ✔ ${s.workbook_quiz_passed}`,
      `quiz ${id}`,
    );
  }
  const unrecorded = await innerTexts(page.locator('.wb-item:not(.wb-has-record) h2, .wb-item:not(.wb-has-record) h3'));
  // Only reflections outside the action plan were left empty.
  const other = await page.locator('.wb-item:not(.wb-has-record)').evaluateAll((els) => els.map((e) => e.dataset.kind));
  assert.ok(other.every((k) => k === 'reflect'), `items without a record: ${unrecorded.join(', ')}`);
  assertNoErrors(page, 'on the workbook');
});
