/* The progress record in an LMS's suspend_data: compacted so the whole course fits
 * SCORM 1.2's 4 096 characters, and expanded again on the next launch. Pure
 * functions, no DOM; tests/js/scorm-record.test.js covers them. See docs/scorm.md.
 *
 * Syllabus.scormRecord (and module.exports):
 *   table(course)                 the course's saved things: [{kind, id, h, key}]
 *   compact(record, course, limit) {text, cut: [codes], fits}
 *   expand(text, course)          a store record, or null when text is not ours
 *
 * course: window.SyllabusCourse ({id, stamp, pages: [{u}], questions: {id: hash},
 * quizzes / roleplays / assessments / reflections: [{id, h}]}). Each saved item is
 * keyed by a 4-character digest of its kind, id and hash instead of both (a record
 * item's hash is what the store checks): an item whose question, quiz, role-play or
 * reflection was edited since finds no key on the next launch and is dropped, as
 * the store drops it. Values are kept positionally. When the text is still too long,
 * parts are given up in this order, each named in `cut`: `other` (records of kinds
 * this version does not know), `answers` (answers to lesson questions and the
 * review list), `attempts`
 * (the answers of submitted quiz attempts), `runs` (role-play transcripts),
 * `reflections:N` (reflections cut to N characters). Scores, attempts, passes,
 * finished role-plays, self-assessments and visits are always kept. */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};
  /* In the page util.js has run before anyone calls these. */
  var U = null;
  if (typeof module !== 'undefined' && module.exports) U = require('./util.js');

  var FORMAT = 1;
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  function isObject(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }

  function has(o, k) {
    return isObject(o) && Object.prototype.hasOwnProperty.call(o, k);
  }

  function digest(s) {
    var h = (U || S.util).hashString(s);
    var out = '';
    for (var i = 0; i < 4; i++) {
      out += DIGITS.charAt(h & 63);
      h = h >>> 6;
    }
    return out;
  }

  /* Every thing of the course a record can hold, each with its key. Keys that two
   * entries share get a suffix by their order, so no two are ever the same. */
  function table(course) {
    var c = isObject(course) ? course : {};
    var list = [];
    function add(kind, id, h) {
      if (typeof id === 'string' && typeof h === 'string') list.push({ kind: kind, id: id, h: h });
    }
    var questions = isObject(c.questions) ? c.questions : {};
    Object.keys(questions).forEach(function (id) {
      add('question', id, questions[id]);
      add('review', id, questions[id]);
    });
    [['quiz', c.quizzes], ['roleplay', c.roleplays], ['assessment', c.assessments], ['reflect', c.reflections]].forEach(function (p) {
      (Array.isArray(p[1]) ? p[1] : []).forEach(function (w) {
        if (isObject(w)) add(p[0], w.id, w.h);
      });
    });
    (Array.isArray(c.pages) ? c.pages : []).forEach(function (p) {
      if (isObject(p)) add('visit', p.u, '1');
    });
    add('visit', 'last', '1');
    if (typeof c.stamp === 'string') add('course', 'complete', c.stamp);
    var seen = {};
    list.forEach(function (e) {
      e.key = digest(e.kind + ':' + e.id + ':' + e.h);
      seen[e.key] = (seen[e.key] || 0) + 1;
    });
    var rank = {};
    list.forEach(function (e) {
      if (seen[e.key] > 1) {
        rank[e.key] = (rank[e.key] || 0) + 1;
        e.key += '.' + rank[e.key] + '.';
      }
    });
    return list;
  }

  function b36(n) {
    return typeof n === 'number' && isFinite(n) ? Math.max(0, Math.round(n)).toString(36) : '0';
  }

  function un36(s) {
    var n = parseInt(s, 36);
    return isFinite(n) ? n : 0;
  }

  /* A calendar day 'YYYY-MM-DD' as days since 1970, base 36, and back. */
  function day36(d) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(d));
    return m ? (Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000).toString(36) : null;
  }

  function unday(s) {
    if (typeof s !== 'string') return s;
    return new Date(un36(s) * 86400000).toISOString().slice(0, 10);
  }

  /* ---- one item's value, by kind: [to compact, back] ---- */

  function pageKey(url, byUrl) {
    return has(byUrl, url) ? byUrl[url] : null;
  }

  var KINDS = {
    question: {
      /* score and max are left out: the page grades the answer again on restore. */
      pack: function (v) {
        if (!isObject(v)) return null;
        return [v.answer === undefined ? null : v.answer, v.checked === true ? 1 : 0];
      },
      unpack: function (a) {
        return { answer: a[0], checked: a[1] === 1 };
      },
    },
    review: {
      pack: function (v) {
        if (!isObject(v) || !Array.isArray(v.right)) return null;
        return [day36(v.since), day36(v.due), v.wrong, v.right.map(day36)];
      },
      unpack: function (a) {
        return { since: unday(a[0]), due: unday(a[1]), wrong: a[2], right: Array.isArray(a[3]) ? a[3].map(unday) : [] };
      },
    },
    quiz: {
      pack: function (v, o) {
        if (!isObject(v)) return null;
        var l = isObject(v.last) ? [v.last.score, v.last.max, v.last.percent, v.last.passed ? 1 : 0] : 0;
        var cur = v.current;
        var keep = isObject(cur) && Array.isArray(cur.drawn) && !(cur.submitted ? o.noAttempts : o.noOpen);
        var c = 0;
        if (keep) {
          var answers = isObject(cur.answers) ? cur.answers : {};
          var drawn = cur.drawn.map(function (id) {
            var a = answers[id];
            var e = isObject(a) ? o.byQuestion[id + ':' + a.h] : o.byQuestion[id + ':' + o.hashOf[id]];
            if (!e) return null;
            return isObject(a) ? [e, a.a] : [e];
          });
          if (drawn.indexOf(null) < 0) c = [b36(cur.seed), cur.submitted ? 1 : 0, drawn];
        }
        return [v.attempts, v.best, v.passed ? 1 : 0, l, c];
      },
      unpack: function (a, o) {
        var v = { attempts: a[0], best: a[1], passed: a[2] === 1, current: null };
        if (Array.isArray(a[3])) v.last = { score: a[3][0], max: a[3][1], percent: a[3][2], passed: a[3][3] === 1 };
        var c = a[4];
        if (Array.isArray(c) && Array.isArray(c[2])) {
          var drawn = [];
          var answers = {};
          var ok = c[2].every(function (d) {
            var e = Array.isArray(d) ? o.byKey[d[0]] : null;
            if (!e || e.kind !== 'question') return false;
            drawn.push(e.id);
            if (d.length > 1) answers[e.id] = { h: e.h, a: d[1] };
            return true;
          });
          /* A drawn question edited since: the quiz starts a new attempt (quiz-policy.repair). */
          if (ok) v.current = { seed: un36(c[0]), drawn: drawn, answers: answers, submitted: c[1] === 1 };
        }
        return v;
      },
    },
    roleplay: {
      pack: function (v, o) {
        if (!isObject(v)) return null;
        var out = [v.best, v.passed ? 1 : 0, v.outcome, v.ending, v.score, v.runs];
        if (!o.noRuns && Array.isArray(v.path)) out.push(v.path);
        return out;
      },
      unpack: function (a) {
        return { best: a[0], passed: a[1] === 1, outcome: a[2], ending: a[3], score: a[4], runs: a[5], path: Array.isArray(a[6]) ? a[6] : [] };
      },
    },
    assessment: {
      pack: function (v) {
        return isObject(v) && Array.isArray(v.answers) ? [v.answers] : null;
      },
      unpack: function (a) {
        return { answers: a[0] };
      },
    },
    reflect: {
      pack: function (v, o) {
        if (!isObject(v) || typeof v.text !== 'string') return null;
        var t = v.text;
        if (o.cut !== null && t.length > o.cut) t = t.slice(0, o.cut) + '…';
        return [t];
      },
      unpack: function (a) {
        return { text: String(a[0]) };
      },
    },
    visit: {
      pack: function (v, o, e) {
        if (e.id !== 'last') return null;
        var k = pageKey(v, o.byUrl);
        return k ? [k] : null;
      },
      unpack: function (a, o) {
        var e = o.byKey[a[0]];
        return e && e.kind === 'visit' ? e.id : null;
      },
    },
    course: {
      pack: function (v) {
        return isObject(v) && typeof v.at === 'number' ? [b36(v.at / 1000)] : null;
      },
      unpack: function (a) {
        return { at: un36(a[0]) * 1000 };
      },
    },
  };

  function indexes(list) {
    var o = { byKey: {}, byEntry: {}, byUrl: {}, byQuestion: {}, hashOf: {}, bare: list.length <= 1 };
    list.forEach(function (e) {
      o.byKey[e.key] = e;
      o.byEntry[e.kind + ':' + e.id] = e;
      if (e.kind === 'visit' && e.id !== 'last') o.byUrl[e.id] = e.key;
      if (e.kind === 'question') {
        o.byQuestion[e.id + ':' + e.h] = e.key;
        o.hashOf[e.id] = e.h;
      }
    });
    return o;
  }

  /* The compact form of `record` under the options of one level. */
  function pack(record, idx, o) {
    var items = isObject(record) && isObject(record.items) ? record.items : {};
    var out = { v: FORMAT, t: 0, i: {}, V: '' };
    var x = {};
    var latest = 0;
    var ctx = {};
    [idx, o].forEach(function (from) {
      Object.keys(from).forEach(function (k) {
        ctx[k] = from[k];
      });
    });
    Object.keys(items).sort().forEach(function (k) {
      var it = items[k];
      if (!isObject(it)) return;
      if (typeof it.t === 'number' && it.t > latest) latest = it.t;
      var e = idx.bare ? null : idx.byEntry[k];
      var kind = k.slice(0, k.indexOf(':'));
      if (!e) {
        /* A kind the course table does not list is kept as it is while there is room;
         * a listed kind whose hash is stale is dropped, as the store would drop it.
         * Without the course's data (a theme that leaves it out) nothing is listed,
         * so everything is kept as it is. */
        if ((!has(KINDS, kind) || idx.bare) && !o.noOther) x[k] = [it.h, it.v];
        return;
      }
      if (e.h !== it.h) return;
      if ((kind === 'question' || kind === 'review') && o.noAnswers) return;
      if (kind === 'visit' && e.id !== 'last') {
        out.V += e.key;
        return;
      }
      var p = KINDS[kind].pack(it.v, ctx, e);
      if (p !== null) out.i[e.key] = p;
    });
    out.t = b36(latest / 1000);
    if (Object.keys(x).length) out.x = x;
    if (!out.V) delete out.V;
    return JSON.stringify(out);
  }

  function longestReflection(record) {
    var items = isObject(record) && isObject(record.items) ? record.items : {};
    var n = 0;
    Object.keys(items).forEach(function (k) {
      var v = isObject(items[k]) ? items[k].v : null;
      if (k.indexOf('reflect:') === 0 && isObject(v) && typeof v.text === 'string') n = Math.max(n, v.text.length);
    });
    return n;
  }

  /* Steps that give something up, in order, with the `cut` code each adds. */
  var STEPS = [
    ['other', { noOther: true }],
    ['answers', { noAnswers: true }],
    ['attempts', { noAttempts: true }],
    ['runs', { noRuns: true }],
  ];

  function compact(record, course, limit) {
    var idx = indexes(table(course));
    var o = { cut: null };
    var cut = [];
    var text = pack(record, idx, o);
    for (var s = 0; s < STEPS.length && text.length > limit; s++) {
      Object.keys(STEPS[s][1]).forEach(function (k) {
        o[k] = STEPS[s][1][k];
      });
      var next = pack(record, idx, o);
      if (next !== text) cut.push(STEPS[s][0]);
      text = next;
    }
    if (text.length > limit) {
      /* The longest cut of every reflection that fits, found by halving. */
      var lo = 0;
      var hi = longestReflection(record);
      while (lo < hi) {
        var mid = Math.ceil((lo + hi) / 2);
        o.cut = mid;
        if (pack(record, idx, o).length <= limit) lo = mid;
        else hi = mid - 1;
      }
      o.cut = lo;
      text = pack(record, idx, o);
      cut.push('reflections:' + lo);
    }
    return { text: text, cut: cut, fits: text.length <= limit };
  }

  function expand(text, course) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return null;
    }
    if (!isObject(data) || data.v !== FORMAT || !isObject(data.i)) return null;
    var c = isObject(course) ? course : {};
    var idx = indexes(table(c));
    var t = un36(data.t) * 1000;
    var items = {};
    Object.keys(data.i).forEach(function (key) {
      var e = idx.byKey[key];
      var a = data.i[key];
      if (!e || !Array.isArray(a)) return;
      var v = KINDS[e.kind].unpack(a, idx);
      if (v !== null) items[e.kind + ':' + e.id] = { h: e.h, v: v, t: t };
    });
    var visits = typeof data.V === 'string' ? data.V.match(/[A-Za-z0-9_-]{4}(\.\d+\.)?/g) || [] : [];
    visits.forEach(function (key) {
      var e = idx.byKey[key];
      if (e && e.kind === 'visit') items['visit:' + e.id] = { h: '1', v: 1, t: t };
    });
    if (isObject(data.x)) {
      Object.keys(data.x).forEach(function (k) {
        var a = data.x[k];
        if (Array.isArray(a) && typeof a[0] === 'string' && k.indexOf(':') > 0) items[k] = { h: a[0], v: a[1], t: t };
      });
    }
    return { version: 1, course: typeof c.id === 'string' ? c.id : '', items: items };
  }

  var api = { table: table, compact: compact, expand: expand, digest: digest };
  S.scormRecord = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
