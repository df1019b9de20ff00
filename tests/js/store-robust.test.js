// The progress store when the browser gets in the way: storage full, storage refused,
// a hand-edited record, two tabs writing in turn; and the notice the trainee reads.
const test = require('node:test');
const assert = require('node:assert/strict');
const { createStore, isQuota } = require('../../themes/default/static/store.js');
const notice = require('../../themes/default/static/save-notice.js');

function quotaError() {
  const e = new Error('The quota has been exceeded.');
  e.name = 'QuotaExceededError';
  e.code = 22;
  return e;
}

/** A storage that holds at most `room` characters of values, like a browser's. */
function smallStorage(room, initial = {}) {
  const data = { ...initial };
  const used = () => Object.values(data).reduce((n, v) => n + v.length, 0);
  return {
    data,
    get length() {
      return Object.keys(data).length;
    },
    getItem: (k) => (k in data ? data[k] : null),
    setItem(k, v) {
      const before = data[k];
      data[k] = String(v);
      if (used() > room) {
        if (before === undefined) delete data[k];
        else data[k] = before;
        throw quotaError();
      }
    },
    removeItem: (k) => {
      delete data[k];
    },
  };
}

test('the browsers\' quota errors are recognised, other errors are not', () => {
  assert.ok(isQuota(quotaError()));
  assert.ok(isQuota({ name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014 }));
  assert.ok(!isQuota(new Error('SecurityError')));
  assert.ok(!isQuota(null));
});

test('a full storage: the answer stays on the page, status says full, and recovers', () => {
  const storage = smallStorage(200);
  const p = createStore('c1', storage);
  const seen = [];
  p.onStatus((s) => seen.push(s));
  assert.equal(p.status(), 'saved');
  p.set('reflect', 'small', 'h', 'ok');
  assert.equal(p.status(), 'saved');
  p.set('reflect', 'big', 'h', 'x'.repeat(500));
  assert.equal(p.status(), 'full');
  assert.equal(p.get('reflect', 'big', 'h'), 'x'.repeat(500), 'kept for the page');
  assert.equal(p.get('reflect', 'small', 'h'), 'ok');
  // What was saved before is still in the storage, untouched.
  assert.deepEqual(Object.keys(JSON.parse(storage.data['syllabus:c1']).items), ['reflect:small']);
  // The trainee shortens the text: it fits, and saving works again.
  p.set('reflect', 'big', 'h', 'short');
  assert.equal(p.status(), 'saved');
  assert.deepEqual(Object.keys(JSON.parse(storage.data['syllabus:c1']).items).sort(), ['reflect:big', 'reflect:small']);
  assert.deepEqual(seen, ['full', 'saved']);
});

test('a storage that was full when the page opened is still read', () => {
  const rec = { version: 1, course: 'c1', items: { 'quiz:q': { h: 'a', v: { score: 1 }, t: 1 } } };
  const storage = smallStorage(0, { 'syllabus:c1': JSON.stringify(rec) });
  const p = createStore('c1', storage, 'full');
  assert.equal(p.status(), 'full');
  assert.deepEqual(p.get('quiz', 'q', 'a'), { score: 1 });
  p.set('quiz', 'q2', 'b', 2);
  assert.equal(p.get('quiz', 'q2', 'b'), 2);
  assert.equal(p.status(), 'full');
});

test('no storage at all (private mode, blocked): unavailable, and the page works', () => {
  const p = createStore('c1', null);
  assert.equal(p.status(), 'unavailable');
  p.set('roleplay', 'r', 'h', { runs: 1 });
  assert.deepEqual(p.get('roleplay', 'r', 'h'), { runs: 1 });
  const refusing = { getItem: () => null, setItem() { throw Object.assign(new Error('denied'), { name: 'SecurityError' }); }, removeItem() {} };
  const q = createStore('c1', refusing);
  q.set('quiz', 'x', 'h', 1);
  assert.equal(q.status(), 'unavailable');
  assert.equal(q.get('quiz', 'x', 'h'), 1);
});

test('a hand-edited record: what is well formed survives, the rest is dropped on the next save', () => {
  const storage = smallStorage(10_000, {
    'syllabus:c1': JSON.stringify({
      version: 1,
      course: 'c1',
      items: { 'quiz:a': { h: 'h', v: 1, t: 'yesterday' }, 'quiz:b': { v: 2 }, 'quiz:c': null, ':d': { h: 'h', v: 3 } },
    }),
  });
  const p = createStore('c1', storage);
  assert.equal(p.get('quiz', 'a', 'h'), 1);
  p.set('quiz', 'e', 'h', 5);
  const saved = JSON.parse(storage.data['syllabus:c1']);
  assert.deepEqual(Object.keys(saved.items).sort(), ['quiz:a', 'quiz:e']);
  assert.equal(saved.items['quiz:a'].t, 0);
});

test('two tabs writing in turn keep each other\'s answers', () => {
  const storage = smallStorage(10_000);
  const tabA = createStore('c1', storage);
  const tabB = createStore('c1', storage);
  // Both tabs opened the course before either answered.
  assert.deepEqual(tabA.all().items, {});
  assert.deepEqual(tabB.all().items, {});
  for (let i = 0; i < 10; i++) {
    tabA.set('question', `a${i}`, 'h', i);
    tabB.set('question', `b${i}`, 'h', i);
  }
  const fresh = createStore('c1', storage);
  assert.equal(Object.keys(fresh.all().items).length, 20);
  assert.equal(fresh.get('question', 'a9', 'h'), 9);
  assert.equal(fresh.get('question', 'b9', 'h'), 9);
});

test('the notice: a text for each problem, nothing while progress is saved', () => {
  const el = { dataset: { unavailable: 'cannot save', full: 'storage full' } };
  assert.equal(notice.text('unavailable', el), 'cannot save');
  assert.equal(notice.text('full', el), 'storage full');
  assert.equal(notice.text('saved', el), '');
  assert.equal(notice.text('full', null), '', 'a theme without the texts');
});
