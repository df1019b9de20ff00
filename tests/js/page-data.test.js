// Helpers the exercise scripts share: block data, UI-string placeholders, bar widths.
const test = require('node:test');
const assert = require('node:assert/strict');
const pd = require('../../themes/default/static/page-data.js');

test('bars move in steps of five percent and stay within 0..100', () => {
  assert.equal(pd.barStep(0, 4), 0);
  assert.equal(pd.barStep(1, 3), 35);
  assert.equal(pd.barStep(4, 4), 100);
  assert.equal(pd.barStep(9, 4), 100);
  assert.equal(pd.barStep(-1, 4), 0);
  assert.equal(pd.barStep(2, 0), 0);
});

test('placeholders are filled by name; unknown ones stay as written', () => {
  assert.equal(pd.fmt('得分 {score}/{max}', { score: 7, max: 10 }), '得分 7/10');
  assert.equal(pd.fmt('{n} more {missing}', { n: 2 }), '2 more {missing}');
  assert.equal(pd.fmt(undefined, {}), '');
});

test('block data: parsed JSON, or null when missing or broken', () => {
  const root = (text) => ({
    querySelector: (sel) => (sel === 'script.rp-data' && text !== null ? { textContent: text } : null),
  });
  assert.deepEqual(pd.json(root('{"start":"open"}'), 'rp-data'), { start: 'open' });
  assert.equal(pd.json(root('{broken'), 'rp-data'), null);
  assert.equal(pd.json(root(null), 'rp-data'), null);
});
