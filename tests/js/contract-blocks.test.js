// The theme's pure functions run on the block data the generator writes
// (tests/contract/blocks/*.json, taken from the fixture courses): the fields the
// scripts read are there, with the types they expect, and known answers score as a
// trainee would see them in the browser tests.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const u = require('../../themes/default/static/util.js');
const grading = require('../../themes/default/static/grading.js');
const policy = require('../../themes/default/static/quiz-policy.js');
const roleplay = require('../../themes/default/static/roleplay-engine.js');
const debrief = require('../../themes/default/static/roleplay-debrief.js');
const assessment = require('../../themes/default/static/assessment-engine.js');

const BLOCKS = path.join(__dirname, '..', 'contract', 'blocks');
const STATIC = path.join(__dirname, '..', '..', 'themes', 'default', 'static');
const block = (name) => JSON.parse(fs.readFileSync(path.join(BLOCKS, name + '.json'), 'utf8'));

const type = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Asserts `obj` has each field with one of the allowed JSON types ('a|b'). */
function shape(obj, fields, what) {
  for (const [key, types] of Object.entries(fields)) {
    assert.ok(Object.hasOwn(obj, key), `${what}: no ${key}`);
    assert.ok(types.split('|').includes(type(obj[key])), `${what}.${key} is ${type(obj[key])}, not ${types}`);
  }
}

// What grading.js and quiz-question.js read, per question type.
const QUIZ_COMMON = { id: 'string', hash: 'string', type: 'string', points: 'number', partial: 'boolean', shuffle: 'boolean', graded: 'boolean', explanation: 'string|null' };
const QUIZ_FIELDS = {
  single: { correct: 'array', feedback: 'array', texts: 'array' },
  multiple: { correct: 'array', feedback: 'array', texts: 'array' },
  truefalse: { answer: 'boolean' },
  fill: { answers: 'array' },
  order: { count: 'number', texts: 'array' },
  match: { count: 'number', texts: 'array' },
  numeric: { answer: 'number|null', tolerance: 'number', low: 'number', high: 'number' },
};

// [fixture, right answer, wrong answer, a partly right answer or null], answers in the
// form quiz-question.js reads them from the form.
const QUIZ_ANSWERS = {
  'quiz-single': [1, 0, null],
  'quiz-multiple': [[0, 2], [1, 3], [0]],
  'quiz-truefalse': [false, true, null],
  'quiz-fill': [['５－６倍', '24。'], ['seven times', '48'], ['五到六倍', '']],
  'quiz-order': [[0, 1, 2, 3], [3, 2, 1, 0], null],
  'quiz-match': [[0, 1, 2], [1, 2, 0], null],
  'quiz-numeric': ['5.8', '7', null],
  'quiz-numeric-range': ['95', '96', null],
};

test('each question type carries the fields the quiz scripts read', () => {
  for (const name of Object.keys(QUIZ_ANSWERS)) {
    const q = block(name);
    shape(q, QUIZ_COMMON, name);
    shape(q, QUIZ_FIELDS[q.type], name);
    if (q.correct) assert.equal(q.correct.length, q.texts.length, `${name}: a flag per option`);
    if (q.count) assert.equal(q.texts.length, q.count, `${name}: a text per item`);
    if (q.type === 'fill') assert.ok(q.answers.every((a) => Array.isArray(a) && a.every((x) => typeof x === 'string')));
  }
  assert.equal(block('quiz-numeric-range').answer, null, 'a range has no single answer');
});

test('known answers to each question type score as the trainee sees them', () => {
  for (const [name, [right, wrong, partly]] of Object.entries(QUIZ_ANSWERS)) {
    const q = block(name);
    assert.equal(grading.isAnswered(q, right), true, `${name} answered`);
    const r = grading.score(q, right);
    assert.deepEqual([r.status, r.score, r.max], ['right', q.points, q.points], `${name} right`);
    const w = grading.score(q, wrong);
    assert.deepEqual([w.status, w.score], ['wrong', 0], `${name} wrong`);
    if (partly !== null) assert.equal(grading.score(q, partly).status, 'partial', `${name} partly right`);
  }
  assert.equal(grading.score(block('quiz-multiple'), [0]).score, 1, 'one of two right picks: half of 2 points');
  assert.equal(grading.score(block('quiz-fill'), ['五到六倍', '']).score, 0.5);
});

