// Self-assessment scoring: category totals and band lookup.
const test = require('node:test');
const assert = require('node:assert/strict');
const as = require('../../themes/default/static/assessment-engine.js');

const data = {
  categories: [
    { id: 'warmth', title: 'Warmth', max: 5, bands: [{ min: 0, max: 2, text: 'low' }, { min: 3, max: 5, text: 'high' }] },
    { id: 'structure', title: 'Structure', max: 6, bands: [{ min: 0, max: 2, text: 'a' }, { min: 3, max: 4, text: 'b' }, { min: 5, max: 6, text: 'c' }] },
  ],
  questions: [
    { options: [{ points: { warmth: 2 } }, { points: { structure: 2 } }, { points: { warmth: 1, structure: 1 } }] },
    { options: [{ points: { warmth: 2 } }, { points: { structure: 2 } }] },
    { options: [{ points: { warmth: 1 } }, { points: { structure: 2 } }, { points: {} }] },
  ],
};

test('totals add the chosen options per category', () => {
  assert.deepEqual(as.totals(data, [0, 0, 0]), { warmth: 5, structure: 0 });
  assert.deepEqual(as.totals(data, [2, 1, 1]), { warmth: 1, structure: 5 });
  assert.deepEqual(as.totals(data, [null, 1, 2]), { warmth: 0, structure: 2 });
});

test('points for an unknown category are ignored', () => {
  const odd = { ...data, questions: [{ options: [{ points: { nope: 3, warmth: 1 } }] }] };
  assert.deepEqual(as.totals(odd, [0]), { warmth: 1, structure: 0 });
});

test('a band is found by its inclusive range', () => {
  const [warmth, structure] = data.categories;
  assert.equal(as.band(warmth, 0).text, 'low');
  assert.equal(as.band(warmth, 2).text, 'low');
  assert.equal(as.band(warmth, 3).text, 'high');
  assert.equal(as.band(warmth, 5).text, 'high');
  assert.equal(as.band(structure, 4).text, 'b');
  assert.equal(as.band(warmth, 6), null);
});

test('results list every category with score, maximum and band', () => {
  assert.deepEqual(
    as.results(data, [2, 1, 1]).map((r) => [r.id, r.score, r.max, r.band.text]),
    [
      ['warmth', 1, 5, 'low'],
      ['structure', 5, 6, 'c'],
    ],
  );
});

test('complete and missing tell which questions are still open', () => {
  assert.equal(as.complete(data, [0, 1, 2]), true);
  assert.equal(as.complete(data, [0, null, 2]), false);
  assert.equal(as.complete(data, [0, 5, 2]), false, 'an option that does not exist');
  assert.deepEqual(as.missing(data, [0]), [1, 2]);
  assert.deepEqual(as.missing(data, [0, 1, 2]), []);
});
