// Grading rules of docs/quizzes.md, type by type, including Chinese fill normalisation.
const test = require('node:test');
const assert = require('node:assert/strict');
const g = require('../../themes/default/static/grading.js');

const single = { type: 'single', points: 1, correct: [false, true, false] };
const multiple = { type: 'multiple', points: 2, partial: false, correct: [true, false, true, false] };

test('normalize: NFKC, case, white space, trailing punctuation', () => {
  assert.equal(g.normalize('５－６倍'), g.normalize('5-6倍'));
  assert.equal(g.normalize('ＡＢＣ'), 'abc');
  assert.equal(g.normalize('退款\u3000流程'), '退款 流程', 'ideographic space');
  assert.equal(g.normalize('先道歉。'), '先道歉');
  assert.equal(g.normalize('  Hello   World!! '), 'hello world');
  assert.equal(g.normalize('好的！'), '好的');
  assert.equal(g.normalize('真的？'), '真的');
  assert.equal(g.normalize('９０％'), '90%');
  assert.equal(g.normalize(null), '');
});

test('single: right, wrong, unanswered', () => {
  assert.deepEqual([g.score(single, 1).score, g.score(single, 1).status], [1, 'right']);
  assert.deepEqual([g.score(single, 0).score, g.score(single, 0).status], [0, 'wrong']);
  assert.equal(g.score(single, null).score, 0);
  assert.equal(g.isAnswered(single, null), false);
  assert.equal(g.isAnswered(single, 0), true);
  assert.deepEqual(g.score(single, 0).detail.options[0], { picked: true, correct: false });
});

test('multiple: all-or-nothing', () => {
  assert.equal(g.score(multiple, [0, 2]).score, 2);
  assert.equal(g.score(multiple, [2, 0]).status, 'right');
  assert.equal(g.score(multiple, [0]).score, 0);
  assert.equal(g.score(multiple, [0, 1, 2]).score, 0);
  assert.equal(g.isAnswered(multiple, []), false);
});

test('multiple with partial: (right picks - wrong picks) / right options, never below 0', () => {
  const q = { ...multiple, partial: true };
  assert.equal(g.score(q, [0]).score, 1);
  assert.equal(g.score(q, [0]).status, 'partial');
  assert.equal(g.score(q, [0, 1]).score, 0);
  assert.equal(g.score(q, [1, 3]).score, 0, 'never below 0');
  assert.equal(g.score(q, [0, 2, 1]).score, 1);
  assert.equal(g.score(q, [0, 2]).score, 2);
});

test('truefalse', () => {
  const q = { type: 'truefalse', points: 1, answer: false };
  assert.equal(g.score(q, false).score, 1);
  assert.equal(g.score(q, true).score, 0);
  assert.equal(g.isAnswered(q, false), true);
});

test('fill: points split over blanks, normalised comparison', () => {
  const q = { type: 'fill', points: 2, answers: [['5-6倍', '五到六倍'], ['Refund']] };
  assert.equal(g.score(q, ['５－６倍', 'ＲＥＦＵＮＤ。']).score, 2);
  const half = g.score(q, ['五到六倍', 'exchange']);
  assert.equal(half.score, 1);
  assert.equal(half.status, 'partial');
  assert.deepEqual(half.detail.blanks, [true, false]);
  assert.equal(g.score(q, ['', '']).score, 0);
  assert.equal(g.isAnswered(q, ['', ' ']), false);
  const three = { type: 'fill', points: 1, answers: [['a'], ['b'], ['c']] };
  assert.equal(g.score(three, ['a', 'b', 'x']).score, 0.67);
});

test('order: exact, or share in place with partial', () => {
  const q = { type: 'order', points: 1, count: 4, partial: false };
  assert.equal(g.score(q, [0, 1, 2, 3]).score, 1);
  assert.equal(g.score(q, [0, 1, 3, 2]).score, 0);
  const p = { ...q, partial: true, points: 4 };
  assert.equal(g.score(p, [0, 1, 3, 2]).score, 2);
  assert.deepEqual(g.score(p, [0, 1, 3, 2]).detail.slots, [true, true, false, false]);
  assert.equal(g.score(p, [3, 2, 1, 0]).score, 0);
  // No answer (an order left as first shown) earns nothing, partial credit or not.
  assert.equal(g.score(p, null).score, 0);
  assert.equal(g.score(p, null).status, 'wrong');
});

test('nothing answered scores 0 on every type', () => {
  const qs = [
    { type: 'single', points: 1, correct: [false, true] },
    { type: 'multiple', points: 2, correct: [true, false, true], partial: true },
    { type: 'truefalse', points: 1, answer: false },
    { type: 'fill', points: 1, answers: [['a'], ['b']] },
    { type: 'order', points: 1, count: 3, partial: true },
    { type: 'match', points: 1, count: 2 },
    { type: 'numeric', points: 1, low: 0, high: 0 },
  ];
  for (const q of qs) assert.equal(g.score(q, null).score, 0, q.type);
});

test('match: points split over pairs', () => {
  const q = { type: 'match', points: 3, count: 3 };
  assert.equal(g.score(q, [0, 1, 2]).score, 3);
  assert.equal(g.score(q, [0, 2, 1]).score, 1);
  assert.equal(g.score(q, [0, null, '']).score, 1);
  assert.equal(g.isAnswered(q, [null, '', null]), false);
});

test('numeric: tolerance and range, inclusive bounds, full-width input', () => {
  const tol = { type: 'numeric', points: 1, answer: 5, tolerance: 0.5, low: 4.5, high: 5.5 };
  assert.equal(g.score(tol, '5.5').score, 1);
  assert.equal(g.score(tol, '4.5').score, 1);
  assert.equal(g.score(tol, '5.51').score, 0);
  assert.equal(g.score(tol, '５').score, 1);
  assert.equal(g.score(tol, '5,2').score, 1);
  assert.equal(g.score(tol, 'five').score, 0);
  const exact = { type: 'numeric', points: 1, answer: 0.3, tolerance: 0, low: 0.3, high: 0.3 };
  assert.equal(g.score(exact, 0.1 + 0.2).score, 1);
  const range = { type: 'numeric', points: 1, answer: null, tolerance: 0, low: 5, high: 6 };
  assert.equal(g.score(range, '6').score, 1);
  assert.equal(g.score(range, '6.01').score, 0);
  assert.equal(g.isAnswered(range, ''), false);
});

test('total: points, percent and pass mark', () => {
  const t = g.total([{ score: 1, max: 1 }, { score: 0.5, max: 1 }, { score: 2, max: 2 }], 80);
  assert.deepEqual(t, { score: 3.5, max: 4, percent: 88, passed: true });
  assert.equal(g.total([{ score: 79.5, max: 100 }], 80).passed, false);
  assert.equal(g.total([{ score: 4, max: 5 }], 80).passed, true, 'exactly the pass mark passes');
  assert.equal(g.total([], 0).passed, true);
});

test('round keeps two decimals', () => {
  assert.equal(g.round(1 / 3), 0.33);
  assert.equal(g.round(2), 2);
  assert.equal(g.round(0.125 + 0.0001), 0.13);
});
