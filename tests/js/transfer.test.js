// The progress file (Syllabus.transfer): what is written, what is refused and why, and
// what an older course version's file keeps. The course is tests/contract/course-data.json.
const test = require('node:test');
const assert = require('node:assert/strict');
const T = require('../../themes/default/static/transfer.js');
const COURSE = require('../contract/course-data.json');

const h = (u, kind) => COURSE.pages.find((p) => p.u === u).a.find((a) => a[0] === kind)[2];
const NOW = Date.UTC(2026, 11, 3, 9);

function record() {
  return {
    version: 1,
    course: COURSE.id,
    items: {
      'visit:last': { h: '1', v: 'start/check.html', t: 1 },
      'visit:start/check.html': { h: '1', v: 1, t: 1 },
      'question:check-first': { h: COURSE.questions['check-first'], v: { answer: 1, checked: true, score: 0, max: 1 }, t: 2 },
      'quiz:start/quiz': { h: h('start/quiz.html', 'quiz'), v: { attempts: 1, best: 50, passed: true }, t: 3 },
      'review:check-first': { h: COURSE.questions['check-first'], v: { since: '2026-12-03', due: '2026-12-03', right: [], wrong: 1 }, t: 2 },
      'profile:name': { h: '1', v: '李雷', t: 4 },
    },
  };
}

test('a file round-trips: the same record comes back, nothing dropped', () => {
  const file = T.build(record(), COURSE, NOW);
  assert.equal(file.syllabus_progress, 1);
  assert.equal(file.course, COURSE.id);
  assert.equal(file.version, '2.0');
  assert.equal(file.exported, '2026-12-03T09:00:00.000Z');
  const back = T.read(T.text(file), COURSE);
  assert.equal(back.ok, true);
  assert.deepEqual(back.record, record());
  assert.equal(back.dropped, 0);
  assert.equal(T.read('\uFEFF' + T.text(file), COURSE).ok, true, 'a byte order mark added by an editor is fine');
  assert.match(T.fileName(COURSE, NOW), /^progress-fixture-journey-2026-12-0[34]\.json$/);
});

test('refusals: not JSON, not a progress file, newer, another course, edited, malformed', () => {
  const good = T.build(record(), COURSE, NOW);
  const text = T.text(good);
  const refuse = (t) => T.read(typeof t === 'string' ? t : JSON.stringify(t), COURSE);
  assert.deepEqual(refuse(text.slice(0, 80)), { ok: false, error: 'unreadable' });
  assert.deepEqual(refuse({ hello: 1 }), { ok: false, error: 'unreadable' });
  assert.deepEqual(refuse('[]'), { ok: false, error: 'unreadable' });
  assert.deepEqual(refuse({ ...good, syllabus_progress: 2 }), { ok: false, error: 'newer' });
  assert.deepEqual(refuse({ ...good, record: { ...good.record, version: 3 } }), { ok: false, error: 'newer' });
  const other = T.build({ ...record(), course: 'other' }, { id: 'other', title: '另一门课', version: '1' }, NOW);
  assert.deepEqual(refuse(other), { ok: false, error: 'other-course', title: '另一门课' });
  const edited = JSON.parse(text);
  edited.record.items['quiz:start/quiz'].v.best = 100;
  assert.deepEqual(refuse(edited), { ok: false, error: 'changed' });
  const malformed = T.build({ ...record(), items: { ...record().items, 'nokind': { h: 'x', v: 1 } } }, COURSE, NOW);
  assert.deepEqual(refuse(malformed), { ok: false, error: 'unreadable' }, 'an item the store would not keep');
});

test('an older version of the course: work changed or removed since is left out, the rest kept', () => {
  const rec = record();
  rec.items['question:check-refund'] = { h: 'oldhash', v: { checked: true }, t: 5 };
  rec.items['question:removed'] = { h: 'x', v: { checked: true }, t: 5 };
  rec.items['visit:old-module/gone.html'] = { h: '1', v: 1, t: 5 };
  rec.items['review:removed'] = { h: 'x', v: {}, t: 5 };
  rec.items['course:complete'] = { h: 'old-stamp', v: { at: 1 }, t: 5 };
  rec.items['later-kind:thing'] = { h: 'x', v: 1, t: 5 };
  const res = T.read(T.text(T.build(rec, { ...COURSE, version: '1.0' }, NOW)), COURSE);
  assert.equal(res.ok, true);
  assert.equal(res.version, '1.0');
  assert.equal(res.dropped, 5);
  assert.deepEqual(Object.keys(res.record.items).sort(), [...Object.keys(record().items), 'later-kind:thing'].sort());
});
