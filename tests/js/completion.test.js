// Completion and page states (Syllabus.completion) on the course data the generator
// writes for tests/fixtures/valid-journey (tests/contract/course-data.json): what each
// rule asks for, what is missing, the date and the score, and the page marks.
const test = require('node:test');
const assert = require('node:assert/strict');
const C = require('../../themes/default/static/completion.js');
const COURSE = require('../contract/course-data.json');

const page = (u) => COURSE.pages.find((p) => p.u === u);
const hashOf = (u, kind) => page(u).a.find((a) => a[0] === kind)[2];
const quiz = (id) => COURSE.quizzes.find((q) => q.id === id);

/** A record from [kind, id, hash, value, time] rows. */
function record(rows) {
  const items = {};
  for (const [kind, id, h, v, t = 1000] of rows) items[`${kind}:${id}`] = { h, v, t };
  return { version: 1, course: COURSE.id, items };
}

/** Every piece of work done and every page opened, each at time `t`. */
function everything(t = 5000) {
  const rows = COURSE.pages.map((p) => ['visit', p.u, '1', 1, t]);
  for (const q of COURSE.quizzes) rows.push(['quiz', q.id, q.h, { attempts: 1, best: 90, passed: true }, t]);
  for (const r of COURSE.roleplays) rows.push(['roleplay', r.id, r.h, { best: 2, passed: true, outcome: 'success', score: 2, path: [0], runs: 1 }, t]);
  for (const a of COURSE.assessments) rows.push(['assessment', a.id, a.h, { answers: [0], totals: {} }, t]);
  for (const f of COURSE.reflections) rows.push(['reflect', f.id, f.h, { text: 'plan' }, t]);
  return rows;
}

test('the contract course asks for every kind of work', () => {
  assert.deepEqual(COURSE.rules, { quizzes: 'passed', exam: 'passed', roleplays: 'finished', assessments: 'done', reflections: 'done', pages: 'visited' });
  assert.equal(COURSE.quizzes.filter((q) => q.exam).length, 1);
  assert.ok(COURSE.roleplays.length && COURSE.assessments.length && COURSE.reflections.length);
});

test('an empty record: nothing done, everything missing, with titles and pages', () => {
  const r = C.evaluate(COURSE, record([]), 42);
  assert.equal(r.complete, false);
  assert.equal(r.completedAt, null);
  assert.equal(r.score, null, 'the exam is not taken');
  assert.equal(r.scoreFrom, 'exam');
  assert.deepEqual(
    r.parts.map((p) => [p.rule, p.need, p.done, p.total, p.ok]),
    [
      ['quizzes', 'passed', 0, 2, false],
      ['exam', 'passed', 0, 1, false],
      ['roleplays', 'finished', 0, 1, false],
      ['assessments', 'done', 0, 1, false],
      ['reflections', 'done', 0, 1, false],
      ['pages', 'visited', 0, 6, false],
    ],
  );
  const m = r.missing.find((x) => x.kind === 'roleplay');
  assert.deepEqual([m.id, m.title, m.url, m.need], ['practice/call', 'Ms Wang', 'practice/call.html', 'finished']);
  assert.equal(r.missing.filter((x) => x.kind === 'visit').length, 6, 'module pages are not asked for');
});

test('everything done: complete at the time the last piece was done, scored by the exam', () => {
  const rows = everything(5000);
  rows.find((x) => x[0] === 'reflect')[4] = 9000;
  const r = C.evaluate(COURSE, record(rows), 123456);
  assert.equal(r.complete, true);
  assert.deepEqual(r.missing, []);
  assert.equal(r.completedAt, 9000);
  assert.equal(r.score, 90);
  assert.equal(r.scoreFrom, 'exam');
});

