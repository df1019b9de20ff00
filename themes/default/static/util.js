/* Helpers every other script shares, loaded first on every page: UI strings, block
 * data, the seeded shuffles and the small DOM builders.
 *
 * Syllabus.util (and module.exports, for the unit tests in tests/js/util.test.js):
 *   format(template, values)   fills {name} placeholders; unknown ones stay as written
 *   t(strings)                 a lookup: t(key, values) formats strings[key] (or the key)
 *   json(root, selector)       the parsed <script type="application/json"> at selector, or null
 *   rng(seed)                  a seeded generator of [0, 1) (mulberry32)
 *   hashString(s)              FNV-1a over UTF-16 code units, as an unsigned 32-bit number
 *   shuffle(list, rand)        a shuffled copy (Fisher–Yates)
 *   permutation(n, rand)       a shuffled 0..n-1 that is never 0..n-1 itself (n >= 2)
 *   draw(list, count, rand)    `count` items at random, in the list's order
 *   barStep(value, max)        a bar's width in 5% steps, for the stylesheet's w-N classes
 *   el(tag, className, text)   a new element with optional class and text
 *
 * permutation(n, rng(hashString(id))) is also how the generator orders a question's
 * options in the built page (tests/contract/permutations.json pins it), so change
 * none of rng, hashString, shuffle or permutation without changing the Rust side. */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  function format(template, values) {
    return String(template == null ? '' : template).replace(/\{(\w+)\}/g, function (m, k) {
      return values && Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  /* A missing string shows its key, which a theme author spots at once. */
  function t(strings) {
    var table = strings && typeof strings === 'object' ? strings : {};
    return function (key, values) {
      return format(Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key, values);
    };
  }

  function json(root, selector) {
    var node = root ? root.querySelector(selector) : null;
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (e) {
      return null;
    }
  }

  /* mulberry32: tiny, and the same numbers in every browser and in Rust. */
  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var x = a;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }

  function hashString(s) {
    var h = 2166136261;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return h >>> 0;
  }

  /* Fisher–Yates from the last position down: k = n-1 … 1, j = floor(rand() * (k + 1)). */
  function shuffle(list, rand) {
    var v = list.slice();
    for (var k = v.length - 1; k > 0; k--) {
      var j = Math.floor(rand() * (k + 1));
      var tmp = v[k];
      v[k] = v[j];
      v[j] = tmp;
    }
    return v;
  }

  function range(n) {
    var v = [];
    for (var i = 0; i < n; i++) v.push(i);
    return v;
  }

  /* Shown options must never stand in the written order, which is the answer order:
   * a shuffle that lands on it is rotated left by one. */
  function permutation(n, rand) {
    var v = shuffle(range(n), rand);
    var identity = v.every(function (x, i) {
      return x === i;
    });
    if (n >= 2 && identity) v.push(v.shift());
    return v;
  }

  function draw(list, count, rand) {
    if (!count || count >= list.length) return list.slice();
    return shuffle(range(list.length), rand)
      .slice(0, count)
      .sort(function (a, b) {
        return a - b;
      })
      .map(function (i) {
        return list[i];
      });
  }

  /* Inline styles are not allowed under the site's Content-Security-Policy, so bars
   * are drawn with the stylesheet's w-0 … w-100 classes. */
  function barStep(value, max) {
    if (!(max > 0) || !(value > 0)) return 0;
    return Math.min(100, Math.round((value / max) * 20) * 5);
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  var api = {
    format: format,
    t: t,
    json: json,
    rng: rng,
    hashString: hashString,
    shuffle: shuffle,
    permutation: permutation,
    draw: draw,
    barStep: barStep,
    el: el,
  };
  S.util = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