test('a graded page carries its rules and its pool', () => {
  for (const name of ['quiz-page', 'quiz-page-exam']) {
    shape(block(name), { id: 'string', hash: 'string', pass_mark: 'number', draw: 'number|null', attempts: 'number', reveal: 'string', pool: 'array', total: 'number' }, name);
    assert.ok(['after-submit', 'after-pass', 'never'].includes(block(name).reveal));
  }
});

test('the graded page fixture: pass, retry, fail, attempts used up', () => {
  const s = block('quiz-page');
  const hashes = Object.fromEntries(s.pool.map((id) => [id, 'h-' + id]));
  let state = policy.repair(null, s, hashes, 1);
  assert.deepEqual(state.current.drawn, s.pool, 'no draw: every question');
  assert.deepEqual(policy.status(s, state), { key: 'quiz_attempt_of', values: { n: 1, max: 2 } });
  const all = s.pool.map(() => ({ score: 1, max: 1 }));
  state = policy.submit(state, all, s.pass_mark);
  const t = u.t(block('quiz-strings'));
  const lines = (total) => policy.summary(s, state, total).map((l) => t(l.key, l.values)).join('\n');
  assert.equal(
    lines(grading.total(all, s.pass_mark)),
    'Your score: 7 of 7 points (100%).\nPassed: the pass mark is 60%.\nAttempts left: 1.',
  );
  state = policy.newAttempt(state, policy.poolOf(s, hashes), s.draw, 2);
  const none = s.pool.map((id, i) => ({ score: i === 4 ? 0.33 : 0, max: 1 }));
  state = policy.submit(state, none, s.pass_mark);
  assert.equal(
    lines(grading.total(none, s.pass_mark)),
    'Your score: 0.33 of 7 points (5%).\nNot passed: the pass mark is 60%.\nBest score so far: 100%.\nNo attempts left.',
  );
  assert.equal(policy.canRetry(s, state), false);
});

test('the exam fixture draws its number of questions from the course pool', () => {
  const s = block('quiz-page-exam');
  const hashes = Object.fromEntries(s.pool.map((id) => [id, 'h']));
  assert.equal(s.total, s.pool.length);
  for (let seed = 0; seed < 20; seed++) {
    const drawn = policy.repair(null, s, hashes, seed).current.drawn;
    assert.equal(drawn.length, s.draw);
    assert.ok(drawn.every((id) => s.pool.includes(id)));
  }
});

test('the role-play fixture: every reply leads somewhere the engine knows', () => {
  const data = block('roleplay');
  shape(data, { id: 'string', hash: 'string', customer: 'string', skills: 'array', start: 'string', pass_score: 'number|null', show_score: 'boolean', best: 'number|null', skill_best: 'object', nodes: 'object', endings: 'object' }, 'roleplay');
  for (const [name, node] of Object.entries(data.nodes)) {
    shape(node, { say: 'string', mood: 'string', choices: 'array' }, name);
    for (const c of node.choices) {
      shape(c, { reply: 'string', next: 'string', score: 'number', skills: 'object' }, name);
      assert.ok(data.nodes[c.next] || data.endings[c.next], `${name} → ${c.next}`);
    }
  }
  for (const [name, e] of Object.entries(data.endings)) shape(e, { outcome: 'string', text: 'string' }, name);
});

