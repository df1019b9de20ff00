/* Two small helpers the exercise scripts share: reading a block's JSON data and
 * filling `{name}` placeholders in UI strings. window.SyllabusPageData. */
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

  window.SyllabusPageData = { json: json, fmt: fmt };
})();
