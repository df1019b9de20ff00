// Every role-play of the flagship course (content/), played in the browser to every ending,
// with its graph read from the Markdown source (the fenced ```roleplay YAML, parsed with the
// `yaml` package). For each scenario:
//  - the source graph is checked as a whole: every simple path from `start` is scored; no path
//    through a forbidden reply passes (a reply that scores below 0, or whose own feedback
//    calls it a forbidden phrase: 禁止说 / 禁用语 / 不可以说); every `success` ending can be
//    reached with at least `pass_score`; every decision node offers three or more replies; the
//    best-scoring reply is not also the longest in most nodes;
//  - in the browser (one Chromium, one context, over http), replies are clicked by their text:
//    the highest-scoring path to each ending, the "always pick the longest reply" strategy, and
//    the highest-scoring path through each forbidden reply. The debrief must show the outcome,
//    score and pass/fail the source gives; the longest-reply run and every forbidden run must
//    not pass. Runs restart with the debrief's "play again" button, not a reload.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { COURSE, ROLEPLAYS as FLAGSHIP_ROLEPLAYS, passes, plain, shown } from './flagship-source.mjs';
import { assertNoErrors, buildCourse, closeBrowser, newContext, newPage, open, serve } from './lib.mjs';

/** Words with which a node's feedback calls a reply a forbidden phrase. */
const FORBIDDEN_WORDS = /禁止说|禁用语|不可以说/;

/** Every page with a role-play as written: `{ file, url, rp }`. */
const ROLEPLAYS = FLAGSHIP_ROLEPLAYS.map((p) => ({ file: p.file, url: p.url, rp: p.blocks.find((b) => b.kind === 'roleplay').data }));

/** Display width: East Asian wide and full-width characters (and emoji) count 2. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
const width = (s) => [...plain(s)].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);

const isForbidden = (c) => (c.score ?? 0) < 0 || FORBIDDEN_WORDS.test(String(c.feedback ?? ''));

/** Every simple path from `start` to an ending: `{ steps: [[node, i]...], score, ending, passed }`. */
function allPaths(rp) {
  const paths = [];
  const walk = (at, seen, steps, score) => {
    rp.nodes[at].choices.forEach((c, i) => {
      const s = score + (c.score ?? 0);
      const st = [...steps, [at, i]];
      if (c.next in rp.endings) paths.push({ steps: st, score: s, ending: c.next, passed: passes(rp, c.next, s) });
      else if (!seen.has(c.next)) walk(c.next, new Set([...seen, c.next]), st, s);
    });
  };
  walk(rp.start, new Set([rp.start]), [], 0);
  return paths;
}

/** The run of a trainee who always picks the longest reply (the first one on a tie). */
function longestRun(rp) {
  const steps = [];
  let score = 0;
  let at = rp.start;
  const seen = new Set();
  while (!(at in rp.endings)) {
    assert.ok(!seen.has(at), `always picking the longest reply loops at ${at}`);
    seen.add(at);
    const widths = rp.nodes[at].choices.map((c) => width(c.reply));
    const i = widths.indexOf(Math.max(...widths));
    const c = rp.nodes[at].choices[i];
    steps.push([at, i]);
    score += c.score ?? 0;
    at = c.next;
  }
  return { steps, score, ending: at, passed: passes(rp, at, score) };
}

const best = (paths) => paths.reduce((a, b) => (b.score > a.score ? b : a));

// ---------------------------------------------------------------------------------------
// Browser plumbing: one context, one page.

let server;
let context;
let page;

before(async () => {
  server = await serve(buildCourse(COURSE));
  context = await newContext({ viewport: { width: 1100, height: 900 } });
  page = await newPage(context, { server });
});

after(async () => {
  await context?.close();
  await server?.close();
  await closeBrowser();
});

const json = (locator) => locator.evaluate((el) => JSON.parse(el.textContent));
const fmt = (template, values) => String(template).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));

/**
 * Plays `run` from the start of the role-play on the page and reads the debrief, in one
 * round trip: at each step the reply buttons must read as the replies written (compared as
 * text), and the one written at the run's index is clicked, as a trainee's click would.
 */
function play(rp, run) {
  const steps = run.steps.map(([at, i]) => ({ at, want: rp.nodes[at].choices.map((c) => plain(c.reply)), pick: plain(rp.nodes[at].choices[i].reply) }));
  return page.locator('[data-roleplay]').evaluate((section, steps) => {
    const norm = (s) => s.replace(/\s+/g, ' ').trim();
    for (const { at, want, pick } of steps) {
      const buttons = [...section.querySelectorAll('.rp-choices .rp-choice')];
      const texts = buttons.map((b) => norm(b.textContent));
      if (JSON.stringify(texts) !== JSON.stringify(want)) return { error: `the replies at ${at} are ${JSON.stringify(texts)}, written: ${JSON.stringify(want)}` };
      buttons[texts.indexOf(pick)].click();
    }
    const d = section.querySelector('.rp-debrief');
    if (!d || d.hidden) return { error: 'no debrief after the last reply' };
    const text = (sel) => norm(d.querySelector(sel)?.textContent ?? '');
    return {
      outcome: d.querySelector('.rp-outcome.outcome-success') ? 'success' : d.querySelector('.rp-outcome.outcome-failure') ? 'failure' : null,
      score: text('.rp-final-score'),
      verdict: text('.rp-pass') || text('.rp-fail'),
      transcript: d.querySelectorAll('.rp-transcript > li').length,
    };
  }, steps);
}

