// The runtime's pure parts: finding the LMS API, and the interactions a change adds.
const test = require('node:test');
const assert = require('node:assert/strict');
const R = require('../../themes/default/static/scorm.js');

function frames(depth, apiAt, name) {
  // win[0] is the page, win[depth] the top; apiAt places the API.
  const wins = [];
  for (let i = 0; i <= depth; i++) wins.push({});
  wins.forEach((w, i) => (w.parent = wins[Math.min(i + 1, depth)]));
  if (apiAt !== null) wins[apiAt][name] = { found: apiAt };
  return wins;
}

test('the API is found in a parent, bounded, then through the opener', () => {
  const w = frames(3, 2, 'API');
  assert.deepEqual(R.findApi(w[0], 'API'), { found: 2 });
  assert.equal(R.findApi(w[0], 'API_1484_11'), null);
  const deep = frames(20, 20, 'API');
  assert.equal(R.findApi(deep[0], 'API', 10), null, 'not past the bound');
  const opener = frames(1, 1, 'API_1484_11');
  const popup = frames(2, null);
  popup[2].opener = opener[0];
  assert.deepEqual(R.findApi(popup[0], 'API_1484_11'), { found: 1 });
  // A window of another origin throws on access: stepped over.
  const hostile = { parent: null };
  Object.defineProperty(hostile, 'API', { get() { throw new Error('cross-origin'); } });
  const page = { parent: hostile };
  hostile.parent = hostile;
  assert.equal(R.findApi(page, 'API'), null);
});

const single = { id: 'q1', type: 'single', hash: 'h1', points: 1, correct: [false, true] };
const numeric = { id: 'q2', type: 'numeric', hash: 'h2', points: 2, low: 4, high: 6 };
const page = {
  quiz: { id: 'checks/graded', questions: { q1: single, q2: numeric } },
  roleplays: [
    {
      id: 'practice/call',
      start: 'open',
      nodes: { open: { choices: [{ next: 'calm', score: 2 }, { next: 'lost', score: -3 }] }, calm: { choices: [{ next: 'won', score: 1 }] } },
      endings: { won: { outcome: 'success' }, lost: { outcome: 'failure' } },
    },
  ],
};
const rec = (items) => ({ version: 1, course: 'c', items });

test('a submitted attempt adds one fact per drawn question, once', () => {
  const open = { attempts: 0, current: { drawn: ['q1', 'q2'], answers: { q1: { h: 'h1', a: 1 } }, submitted: false } };
  const done = { attempts: 1, current: { drawn: ['q1', 'q2'], answers: { q1: { h: 'h1', a: 1 }, q2: { h: 'h2', a: '7' } }, submitted: true } };
  const before = rec({ 'quiz:checks/graded': { h: 'x', v: open } });
  const after = rec({ 'quiz:checks/graded': { h: 'x', v: done } });
  assert.deepEqual(R.facts(before, after, page), [
    { id: 'checks/graded/q1', type: 'single', response: 1, result: 'right', score: 1, max: 1 },
    { id: 'checks/graded/q2', type: 'numeric', response: '7', result: 'wrong', score: 0, max: 2 },
  ]);
  assert.deepEqual(R.facts(after, after, page), [], 'typing or reloading adds nothing');
});

test('a finished role-play run adds one fact per reply', () => {
  const after = rec({ 'roleplay:practice/call': { h: 'r', v: { runs: 1, path: [0, 0], score: 3 } } });
  assert.deepEqual(R.facts(rec({}), after, page), [
    { id: 'practice/call/1-open', type: 'roleplay', choice: 0, score: 2 },
    { id: 'practice/call/2-calm', type: 'roleplay', choice: 0, score: 1 },
  ]);
  const tampered = rec({ 'roleplay:practice/call': { h: 'r', v: { runs: 1, path: [5] } } });
  assert.deepEqual(R.facts(rec({}), tampered, page), []);
});
