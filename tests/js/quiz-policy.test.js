// The graded quiz page's rules (docs/quizzes.md, "Graded quiz pages"): attempts,
// reveal, best score, new attempts, submitting, and saved states that no longer fit.
const test = require('node:test');
const assert = require('node:assert/strict');
const p = require('../../themes/default/static/quiz-policy.js');

const settings = (over = {}) => ({
  id: 'checks/graded',
  hash: 'h',
  pass_mark: 60,
  draw: null,
  attempts: 2,
  reveal: 'after-submit',
  pool: ['a', 'b', 'c'],
  ...over,
});
const hashes = { a: 'ha', b: 'hb', c: 'hc' };
const right = { score: 1, max: 1 };
const wrong = { score: 0, max: 1 };

/** A state with an open attempt over the whole pool. */
const started = (s = settings()) => p.repair(null, s, hashes, 7);

/** Deep-frozen, so a test fails if a function changes its input in place. */
function frozen(x) {
  if (x && typeof x === 'object') {
    Object.values(x).forEach(frozen);
    Object.freeze(x);
  }
  return x;
}

test('a first visit starts attempt 1 over the pool', () => {
  const state = started();
  assert.equal(state.attempts, 0);
  assert.equal(state.best, null);
  assert.equal(state.passed, false);
  assert.deepEqual(state.current, { seed: 7, drawn: ['a', 'b', 'c'], answers: {}, submitted: false });
  assert.deepEqual(p.status(settings(), state), { key: 'quiz_attempt_of', values: { n: 1, max: 2 } });
  assert.deepEqual(p.status(settings({ attempts: 0 }), state), { key: 'quiz_attempt_n', values: { n: 1 } });
});

test('the pool is the listed questions the page holds, in pool order', () => {
  assert.deepEqual(p.poolOf(settings({ pool: ['c', 'x', 'a'] }), hashes), ['c', 'a']);
  assert.deepEqual(p.poolOf(settings({ pool: undefined }), hashes), []);
});

test('a new attempt draws with its seed, starts empty and keeps the score so far', () => {
  const before = frozen({ attempts: 1, best: 50, passed: false, current: { seed: 1, drawn: ['a'], answers: { a: { h: 'ha', a: 0 } }, submitted: true } });
  const next = p.newAttempt(before, ['a', 'b', 'c', 'd', 'e'], 2, 99);
  assert.equal(next.attempts, 1);
  assert.equal(next.best, 50);
  assert.equal(next.current.seed, 99);
  assert.equal(next.current.drawn.length, 2);
  assert.deepEqual(next.current.answers, {});
  assert.equal(next.current.submitted, false);
  assert.deepEqual(p.newAttempt(before, ['a', 'b', 'c', 'd', 'e'], 2, 99).current.drawn, next.current.drawn, 'same seed, same draw');
  const drawsSeen = new Set();
  for (let seed = 0; seed < 50; seed++) drawsSeen.add(p.newAttempt(before, ['a', 'b', 'c', 'd', 'e'], 2, seed).current.drawn.join());
  assert.ok(drawsSeen.size > 5, 'other seeds draw other questions');
  assert.deepEqual(p.newAttempt(before, ['a', 'b'], null, 3).current.drawn, ['a', 'b'], 'no draw: the whole pool');
});

test('each question shuffles with its own seed, the same on every reload', () => {
  const state = started();
  assert.equal(p.questionSeed(state, 'a'), p.questionSeed(started(), 'a'));
  assert.notEqual(p.questionSeed(state, 'a'), p.questionSeed(state, 'b'));
  assert.ok(p.questionSeed(state, 'a') >= 0);
});

test('answers are recorded with the question hash while the attempt is open', () => {
  const state = frozen(started());
  const one = p.answer(state, 'a', 'ha', 1);
  assert.deepEqual(one.current.answers, { a: { h: 'ha', a: 1 } });
  assert.equal(p.savedAnswer(one, 'a', 'ha'), 1);
  assert.equal(p.savedAnswer(one, 'a', 'edited'), null, 'the question was edited since');
  assert.equal(p.savedAnswer(one, 'b', 'hb'), null, 'not answered');
  const two = p.answer(one, 'a', 'ha', 2);
  assert.equal(p.savedAnswer(two, 'a', 'ha'), 2, 'a new answer replaces the old');
  assert.equal(p.savedAnswer(one, 'a', 'ha'), 1, 'states are not changed in place');
});

test('answers are not recorded after a submit or for a question not drawn', () => {
  const drawnTwo = p.newAttempt(p.fresh(), ['a', 'b', 'c'], 2, 5);
  const missing = ['a', 'b', 'c'].find((id) => !drawnTwo.current.drawn.includes(id));
  assert.equal(p.answer(drawnTwo, missing, 'h', 1), drawnTwo);
  const submitted = p.submit(started(), [wrong, wrong, wrong], 60);
  assert.equal(p.answer(submitted, 'a', 'ha', 1), submitted);
  assert.equal(p.answer(p.fresh(), 'a', 'ha', 1).current, null, 'no attempt yet');
});

