// What the LMS is told: status and score from made-up completion evaluations, and
// interactions in each version's formats.
const test = require('node:test');
const assert = require('node:assert/strict');
const C = require('../../themes/default/static/scorm-cmi.js');

const quizMissing = (state, extra) => ({ rule: 'quizzes', need: 'passed', kind: 'quiz', id: 'm/quiz', state, ...extra });

test('incomplete until everything is done; passed once complete', () => {
  assert.deepEqual(C.status(null, 80), { state: 'incomplete', complete: false, score: null });
  const fresh = { complete: false, score: null, missing: [quizMissing({ attempted: false }), { kind: 'roleplay', need: 'finished', state: { finished: false } }] };
  assert.equal(C.status(fresh, 80).state, 'incomplete');
  assert.deepEqual(C.status({ complete: true, score: 92, missing: [] }, 80), { state: 'passed', complete: true, score: 92 });
  assert.equal(C.status({ complete: true, score: null, missing: [] }, 80).state, 'passed');
});

test('failed when all that is missing was tried and not met, or the score is short', () => {
  const tried = { complete: false, score: 60, missing: [quizMissing({ attempted: true, passed: false })] };
  assert.equal(C.status(tried, 80).state, 'failed');
  // One failed quiz while other work is still open: still incomplete (the trainee is on the way).
  const mixed = { complete: false, score: 60, missing: [quizMissing({ attempted: true }), { kind: 'reflect', need: 'done', state: { done: false } }] };
  assert.equal(C.status(mixed, 80).state, 'incomplete');
  assert.equal(C.status({ complete: false, missing: [quizMissing({ attempted: false }, { blocked: true })] }, 80).state, 'failed');
  // completion: quizzes attempted, and the exam below the pass mark.
  assert.equal(C.status({ complete: true, score: 70, missing: [] }, 80).state, 'failed');
});

test('status elements in SCORM 1.2 and 2004', () => {
  assert.deepEqual(C.statusElements('1.2', { state: 'incomplete', complete: false, score: null }), [['cmi.core.lesson_status', 'incomplete']]);
  assert.deepEqual(C.statusElements('1.2', { state: 'passed', complete: true, score: 85 }), [
    ['cmi.core.lesson_status', 'passed'],
    ['cmi.core.score.min', '0'],
    ['cmi.core.score.max', '100'],
    ['cmi.core.score.raw', '85'],
  ]);
  assert.deepEqual(C.statusElements('2004', { state: 'failed', complete: false, score: 62.5 }), [
    ['cmi.completion_status', 'incomplete'],
    ['cmi.success_status', 'failed'],
    ['cmi.score.min', '0'],
    ['cmi.score.max', '100'],
    ['cmi.score.raw', '62.5'],
    ['cmi.score.scaled', '0.63'],
  ]);
  assert.deepEqual(C.statusElements('2004', { state: 'incomplete', complete: false, score: null }), [
    ['cmi.completion_status', 'incomplete'],
    ['cmi.success_status', 'unknown'],
  ]);
});

test('responses in each version\'s format', () => {
  const r = (v, type, response, extra) => C.response(v, { type, response, ...extra });
  assert.equal(r('1.2', 'single', 2), '2');
  assert.equal(r('2004', 'single', 2), 'o2');
  assert.equal(r('1.2', 'multiple', [0, 11]), '0,b');
  assert.equal(r('2004', 'multiple', [0, 11]), 'o0[,]o11');
  assert.equal(r('1.2', 'truefalse', false), 'f');
  assert.equal(r('2004', 'truefalse', true), 'true');
  assert.equal(r('2004', 'fill', ['5-6倍', 'a[,]b']), '5-6倍[,]a b');
  assert.equal(r('1.2', 'numeric', '５'), '');
  assert.equal(r('1.2', 'numeric', '5,5'), '5.5');
  assert.equal(r('1.2', 'match', [1, null, 0]), '0.1,2.0');
  assert.equal(r('2004', 'match', [1, 0]), 'l0[.]r1[,]l1[.]r0');
  assert.equal(r('2004', 'order', [2, 0, 1]), 'i2[,]i0[,]i1');
  assert.equal(r('1.2', 'roleplay', null, { choice: 1 }), '1');
});

test('an interaction names its question, response, result, weight and time', () => {
  const now = new Date(2026, 0, 2, 9, 5, 7).getTime();
  const fact = { id: 'checks/graded/q #1', type: 'multiple', response: [0, 2], result: 'partial', score: 0.5, max: 2 };
  assert.deepEqual(C.interaction('1.2', 3, fact, now), [
    ['cmi.interactions.3.id', 'checks_graded_q__1'],
    ['cmi.interactions.3.type', 'choice'],
    ['cmi.interactions.3.weighting', '2'],
    ['cmi.interactions.3.student_response', '0,2'],
    ['cmi.interactions.3.result', '25'],
    ['cmi.interactions.3.time', '09:05:07'],
  ]);
  const rp = { id: 'practice/call/1-open', type: 'roleplay', choice: 0, score: -2 };
  assert.deepEqual(C.interaction('2004', 0, rp, now), [
    ['cmi.interactions.0.id', 'practice/call/1-open'],
    ['cmi.interactions.0.type', 'choice'],
    ['cmi.interactions.0.learner_response', 'c0'],
    ['cmi.interactions.0.result', 'incorrect'],
    ['cmi.interactions.0.timestamp', '2026-01-02T09:05:07'],
  ]);
});

test('session time', () => {
  assert.equal(C.sessionTime('1.2', 3723000), '0001:02:03');
  assert.equal(C.sessionTime('2004', 3723000), 'PT1H2M3S');
});
