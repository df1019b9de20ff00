// The progress store (Syllabus.store): hashes, corrupt values, foreign records, no storage.
const test = require('node:test');
const assert = require('node:assert/strict');
const { createStore } = require('../../themes/default/static/store.js');

function fakeStorage(initial = {}) {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => {
      data[k] = String(v);
    },
    removeItem: (k) => {
      delete data[k];
    },
  };
}

test('stores and returns a value under its hash', () => {
  const s = fakeStorage();
  const p = createStore('c1', s);
  p.set('question', 'q1', 'h1', { picked: [1] });
  assert.deepEqual(p.get('question', 'q1', 'h1'), { picked: [1] });
  const rec = JSON.parse(s.data['syllabus:c1']);
  assert.equal(rec.version, 1);
  assert.equal(rec.course, 'c1');
  assert.equal(rec.items['question:q1'].h, 'h1');
  assert.equal(typeof rec.items['question:q1'].t, 'number');
});

test('a changed hash drops only that entry', () => {
  const s = fakeStorage();
  const p = createStore('c1', s);
  p.set('question', 'a', 'h1', 1);
  p.set('question', 'b', 'h2', 2);
  assert.equal(p.get('question', 'a', 'CHANGED'), null);
  assert.equal(p.get('question', 'a', 'h1'), null, 'the stale entry is gone');
  assert.equal(p.get('question', 'b', 'h2'), 2);
});

test('corrupt and foreign values are ignored, never thrown', () => {
  for (const raw of ['{not json', '"x"', '[]', 'null', '{"version":2,"course":"c1","items":{}}', '{"version":1,"course":"other","items":{}}', '{"version":1,"course":"c1","items":[]}']) {
    const s = fakeStorage({ 'syllabus:c1': raw });
    const p = createStore('c1', s);
    assert.equal(p.get('quiz', 'x', 'h'), null);
    assert.deepEqual(p.all(), { version: 1, course: 'c1', items: {} });
    p.set('quiz', 'x', 'h', 5);
    assert.equal(p.get('quiz', 'x', 'h'), 5);
  }
});

test('malformed items are dropped, good ones kept', () => {
  const rec = { version: 1, course: 'c1', items: { 'quiz:a': { h: 'h', v: 1, t: 1 }, 'quiz:b': 'junk', nocolon: { h: 'h', v: 1 } } };
  const p = createStore('c1', fakeStorage({ 'syllabus:c1': JSON.stringify(rec) }));
  assert.deepEqual(Object.keys(p.all().items), ['quiz:a']);
});

test('works in memory without storage, and with throwing storage', () => {
  const throwing = { getItem() { throw new Error('no'); }, setItem() { throw new Error('no'); }, removeItem() {} };
  for (const storage of [null, throwing]) {
    const p = createStore('c1', storage);
    p.set('reflect', 'r', 'h', 'text');
    assert.equal(p.get('reflect', 'r', 'h'), 'text');
    p.remove('reflect', 'r');
    assert.equal(p.get('reflect', 'r', 'h'), null);
  }
});

test('replace validates; clear empties; onChange fires', () => {
  const p = createStore('c1', fakeStorage());
  const seen = [];
  p.onChange((r) => seen.push(Object.keys(r.items).length));
  assert.equal(p.replace({ version: 1, course: 'other', items: {} }), false);
  assert.equal(p.replace({ version: 1, course: 'c1', items: { 'quiz:q': { h: 'a', v: { score: 1 }, t: 3 } } }), true);
  assert.deepEqual(p.get('quiz', 'q', 'a'), { score: 1 });
  p.clear();
  assert.deepEqual(p.all().items, {});
  assert.deepEqual(seen, [1, 0]);
});