test('the role-play fixture played to success and to failure, with its debrief wording', () => {
  const data = block('roleplay');
  const t = u.t(block('roleplay-strings'));
  const win = roleplay.replay(data, [1, 0, 0, 0, 0]);
  const res = roleplay.result(data, win);
  assert.deepEqual([res.ending, res.outcome, res.score, res.passed], ['retained', 'success', 8, true]);
  assert.deepEqual(res.skills.map((k) => `${k.name} ${k.value} / ${k.best}`), ['倾听 2 / 2', '同理 2 / 2', '解决 2 / 2', '跟进 2 / 3']);
  assert.equal(debrief.scoreText(data, t, res), '8 分，及格需要 6 分（最高可得 8 分）');
  const rec = roleplay.record(null, res, win);
  assert.deepEqual(rec, { best: 8, passed: true, outcome: 'success', ending: 'retained', score: 8, path: [1, 0, 0, 0, 0], runs: 1 });
  assert.equal(debrief.lastRunText(t, rec), '上次结果：成功，8 分。最高得分：8 分。');

  const loss = roleplay.replay(data, [2, 1]);
  const lost = roleplay.result(data, loss);
  assert.deepEqual([lost.ending, lost.outcome, lost.score, lost.passed], ['lost', 'failure', -3, false]);
  assert.equal(debrief.scoreText(data, t, lost), '-3 分，及格需要 6 分（最高可得 8 分）');
  assert.equal(debrief.lastRunText(t, roleplay.record(rec, lost, loss)), '上次结果：未能解决，-3 分。最高得分：8 分。');
  assert.equal(debrief.moodText(t, data.nodes[data.start].mood), '（情绪：愤怒）');
  assert.equal(debrief.points(t, 2), '+2 分');
  assert.equal(debrief.label(t, 'rp_feedback'), '点评：');
});

test('the self-assessment fixture: totals and bands of a known set of answers', () => {
  const data = block('assessment');
  shape(data, { id: 'string', hash: 'string', categories: 'array', questions: 'array' }, 'assessment');
  data.categories.forEach((c) => shape(c, { id: 'string', title: 'string', max: 'number', bands: 'array' }, c.id));
  data.questions.forEach((q, i) => q.options.forEach((o) => shape(o, { points: 'object' }, `question ${i}`)));
  assert.deepEqual(assessment.missing(data, [0, null]), [1, 2]);
  const answers = [0, 1, 1];
  assert.equal(assessment.complete(data, answers), true);
  const t = u.t(block('assessment-strings'));
  assert.deepEqual(
    assessment.results(data, answers).map((r) => [r.title, t('as_points_of', r), r.band.text]),
    [
      ['亲和', '2 / 5', '多表达一些对顾客感受的理解。'],
      ['条理', '4 / 6', '你的说明大体清楚。'],
    ],
  );
});

test('reflections and workbook items name their records by data attributes', () => {
  shape(block('reflect'), { id: 'string', hash: 'string', saved: 'string', restored: 'string' }, 'reflect');
  const items = block('workbook-items');
  assert.deepEqual(items.map((i) => i.kind), ['reflect', 'assessment', 'reflect', 'roleplay', 'quiz']);
  items.forEach((i) => shape(i, { kind: 'string', id: 'string', hash: 'string' }, i.kind));
});

/** The UI string keys a script asks for by name ('quiz_submit', ...). */
function keysUsed(file, prefixes) {
  const src = fs.readFileSync(path.join(STATIC, file), 'utf8');
  const re = new RegExp(`'((?:${prefixes.join('|')})_[a-z_]+)'`, 'g');
  return [...src.matchAll(re)].map((m) => m[1]);
}

test('every UI string a script asks for is in the strings its page carries', () => {
  const moods = ['angry', 'upset', 'doubtful', 'neutral', 'satisfied'].map((m) => 'mood_' + m);
  const expect = {
    'quiz-strings': ['quiz-question.js', 'quiz.js', 'quiz-policy.js'].flatMap((f) => keysUsed(f, ['quiz'])),
    'roleplay-strings': ['roleplay.js', 'roleplay-debrief.js'].flatMap((f) => keysUsed(f, ['rp'])).concat(moods),
    'assessment-strings': keysUsed('assessment.js', ['as']),
    'workbook-strings': ['workbook.js', 'roleplay-debrief.js', 'assessment.js'].flatMap((f) => keysUsed(f, ['rp', 'as', 'workbook'])).concat(moods),
  };
  for (const [name, keys] of Object.entries(expect)) {
    assert.ok(keys.length > 3, `${name}: keys found in the scripts`);
    const strings = block(name);
    const missing = [...new Set(keys)].filter((k) => typeof strings[k] !== 'string');
    assert.deepEqual(missing, [], `${name} lacks keys the scripts use`);
  }
});
