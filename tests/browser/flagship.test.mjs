// The flagship course (content/) walked end to end as one trainee, in one browser context
// over http: every graded quiz page (modules 1–5 and the final exam) passed with full marks,
// every role-play in the practice module played to a passing success ending, every
// self-assessment completed, every reflection on the action-plan page typed and kept over a
// reload, the home page's module list checked, and the workbook found to hold it all.
//
// Nothing is hard-coded: which pages are graded, which blocks they hold and the question ids
// come from the Markdown under content/ (front matter and fenced blocks, read with a tiny
// extractor since no YAML parser is installed); the answers, the role-play graphs and the
// assessment scoring come from the JSON each block carries in the built page
// (`<script type="application/json">`, written by the generator from that same YAML). The UI
// strings are read from the page's own string tables.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, assertNoErrors, buildCourse, closeBrowser, newContext, newPage, open, serve } from './lib.mjs';

const COURSE = path.join(ROOT, 'content');

// ---------------------------------------------------------------------------------------
// The course as written: pages, front matter and fenced blocks.

/** Top-level front matter: the raw text and a map of top-level keys to their raw values. */
function frontMatter(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!m) return { raw: '', keys: {} };
  const keys = {};
  let current = null;
  for (const line of m[1].split(/\r?\n/)) {
    const top = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (top) {
      current = top[1];
      keys[current] = top[2];
    } else if (current && /^\s+\S/.test(line)) {
      keys[current] += `\n${line}`;
    }
  }
  return { raw: m[1], keys };
}

/** A number under a key anywhere in a raw YAML fragment (block or flow style), or undefined. */
function yamlNumber(raw, key) {
  const m = new RegExp(`(?:^|[\\s{,])${key}:\\s*(-?\\d+(?:\\.\\d+)?)`, 'm').exec(raw ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The fenced ```quiz / roleplay / assessment / reflect blocks: kind, id and raw YAML. */
function blocks(text) {
  const out = [];
  const re = /^(`{3,})(quiz|roleplay|assessment|reflect)[ \t]*\r?\n([\s\S]*?)^\1[ \t]*$/gm;
  for (let m; (m = re.exec(text)); ) {
    const id = /^id:\s*["']?([^"'\s#]+)/m.exec(m[3]);
    out.push({ kind: m[2], id: id ? id[1] : null, yaml: m[3] });
  }
  return out;
}

/** Every page of the course: `{ file, url, fm, blocks }`, the URL as the generator names it. */
function coursePages() {
  const strip = (s) => s.replace(/^\d+[-_]/, '');
  const pages = [];
  for (const dir of fs.readdirSync(COURSE).sort()) {
    const abs = path.join(COURSE, dir);
    if (!fs.statSync(abs).isDirectory()) continue;
    for (const f of fs.readdirSync(abs).sort()) {
      if (!f.endsWith('.md')) continue;
      const text = fs.readFileSync(path.join(abs, f), 'utf8');
      const fm = frontMatter(text);
      const slug = fm.keys.slug?.trim() || strip(f.replace(/\.md$/, ''));
      pages.push({ file: `${dir}/${f}`, module: dir, url: `${strip(dir)}/${slug}.html`, fm, blocks: blocks(text) });
    }
  }
  return pages;
}

const PAGES = coursePages();
const COURSE_YAML = fs.readFileSync(path.join(COURSE, 'course.yaml'), 'utf8');
const MODULES = [...new Set(PAGES.filter((p) => p.file.endsWith('/index.md')).map((p) => p.module))];
const GRADED = PAGES.filter((p) => 'quiz' in p.fm.keys);
const ROLEPLAYS = PAGES.filter((p) => p.blocks.some((b) => b.kind === 'roleplay'));
const ASSESSMENTS = PAGES.filter((p) => p.blocks.some((b) => b.kind === 'assessment'));
const REFLECT_PAGES = PAGES.filter((p) => /action-plan/.test(p.file) && p.blocks.some((b) => b.kind === 'reflect'));
/** Graded questions of the module quizzes: the pool an exam `from: course` draws from. */
const COURSE_POOL = GRADED.filter((p) => !/from:\s*course/.test(p.fm.keys.quiz)).flatMap((p) =>
  p.blocks.filter((b) => b.kind === 'quiz').map((b) => b.id),
);

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
  assert.ok(GRADED.some((p) => /from:\s*course/.test(p.fm.keys.quiz)), 'a final exam drawn from the course');
  assert.ok(ROLEPLAYS.length >= 1 && ASSESSMENTS.length >= 1 && REFLECT_PAGES.length === 1);
  for (const p of PAGES) {
    assert.ok(fs.existsSync(path.join(site, p.url)), `${p.file} is built as ${p.url}`);
    // Role-plays are known by their page; every other block names itself.
    for (const b of p.blocks) if (b.kind !== 'roleplay') assert.ok(b.id, `${p.file}: a ${b.kind} block without id`);
  }
});

