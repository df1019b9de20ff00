/* The SCORM runtime. In a package the LMS launches scorm.html, which holds the one
 * SCORM session of the visit: it finds the LMS's API, initialises once, puts the
 * trainee's record back from suspend_data, shows the course in a frame, reports
 * status, score and the record on every change (with a commit), and finishes when
 * it is closed. Every course page loads this script too: inside that frame it
 * tells the session about each graded answer and role-play reply (interactions).
 * Outside an LMS it finds nothing and does nothing. docs/scorm.md has the why.
 *
 * Syllabus.scorm (and module.exports, for tests/js/scorm.test.js):
 *   findApi(win, name, depth)   the LMS API object in win, its parents, then its opener
 *   facts(before, after, page)  the graded answers and role-play replies a change added
 * The launch page publishes Syllabus.scormSession ({changed(facts)}) for the frame. */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};
  if (typeof module !== 'undefined' && module.exports) {
    S.grading = require('./grading.js');
    S.roleplay = require('./roleplay-engine.js');
  }

  var MAX_DEPTH = 10;
  var LIMITS = { '1.2': 4096, 2004: 64000 };

  /* Windows of another origin throw on access: they are stepped over. */
  function look(win, name) {
    try {
      return win && win[name] ? win[name] : null;
    } catch (e) {
      return null;
    }
  }

  function up(win) {
    try {
      return win.parent && win.parent !== win ? win.parent : null;
    } catch (e) {
      return null;
    }
  }

  function walk(win, name, depth) {
    for (var i = 0; win && i <= depth; i++) {
      var found = look(win, name);
      if (found) return found;
      win = up(win);
    }
    return null;
  }

  /* The standard search: the window and its parents (bounded), then the window
   * that opened the top one (an LMS that launches in a new window) and its parents. */
  function findApi(win, name, depth) {
    var d = typeof depth === 'number' ? depth : MAX_DEPTH;
    var found = walk(win, name, d);
    if (found) return found;
    var top = win;
    for (var i = 0; i < d && up(top); i++) top = up(top);
    var opener = null;
    try {
      opener = top.opener && !top.opener.closed ? top.opener : null;
    } catch (e) {
      opener = null;
    }
    return opener ? walk(opener, name, d) : null;
  }

  function isObject(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }

  function itemValue(record, key) {
    var items = isObject(record) && isObject(record.items) ? record.items : {};
    return isObject(items[key]) ? items[key].v : null;
  }

  /* page: {quiz: {id, questions: {id: question data}} | null, roleplays: [rp-data]}.
   * A graded quiz adds facts when a new submit is saved (its attempts go up); a
   * role-play when a run finishes (its runs go up): one fact per reply. */
  function facts(before, after, page) {
    var out = [];
    var q = page && page.quiz;
    if (q) {
      var a = itemValue(before, 'quiz:' + q.id);
      var b = itemValue(after, 'quiz:' + q.id);
      var was = isObject(a) && typeof a.attempts === 'number' ? a.attempts : 0;
      if (isObject(b) && b.attempts > was && isObject(b.current) && b.current.submitted) {
        var answers = isObject(b.current.answers) ? b.current.answers : {};
        (b.current.drawn || []).forEach(function (id) {
          var data = q.questions[id];
          if (!data) return;
          var ans = isObject(answers[id]) && answers[id].h === data.hash ? answers[id].a : null;
          var r = S.grading.score(data, ans);
          out.push({ id: q.id + '/' + id, type: data.type, response: ans, result: r.status, score: r.score, max: r.max });
        });
      }
    }
    ((page && page.roleplays) || []).forEach(function (data) {
      var a = itemValue(before, 'roleplay:' + data.id);
      var b = itemValue(after, 'roleplay:' + data.id);
      var was = isObject(a) && typeof a.runs === 'number' ? a.runs : 0;
      if (!isObject(b) || !(b.runs > was)) return;
      var run = S.roleplay.replay(data, b.path);
      if (!run) return;
      run.steps.forEach(function (step, i) {
        out.push({ id: data.id + '/' + (i + 1) + '-' + step.node, type: 'roleplay', choice: step.choice, score: step.score });
      });
    });
    return out;
  }

  /* ---------------- in a course page: report to the launch page ---------------- */

  function findSession() {
    var win = up(window);
    for (var i = 0; win && i < MAX_DEPTH; i++) {
      var s = look(win, 'Syllabus');
      if (s && s.scormSession) return s.scormSession;
      win = up(win);
    }
    return null;
  }

  function pageData() {
    var U = S.util;
    var page = { quiz: null, roleplays: [] };
    var root = document.querySelector('.quiz-page');
    var settings = root ? U.json(root, 'script.quiz-page-data') : null;
    if (settings) {
      var questions = {};
      Array.prototype.forEach.call(root.querySelectorAll('script.quiz-data'), function (el) {
        try {
          var d = JSON.parse(el.textContent);
          if (d && d.id) questions[d.id] = d;
        } catch (e) {
          /* A question without data is not reported. */
        }
      });
      page.quiz = { id: settings.id, questions: questions };
    }
    Array.prototype.forEach.call(document.querySelectorAll('[data-roleplay]'), function (el) {
      var d = U.json(el, 'script.rp-data');
      if (d) page.roleplays.push(d);
    });
    return page;
  }

  function reportFromPage() {
    var session = findSession();
    if (!session) return;
    var page = pageData();
    var before = JSON.parse(JSON.stringify(S.store.all()));
    S.store.onChange(function (record) {
      var list = facts(before, record, page);
      before = JSON.parse(JSON.stringify(record));
      try {
        session.changed(JSON.stringify(list));
      } catch (e) {
        /* The launch page is going away: it syncs once more as it finishes. */
      }
    });
  }

  /* ---------------- on the launch page: the SCORM session ---------------- */

  function Session(version, api, strings) {
    this.v = version;
    this.api = api;
    this.t = S.util.t(strings);
    this.cache = {};
    this.count = 0;
    this.started = Date.now();
    this.done = false;
    this.notice = document.querySelector('.scorm-notice');
  }

  Session.prototype.call = function (fn12, fn2004, a, b) {
    var name = this.v === '1.2' ? fn12 : fn2004;
    try {
      return String(b === undefined ? this.api[name](a) : this.api[name](a, b));
    } catch (e) {
      return 'false';
    }
  };

  Session.prototype.get = function (el) {
    return this.call('LMSGetValue', 'GetValue', el);
  };

  /* Sets a value unless it is what the LMS already has from us. */
  Session.prototype.set = function (el, value) {
    if (this.cache[el] === value) return false;
    var ok = this.call('LMSSetValue', 'SetValue', el, value) === 'true';
    if (ok) this.cache[el] = value;
    return ok;
  };

  Session.prototype.say = function (text) {
    if (!this.notice) return;
    this.notice.textContent = text;
    this.notice.hidden = !text;
  };

  Session.prototype.sync = function (list) {
    if (this.done) return;
    var C = S.scormCmi;
    var record = S.store.all();
    var course = window.SyllabusCourse;
    var ev = S.completion && course ? S.completion.evaluate(course, record, Date.now()) : null;
    var pass = Number(document.body.getAttribute('data-pass-mark')) || 0;
    var changed = false;
    var self = this;
    C.statusElements(this.v, C.status(ev, pass)).forEach(function (p) {
      changed = self.set(p[0], p[1]) || changed;
    });
    (list || []).forEach(function (fact) {
      C.interaction(self.v, self.count, fact, Date.now()).forEach(function (p) {
        self.call('LMSSetValue', 'SetValue', p[0], p[1]);
      });
      self.count++;
      changed = true;
    });
    var c = S.scormRecord.compact(record, course, LIMITS[this.v]);
    var refused = false;
    if (this.cache['cmi.suspend_data'] !== c.text) {
      if (this.set('cmi.suspend_data', c.text)) changed = true;
      else refused = true;
    }
    var failed = refused || (changed && this.call('LMSCommit', 'Commit', '') !== 'true');
    if (failed) this.say(this.t('scorm_save_failed', { code: this.call('LMSGetLastError', 'GetLastError') }));
    else this.say(c.cut.length ? this.t('scorm_trimmed', { limit: LIMITS[this.v], what: this.cutText(c.cut) }) : '');
  };

  Session.prototype.cutText = function (cut) {
    var t = this.t;
    return cut
      .map(function (c) {
        var m = /^reflections:(\d+)$/.exec(c);
        return m ? t('scorm_trim_reflections', { n: m[1] }) : t('scorm_trim_' + c);
      })
      .join(t('scorm_trim_list_sep'));
  };

  Session.prototype.finish = function () {
    if (this.done) return;
    this.sync();
    this.set(this.v === '1.2' ? 'cmi.core.session_time' : 'cmi.session_time', S.scormCmi.sessionTime(this.v, Date.now() - this.started));
    /* suspend: the LMS keeps suspend_data for the next launch, also once passed. */
    this.set(this.v === '1.2' ? 'cmi.core.exit' : 'cmi.exit', 'suspend');
    this.call('LMSCommit', 'Commit', '');
    this.call('LMSFinish', 'Terminate', '');
    this.done = true;
  };

  /* The page to open: where the trainee left off, else the course home. */
  function startPage(record) {
    var last = itemValue(record, 'visit:last');
    if (typeof last === 'string' && /^[a-z0-9-]+\/[a-z0-9-]+\.html$/.test(last)) return last;
    return document.body.getAttribute('data-start') || 'index.html';
  }

  function launch() {
    var body = document.body;
    var version = body.getAttribute('data-scorm') === '1.2' ? '1.2' : '2004';
    var strings = S.util.json(document, 'script.scorm-strings');
    var frame = document.querySelector('.scorm-frame');
    var nojs = document.querySelector('.scorm-nojs');
    if (nojs) nojs.remove();
    var api = findApi(window, version === '1.2' ? 'API' : 'API_1484_11');
    var session = api ? new Session(version, api, strings) : null;
    if (session && session.call('LMSInitialize', 'Initialize', '') !== 'true') session = null;
    if (!session) {
      var notice = document.querySelector('.scorm-notice');
      if (notice) {
        notice.textContent = S.util.t(strings)('scorm_no_lms');
        notice.hidden = false;
      }
    } else {
      /* The LMS keeps the record of whoever it launched: it replaces what this
       * browser holds for the course (a shared computer never mixes trainees). */
      var saved = S.scormRecord.expand(session.get('cmi.suspend_data'), window.SyllabusCourse);
      if (saved) saved.course = body.getAttribute('data-course-id') || '';
      if (!saved || !S.store.replace(saved)) S.store.clear();
      session.count = parseInt(session.get('cmi.interactions._count'), 10) || 0;
      session.sync();
      S.scormSession = {
        changed: function (list) {
          var parsed = [];
          try {
            parsed = JSON.parse(list);
          } catch (e) {
            parsed = [];
          }
          session.sync(Array.isArray(parsed) ? parsed : []);
        },
      };
      S.store.onChange(function () {
        session.sync();
      });
      window.addEventListener('pagehide', function () {
        session.finish();
      });
    }
    frame.src = startPage(S.store.all());
    frame.hidden = false;
  }

  if (typeof document !== 'undefined') {
    document.addEventListener('DOMContentLoaded', function () {
      if (document.body && document.body.classList.contains('kind-scorm')) launch();
      else reportFromPage();
    });
  }

  var api = { findApi: findApi, facts: facts };
  S.scorm = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
