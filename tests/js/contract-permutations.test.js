// tests/contract/permutations.json pins the order the generator shows a question's
// options in: permutation(n, rng(hashString(id))) of util.js. The Rust side reads the
// same file; here it is checked against the JavaScript that wrote it.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const u = require('../../themes/default/static/util.js');

const CONTRACT = path.join(__dirname, '..', 'contract');
const cases = require(path.join(CONTRACT, 'permutations.json'));
const identity = (n) => [...Array(n).keys()];

test('every committed permutation is what util.js computes', () => {
  for (const c of cases) {
    assert.deepEqual(u.permutation(c.n, u.rng(u.hashString(c.seed_text))), c.permutation, `${c.seed_text} n=${c.n}`);
  }
});

test('the committed file is the one the generator script writes now', async () => {
  const gen = await import(pathToFileURL(path.join(CONTRACT, 'generate-permutations.mjs')).href);
  assert.deepEqual(cases, gen.cases(), 'run node tests/contract/generate-permutations.mjs');
});

test('each case is a reordering of 0..n-1, never the written order when n >= 2', () => {
  for (const c of cases) {
    assert.deepEqual([...c.permutation].sort((a, b) => a - b), identity(c.n));
    if (c.n >= 2) assert.notDeepEqual(c.permutation, identity(c.n), `${c.seed_text} n=${c.n}`);
  }
});

test('the cases cover sizes 1 to 8, non-ASCII ids and the rotation rule', () => {
  assert.deepEqual([...new Set(cases.map((c) => c.n))].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8]);
  const ids = cases.map((c) => c.seed_text);
  for (const id of ['a', 'greeting-1', 'mod/page#1', '退款', '😀x']) assert.ok(ids.includes(id), id);
  // Cases whose plain shuffle lands on the written order, so the rotation decides them.
  const rotated = cases.filter((c) => {
    const plain = u.shuffle(identity(c.n), u.rng(u.hashString(c.seed_text)));
    return c.n >= 3 && plain.every((x, i) => x === i);
  });
  assert.ok(rotated.length > 0, 'some case with n >= 3 is a rotated identity');
});
