// Answer keys of graded questions (tests/contract/blocks/quiz-graded-*.json): not in plain
// sight in the page, yet graded, marked and revealed exactly as formative questions are.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const grading = require('../../themes/default/static/grading.js');

const BLOCKS = path.join(__dirname, '..', 'contract', 'blocks');
const raw = (name) => fs.readFileSync(path.join(BLOCKS, name + '.json'), 'utf8');
const block = (name) => JSON.parse(raw(name));

// [fixture, right answer, wrong answer], answers as quiz-question.js reads them.
const GRADED = {
  'quiz-graded-single': [1, 0],
  'quiz-graded-multiple': [[0, 2], [0, 1]],
  'quiz-graded-truefalse': [false, true],
  'quiz-graded-fill': [['Far Less.'], ['more']],
  'quiz-graded-numeric': ['3', '4'],
};

test('the page holds no answer key: no flags, answers, bounds, feedback or explanation', () => {
  for (const name of Object.keys(GRADED)) {
    const q = block(name);
    for (const key of ['correct', 'answer', 'answers', 'low', 'high', 'tolerance', 'feedback']) {
      assert.ok(!Object.hasOwn(q, key), `${name} carries ${key}`);
    }
    assert.equal(q.explanation, null, `${name}: the explanation is sealed`);
    assert.equal(typeof q.salt, 'string');
    assert.match(q.sealed, /^([0-9a-f]{4})+$/);
  }
  assert.ok(!/frustrating this is"[^}]*true/.test(raw('quiz-graded-single')));
  assert.ok(!/less|Retention/i.test(raw('quiz-graded-fill')), 'accepted answers and explanation unreadable');
});

test('right and wrong answers score as before, through the one entry point', () => {
  for (const [name, [right, wrong]] of Object.entries(GRADED)) {
    const q = block(name);
    assert.equal(grading.score(q, right).status, 'right', `${name}: ${JSON.stringify(right)}`);
    assert.equal(grading.score(q, wrong).status, 'wrong', `${name}: ${JSON.stringify(wrong)}`);
  }
  assert.equal(grading.score(block('quiz-graded-fill'), ['ｌｅｓｓ。']).status, 'right', 'normalised before hashing');
});

test('open() gives what the page shows after a submit', () => {
  const single = grading.open(block('quiz-graded-single'));
  assert.deepEqual(single.correct, [false, true, false]);
  assert.deepEqual(grading.open(block('quiz-graded-multiple')).correct, [true, false, true]);
  assert.equal(grading.open(block('quiz-graded-truefalse')).answer, false);
  const fill = grading.open(block('quiz-graded-fill'));
  assert.deepEqual(fill.answers, [['less']], 'the first accepted answer, to reveal');
  assert.match(fill.explanation, /^<p>Retention is cheaper than acquisition\./);
  const numeric = grading.open(block('quiz-graded-numeric'));
  assert.deepEqual([numeric.answer, numeric.low, numeric.high, numeric.tolerance], [3, 3, 3, 0]);
  const formative = block('quiz-single');
  assert.equal(grading.open(formative), formative, 'formative data is used as is');
});

test('the browser computes the same hashes and key stream as the generator (seal.rs)', () => {
  assert.equal(grading.keyHash(''), 'bdcb81aee8d83');
  assert.equal(grading.keyHash('a'), '1c2ba782c97901');
  assert.equal(grading.keyHash('先处理心情'), '47ce4ba4cffd8');
  assert.equal(grading.keyHash('\u{1F600}x'), '8402aa946aaa6');
  assert.equal(grading.unseal('abc', '8460a8a40059'), 'x');
  assert.equal(grading.unseal('abc', 'zz'), null, 'junk is no value');
  assert.equal(grading.unseal(null, '8460a8a40059'), null);
});
