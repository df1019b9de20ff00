/* Each page's state from the trainee's record: the part of Syllabus.completion every
 * page loads, to mark its sidebar (marks.js). The course as a whole is added up by
 * completion.js, loaded only by the pages that need it. Pure functions, no DOM, no
 * store (tests/js/completion.test.js).
 *
 * Syllabus.completion (and module.exports):
 *   pageState(page, record)         {state: 'new'|'visited'|'done', quiz, roleplay}
 *   moduleShare(course, m, record)  {done, total} over the module's lessons and quiz pages
 *   firstUnfinished(course, record) the first lesson or quiz page not done, or null
 *   work(kind, id, hash, record)    the state of one piece of work (below)
 *   item(record, kind, id, hash)    its live store item, or null (missing or stale)
 *   meets(state, need)              whether a work's state meets `need`
 *
 * page: {u: its path, a: its track [[kind, id, hash, need], ...]}, as the course data
 * lists it and as sidebar links carry it (data-track). record: the store's {version,
 * course, items: {"<kind>:<id>": {h, v, t}}}; an item whose hash is not the course's
 * is stale, the trainer having changed that work since. */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  function isObject(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }

  /* The live item of a piece of work: null when missing or stale. */
  function item(record, kind, id, hash) {
    var items = record && isObject(record.items) ? record.items : {};
    var it = items[kind + ':' + id];
    if (!isObject(it) || (hash !== undefined && it.h !== hash)) return null;
    return it;
  }

  function visited(record, url) {
    return item(record, 'visit', url) !== null;
  }

  /* The state of one piece of work:
   *   question   {checked}
   *   quiz       {attempted, passed, best (percent or null), attempts}
   *   roleplay   {finished, passed, outcome, best}
   *   assessment, reflect {done}
   * plus `at`, the time its record was last saved (0 when there is none). */
  function work(kind, id, hash, record) {
    var it = item(record, kind, id, hash);
    var v = it ? it.v : null;
    var at = it && typeof it.t === 'number' ? it.t : 0;
    var o = isObject(v) ? v : {};
    switch (kind) {
      case 'question':
        return { checked: o.checked === true, at: at };
      case 'quiz': {
        var attempts = typeof o.attempts === 'number' && o.attempts > 0 ? Math.floor(o.attempts) : 0;
        var best = typeof o.best === 'number' && isFinite(o.best) ? o.best : null;
        return { attempted: attempts > 0, passed: o.passed === true, best: best, attempts: attempts, at: at };
      }
      case 'roleplay': {
        var finished = typeof o.score === 'number' && typeof o.outcome === 'string';
        return {
          finished: finished,
          passed: o.passed === true,
          outcome: finished ? o.outcome : null,
          best: typeof o.best === 'number' ? o.best : null,
          at: at,
        };
      }
      case 'assessment':
        return { done: Array.isArray(o.answers), at: at };
      case 'reflect':
        return { done: typeof o.text === 'string' && o.text.trim() !== '', at: at };
      default:
        return { at: at };
    }
  }

  /* Whether a piece of work meets `need` (checked, passed, attempted, finished, done). */
  function meets(state, need) {
    if (need === 'attempted') return state.attempted === true;
    return state[need] === true;
  }

  /* A page's state from its track (`a`) and whether it was opened. A page with no
   * work on it is done once opened; one with work is done when all of it is. Work
   * recorded without a visit (an imported record) counts as a visit. */
  function pageState(page, record) {
    var acts = Array.isArray(page.a) ? page.a : [];
    var seen = visited(record, page.u);
    var allDone = true;
    var quiz = null;
    var roleplay = null;
    acts.forEach(function (a) {
      var st = work(a[0], a[1], a[2], record);
      if (st.at) seen = true;
      if (!meets(st, a[3])) allDone = false;
      if (a[0] === 'quiz' && !quiz) quiz = st;
      if (a[0] === 'roleplay' && !roleplay) roleplay = st;
    });
    var state = !seen ? 'new' : allDone ? 'done' : 'visited';
    return { state: state, quiz: quiz, roleplay: roleplay };
  }

  /* Lessons and graded pages: what trainees read and take (module pages are a table of contents). */
  function countsAsPage(p) {
    return p.k !== 'module';
  }

  function moduleShare(course, m, record) {
    var done = 0;
    var total = 0;
    course.pages.forEach(function (p) {
      if (p.m !== m || !countsAsPage(p)) return;
      total++;
      if (pageState(p, record).state === 'done') done++;
    });
    return { done: done, total: total };
  }

  function firstUnfinished(course, record) {
    for (var i = 0; i < course.pages.length; i++) {
      var p = course.pages[i];
      if (countsAsPage(p) && pageState(p, record).state !== 'done') return p;
    }
    return null;
  }

  var api = S.completion || {};
  api.pageState = pageState;
  api.moduleShare = moduleShare;
  api.firstUnfinished = firstUnfinished;
  api.work = work;
  api.item = item;
  api.meets = meets;
  S.completion = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
