/* What the LMS is told, in the words of SCORM 1.2 and SCORM 2004: the course's
 * status and score from the completion evaluation, one interaction per graded
 * answer and role-play reply, and the session time. Pure functions returning
 * [element, value] pairs; scorm.js sets them. tests/js/scorm-cmi.test.js covers
 * them; docs/scorm.md explains the choices.
 *
 * Syllabus.scormCmi (and module.exports):
 *   status(evaluation, passMark)  {state: 'incomplete'|'passed'|'failed', complete, score}
 *   statusElements(version, st)   pairs for lesson_status or completion/success status and score
 *   interaction(version, n, fact, now)  pairs for cmi.interactions.n
 *   sessionTime(version, ms)      the session time in the version's format
 *
 * evaluation: Syllabus.completion.evaluate(course, record, now), or null without
 * one: {complete, score (percent or null), missing: [{kind, need, state, blocked}]}.
 * fact (scorm.js makes them from the progress record): {id, type (a question type
 * or 'roleplay'), response, result ('right'|'partial'|'wrong'), score, max} for a
 * graded answer; {id, type: 'roleplay', choice, score} for a role-play reply. */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  function isObject(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }

  /* A missing piece the trainee has tried and not met: a quiz taken and not passed,
   * a role-play finished and not passed, or one that can never be met any more. */
  function fell(m) {
    var st = isObject(m.state) ? m.state : {};
    if (m.blocked) return true;
    if (m.kind === 'quiz') return st.attempted === true;
    if (m.kind === 'roleplay') return st.finished === true;
    return false;
  }

  /* passed: the course is complete and its score (when it has one) reaches the pass
   * mark. failed: complete with a lower score, or everything still missing has been
   * tried and not met (the trainee may try again and pass). Else incomplete. */
  function status(ev, passMark) {
    if (!isObject(ev)) return { state: 'incomplete', complete: false, score: null };
    var score = typeof ev.score === 'number' && isFinite(ev.score) ? Math.max(0, Math.min(100, ev.score)) : null;
    var missing = Array.isArray(ev.missing) ? ev.missing : [];
    var state;
    if (ev.complete) state = score === null || score >= passMark ? 'passed' : 'failed';
    else state = missing.length > 0 && missing.every(fell) ? 'failed' : 'incomplete';
    return { state: state, complete: ev.complete === true, score: score };
  }

  function num(x) {
    return String(Math.round(x * 100) / 100);
  }

  function statusElements(version, st) {
    var out = [];
    if (version === '1.2') {
      out.push(['cmi.core.lesson_status', st.state]);
      if (st.score !== null) {
        out.push(['cmi.core.score.min', '0'], ['cmi.core.score.max', '100'], ['cmi.core.score.raw', num(st.score)]);
      }
      return out;
    }
    out.push(['cmi.completion_status', st.complete ? 'completed' : 'incomplete']);
    out.push(['cmi.success_status', st.state === 'incomplete' ? 'unknown' : st.state]);
    if (st.score !== null) {
      out.push(['cmi.score.min', '0'], ['cmi.score.max', '100'], ['cmi.score.raw', num(st.score)]);
      out.push(['cmi.score.scaled', num(st.score / 100)]);
    }
    return out;
  }

  var CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';
  var TYPES = {
    single: 'choice',
    multiple: 'choice',
    truefalse: 'true-false',
    fill: 'fill-in',
    match: 'matching',
    numeric: 'numeric',
    order: 'sequencing',
    roleplay: 'choice',
  };

  /* SCORM 1.2 identifiers are letters, digits, - and _ (at most 255). */
  function id12(s) {
    return String(s).replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 255);
  }

  /* SCORM 2004 long identifiers: no white space (at most 4000). */
  function id2004(s) {
    return String(s).replace(/\s/g, '_').slice(0, 4000) || '_';
  }

  function list(x) {
    return Array.isArray(x) ? x : [];
  }

  function idx(i, v12, prefix) {
    var n = Number(i);
    if (!(n >= 0)) return null;
    return v12 ? CHARS.charAt(n % 36) : prefix + n;
  }

  /* The trainee's response in the version's format for the interaction type. */
  function response(version, fact) {
    var v12 = version === '1.2';
    var sep = v12 ? ',' : '[,]';
    var a = fact.response;
    var clean = function (s) {
      /* 2004 reserves [,] [.] and {lang=}; 1.2 allows 255 characters. */
      var t = String(s == null ? '' : s).replace(/\[[,.:]\]/g, ' ').replace(/^\{/, '(');
      return t.slice(0, v12 ? 255 : 250);
    };
    switch (fact.type) {
      case 'single':
        return a === null || a === undefined ? '' : idx(a, v12, 'o');
      case 'multiple':
        return list(a).map(function (i) { return idx(i, v12, 'o'); }).join(sep);
      case 'truefalse':
        return a === true ? (v12 ? 't' : 'true') : a === false ? (v12 ? 'f' : 'false') : '';
      case 'fill':
        return list(a).map(clean).join(v12 ? ', ' : '[,]').slice(0, v12 ? 255 : 2500);
      case 'numeric': {
        var n = Number(String(a == null ? '' : a).replace(',', '.').trim());
        return isFinite(n) && String(a).trim() !== '' ? String(n) : '';
      }
      case 'order':
        return list(a).map(function (i) { return idx(i, v12, 'i'); }).join(sep);
      case 'match':
        return list(a)
          .map(function (r, l) {
            if (r === null || r === undefined || r === '') return null;
            return v12 ? idx(l, true) + '.' + idx(r, true) : 'l' + l + '[.]r' + r;
          })
          .filter(function (x) { return x !== null; })
          .join(sep);
      case 'roleplay':
        return idx(fact.choice, v12, 'c');
      default:
        return '';
    }
  }

  /* right/wrong for questions; for a role-play reply its score's sign. */
  function result(version, fact) {
    var wrong = version === '1.2' ? 'wrong' : 'incorrect';
    if (fact.type === 'roleplay') return fact.score > 0 ? 'correct' : fact.score < 0 ? wrong : 'neutral';
    if (fact.result === 'right') return 'correct';
    if (fact.result === 'partial' && fact.max > 0) return num((fact.score / fact.max) * 100);
    return wrong;
  }

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function interaction(version, n, fact, now) {
    var p = 'cmi.interactions.' + n + '.';
    var d = new Date(now);
    var hms = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    var v12 = version === '1.2';
    var out = [[p + 'id', v12 ? id12(fact.id) : id2004(fact.id)], [p + 'type', TYPES[fact.type] || 'choice']];
    if (fact.type !== 'roleplay' && typeof fact.max === 'number' && fact.max > 0 && fact.max <= 100) out.push([p + 'weighting', num(fact.max)]);
    var r = response(version, fact);
    if (r !== '' && r !== null) out.push([p + (v12 ? 'student_response' : 'learner_response'), r]);
    out.push([p + 'result', result(version, fact)]);
    if (v12) out.push([p + 'time', hms]);
    else out.push([p + 'timestamp', d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + hms]);
    return out;
  }

  function sessionTime(version, ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var sec = s % 60;
    if (version === '1.2') return (h < 1000 ? ('000' + h).slice(-4) : String(h)) + ':' + pad(m) + ':' + pad(sec);
    return 'PT' + h + 'H' + m + 'M' + sec + 'S';
  }

  var api = {
    status: status,
    statusElements: statusElements,
    interaction: interaction,
    response: response,
    sessionTime: sessionTime,
  };
  S.scormCmi = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