// ---------------------------------------------------------------------------------------
// Graded quizzes

/** The right answer for a question, from its data, in the form quiz.js reads. */
function rightAnswer(d) {
  switch (d.type) {
    case 'single':
      return d.correct.indexOf(true);
    case 'multiple':
      return d.correct.flatMap((c, i) => (c ? [i] : []));
    case 'truefalse':
      return d.answer;
    case 'fill':
      return d.answers.map((accepted) => accepted[0]);
    case 'numeric':
      return String(typeof d.answer === 'number' ? d.answer : (d.low + d.high) / 2);
    case 'order':
    case 'match':
      return Array.from({ length: d.count }, (_, i) => String(i));
    default:
      throw new Error(`unknown question type ${d.type} (${d.id})`);
  }
}

/** Enters `value` into question `block` through its own form controls. */
async function enter(block, d, value) {
  switch (d.type) {
    case 'single':
      await block.locator(`input[value="${value}"]`).check();
      break;
    case 'truefalse':
      await block.locator(`input[value="${String(value)}"]`).check();
      break;
    case 'multiple': {
      const boxes = block.locator('input[type=checkbox]');
      for (let i = 0; i < (await boxes.count()); i++) {
        const box = boxes.nth(i);
        const want = value.includes(Number(await box.getAttribute('value')));
        if (want) await box.check();
        else await box.uncheck();
      }
      break;
    }
    case 'fill': {
      const blanks = block.locator('input.quiz-blank');
      assert.equal(await blanks.count(), value.length, `${d.id}: one input per blank`);
      for (let i = 0; i < value.length; i++) await blanks.nth(i).fill(value[i]);
      break;
    }
    case 'numeric':
      await block.locator('input.quiz-number').fill(value);
      break;
    case 'order':
    case 'match': {
      const selects = block.locator('select');
      assert.equal(await selects.count(), value.length, `${d.id}: one select per position`);
      // In order, position i holding item i; picking swaps, so earlier positions stay put.
      for (let i = 0; i < value.length; i++) await selects.nth(i).selectOption(value[i]);
      break;
    }
  }
}