test('submitting counts the attempt and keeps the best score and any pass', () => {
  const s = settings();
  const first = p.submit(frozen(started(s)), [right, right, wrong], s.pass_mark);
  assert.equal(first.attempts, 1);
  assert.equal(first.best, 67);
  assert.equal(first.passed, true);
  assert.deepEqual(first.last, { score: 2, max: 3, percent: 67, passed: true });
  assert.equal(first.current.submitted, true);
  assert.equal(p.submit(first, [right, right, right], 60), first, 'an attempt is submitted once');

  const second = p.submit(p.newAttempt(first, ['a', 'b', 'c'], null, 8), [wrong, wrong, wrong], s.pass_mark);
  assert.equal(second.attempts, 2);
  assert.equal(second.best, 67, 'the best score stays');
  assert.equal(second.passed, true, 'a pass stays');
  assert.deepEqual(second.last, { score: 0, max: 3, percent: 0, passed: false });
});

test('attempts left, and when Try again is offered', () => {
  const s = settings({ attempts: 2 });
  const open = started(s);
  assert.equal(p.attemptsLeft(s, open), 2);
  assert.equal(p.canRetry(s, open), false, 'not before a submit');
  const once = p.submit(open, [wrong], 60);
  assert.equal(p.attemptsLeft(s, once), 1);
  assert.equal(p.canRetry(s, once), true);
  const twice = p.submit(p.newAttempt(once, ['a'], null, 1), [wrong], 60);
  assert.equal(p.attemptsLeft(s, twice), 0);
  assert.equal(p.canRetry(s, twice), false, 'attempts used up');
  assert.equal(p.attemptsLeft(s, { ...twice, attempts: 5 }), 0, 'never below zero');
  const unlimited = settings({ attempts: 0 });
  assert.equal(p.attemptsLeft(unlimited, twice), Infinity);
  assert.equal(p.canRetry(unlimited, twice), true);
});

test('the attempt line counts the open attempt, and the last one once used up', () => {
  const s = settings({ attempts: 2 });
  const once = p.submit(started(s), [wrong], 60);
  assert.deepEqual(p.status(s, once).values, { n: 1, max: 2 }, 'after a submit: the attempt just made');
  const again = p.newAttempt(once, ['a'], null, 1);
  assert.deepEqual(p.status(s, again).values, { n: 2, max: 2 });
  assert.deepEqual(p.status(s, { ...again, attempts: 2 }).values, { n: 2, max: 2 }, 'never above the maximum');
  assert.deepEqual(p.status(settings({ attempts: 0 }), again).values, { n: 2 });
});

test('reveal: after-submit shows everything, after-pass answers once passed, never only the total', () => {
  const failed = { ...started(), passed: false };
  const passed = { ...started(), passed: true };
  assert.deepEqual(p.reveals(settings(), failed), { marks: true, reveal: true });
  assert.deepEqual(p.reveals(settings({ reveal: 'after-pass' }), failed), { marks: true, reveal: false });
  assert.deepEqual(p.reveals(settings({ reveal: 'after-pass' }), passed), { marks: true, reveal: true });
  assert.deepEqual(p.reveals(settings({ reveal: 'never' }), passed), { marks: false, reveal: false });
});

test('the result lines of a pass, then a failed last attempt', () => {
  const s = settings({ attempts: 2, pass_mark: 60 });
  const keys = (lines) => lines.map((l) => [l.key, l.values]);
  const first = p.submit(started(s), [right, right, right], 60);
  assert.deepEqual(keys(p.summary(s, first, { score: 3, max: 3, percent: 100, passed: true })), [
    ['quiz_result', { score: 3, max: 3, percent: 100 }],
    ['quiz_passed', { pass: 60 }],
    ['quiz_attempts_left', { n: 1 }],
  ]);
  const second = p.submit(p.newAttempt(first, ['a', 'b', 'c'], null, 2), [wrong, wrong, wrong], 60);
  assert.deepEqual(keys(p.summary(s, second, { score: 0, max: 3, percent: 0, passed: false })), [
    ['quiz_result', { score: 0, max: 3, percent: 0 }],
    ['quiz_failed', { pass: 60 }],
    ['quiz_best', { percent: 100 }],
    ['quiz_no_attempts_left', {}],
  ]);
});

test('the result says when answers are hidden until a pass, or never shown', () => {
  const total = { score: 0, max: 1, percent: 0, passed: false };
  const afterPass = settings({ reveal: 'after-pass', attempts: 0 });
  const failed = p.submit(started(afterPass), [wrong], 100);
  assert.deepEqual(p.summary(afterPass, failed, total).map((l) => l.key), ['quiz_result', 'quiz_failed', 'quiz_answers_hidden']);
  const never = settings({ reveal: 'never', attempts: 0 });
  assert.deepEqual(p.summary(never, failed, total).map((l) => l.key), ['quiz_result', 'quiz_failed', 'quiz_answers_never']);
});