/** Checks the debrief against the source's outcome, score and verdict for `run`, then plays again. */
async function checkAndRestart(rp, run, s, label) {
  const got = await play(rp, run);
  assert.equal(got.error, undefined, `${label}: ${got.error}`);
  assert.equal(got.outcome, rp.endings[run.ending].outcome, `${label}: outcome of ${run.ending}`);
  const expected = typeof rp.pass_score === 'number' ? fmt(s.rp_score_of, { score: run.score, pass: rp.pass_score }) : fmt(s.rp_score_plain, { score: run.score });
  assert.ok(got.score.includes(expected), `${label}: "${got.score}" should show "${expected}"`);
  assert.equal(got.verdict, run.passed ? `✔ ${s.rp_passed}` : `✖ ${s.rp_not_passed}`, `${label}: pass or not`);
  assert.equal(got.transcript, run.steps.length, `${label}: one transcript entry per reply`);
  await page.locator('[data-roleplay] .rp-debrief .rp-again').click();
  await page.locator('[data-roleplay] .rp-choices .rp-choice').first().waitFor({ state: 'visible' });
}

test('the flagship course has role-plays to play', () => {
  assert.ok(ROLEPLAYS.length >= 5, `role-plays: ${ROLEPLAYS.map((p) => p.file).join(', ')}`);
});

for (const { file, url, rp } of ROLEPLAYS) {
  const paths = allPaths(rp);
  const forbidden = [];
  for (const [name, node] of Object.entries(rp.nodes)) node.choices.forEach((c, i) => isForbidden(c) && forbidden.push([name, i]));

  test(`${file}: the source graph cannot be won by a forbidden reply, and every success ending can pass`, () => {
    const through = (at, i) => paths.filter((p) => p.steps.some(([n, k]) => n === at && k === i));
    const leaks = forbidden.flatMap(([at, i]) => through(at, i).filter((p) => p.passed).map((p) => `${at}#${i + 1} → ${p.ending} with ${p.score}`));
    assert.deepEqual(leaks, [], 'passing runs through a forbidden reply');
    for (const [name, ending] of Object.entries(rp.endings)) {
      const reach = paths.filter((p) => p.ending === name);
      assert.ok(reach.length, `ending ${name} is reached`);
      if (ending.outcome === 'success') {
        assert.ok(reach.some((p) => p.passed), `success ending ${name} can be reached with pass_score ${rp.pass_score} (best ${best(reach).score})`);
      }
    }
    const few = Object.entries(rp.nodes).filter(([, n]) => n.choices.length < 3).map(([name]) => name);
    assert.deepEqual(few, [], 'decision nodes with fewer than three replies');
    const bestIsLongest = Object.entries(rp.nodes).filter(([, n]) => {
      const scores = n.choices.map((c) => c.score ?? 0);
      const widths = n.choices.map((c) => width(c.reply));
      return widths[scores.indexOf(Math.max(...scores))] === Math.max(...widths);
    });
    assert.ok(
      bestIsLongest.length * 2 <= Object.keys(rp.nodes).length,
      `the best reply is also the longest in ${bestIsLongest.length} of ${Object.keys(rp.nodes).length} nodes: ${bestIsLongest.map(([n]) => n).join(', ')}`,
    );
  });

  test(`${file}: played to every ending, by the longest reply, and through every forbidden reply`, async (t) => {
    await open(page, server.url(url));
    const section = page.locator('[data-roleplay]');
    assert.equal(await section.count(), 1, `${url}: one role-play`);
    const s = await json(section.locator('script.rp-strings'));
    const data = await json(section.locator('script.rp-data'));
    assert.equal(data.pass_score, rp.pass_score, `${url}: pass_score as written`);

    for (const name of Object.keys(rp.endings)) {
      const run = best(paths.filter((p) => p.ending === name));
      await checkAndRestart(rp, run, s, `${url} → ${name}`);
    }

    const longest = longestRun(rp);
    t.diagnostic(`${data.id}: longest replies → ${longest.ending} with ${longest.score} (pass ${rp.pass_score})`);
    assert.equal(longest.passed, false, `${url}: always picking the longest reply passes (${longest.ending}, ${longest.score})`);
    await checkAndRestart(rp, longest, s, `${url} longest replies`);

    // The same path can be the best one through several forbidden replies: play it once.
    const played = new Set([longest, ...Object.keys(rp.endings).map((n) => best(paths.filter((p) => p.ending === n)))].map((r) => JSON.stringify(r.steps)));
    for (const [at, i] of forbidden) {
      const through = paths.filter((p) => p.steps.some(([n, k]) => n === at && k === i));
      const run = best(through);
      assert.equal(run.passed, false, `${url}: a run through ${at}#${i + 1} passes`);
      const key = JSON.stringify(run.steps);
      if (played.has(key)) continue;
      played.add(key);
      await checkAndRestart(rp, run, s, `${url} through ${at}#${i + 1}`);
    }
    t.diagnostic(`${data.id}: ${Object.keys(rp.endings).length} endings, ${forbidden.length} forbidden replies, ${played.size} runs played, ${paths.length} simple paths`);
    assertNoErrors(page, `on ${url}`);
  });
}
