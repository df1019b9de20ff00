// The helpers every script shares: UI strings, block data, seeded shuffles, bar widths.
const test = require('node:test');
const assert = require('node:assert/strict');
const u = require('../../themes/default/static/util.js');

test('format fills placeholders by name; unknown ones stay as written', () => {
  assert.equal(u.format('得分 {score}/{max}', { score: 7, max: 10 }), '得分 7/10');
  assert.equal(u.format('{n} more {missing}', { n: 2 }), '2 more {missing}');
  assert.equal(u.format('{x}', undefined), '{x}');
  assert.equal(u.format(undefined, {}), '');
  assert.equal(u.format('{toString}', {}), '{toString}', 'only the values given');
});

test('t looks a key up and formats it; a missing key shows the key', () => {
  const t = u.t({ quiz_best: 'Best: {percent}%.', rp_colon: '：' });
  assert.equal(t('quiz_best', { percent: 80 }), 'Best: 80%.');
  assert.equal(t('rp_colon'), '：');
  assert.equal(t('nope'), 'nope');
  assert.equal(u.t(null)('quiz_best'), 'quiz_best', 'a page without strings still works');
});

test('json: the parsed block data, or null when missing or broken', () => {
  const root = (text) => ({
    querySelector: (sel) => (sel === 'script.rp-data' && text !== null ? { textContent: text } : null),
  });
  assert.deepEqual(u.json(root('{"start":"open"}'), 'script.rp-data'), { start: 'open' });
  assert.equal(u.json(root('{broken'), 'script.rp-data'), null);
  assert.equal(u.json(root(null), 'script.rp-data'), null);
  assert.equal(u.json(null, 'script.rp-data'), null);
});

test('bars move in steps of five percent and stay within 0..100', () => {
  assert.equal(u.barStep(0, 4), 0);
  assert.equal(u.barStep(1, 3), 35);
  assert.equal(u.barStep(4, 4), 100);
  assert.equal(u.barStep(9, 4), 100);
  assert.equal(u.barStep(-1, 4), 0);
  assert.equal(u.barStep(2, 0), 0);
});

test('rng is mulberry32: the same seed gives the same numbers in [0, 1)', () => {
  const a = u.rng(42);
  const b = u.rng(42);
  const xs = [a(), a(), a()];
  assert.deepEqual(xs, [b(), b(), b()]);
  // mulberry32(1), computed by an independent implementation of the published algorithm.
  const r = u.rng(1);
  assert.deepEqual([r(), r()].map((x) => Math.round(x * 1e9)), [627073941, 2735721]);
  for (let i = 0; i < 1000; i++) {
    const x = a();
    assert.ok(x >= 0 && x < 1);
  }
});

test('hashString is 32-bit FNV-1a over UTF-16 code units', () => {
  assert.equal(u.hashString(''), 2166136261);
  assert.equal(u.hashString('a'), 0xe40c292c);
  assert.equal(u.hashString('foobar'), 0xbf9cf968);
  // An astral character counts as its two surrogate halves.
  assert.equal(u.hashString('😀'), u.hashString('\ud83d\ude00'));
  assert.equal(u.hashString('😀'), 3409036472);
});

test('permutation is never the answer order; draw picks distinct items in list order', () => {
  for (let seed = 0; seed < 200; seed++) {
    const r = u.rng(seed);
    for (let n = 2; n < 6; n++) {
      const p = u.permutation(n, r);
      assert.notDeepEqual(p, [...Array(n).keys()]);
      assert.deepEqual([...p].sort(), [...Array(n).keys()]);
    }
    const d = u.draw(['a', 'b', 'c', 'd', 'e'], 3, r);
    assert.equal(new Set(d).size, 3);
    assert.deepEqual(d, [...d].sort(), 'in the order of the list');
  }
  assert.deepEqual(u.permutation(0, u.rng(1)), []);
  assert.deepEqual(u.permutation(1, u.rng(1)), [0]);
  assert.deepEqual(u.draw(['a', 'b'], 5, u.rng(1)), ['a', 'b']);
  assert.deepEqual(u.draw(['a', 'b'], 0, u.rng(1)), ['a', 'b'], 'no draw: everything');
  assert.deepEqual(u.draw(['a', 'b', 'c'], 2, u.rng(7)), u.draw(['a', 'b', 'c'], 2, u.rng(7)), 'same seed, same draw');
});

test('a shuffle that lands on the written order is rotated left by one', () => {
  // rand() = 0.999… keeps every item in place (j = k each step): the identity.
  const stay = () => 0.9999999;
  assert.deepEqual(u.shuffle([0, 1, 2, 3], stay), [0, 1, 2, 3]);
  assert.deepEqual(u.permutation(4, stay), [1, 2, 3, 0]);
  assert.deepEqual(u.permutation(2, stay), [1, 0]);
});

test('shuffle returns a new list and leaves its input alone', () => {
  const list = ['a', 'b', 'c'];
  const out = u.shuffle(list, u.rng(3));
  assert.deepEqual(list, ['a', 'b', 'c']);
  assert.deepEqual([...out].sort(), list);
});
