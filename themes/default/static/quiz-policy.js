/* The rules of a graded quiz page, without the page: attempts, what a submit
 * reveals, the best score, new attempts, and repairing a saved state that no longer
 * fits the page. quiz.js does the DOM work and asks these; tests/js/quiz-policy.test.js
 * covers every rule.
 *
 * settings: the page's quiz-page-data, {id, hash, pass_mark, draw (null = all),
 *   attempts (0 = unlimited), reveal: after-submit | after-pass | never, pool: [id]}
 * state (saved as kind `quiz`, see docs/quizzes.md): {attempts, best (percent or
 *   null), passed, last: {score, max, percent, passed}, current: {seed, drawn: [id],
 *   answers: {id: {h: question hash, a: answer}}, submitted}}
 * hashes: {question id: hash} of the questions on the page.
 *
 * A state is never changed in place: each function returns a new one, or the same
 * one when nothing changes, so quiz.js saves only when the state is a new object. */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};
  /* In the page util.js and grading.js have run before anyone calls these. */
  if (typeof module !== 'undefined' && module.exports) {
    S.util = require('./util.js');
    S.grading = require('./grading.js');
  }

  function isObject(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  function copy(obj, changes) {
    var out = {};
    Object.keys(obj).forEach(function (k) {
      out[k] = obj[k];
    });
    Object.keys(changes).forEach(function (k) {
      out[k] = changes[k];
    });
    return out;
  }

  /* No attempt yet. */
  function fresh() {
    return { attempts: 0, best: null, passed: false, current: null };
  }

  /* The ids of the page's pool whose questions the page holds, in pool order. */
  function poolOf(settings, hashes) {
    return (settings.pool || []).filter(function (id) {
      return has(hashes, id);
    });
  }

  /* How many questions an attempt shows. */
  function drawCount(pool, draw) {
    return draw && draw < pool.length ? draw : pool.length;
  }

  /* A new attempt: `draw` questions of `pool` (all when draw is 0 or null), picked
   * with `seed`, which also fixes the order of their options until the next one. */
  function newAttempt(state, pool, draw, seed) {
    var U = S.util;
    return copy(state, {
      current: { seed: seed, drawn: U.draw(pool, draw || 0, U.rng(seed)), answers: {}, submitted: false },
    });
  }

  /* The seed of one question's option order in the current attempt. */
  function questionSeed(state, id) {
    return (state.current.seed ^ S.util.hashString(id)) >>> 0;
  }

  /* The trainee's answer to a drawn question, unless they have not answered it or
   * the trainer has edited the question since (its hash changed): then null. */
  function savedAnswer(state, id, hash) {
    var cur = state.current;
    var a = cur && isObject(cur.answers) && has(cur.answers, id) ? cur.answers[id] : null;
    return isObject(a) && a.h === hash ? a.a : null;
  }

  /* Records an answer while the attempt is open and the question is drawn. */
  function answer(state, id, hash, value) {
    var cur = state.current;
    if (!cur || cur.submitted || cur.drawn.indexOf(id) < 0) return state;
    var answers = copy(cur.answers, {});
    answers[id] = { h: hash, a: value };
    return copy(state, { current: copy(cur, { answers: answers }) });
  }

  /* Grades the attempt: `results` are grading.score() of each drawn question. The
   * best score and `passed` never go down. */
  function submit(state, results, passMark) {
    if (!state.current || state.current.submitted) return state;
    var total = S.grading.total(results, passMark);
    return copy(state, {
      attempts: state.attempts + 1,
      best: state.best === null ? total.percent : Math.max(state.best, total.percent),
      passed: state.passed || total.passed,
      last: { score: total.score, max: total.max, percent: total.percent, passed: total.passed },
      current: copy(state.current, { submitted: true }),
    });
  }

  /* Infinity when attempts are unlimited. */
  function attemptsLeft(settings, state) {
    return settings.attempts > 0 ? Math.max(0, settings.attempts - state.attempts) : Infinity;
  }

  /* Try again is offered after a submit while attempts are left. */
  function canRetry(settings, state) {
    return Boolean(state.current && state.current.submitted) && attemptsLeft(settings, state) > 0;
  }

  /* Per question after a submit: `marks` (right/wrong and the score) and `reveal`
   * (the correct answers, option feedback and the explanation). */
  function reveals(settings, state) {
    if (settings.reveal === 'never') return { marks: false, reveal: false };
    if (settings.reveal === 'after-pass') return { marks: true, reveal: state.passed === true };
    return { marks: true, reveal: true };
  }

  /* The "Attempt n of m" line, as a UI string key and its values. */
  function status(settings, state) {
    var n = state.attempts + (state.current && state.current.submitted ? 0 : 1);
    if (settings.attempts > 0) return { key: 'quiz_attempt_of', values: { n: Math.min(n, settings.attempts), max: settings.attempts } };
    return { key: 'quiz_attempt_n', values: { n: n } };
  }

  /* The result after a submit, one UI string key and its values per line. `total` is
   * grading.total() of the submitted attempt. */
  function summary(settings, state, total) {
    var lines = [
      { key: 'quiz_result', values: { score: total.score, max: total.max, percent: total.percent } },
      { key: total.passed ? 'quiz_passed' : 'quiz_failed', values: { pass: settings.pass_mark } },
    ];
    if (state.attempts > 1 && state.best !== null) lines.push({ key: 'quiz_best', values: { percent: state.best } });
    var left = attemptsLeft(settings, state);
    if (left === 0) lines.push({ key: 'quiz_no_attempts_left', values: {} });
    else if (left !== Infinity) lines.push({ key: 'quiz_attempts_left', values: { n: left } });
    if (settings.reveal === 'after-pass' && !state.passed) lines.push({ key: 'quiz_answers_hidden', values: {} });
    if (settings.reveal === 'never') lines.push({ key: 'quiz_answers_never', values: {} });
    return lines;
  }

  /* The numbers the trainee sees: the drawn questions in the page's order (`order`,
   * every question id as the page holds them), counted from 1 without gaps.
   * {total, of: {id: n}}. */
  function numbers(order, state) {
    var drawn = state.current ? state.current.drawn : [];
    var of = {};
    var n = 0;
    order.forEach(function (id) {
      if (drawn.indexOf(id) >= 0 && !has(of, id)) of[id] = ++n;
    });
    return { total: n, of: of };
  }

  /* The numbers of the drawn questions `isOpen(id)` calls unanswered, in order. */
  function openNumbers(nums, isOpen) {
    return Object.keys(nums.of)
      .filter(isOpen)
      .map(function (id) {
        return { id: id, n: nums.of[id] };
      })
      .sort(function (a, b) {
        return a.n - b.n;
      });
  }

  function isCount(n) {
    return typeof n === 'number' && n >= 0 && n % 1 === 0;
  }

  /* An attempt fits when it drew the right number of distinct questions of the pool. */
  function fits(cur, pool, draw) {
    if (!isObject(cur) || !Array.isArray(cur.drawn) || typeof cur.submitted !== 'boolean') return false;
    if (typeof cur.seed !== 'number' || !isFinite(cur.seed)) return false;
    var want = drawCount(pool, draw);
    if (want === 0 || cur.drawn.length !== want) return false;
    return cur.drawn.every(function (id, i) {
      return pool.indexOf(id) >= 0 && cur.drawn.indexOf(id) === i;
    });
  }

  /* The answers that still belong to a drawn, unedited question. */
  function keptAnswers(cur, hashes) {
    if (!isObject(cur.answers)) return {};
    var kept = {};
    var dropped = false;
    Object.keys(cur.answers).forEach(function (id) {
      var a = cur.answers[id];
      if (cur.drawn.indexOf(id) >= 0 && isObject(a) && a.h === hashes[id]) kept[id] = a;
      else dropped = true;
    });
    return dropped ? kept : cur.answers;
  }

  /* The saved state made to fit the page: `saved` itself when it does. A value that is
   * no quiz state starts afresh; an attempt that does not fit the pool (a corrupt
   * value, a course edited since) is replaced by a new one drawn with `seed`, keeping
   * attempts, best and passed; answers to questions edited since are dropped. */
  function repair(saved, settings, hashes, seed) {
    var pool = poolOf(settings, hashes);
    if (!isObject(saved) || !isCount(saved.attempts)) return newAttempt(fresh(), pool, settings.draw, seed);
    var state = saved;
    var best = typeof saved.best === 'number' && isFinite(saved.best) ? saved.best : null;
    var passed = saved.passed === true;
    if (best !== saved.best || passed !== saved.passed) state = copy(state, { best: best, passed: passed });
    if (!fits(state.current, pool, settings.draw)) return newAttempt(state, pool, settings.draw, seed);
    var answers = keptAnswers(state.current, hashes);
    if (answers !== state.current.answers) state = copy(state, { current: copy(state.current, { answers: answers }) });
    return state;
  }

  var api = {
    fresh: fresh,
    poolOf: poolOf,
    newAttempt: newAttempt,
    questionSeed: questionSeed,
    savedAnswer: savedAnswer,
    answer: answer,
    submit: submit,
    attemptsLeft: attemptsLeft,
    canRetry: canRetry,
    reveals: reveals,
    status: status,
    summary: summary,
    numbers: numbers,
    openNumbers: openNumbers,
    repair: repair,
  };
  S.quizPolicy = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