test('a saved state that fits is kept as it is', () => {
  const s = settings();
  const saved = frozen(p.answer(p.submit(started(s), [right, right, right], 60), 'a', 'ha', 1));
  assert.equal(p.repair(saved, s, hashes, 1), saved);
  const open = frozen(p.answer(started(s), 'b', 'hb', [0, 2]));
  assert.equal(p.repair(open, s, hashes, 1), open);
});

test('a value that is no quiz state starts afresh', () => {
  for (const junk of [null, undefined, 'x', 3, [], {}, { attempts: '2' }, { attempts: -1 }, { attempts: 1.5 }]) {
    const state = p.repair(junk, settings(), hashes, 4);
    assert.equal(state.attempts, 0, JSON.stringify(junk));
    assert.equal(state.best, null);
    assert.equal(state.passed, false);
    assert.deepEqual(state.current.drawn, ['a', 'b', 'c']);
  }
});

test('an attempt that no longer fits the pool is replaced, keeping attempts, best and pass', () => {
  const s = settings({ draw: 2 });
  const base = { attempts: 1, best: 80, passed: true, last: { score: 4, max: 5, percent: 80, passed: true } };
  const current = { seed: 3, drawn: ['a', 'b'], answers: {}, submitted: true };
  const cases = {
    'a question the page no longer has': { ...current, drawn: ['a', 'gone'] },
    'a draw of another size': { ...current, drawn: ['a'] },
    'the same question twice': { ...current, drawn: ['a', 'a'] },
    'nothing drawn': { ...current, drawn: [] },
    'drawn is no list': { ...current, drawn: 'a,b' },
    'no seed': { ...current, seed: undefined },
    'submitted is no flag': { ...current, submitted: 'yes' },
    'no attempt': null,
  };
  for (const [why, cur] of Object.entries(cases)) {
    const saved = frozen({ ...base, current: cur });
    const state = p.repair(saved, s, hashes, 11);
    assert.notEqual(state, saved, why);
    assert.deepEqual([state.attempts, state.best, state.passed], [1, 80, true], why);
    assert.deepEqual(state.last, base.last, why);
    assert.equal(state.current.seed, 11, why);
    assert.equal(state.current.drawn.length, 2, why);
    assert.equal(state.current.submitted, false, why);
  }
});

test('answers to edited or undrawn questions are dropped, the others kept', () => {
  const s = settings({ draw: 2 });
  const saved = frozen({
    attempts: 0,
    best: null,
    passed: false,
    current: {
      seed: 3,
      drawn: ['a', 'b'],
      answers: { a: { h: 'ha', a: 1 }, b: { h: 'old', a: 0 }, c: { h: 'hc', a: true }, junk: 5 },
      submitted: false,
    },
  });
  const state = p.repair(saved, s, hashes, 1);
  assert.deepEqual(state.current.answers, { a: { h: 'ha', a: 1 } });
  assert.deepEqual(state.current.drawn, ['a', 'b'], 'the attempt itself stays');
  const noAnswers = p.repair({ ...saved, current: { ...saved.current, answers: 'x' } }, s, hashes, 1);
  assert.deepEqual(noAnswers.current.answers, {});
});

test('a malformed best score or pass flag is set back', () => {
  const s = settings();
  const good = started(s);
  const state = p.repair({ ...good, best: 'high', passed: 'yes' }, s, hashes, 1);
  assert.equal(state.best, null);
  assert.equal(state.passed, false);
  assert.deepEqual(state.current, good.current, 'the attempt stays');
});

test('questions are numbered as the trainee sees them: drawn ones, in page order, without gaps', () => {
  const s = settings({ pool: ['a', 'b', 'c', 'd'], draw: 2 });
  const state = { ...p.repair(null, s, { ...hashes, d: 'hd' }, 3), current: { seed: 3, drawn: ['d', 'b'], answers: {}, submitted: false } };
  // The page holds the questions in the order a, b, c, d: b is shown first.
  assert.deepEqual(p.numbers(['a', 'b', 'c', 'd'], state), { total: 2, of: { b: 1, d: 2 } });
  assert.deepEqual(p.numbers(['a', 'b'], { attempts: 0, current: null }), { total: 0, of: {} });
  const all = p.numbers(['a', 'b', 'c'], started());
  assert.deepEqual(all, { total: 3, of: { a: 1, b: 2, c: 3 } });
  assert.deepEqual(
    p.openNumbers(all, (id) => id !== 'b'),
    [{ id: 'a', n: 1 }, { id: 'c', n: 3 }],
    'the open questions by their numbers',
  );
  assert.deepEqual(p.openNumbers(all, () => false), []);
});
