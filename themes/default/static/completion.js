/* What the trainee's record adds up to against the `completion:` rules of
 * course.yaml. Pure functions, no DOM, no store: the caller passes the record
 * (Syllabus.store.all()) and the time, so the same answer comes out in the page, in
 * the node tests (tests/js/completion.test.js) and in an LMS runtime that reports
 * status and score from it. Page states are page-state.js's, loaded first.
 *
 * Syllabus.completion (and module.exports, with page-state.js's functions):
 *   evaluate(course, record, now)   {complete, completedAt, score, scoreFrom, missing, parts}
 *   stampItem(course, result, record) [kind, id, hash, value] to save the completion date, or null
 *
 * course: window.SyllabusCourse, written by the generator (src/render/journey):
 *   {format: 1, id, title, version, certificate, stamp,
 *    rules: {quizzes, exam, roleplays, assessments, reflections, pages},
 *    modules: [{t, u}], pages: [{t, u, m, k, a: [[kind, id, hash, need], ...]}],
 *    quizzes: [{id, h, p, t, exam?, attempts, pass}], roleplays / assessments /
 *    reflections: [{id, h, p, t}], questions: {id: hash}}
 * (docs/architecture.md; pinned by tests/contract/course-data.json). */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};
  var node = typeof module !== 'undefined' && module.exports;
  /* In the page page-state.js has run before anyone calls these. */
  var P = node ? require('./page-state.js') : null;
  function base() {
    return P || S.completion;
  }
  function work(kind, id, hash, record) {
    return base().work(kind, id, hash, record);
  }
  function item(record, kind, id, hash) {
    return base().item(record, kind, id, hash);
  }
  function meets(state, need) {
    return base().meets(state, need);
  }
  function isObject(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }
  function value(record, kind, id, hash) {
    var it = item(record, kind, id, hash);
    return it && 'v' in it ? it.v : null;
  }
  /* Lessons and graded pages: what trainees read and take (module pages are a table of contents). */
  function countsAsPage(p) {
    return p.k !== 'module';
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

  var api = node ? P : S.completion || {};
  api.evaluate = evaluate;
  api.stampItem = stampItem;
  S.completion = api;
  if (node) module.exports = api;
})();