async function takeGradedQuiz(p) {
  await open(page, server.url(p.url));
  const root = page.locator('.quiz-page');
  assert.equal(await root.count(), 1, `${p.url}: one graded quiz`);
  const settings = await json(root.locator('.quiz-page-data'));
  const strings = await json(page.locator('#quiz-strings'));
  const fromCourse = /from:\s*course/.test(p.fm.keys.quiz);
  const written = fromCourse ? COURSE_POOL : p.blocks.filter((b) => b.kind === 'quiz').map((b) => b.id);
  assert.deepEqual([...settings.pool].sort(), [...written].sort(), `${p.url}: the pool is the questions written in content/`);
  const passMark = yamlNumber(p.fm.keys.quiz, 'pass_mark') ?? yamlNumber(COURSE_YAML, 'pass_mark') ?? settings.pass_mark;
  assert.equal(settings.pass_mark, passMark, `${p.url}: pass mark as written`);
  const draw = yamlNumber(p.fm.keys.quiz, 'draw');

  const shown = page.locator('.quiz-page .quiz:not([hidden])');
  const ids = await shown.evaluateAll((els) => els.map((e) => e.dataset.qid));
  assert.equal(ids.length, draw ?? written.length, `${p.url}: questions shown per attempt`);
  const bad = [];
  let points = 0;
  for (const id of ids) {
    const block = page.locator(`.quiz-page .quiz[data-qid="${id}"]`);
    const d = await json(block.locator('.quiz-data'));
    points += d.points;
    try {
      await enter(block, d, rightAnswer(d));
    } catch (e) {
      bad.push(`${id} (${d.type}): could not enter the right answer: ${e.message.split('\n')[0]}`);
    }
  }
  await page.locator('.quiz-submit').click();
  const result = page.locator('.quiz-page-result');
  const lines = await result.locator('p').allTextContents();
  if (lines.length < 2) {
    // Some question counted as unanswered: quiz.js asks before submitting.
    throw new Error(`${p.url}: submitting did not grade: ${await result.textContent()}\n  ${bad.join('\n  ')}`);
  }
  // Which questions, if any, were not marked right with the answer from their own data.
  for (const id of ids) {
    const r = (await page.locator(`.quiz-page .quiz[data-qid="${id}"] .quiz-result`).textContent()).trim();
    if (!r.startsWith(strings.quiz_correct)) bad.push(`${id}: "${r}"`);
  }
  assert.deepEqual(bad, [], `${p.url}: questions not graded right with their own correct answer`);
  const max = Math.round(points * 100) / 100;
  assert.equal(lines[0], fmt(strings.quiz_result, { score: max, max, percent: 100 }), `${p.url}: full marks`);
  assert.equal(lines[1], fmt(strings.quiz_passed, { pass: settings.pass_mark }), `${p.url}: passed`);
  assert.ok(await root.evaluate((el) => el.classList.contains('is-passed')));
  const saved = await page.evaluate((k) => window.Syllabus.store.all().items[k]?.v, `quiz:${settings.id}`);
  assert.equal(saved?.passed, true, `${p.url}: the pass is recorded`);
  assert.equal(saved?.best, 100);
  assertNoErrors(page, `on ${p.url}`);
  return settings.id;
}

const quizIds = [];
for (const p of GRADED) {
  test(`graded quiz ${p.file} is passed with every question answered from its data`, async () => {
    quizIds.push(await takeGradedQuiz(p));
  });
}

// ---------------------------------------------------------------------------------------
// Role-plays

/** The best-scoring run to a success ending: every simple path from `start` (no node twice). */
function bestSuccess(data) {
  let best = null;
  let paths = 0;
  const walk = (at, seen, pathSoFar, score) => {
    const node = data.nodes[at];
    node.choices.forEach((c, i) => {
      const s = score + (c.score || 0);
      const p2 = [...pathSoFar, i];
      if (c.next in data.endings) {
        paths++;
        if (data.endings[c.next].outcome === 'success' && (!best || s > best.score)) best = { path: p2, score: s, ending: c.next };
      } else if (c.next in data.nodes && !seen.has(c.next)) {
        walk(c.next, new Set([...seen, c.next]), p2, s);
      }
    });
  };
  walk(data.start, new Set([data.start]), [], 0);
  return { best, paths };
}

