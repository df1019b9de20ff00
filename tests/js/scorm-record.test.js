// suspend_data: the record compacted for an LMS and expanded on the next launch.
const test = require('node:test');
const assert = require('node:assert/strict');
const R = require('../../themes/default/static/scorm-record.js');

const course = {
  id: 'c',
  stamp: 's1',
  pages: [{ u: 'a/one.html' }, { u: 'a/quiz.html' }, { u: 'b/play.html' }],
  questions: { q1: 'h1', q2: 'h2', q3: 'h3' },
  quizzes: [{ id: 'a/quiz', h: 'hq' }],
  roleplays: [{ id: 'b/play', h: 'hr' }],
  assessments: [{ id: 'style', h: 'ha' }],
  reflections: [{ id: 'plan', h: 'hp' }, { id: 'note', h: 'hn' }],
};

const T = 1767225600000; // whole seconds survive the trip

function record(text) {
  const it = (h, v) => ({ h, v, t: T });
  return {
    version: 1,
    course: 'c',
    items: {
      'question:q1': it('h1', { answer: 2, checked: true }),
      'quiz:a/quiz': it('hq', {
        attempts: 2,
        best: 90,
        passed: true,
        last: { score: 1.5, max: 2, percent: 75, passed: false },
        current: { seed: 123456789, drawn: ['q2', 'q3'], answers: { q2: { h: 'h2', a: [0, 2] }, q3: { h: 'h3', a: '5' } }, submitted: true },
      }),
      'roleplay:b/play': it('hr', { best: 8, passed: true, outcome: 'success', ending: 'won', score: 8, path: [1, 0, 2], runs: 3 }),
      'assessment:style': it('ha', { answers: [0, 2, null] }),
      'reflect:plan': it('hp', { text: text || '下周每次通话结束前复述下一步。' }),
      'visit:a/one.html': it('1', 1),
      'visit:b/play.html': it('1', 1),
      'visit:last': it('1', 'b/play.html'),
      'course:complete': it('s1', { at: T }),
      'review:q2': it('h2', { since: '2026-01-01', due: '2026-01-03', right: ['2026-01-02'], wrong: 2 }),
    },
  };
}

test('a record goes to suspend_data and comes back the same', () => {
  const c = R.compact(record(), course, 4096);
  assert.deepEqual(c.cut, []);
  assert.ok(c.fits);
  assert.deepEqual(R.expand(c.text, course), record());
  // Far smaller than the record as the browser keeps it.
  assert.ok(c.text.length < JSON.stringify(record()).length / 2, c.text);
});

test('items of edited questions, quizzes and unknown keys are dropped on the way back', () => {
  const c = R.compact(record(), course, 4096);
  const edited = { ...course, questions: { ...course.questions, q1: 'changed' }, reflections: [{ id: 'plan', h: 'new' }] };
  const back = R.expand(c.text, edited);
  assert.equal(back.items['question:q1'], undefined);
  assert.equal(back.items['reflect:plan'], undefined);
  assert.ok(back.items['quiz:a/quiz']);
  // A drawn question edited since: the quiz keeps its scores, the attempt starts afresh.
  const q2 = { ...course, questions: { ...course.questions, q2: 'x' } };
  const quiz = R.expand(c.text, q2).items['quiz:a/quiz'].v;
  assert.equal(quiz.current, null);
  assert.equal(quiz.best, 90);
});

test('stale items and foreign text are never trouble', () => {
  const r = record();
  r.items['question:q3'] = { h: 'old', v: { answer: 1, checked: true }, t: T };
  const back = R.expand(R.compact(r, course, 4096).text, course);
  assert.equal(back.items['question:q3'], undefined);
  for (const bad of ['', 'not json', '{"v":9,"i":{}}', '[]', 'null']) assert.equal(R.expand(bad, course), null);
  assert.deepEqual(R.expand('{"v":1,"i":{"zzzz":[1],"AAAA":"x"},"V":"??"}', course).items, {});
});

test('records of kinds this version does not know travel as they are', () => {
  const r = record();
  r.items['note:a'] = { h: 'x', v: { deep: [1, 2] }, t: T };
  const back = R.expand(R.compact(r, course, 4096).text, course);
  assert.deepEqual(back.items['note:a'], { h: 'x', v: { deep: [1, 2] }, t: T });
});

test('over the limit, parts are given up in order and named; scores never', () => {
  const long = '我'.repeat(3000);
  const c = R.compact(record(long), course, 600);
  assert.ok(c.fits, c.text.length);
  assert.ok(c.text.length <= 600);
  assert.deepEqual(c.cut.slice(0, 3), ['answers', 'attempts', 'runs']);
  const n = Number(/^reflections:(\d+)$/.exec(c.cut[3])[1]);
  assert.ok(n > 100 && n < 600, String(n));
  const back = R.expand(c.text, course).items;
  assert.equal(back['reflect:plan'].v.text, long.slice(0, n) + '…');
  assert.equal(back['question:q1'], undefined);
  assert.equal(back['review:q2'], undefined);
  assert.deepEqual(back['quiz:a/quiz'].v, { attempts: 2, best: 90, passed: true, current: null, last: { score: 1.5, max: 2, percent: 75, passed: false } });
  assert.deepEqual(back['roleplay:b/play'].v, { best: 8, passed: true, outcome: 'success', ending: 'won', score: 8, runs: 3, path: [] });
  assert.ok(back['visit:a/one.html'] && back['course:complete'] && back['assessment:style']);
});

test('keys are four characters, distinct even when two digests meet', () => {
  const t = R.table(course);
  assert.equal(new Set(t.map((e) => e.key)).size, t.length);
  assert.ok(t.every((e) => /^[A-Za-z0-9_-]{4}(\.\d+\.)?$/.test(e.key)));
  // 5 000 questions: some digests collide, and every key stays unique.
  const many = { questions: {} };
  for (let i = 0; i < 5000; i++) many.questions['q' + i] = 'h';
  const keys = R.table(many).map((e) => e.key);
  assert.equal(new Set(keys).size, keys.length);
});

test('without the course\'s data every item travels as it is', () => {
  const c = R.compact(record(), undefined, 64000);
  assert.deepEqual(R.expand(c.text, { id: 'c' }), record());
});
