/* Quiz grading: pure functions, no DOM. quiz.js calls them in the browser; the
 * node tests in tests/js/grading.test.js exercise every rule, and
 * tests/js/contract-blocks.test.js runs them on the data the generator writes.
 *
 * Syllabus.grading: normalize, parseNumber, isAnswered, score, total, round, open,
 * keyHash, unseal.
 *
 * A question's data is the JSON the generator writes next to it (see
 * tests/contract/blocks/quiz-*.json); an answer is:
 *   single: option index or null      multiple: [option index, ...]
 *   truefalse: true/false/null        fill: [text per blank]
 *   order: [item index per position]  match: [pair index per left item, or null]
 *   numeric: the typed text
 *
 * A graded question's data has no answer key in plain sight (src/blocks/quiz/seal.rs):
 * hashes (`salt`, `key`, `keys`) to compare answers with, and a `sealed` part (feedback,
 * explanation, what to reveal). score() takes either form; open(q) gives the form with
 * the flags and texts the page shows after a submit. */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  var TRAILING = /[。.!！?？]+$/;

  /* Fill answers: NFKC (full-width letters, digits, ％ and the ideographic space
   * become half-width), case-folded, white space collapsed, trimmed, trailing
   * sentence punctuation dropped. */
  function normalize(text) {
    var s = String(text == null ? '' : text);
    if (s.normalize) s = s.normalize('NFKC');
    s = s.toLowerCase().replace(/\s+/g, ' ').trim();
    s = s.replace(TRAILING, '').trim();
    return s;
  }

  /* Numbers as trainees type them: full-width digits, a comma as decimal point. */
  function parseNumber(text) {
    if (typeof text === 'number') return isFinite(text) ? text : null;
    var s = normalize(text).replace(/\s/g, '');
    if (/^[+-]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return null;
    var n = Number(s);
    return isFinite(n) ? n : null;
  }

  /* cyrb53 over UTF-16 code units, as hex (seal.rs key_hash). */
  function keyHash(str) {
    var h1 = 0xdeadbeef;
    var h2 = 0x41c6ce57;
    for (var i = 0; i < str.length; i++) {
      var ch = str.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
  }

  /* The same FNV-1a and mulberry32 as util.js, here so that grading runs alone. */
  function keyStream(salt) {
    var h = 2166136261;
    for (var i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 16777619) >>> 0;
    var a = h;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 65536);
    };
  }

  /* The sealed part of a graded question (seal.rs seal), or null. */
  function unseal(salt, sealed) {
    if (typeof salt !== 'string' || typeof sealed !== 'string') return null;
    var next = keyStream(salt);
    var out = '';
    for (var i = 0; i + 4 <= sealed.length; i += 4) out += String.fromCharCode(parseInt(sealed.substr(i, 4), 16) ^ next());
    try {
      return JSON.parse(out);
    } catch (e) {
      return null;
    }
  }

  function keyOf(q, what) {
    return keyHash(q.salt + '\u0000' + what);
  }

  var opened = typeof WeakMap === 'function' ? new WeakMap() : null;

  /* A graded question's data with its key opened: `correct`, `answer`, `low`/`high`,
   * `feedback`, `explanation` and fill's first accepted `answers`, as formative data
   * has them; fill's `keys` stay for scoring. Data without a salt is returned as is. */
  function open(q) {
    if (!q || typeof q.salt !== 'string') return q;
    if (opened && opened.has(q)) return opened.get(q);
    var o = {};
    Object.keys(q).forEach(function (k) {
      o[k] = q[k];
    });
    var shown = unseal(q.salt, q.sealed) || {};
    Object.keys(shown).forEach(function (k) {
      o[k] = shown[k];
    });
    if (q.type === 'single' || q.type === 'multiple') {
      o.correct = (q.keys || []).map(function (h, i) {
        return keyOf(q, String(i)) === h;
      });
    }
    if (q.type === 'truefalse') o.answer = keyOf(q, 'true') === q.key ? true : keyOf(q, 'false') === q.key ? false : null;
    if (q.type === 'fill') o.answers = (shown.answers || []).map(function (a) {
      return [a];
    });
    if (opened) opened.set(q, o);
    return o;
  }

  /* Whether `typed` is accepted in blank k of a fill question, open or sealed. */
  function accepts(q, k, typed) {
    var mine = normalize(typed);
    if (mine === '') return false;
    if (Array.isArray(q.keys)) return (q.keys[k] || []).indexOf(keyOf(q, k + '\u0000' + mine)) >= 0;
    return (q.answers[k] || []).some(function (a) {
      return normalize(a) === mine;
    });
  }

  function clamp01(x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }

  function isAnswered(q, answer) {
    switch (q.type) {
      case 'single':
      case 'truefalse':
        return answer !== null && answer !== undefined;
      case 'multiple':
        return Array.isArray(answer) && answer.length > 0;
      case 'fill':
        return Array.isArray(answer) && answer.some(function (a) { return normalize(a) !== ''; });
      case 'order':
        return Array.isArray(answer) && answer.length === q.count;
      case 'match':
        return Array.isArray(answer) && answer.some(function (a) { return a !== null && a !== undefined && a !== ''; });
      case 'numeric':
        return parseNumber(answer) !== null;
      default:
        return false;
    }
  }

  /* Scores one answer: {score, max, status: 'right'|'partial'|'wrong', ...detail}. */
  function score(q, answer) {
    q = open(q);
    var max = typeof q.points === 'number' ? q.points : 1;
    var share = 0;
    var detail = {};
    switch (q.type) {
      case 'single': {
        var pick = answer === null || answer === undefined ? null : Number(answer);
        share = pick !== null && q.correct[pick] === true ? 1 : 0;
        detail.options = q.correct.map(function (c, i) {
          return { picked: i === pick, correct: c };
        });
        break;
      }
      case 'multiple': {
        var picked = (Array.isArray(answer) ? answer : []).map(Number);
        var rights = 0;
        var rightPicks = 0;
        var wrongPicks = 0;
        q.correct.forEach(function (c, i) {
          var p = picked.indexOf(i) >= 0;
          if (c) rights++;
          if (p && c) rightPicks++;
          if (p && !c) wrongPicks++;
        });
        if (q.partial) {
          share = rights ? clamp01((rightPicks - wrongPicks) / rights) : 0;
        } else {
          share = rightPicks === rights && wrongPicks === 0 ? 1 : 0;
        }
        detail.options = q.correct.map(function (c, i) {
          return { picked: picked.indexOf(i) >= 0, correct: c };
        });
        break;
      }
      case 'truefalse': {
        share = answer === q.answer ? 1 : 0;
        detail.options = [true, false].map(function (v) {
          return { value: v, picked: answer === v, correct: q.answer === v };
        });
        break;
      }
      case 'fill': {
        var typed = Array.isArray(answer) ? answer : [];
        detail.blanks = (q.keys || q.answers).map(function (accepted, i) {
          return accepts(q, i, typed[i]);
        });
        share = detail.blanks.length ? detail.blanks.filter(Boolean).length / detail.blanks.length : 0;
        break;
      }
      case 'order': {
        var seq = Array.isArray(answer) ? answer.map(Number) : [];
        detail.slots = [];
        for (var i = 0; i < q.count; i++) detail.slots.push(seq[i] === i);
        var placed = detail.slots.filter(Boolean).length;
        share = q.partial ? placed / q.count : placed === q.count ? 1 : 0;
        break;
      }
      case 'match': {
        var m = Array.isArray(answer) ? answer : [];
        detail.slots = [];
        for (var j = 0; j < q.count; j++) {
          detail.slots.push(m[j] !== null && m[j] !== undefined && m[j] !== '' && Number(m[j]) === j);
        }
        share = q.count ? detail.slots.filter(Boolean).length / q.count : 0;
        break;
      }
      case 'numeric': {
        var n = parseNumber(answer);
        // A little slack for binary fractions: 0.1 + 0.2 must count as 0.3.
        var eps = 1e-9 * Math.max(1, Math.abs(q.low), Math.abs(q.high));
        detail.ok = n !== null && n >= q.low - eps && n <= q.high + eps;
        share = detail.ok ? 1 : 0;
        break;
      }
      default:
        share = 0;
    }
    var s = round(max * share);
    return {
      score: s,
      max: max,
      status: share >= 1 ? 'right' : share > 0 ? 'partial' : 'wrong',
      detail: detail,
    };
  }

  /* Scores are kept and shown to two decimals. */
  function round(x) {
    return Math.round(x * 100) / 100;
  }

  /* A graded page's total. Passing compares the unrounded percentage. */
  function total(results, passMark) {
    var sc = 0;
    var mx = 0;
    results.forEach(function (r) {
      sc += r.score;
      mx += r.max;
    });
    var pct = mx > 0 ? (sc / mx) * 100 : 0;
    return {
      score: round(sc),
      max: round(mx),
      percent: Math.round(pct),
      passed: pct + 1e-9 >= passMark,
    };
  }

  var api = {
    normalize: normalize,
    parseNumber: parseNumber,
    isAnswered: isAnswered,
    score: score,
    total: total,
    round: round,
    open: open,
    keyHash: keyHash,
    unseal: unseal,
  };
  S.grading = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
