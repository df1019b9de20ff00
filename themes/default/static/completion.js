/* What the trainee's record adds up to: each page's state and the course's
 * completion against the `completion:` rules of course.yaml. Pure functions, no DOM,
 * no store: the caller passes the record (Syllabus.store.all()) and the time, so the
 * same answer comes out in the page, in the node tests (tests/js/completion.test.js)
 * and in an LMS runtime that reports status and score from it.
 *
 * Syllabus.completion (and module.exports):
 *   evaluate(course, record, now)  {complete, completedAt, score, scoreFrom, missing, parts}
 *   pageState(page, record)        {state: 'new'|'visited'|'done', quiz, roleplay}
 *   moduleShare(course, m, record) {done, total} over the module's lessons and quiz pages
 *   firstUnfinished(course, record) the first lesson or quiz page not done, or null
 *   stampItem(course, result, record) [kind, id, hash, value] to save the completion date, or null
 *   work(kind, id, hash, record)   the state of one piece of work (see below)
 *
 * course: window.SyllabusCourse, written by the generator (src/render/journey):
 *   {format: 1, id, title, version, certificate, stamp,
 *    rules: {quizzes, exam, roleplays, assessments, reflections, pages},
 *    modules: [{t, u}], pages: [{t, u, m, k, a: [[kind, id, hash, need], ...]}],
 *    quizzes: [{id, h, p, t, exam?, attempts, pass}], roleplays / assessments /
 *    reflections: [{id, h, p, t}], questions: {id: hash}}
 * A page's `a` is also what its sidebar link carries as data-track.
 * record: {version: 1, course, items: {"<kind>:<id>": {h, v, t}}} (store.js). An item
 * whose hash is not the course's is stale: the trainer has changed that work since. */
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

  function value(record, kind, id, hash) {
    var it = item(record, kind, id, hash);
    return it && 'v' in it ? it.v : null;
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

  /* One rule: which works it covers and what each must reach. */
  function ruleParts(course) {
    var r = course.rules || {};
    var parts = [];
    /* A rule that names nothing in the course (check warns about it) is left out. */
    function add(rule, need, kind, list) {
      if (!need || need === 'none' || !list.length) return;
      parts.push({ rule: rule, need: need, kind: kind, list: list });
    }
    add('quizzes', r.quizzes, 'quiz', course.quizzes || []);
    add(
      'exam',
      r.exam,
      'quiz',
      (course.quizzes || []).filter(function (q) {
        return q.exam;
      }),
    );
    add('roleplays', r.roleplays, 'roleplay', course.roleplays || []);
    add('assessments', r.assessments, 'assessment', course.assessments || []);
    add('reflections', r.reflections, 'reflect', course.reflections || []);
    if (r.pages === 'visited') {
      var pages = [];
      course.pages.forEach(function (p, i) {
        if (countsAsPage(p)) pages.push({ id: p.u, h: null, p: i, t: p.t });
      });
      add('pages', 'visited', 'visit', pages);
    }
    return parts;
  }

  /* The state of one listed work under a rule, with what is missing when not met. */
  function judge(part, w, record) {
    if (part.kind === 'visit') {
      var seen = item(record, 'visit', w.id);
      return { ok: seen !== null, at: seen && typeof seen.t === 'number' ? seen.t : 0, state: {} };
    }
    var st = work(part.kind, w.id, w.h, record);
    var ok = meets(st, part.need);
    return { ok: ok, at: st.at, state: st };
  }

  /* The score an LMS and the certificate report: the final exam's best percent
   * (the last exam in course order); without an exam, the mean of every graded
   * quiz's best (a quiz not taken counts 0); null without graded quizzes. */
  function scoreOf(course, record) {
    var quizzes = course.quizzes || [];
    var exams = quizzes.filter(function (q) {
      return q.exam;
    });
    if (exams.length) {
      var e = exams[exams.length - 1];
      return { score: work('quiz', e.id, e.h, record).best, from: 'exam' };
    }
    if (!quizzes.length) return { score: null, from: null };
    var sum = 0;
    quizzes.forEach(function (q) {
      sum += work('quiz', q.id, q.h, record).best || 0;
    });
    return { score: Math.round(sum / quizzes.length), from: 'quizzes' };
  }

  function evaluate(course, record, now) {
    var parts = [];
    var missing = [];
    var latest = 0;
    ruleParts(course).forEach(function (part) {
      var done = 0;
      part.list.forEach(function (w) {
        var j = judge(part, w, record);
        if (j.ok) {
          done++;
          latest = Math.max(latest, j.at);
          return;
        }
        var page = course.pages[w.p] || {};
        var miss = { rule: part.rule, need: part.need, kind: part.kind, id: w.id, title: w.t, url: page.u || null, state: j.state };
        /* A quiz that must be passed and has no attempts left can never be: say so. */
        if (part.kind === 'quiz' && part.need === 'passed' && w.attempts > 0 && j.state.attempts >= w.attempts) miss.blocked = true;
        missing.push(miss);
      });
      parts.push({ rule: part.rule, need: part.need, done: done, total: part.list.length, ok: done === part.list.length });
    });
    var complete = missing.length === 0;
    var completedAt = null;
    if (complete) {
      var stamp = value(record, 'course', 'complete', course.stamp);
      completedAt = isObject(stamp) && typeof stamp.at === 'number' ? stamp.at : latest || now;
    }
    var sc = scoreOf(course, record);
    return { complete: complete, completedAt: completedAt, score: sc.score, scoreFrom: sc.from, missing: missing, parts: parts };
  }

  /* The store item that keeps the completion date once it is known, or null when
   * there is nothing (new) to keep. */
  function stampItem(course, result, record) {
    if (!result.complete) return null;
    var saved = value(record, 'course', 'complete', course.stamp);
    if (isObject(saved) && saved.at === result.completedAt) return null;
    return ['course', 'complete', course.stamp, { at: result.completedAt }];
  }

  var api = {
    evaluate: evaluate,
    pageState: pageState,
    moduleShare: moduleShare,
    firstUnfinished: firstUnfinished,
    stampItem: stampItem,
    work: work,
  };
  S.completion = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
