/* Small helpers the exercise scripts share: reading a block's JSON data, filling
 * `{name}` placeholders in UI strings, and the width step of a result bar.
 * window.SyllabusPageData (and module.exports, for the unit tests). */
(function () {
  'use strict';

  /* The parsed content of the `<script type="application/json" class="CLS">` inside
   * ROOT, or null when it is missing or broken. */
  function json(root, cls) {
    var node = root.querySelector('script.' + cls);
    try {
      return node ? JSON.parse(node.textContent) : null;
    } catch (e) {
      return null;
    }
  }

  function fmt(text, values) {
    return String(text || '').replace(/\{(\w+)\}/g, function (m, k) {
      return k in values ? String(values[k]) : m;
    });
  }

  /* A bar's width in steps of 5%, as the `w-N` classes of the stylesheet draw it
   * (inline styles are not allowed under the site's Content-Security-Policy). */
  function barStep(value, max) {
    if (!(max > 0) || !(value > 0)) return 0;
    return Math.min(100, Math.round((value / max) * 20) * 5);
  }

  var api = { json: json, fmt: fmt, barStep: barStep };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') window.SyllabusPageData = api;
})();
