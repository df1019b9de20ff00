// The search page's pure parts: postings decoding, ranking over shards, the page
// chunk of a result, and snippets with the matches marked.
const test = require('node:test');
const assert = require('node:assert/strict');
const E = require('../../themes/default/static/search-engine.js');

test('postings decode to pages and values', () => {
  // page 0 value 5 (title + one mention), page 33 (delta "x1") value 4, page 1058 (delta 1025 "xw1") value 2.
  assert.deepEqual(E.decode('05x14xw12'), [
    [0, 5],
    [33, 4],
    [1058, 2],
  ]);
  assert.deepEqual(E.decode(''), []);
});

test('a title hit outweighs heading hits, a heading hit any number of mentions', () => {
  assert.ok(E.score(1) > E.score(2 | (7 << 2)));
  assert.ok(E.score(2) > E.score(7 << 2));
  assert.ok(E.score(2 << 2) > E.score(1 << 2));
});

/** Shards as the generator writes them, from {term: [[page, value], ...]}. */
function shards(terms, n) {
  const FINAL = '0123456789abcdefghijklmnopqrstuv';
  const out = Array.from({ length: n }, () => ({}));
  for (const [term, postings] of Object.entries(terms)) {
    let last = 0;
    let s = '';
    for (const [page, value] of postings) {
      const d = page - last;
      if (d >= 32) throw new Error('keep test deltas small');
      s += FINAL[d] + FINAL[value];
      last = page;
    }
    out[E.shardOf(E.key(term), n)][term] = s;
  }
  return (key) => out[E.shardOf(key, n)];
}

test('pages need every required term; particles only add to the score', () => {
  const shardFor = shards(
    {
      投诉: [[0, 4], [1, 1], [2, 4]],
      诉处: [[0, 4], [1, 1]],
      处理: [[0, 4], [1, 1], [2, 4]],
      理的: [[1, 4]],
      的步: [[1, 4]],
      步骤: [[0, 4], [1, 4]],
    },
    3,
  );
  const hits = E.rank(E.query('投诉处理的步骤'), shardFor);
  assert.deepEqual(
    hits.map((h) => h.doc),
    [1, 0],
    'the title hit first; page 2 lacks 步骤',
  );
  assert.deepEqual(E.rank(E.query(''), shardFor), []);
});

test('a word finds the longer words it starts, and a lone character every pair it starts', () => {
  const shardFor = shards({ escal: [[3, 4]], escalat: [[4, 4]], 礼貌: [[5, 4]], 礼: [[6, 4]], 送礼: [[7, 4]] }, 2);
  assert.deepEqual(E.rank(E.query('escal'), shardFor).map((h) => h.doc), [3, 4]);
  assert.deepEqual(E.rank(E.query('礼'), shardFor).map((h) => h.doc), [5, 6]);
});

test('a result finds its page chunk', () => {
  const starts = [0, 12, 24];
  assert.equal(E.chunkOf(starts, 0), 0);
  assert.equal(E.chunkOf(starts, 11), 0);
  assert.equal(E.chunkOf(starts, 12), 1);
  assert.equal(E.chunkOf(starts, 99), 2);
});

const text = (parts) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

test('snippets mark phrases, pairs and whole words, on the line of the best match', () => {
  const body = '第一行\n这是关于投诉处理的说明，先倾听再道歉。\n第三行 Handling complaints well';
  assert.equal(text(E.snippet(body, E.query('投诉处理'), 40)), '这是关于[投诉处理]的说明，先倾听再道歉。');
  assert.equal(text(E.snippet(body, E.query('handle complaint'), 40)), '第三行 [Handling] [complaints] well');
  assert.equal(text(E.snippet(body, E.query('andl'), 40)), '第一行', 'a word matches at its start only');
  const long = 'x'.repeat(100) + ' 挽留 ' + 'y'.repeat(100);
  const cut = text(E.snippet(long, E.query('挽留'), 40));
  assert.ok(cut.startsWith('…') && cut.endsWith('…') && cut.includes('[挽留]'), cut);
  assert.ok(cut.length <= 44, cut);
});