test('a saved completion date wins, under the same rules only', () => {
  const rows = everything(5000);
  const withStamp = record([...rows, ['course', 'complete', COURSE.stamp, { at: 3000 }]]);
  assert.equal(C.evaluate(COURSE, withStamp, 1).completedAt, 3000);
  const otherRules = record([...rows, ['course', 'complete', 'otherstamp', { at: 3000 }]]);
  assert.equal(C.evaluate(COURSE, otherRules, 1).completedAt, 5000);
  const res = C.evaluate(COURSE, record(rows), 1);
  assert.deepEqual(C.stampItem(COURSE, res, record(rows)), ['course', 'complete', COURSE.stamp, { at: 5000 }]);
  assert.equal(C.stampItem(COURSE, C.evaluate(COURSE, withStamp, 1), withStamp), null, 'nothing new to keep');
  assert.equal(C.stampItem(COURSE, C.evaluate(COURSE, record([]), 1), record([])), null);
});

test('a quiz failed, or passed under an edited rule set, does not count', () => {
  const rows = everything().filter((x) => !(x[0] === 'quiz' && x[1] === 'start/quiz'));
  const failed = C.evaluate(COURSE, record([...rows, ['quiz', 'start/quiz', quiz('start/quiz').h, { attempts: 2, best: 40, passed: false }]]), 1);
  assert.equal(failed.complete, false);
  assert.deepEqual(
    failed.missing.map((m) => [m.rule, m.id, m.state.best, m.blocked]),
    [['quizzes', 'start/quiz', 40, undefined]],
  );
  const used = C.evaluate(COURSE, record([...rows, ['quiz', 'start/quiz', quiz('start/quiz').h, { attempts: 3, best: 40, passed: false }]]), 1);
  assert.equal(used.missing[0].blocked, true, 'no attempts left');
  const stale = C.evaluate(COURSE, record([...rows, ['quiz', 'start/quiz', 'oldhash', { attempts: 1, best: 100, passed: true }]]), 1);
  assert.equal(stale.complete, false, 'a record of the quiz as it was is not this quiz');
});

test('the rules decide what counts: attempted, passed, none', () => {
  const course = { ...COURSE, rules: { quizzes: 'attempted', exam: 'none', roleplays: 'passed', assessments: 'none', reflections: 'none', pages: 'none' } };
  const rows = [
    ['quiz', 'start/quiz', quiz('start/quiz').h, { attempts: 1, best: 10, passed: false }],
    ['quiz', 'practice/exam', quiz('practice/exam').h, { attempts: 1, best: 30, passed: false }],
    ['roleplay', 'practice/call', COURSE.roleplays[0].h, { best: -1, passed: false, outcome: 'failure', score: -1 }],
  ];
  const r = C.evaluate(course, record(rows), 1);
  assert.deepEqual(r.parts.map((p) => [p.rule, p.done, p.total]), [['quizzes', 2, 2], ['roleplays', 0, 1]]);
  assert.deepEqual(r.missing.map((m) => [m.kind, m.need]), [['roleplay', 'passed']]);
});

test('without an exam the score is the mean of the quizzes\' best, a quiz not taken counting 0', () => {
  const course = { ...COURSE, quizzes: COURSE.quizzes.map((q) => ({ ...q, exam: false })) };
  const r = C.evaluate(course, record([['quiz', 'start/quiz', quiz('start/quiz').h, { attempts: 1, best: 80, passed: true }]]), 1);
  assert.equal(r.scoreFrom, 'quizzes');
  assert.equal(r.score, 40);
  assert.equal(C.evaluate({ ...course, quizzes: [] }, record([]), 1).score, null);
});

test('rules that count nothing leave a course complete at once, dated now', () => {
  const course = { ...COURSE, rules: { quizzes: 'none', exam: 'none', roleplays: 'none', assessments: 'none', reflections: 'none', pages: 'none' } };
  const r = C.evaluate(course, record([]), 777);
  assert.equal(r.complete, true);
  assert.equal(r.completedAt, 777);
  assert.deepEqual(r.parts, []);
});

