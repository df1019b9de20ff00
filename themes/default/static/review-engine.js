/* Spaced review, without the page: a question answered wrong (or only partly right)
 * anywhere in the course, on a lesson, in a graded quiz or on the review page, goes on
 * the trainee's review list, due at once. A right answer counts once per day and makes
 * the question due again the next day; right answers on two different days clear it.
 * A wrong answer starts the count again. Days are calendar days in the trainee's time
 * zone, so "tomorrow" starts at midnight, not 24 hours later.
 *
 * Syllabus.reviewQueue (and module.exports, for tests/js/review-engine.test.js):
 *   day(now)                      'YYYY-MM-DD' of a time in ms
 *   addDays(day, n)               the day n days later
 *   next(entry, right, now)       the entry after an answer (null: not on the list)
 *   list(record, questions, now)  the live entries, due first: [{id, hash, entry, due}]
 *   counts(record, questions, now) {due, later, next (the next day one is due, or null)}
 *   note(id, hash, right)         records an answer in Syllabus.store (pages only)
 *
 * An entry is kept in the progress store as kind `review`, id = the question id, hash
 * = the question's hash (an edited question drops its entry):
 *   {since: day first got wrong, due: day, right: [day, ...], wrong: times got wrong}
 * `questions` is the course data's {id: hash}. */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  var DAY = /^\d{4}-\d{2}-\d{2}$/;

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function format(d) {
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function day(now) {
    return format(new Date(now));
  }

  /* Through a local date, so that a day is always one calendar step, 23 or 25 hours
   * long when the clocks change. */
  function addDays(d, n) {
    var p = String(d).split('-').map(Number);
    return format(new Date(p[0], p[1] - 1, p[2] + n));
  }

  function isEntry(e) {
    return e !== null && typeof e === 'object' && DAY.test(e.due) && Array.isArray(e.right);
  }

  function next(entry, right, now) {
    var today = day(now);
    var e = isEntry(entry) ? entry : null;
    if (!right) {
      return { since: e && DAY.test(e.since) ? e.since : today, due: today, right: [], wrong: (e && e.wrong > 0 ? e.wrong : 0) + 1 };
    }
    if (!e) return null;
    var days = e.right.filter(function (x) {
      return DAY.test(x);
    });
    if (days.indexOf(today) >= 0) return e;
    days = days.concat([today]);
    if (days.length >= 2) return null;
    return { since: e.since, due: addDays(today, 1), right: days, wrong: e.wrong };
  }

  function list(record, questions, now) {
    var today = day(now);
    var items = record && record.items && typeof record.items === 'object' ? record.items : {};
    var out = [];
    Object.keys(items).forEach(function (key) {
      if (key.indexOf('review:') !== 0) return;
      var id = key.slice('review:'.length);
      var it = items[key];
      if (!it || !Object.prototype.hasOwnProperty.call(questions, id) || it.h !== questions[id]) return;
      if (!isEntry(it.v)) return;
      out.push({ id: id, hash: it.h, entry: it.v, due: it.v.due <= today });
    });
    return out.sort(function (a, b) {
      return a.entry.due < b.entry.due ? -1 : a.entry.due > b.entry.due ? 1 : 0;
    });
  }

  function counts(record, questions, now) {
    var due = 0;
    var later = 0;
    var soonest = null;
    list(record, questions, now).forEach(function (x) {
      if (x.due) {
        due++;
      } else {
        later++;
        if (soonest === null || x.entry.due < soonest) soonest = x.entry.due;
      }
    });
    return { due: due, later: later, next: soonest };
  }

  function note(id, hash, right) {
    var store = S.store;
    if (!store || !id) return null;
    var prev = store.get('review', id, hash);
    var nx = next(prev, right, Date.now());
    if (nx === prev) return prev;
    if (nx === null) {
      store.remove('review', id);
      return null;
    }
    store.set('review', id, hash, nx);
    return nx;
  }

  var api = { day: day, addDays: addDays, next: next, list: list, counts: counts, note: note };
  S.reviewQueue = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
