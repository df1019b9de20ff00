// Spaced review (Syllabus.reviewQueue): a wrong answer puts a question on the list,
// due at once; right answers count once a day, bring it back the next day, and clear
// it on the second day; calendar days in the trainee's time zone.
const test = require('node:test');
const assert = require('node:assert/strict');
const R = require('../../themes/default/static/review-engine.js');

const at = (y, m, d, h = 10) => new Date(y, m - 1, d, h).getTime();

test('days are calendar days, and a day later is the next date across months and years', () => {
  assert.equal(R.day(at(2026, 12, 3, 0)), '2026-12-03');
  assert.equal(R.day(at(2026, 12, 3, 23)), '2026-12-03');
  assert.equal(R.addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(R.addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(R.addDays('2026-03-31', -1), '2026-03-30');
});

test('wrong, right today, right tomorrow: on the list, due tomorrow, cleared', () => {
  let e = R.next(null, false, at(2026, 12, 1));
  assert.deepEqual(e, { since: '2026-12-01', due: '2026-12-01', right: [], wrong: 1 });
  e = R.next(e, true, at(2026, 12, 1, 11));
  assert.deepEqual(e, { since: '2026-12-01', due: '2026-12-02', right: ['2026-12-01'], wrong: 1 });
  assert.equal(R.next(e, true, at(2026, 12, 1, 23)), e, 'a second right answer on the same day changes nothing');
  assert.equal(R.next(e, true, at(2026, 12, 2, 8)), null, 'right on a second day: off the list');
});

test('a wrong answer starts the count again; a right answer without an entry adds none', () => {
  let e = R.next(null, false, at(2026, 12, 1));
  e = R.next(e, true, at(2026, 12, 1));
  e = R.next(e, false, at(2026, 12, 2));
  assert.deepEqual(e, { since: '2026-12-01', due: '2026-12-02', right: [], wrong: 2 });
  assert.equal(R.next(null, true, at(2026, 12, 1)), null);
  assert.equal(R.next({ junk: true }, true, at(2026, 12, 1)), null, 'a corrupt entry is no entry');
});

test('list and counts: live entries only, due first; later ones with the next date', () => {
  const questions = { a: 'ha', b: 'hb', c: 'hc' };
  const rec = {
    items: {
      'review:a': { h: 'ha', v: { since: '2026-12-01', due: '2026-12-03', right: ['2026-12-02'], wrong: 1 } },
      'review:b': { h: 'hb', v: { since: '2026-12-01', due: '2026-12-01', right: [], wrong: 1 } },
      'review:c': { h: 'OLD', v: { since: '2026-12-01', due: '2026-12-01', right: [], wrong: 1 } },
      'review:gone': { h: 'x', v: { since: '2026-12-01', due: '2026-12-01', right: [], wrong: 1 } },
      'question:a': { h: 'ha', v: {} },
    },
  };
  const today = at(2026, 12, 2);
  assert.deepEqual(R.list(rec, questions, today).map((x) => [x.id, x.due]), [['b', true], ['a', false]]);
  assert.deepEqual(R.counts(rec, questions, today), { due: 1, later: 1, next: '2026-12-03' });
  assert.deepEqual(R.counts(rec, questions, at(2026, 12, 3)), { due: 2, later: 0, next: null });
  assert.deepEqual(R.counts({}, questions, today), { due: 0, later: 0, next: null });
});