for (const p of ROLEPLAYS) {
  test(`role-play ${p.file} is played to a passing success ending`, async (t) => {
    await open(page, server.url(p.url));
    const sections = page.locator('[data-roleplay]');
    const written = p.blocks.filter((b) => b.kind === 'roleplay');
    assert.equal(await sections.count(), written.length, `${p.url}: one role-play per block`);
    for (let k = 0; k < written.length; k++) {
      const section = sections.nth(k);
      const data = await json(section.locator('script.rp-data'));
      const s = await json(section.locator('script.rp-strings'));
      const passScore = yamlNumber(written[k].yaml, 'pass_score');
      assert.equal(data.pass_score, passScore, `${p.url}: pass_score as written`);
      const customer = /^customer:\s*(.+?)\s*$/m.exec(written[k].yaml)?.[1];
      assert.equal(data.customer, customer, `${p.url}: the customer as written`);
      if (written.length === 1) assert.equal(data.id, p.url.replace(/\.html$/, ''));
      const { best, paths } = bestSuccess(data);
      t.diagnostic(`${data.id}: ${paths} paths to an ending; best success ${best?.score} (${best?.ending}) via [${best?.path}], pass_score ${data.pass_score}, best possible ${data.best}`);
      assert.ok(best, `${p.url}: no path reaches a success ending (${paths} paths to an ending)`);
      assert.ok(
        typeof passScore !== 'number' || best.score >= passScore,
        `${p.url}: the best success run scores ${best.score}, below pass_score ${passScore}`,
      );
      for (const i of best.path) {
        const buttons = section.locator('.rp-choices .rp-choice');
        await buttons.nth(i).click();
      }
      const debrief = section.locator('.rp-debrief');
      await debrief.waitFor({ state: 'visible' });
      assert.equal(await debrief.locator('.rp-outcome.outcome-success').count(), 1, `${p.url}: success`);
      assert.match(await debrief.locator('.rp-outcome').textContent(), new RegExp(s.rp_outcome_success));
      const scoreLine = await debrief.locator('.rp-final-score').textContent();
      assert.ok(scoreLine.includes(fmt(s.rp_score_of, { score: best.score, pass: data.pass_score })), `${p.url}: ${scoreLine}`);
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

for (const p of ASSESSMENTS) {
  test(`self-assessment on ${p.file} is completed and shows its results`, async () => {
    await open(page, server.url(p.url));
    const sections = page.locator('[data-assessment]');
    assert.equal(await sections.count(), p.blocks.filter((b) => b.kind === 'assessment').length);
    for (let k = 0; k < (await sections.count()); k++) {
      const section = sections.nth(k);
      const data = await json(section.locator('script.as-data'));
      const s = await json(section.locator('script.as-strings'));
      const written = p.blocks.filter((b) => b.kind === 'assessment')[k];
      assert.equal(data.id, written.id, `${p.url}: the assessment as written`);
      const questions = section.locator('fieldset.as-question');
      assert.equal(await questions.count(), data.questions.length);
      const answers = data.questions.map((q, i) => (i * 2 + k) % q.options.length);
      for (let i = 0; i < answers.length; i++) await questions.nth(i).locator(`input[value="${answers[i]}"]`).check();
      await section.locator('.as-actions button').click();
      const results = section.locator('.as-results');
      await results.waitFor({ state: 'visible' });
      assert.equal(await section.locator('.as-status').textContent(), '', 'nothing left unanswered');
      // What the page shows is what the scoring in the data gives.
      const totals = Object.fromEntries(data.categories.map((c) => [c.id, 0]));
      data.questions.forEach((q, i) => {
        for (const [cat, n] of Object.entries(q.options[answers[i]].points || {})) if (cat in totals) totals[cat] += n;
      });
      const shown = await results.locator('.as-score').allTextContents();
      assert.deepEqual(shown, data.categories.map((c) => fmt(s.as_points_of, { score: totals[c.id], max: c.max })));
      const bands = await results.locator('.as-band').allTextContents();
      assert.equal(bands.length, data.categories.length);
      bands.forEach((b, i) => assert.ok(b.trim(), `${p.url}: category ${data.categories[i].id} (${totals[data.categories[i].id]}) has a band text`));
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