test('page states: new, visited, done; quizzes and role-plays report their result', () => {
  const check = page('start/check.html');
  assert.equal(C.pageState(page('start/welcome.html'), record([])).state, 'new');
  assert.equal(C.pageState(page('start/welcome.html'), record([['visit', 'start/welcome.html', '1', 1]])).state, 'done', 'nothing to do on it');
  const h = (id) => check.a.find((a) => a[1] === id)[2];
  const partly = record([
    ['visit', 'start/check.html', '1', 1],
    ['question', 'check-first', h('check-first'), { answer: 0, checked: true }],
    ['question', 'check-refund', h('check-refund'), { answer: true, checked: false }],
  ]);
  assert.equal(C.pageState(check, partly).state, 'visited', 'a question typed but not checked');
  const all = record([
    ['question', 'check-first', h('check-first'), { answer: 0, checked: true }],
    ['question', 'check-refund', h('check-refund'), { answer: true, checked: true }],
    ['reflect', 'my-plan', h('my-plan'), { text: '  plan ' }],
  ]);
  assert.equal(C.pageState(check, all).state, 'done', 'work recorded counts as a visit (an imported record)');
  const blank = record([['reflect', 'my-plan', h('my-plan'), { text: '   ' }]]);
  assert.equal(C.pageState(check, blank).state, 'visited');

  const q = page('start/quiz.html');
  const failed = C.pageState(q, record([['quiz', 'start/quiz', hashOf('start/quiz.html', 'quiz'), { attempts: 1, best: 40, passed: false }]]));
  assert.deepEqual([failed.state, failed.quiz.best, failed.quiz.passed, failed.quiz.attempts], ['visited', 40, false, 1]);
  const rp = C.pageState(page('practice/call.html'), record([['roleplay', 'practice/call', hashOf('practice/call.html', 'roleplay'), { best: -1, score: -1, outcome: 'failure', passed: false }]]));
  assert.deepEqual([rp.state, rp.roleplay.outcome, rp.roleplay.finished], ['done', 'failure', true], 'finished counts');
  const stale = C.pageState(q, record([['quiz', 'start/quiz', 'old', { attempts: 1, best: 100, passed: true }]]));
  assert.deepEqual([stale.state, stale.quiz.attempted], ['new', false]);
});

test('modules count their lessons and quiz pages; continue goes to the first not done', () => {
  const visits = (...us) => us.map((u) => ['visit', u, '1', 1]);
  assert.deepEqual(C.moduleShare(COURSE, 0, record([])), { done: 0, total: 3 });
  assert.equal(C.firstUnfinished(COURSE, record([])).u, 'start/welcome.html');
  const some = record(visits('start/index.html', 'start/welcome.html', 'start/check.html'));
  assert.deepEqual(C.moduleShare(COURSE, 0, some), { done: 1, total: 3 });
  assert.equal(C.firstUnfinished(COURSE, some).u, 'start/check.html', 'opened but not done');
  assert.equal(C.firstUnfinished(COURSE, record(everything().concat([['question', 'check-first', hashOf('start/check.html', 'question'), { checked: true }]]))).u, 'start/check.html');
  const h = (id) => page('start/check.html').a.find((a) => a[1] === id)[2];
  const done = record(everything().concat([['question', 'check-first', h('check-first'), { checked: true }], ['question', 'check-refund', h('check-refund'), { checked: true }]]));
  assert.equal(C.firstUnfinished(COURSE, done), null);
  assert.deepEqual(C.moduleShare(COURSE, 1, done), { done: 3, total: 3 });
});

test('a corrupt record or item is read as nothing done, never thrown on', () => {
  for (const bad of [null, {}, { items: null }, { items: { 'quiz:start/quiz': null } }, { items: { 'quiz:start/quiz': { h: quiz('start/quiz').h, v: 'x' } } }]) {
    const r = C.evaluate(COURSE, bad, 1);
    assert.equal(r.complete, false);
    assert.equal(r.parts[0].done, 0);
  }
});
