/* Search without a server: the query cut into terms, the index's postings read,
 * pages ranked and snippets cut, all as pure functions. The generator cuts page text
 * the same way (src/search/tokens.rs) and ranks the same way (src/search/mod.rs);
 * tests/contract/search-tokens.json holds cases both sides must reproduce.
 *
 * Syllabus.searchEngine (and module.exports, for tests/js/search-engine.test.js):
 *   pieces(text)            [{cjk, text}]: runs of CJK characters and lower-cased words
 *   stem(word)              a word with common English endings taken off
 *   terms(text)             the index terms of a text, in order (as the generator makes them)
 *   query(q)                the terms a query looks up: {kind: 'pair'|'char', text} or
 *                           {kind: 'word', stem, raw}
 *   key(term)               the group a term is filed under: its first CJK character or
 *                           its first two letters
 *   matches(qt, term)       whether query term qt finds index term `term`
 *   shardOf(key, n)         which of n term shards holds a group
 *   decode(postings)        [[page, value], ...] from a postings string
 *   score(value)            what a (term, page) value counts for: title, heading, count
 *   rank(qterms, shardFor)  [{doc, score}], best first; shardFor(key) gives the shard
 *                           object holding that group
 *   chunkOf(starts, page)   which page chunk holds a page (starts: each chunk's first page)
 *   marks(text, qterms)     [[start, end], ...]: where a text matches the query
 *   snippet(text, qterms, width)  [{text, mark}]: a piece of the text around the best
 *                           match, the matches marked, "…" where it was cut */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  var MAX_WORD = 32;
  var TYPED_ENDINGS = ['ing', 'ings', 'ed', 'es', 'e', 's', 'ies'];
  var FINAL = '0123456789abcdefghijklmnopqrstuv';
  var LEAD = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-';
  var IN_TITLE = 1;
  var IN_HEADING = 2;
  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
  /* Particles that glue Chinese words together in a question ("投诉处理的步骤"): a pair
   * holding one is optional when the query has other terms. */
  var PARTICLES = '的了和与及或是在把被吗呢吧啊之';

  function isCjk(ch) {
    var c = ch.codePointAt(0);
    return (
      c === 0x3005 ||
      c === 0x3007 ||
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x20000 && c <= 0x2ffff)
    );
  }

  /* Full-width ASCII forms as ASCII. */
  function fold(ch) {
    var c = ch.codePointAt(0);
    return c >= 0xff01 && c <= 0xff5e ? String.fromCodePoint(c - 0xfee0) : ch;
  }

  /* One character lower-cased, kept when its lower case is longer. */
  function lower(ch) {
    var l = ch.toLowerCase();
    return Array.from(l).length === 1 ? l : ch;
  }

  function pieces(text) {
    var out = [];
    var cjk = '';
    var word = '';
    var wordLen = 0;
    function flushWord() {
      if (word) out.push({ cjk: false, text: word });
      word = '';
      wordLen = 0;
    }
    for (var raw of String(text == null ? '' : text)) {
      var ch = fold(raw);
      if (isCjk(ch)) {
        flushWord();
        cjk += ch;
        continue;
      }
      if (cjk) {
        out.push({ cjk: true, text: cjk });
        cjk = '';
      }
      if (WORD_CHAR.test(ch)) {
        if (wordLen < MAX_WORD) {
          word += lower(ch);
          wordLen++;
        }
      } else {
        flushWord();
      }
    }
    flushWord();
    if (cjk) out.push({ cjk: true, text: cjk });
    return out;
  }

  function stem(word) {
    var w = word;
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    if (/ies$/.test(w) && w.length - 3 >= 2) w = w.slice(0, -3) + 'y';
    else if (/sses$/.test(w)) w = w.slice(0, -2);
    else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    var stripped = false;
    var suffixes = ['ing', 'ed'];
    for (var i = 0; i < suffixes.length; i++) {
      var sfx = suffixes[i];
      if (w.length >= sfx.length + 3 && w.slice(-sfx.length) === sfx) {
        w = w.slice(0, -sfx.length);
        stripped = true;
        break;
      }
    }
    var n = w.length;
    if (stripped && n >= 4 && w[n - 1] === w[n - 2] && 'lsz'.indexOf(w[n - 1]) < 0) {
      w = w.slice(0, -1);
    } else if (w.length >= 4 && w[w.length - 1] === 'e') {
      w = w.slice(0, -1);
    }
    return w;
  }

  function terms(text) {
    var out = [];
    pieces(text).forEach(function (p) {
      if (!p.cjk) {
        out.push(stem(p.text));
        return;
      }
      var chars = Array.from(p.text);
      for (var i = 0; i < chars.length; i++) out.push(chars[i] + (i + 1 < chars.length ? chars[i + 1] : ''));
    });
    return out;
  }

  function query(q) {
    var out = [];
    var seen = {};
    function push(t) {
      var id = JSON.stringify(t);
      if (!Object.prototype.hasOwnProperty.call(seen, id)) {
        seen[id] = true;
        out.push(t);
      }
    }
    pieces(q).forEach(function (p) {
      if (!p.cjk) {
        push({ kind: 'word', stem: stem(p.text), raw: p.text });
        return;
      }
      var chars = Array.from(p.text);
      if (chars.length === 1) push({ kind: 'char', text: p.text });
      for (var i = 0; i + 1 < chars.length; i++) {
        var pair = { kind: 'pair', text: chars[i] + chars[i + 1] };
        if (PARTICLES.indexOf(chars[i]) >= 0 || PARTICLES.indexOf(chars[i + 1]) >= 0) pair.optional = true;
        push(pair);
      }
    });
    // With nothing else to look for, a particle's pair is what the trainee wants.
    if (
      out.every(function (t) {
        return t.optional;
      })
    ) {
      out.forEach(function (t) {
        delete t.optional;
      });
    }
    return out;
  }

  function key(term) {
    var chars = Array.from(term);
    if (!chars.length) return '';
    if (isCjk(chars[0])) return chars[0];
    return chars.slice(0, 2).join('');
  }

  function qtText(qt) {
    return qt.kind === 'word' ? qt.stem : qt.text;
  }

  function matches(qt, term) {
    if (qt.kind === 'pair') return term === qt.text;
    if (qt.kind === 'char') return term.indexOf(qt.text) === 0;
    if (Array.from(qt.stem).length < 2) return term === qt.stem;
    if (term.indexOf(qt.stem) === 0) return true;
    if (Array.from(term).length < 3 || qt.raw.length <= term.length || qt.raw.indexOf(term) !== 0) return false;
    var rest = qt.raw.slice(term.length);
    return TYPED_ENDINGS.some(function (e) {
      return e.indexOf(rest) === 0;
    });
  }

  /* util.js's hash: the generator files terms with the same one. */
  function shardOf(groupKey, n) {
    var util = S.util || require('./util.js');
    return util.hashString(groupKey) % n;
  }

  function decode(postings) {
    var out = [];
    var page = 0;
    var n = 0;
    var wantValue = false;
    for (var i = 0; i < postings.length; i++) {
      var ch = postings[i];
      if (wantValue) {
        out.push([page, FINAL.indexOf(ch)]);
        wantValue = false;
        continue;
      }
      var lead = LEAD.indexOf(ch);
      if (lead >= 0) {
        n = n * 32 + lead;
        continue;
      }
      page += n * 32 + FINAL.indexOf(ch);
      n = 0;
      wantValue = true;
    }
    return out;
  }

  function score(value) {
    return (value & IN_TITLE ? 128 : 0) + (value & IN_HEADING ? 16 : 0) + (value >> 2);
  }

  /* The best score per page of any term qt finds in its shard. */
  function bestPerPage(qt, shard) {
    var best = new Map();
    var add = function (postings) {
      decode(postings).forEach(function (p) {
        var s = score(p[1]);
        if (!(best.get(p[0]) >= s)) best.set(p[0], s);
      });
    };
    if (!shard) return best;
    if (qt.kind === 'pair') {
      if (Object.prototype.hasOwnProperty.call(shard, qt.text)) add(shard[qt.text]);
      return best;
    }
    var k = key(qtText(qt));
    for (var term in shard) {
      if (Object.prototype.hasOwnProperty.call(shard, term) && term.indexOf(k) === 0 && matches(qt, term)) {
        add(shard[term]);
      }
    }
    return best;
  }

  /* Pages must hold every required term; optional ones add to the score. */
  function rank(qterms, shardFor) {
    var found = function (qt) {
      return bestPerPage(qt, shardFor(key(qtText(qt))));
    };
    var required = qterms.filter(function (q) {
      return !q.optional;
    });
    if (!required.length) return [];
    var total = null;
    for (var i = 0; i < required.length; i++) {
      var best = found(required[i]);
      var next = new Map();
      if (total === null) {
        next = best;
      } else {
        total.forEach(function (s, page) {
          if (best.has(page)) next.set(page, s + best.get(page));
        });
      }
      total = next;
      if (!total.size) break;
    }
    qterms.forEach(function (q) {
      if (!q.optional) return;
      var best = found(q);
      total.forEach(function (s, page) {
        if (best.has(page)) total.set(page, s + best.get(page));
      });
    });
    var hits = [];
    total.forEach(function (s, page) {
      hits.push({ doc: page, score: s });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.doc - b.doc;
    });
    return hits;
  }

  /* starts: the first page of each page chunk, in order. */
  function chunkOf(starts, page) {
    var lo = 0;
    var hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= page) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /* The text lower-cased and folded, one UTF-16 unit for each of the original's, so
   * that positions found in it are positions in the text. */
  function folded(text) {
    var out = '';
    for (var ch of text) {
      var f = lower(fold(ch));
      out += f.length === ch.length ? f : ch;
    }
    return out;
  }

  function isWordAt(s, i) {
    if (i < 0 || i >= s.length) return false;
    var ch = String.fromCodePoint(s.codePointAt(i));
    return WORD_CHAR.test(ch) && !isCjk(ch);
  }

  /* Where each query piece occurs: a CJK run as a whole (else its pairs or its lone
   * character), a word wherever a word of the text starts with its stem or with what
   * was typed (marked to the end of that word). Sorted and merged. */
  function marks(text, qterms) {
    var s = folded(String(text || ''));
    var found = [];
    var find = function (needle, word) {
      if (!needle) return;
      var from = 0;
      for (;;) {
        var at = s.indexOf(needle, from);
        if (at < 0) break;
        from = at + needle.length;
        if (word) {
          if (isWordAt(s, at - 1)) continue;
          var end = at + needle.length;
          while (isWordAt(s, end)) end++;
          found.push([at, end]);
        } else {
          found.push([at, at + needle.length]);
        }
      }
    };
    var words = qterms.filter(function (q) {
      return q.kind === 'word';
    });
    words.forEach(function (q) {
      find(q.stem, true);
      if (q.raw !== q.stem) find(q.raw, true);
    });
    qterms.forEach(function (q) {
      if (q.kind !== 'word') find(q.text, false);
    });
    found.sort(function (a, b) {
      return a[0] - b[0] || b[1] - a[1];
    });
    var merged = [];
    found.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  /* Where the window of `width` characters holding the most matched characters
   * starts, among windows that start a little before a match; a window ends at the
   * end of its line (paragraph). */
  function bestStart(text, ranges, width) {
    var best = 0;
    var bestCover = -1;
    ranges.forEach(function (r) {
      var lineStart = text.lastIndexOf('\n', r[0]) + 1;
      var start = Math.max(lineStart, r[0] - Math.floor(width / 4));
      var lineEnd = text.indexOf('\n', r[0]);
      var end = Math.min(start + width, lineEnd < 0 ? text.length : lineEnd);
      var cover = 0;
      ranges.forEach(function (o) {
        cover += Math.max(0, Math.min(o[1], end) - Math.max(o[0], start));
      });
      if (cover > bestCover) {
        bestCover = cover;
        best = start;
      }
    });
    return best;
  }

  function snippet(text, qterms, width) {
    text = String(text || '');
    width = width || 120;
    var ranges = marks(text, qterms);
    var start = 0;
    var lineEnd = text.indexOf('\n');
    if (ranges.length) {
      start = bestStart(text, ranges, width);
      lineEnd = text.indexOf('\n', start);
    }
    if (lineEnd < 0) lineEnd = text.length;
    var end = Math.min(lineEnd, start + width);
    // Never cut a surrogate pair in two.
    if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
    var parts = [];
    if (start > 0 && text[start - 1] !== '\n') parts.push({ text: '…', mark: false });
    var at = start;
    ranges.forEach(function (r) {
      var a = Math.max(r[0], at);
      var b = Math.min(r[1], end);
      if (b <= a) return;
      if (a > at) parts.push({ text: text.slice(at, a), mark: false });
      parts.push({ text: text.slice(a, b), mark: true });
      at = b;
    });
    if (at < end) parts.push({ text: text.slice(at, end), mark: false });
    if (end < text.length && text[end] !== '\n') parts.push({ text: '…', mark: false });
    return parts;
  }

  var api = {
    isCjk: isCjk,
    pieces: pieces,
    stem: stem,
    terms: terms,
    query: query,
    key: key,
    matches: matches,
    shardOf: shardOf,
    decode: decode,
    score: score,
    rank: rank,
    chunkOf: chunkOf,
    marks: marks,
    snippet: snippet,
  };
  S.searchEngine = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
