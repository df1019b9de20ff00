/* Tells the trainee when progress cannot be saved: in private mode or with storage
 * blocked, and when the browser's storage for the site is full. The page template
 * holds an empty polite live region (.save-notice) with the two texts in data
 * attributes; this fills it while the store says so and empties it once saving works
 * again. A theme without the region gets no notice, and nothing breaks.
 *
 * Syllabus.saveNotice (and module.exports, for tests/js/save-notice.test.js):
 *   text(status, el)   the notice for a store status ('' when progress is saved) */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  /* el: anything with a dataset; the texts come from the template, in the course's language. */
  function text(status, el) {
    var d = (el && el.dataset) || {};
    if (status === 'unavailable') return d.unavailable || '';
    if (status === 'full') return d.full || '';
    return '';
  }

  var api = { text: text };
  S.saveNotice = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;

  if (typeof document === 'undefined') return;
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.querySelector('.save-notice');
    if (!el || !S.store) return;
    function show(status) {
      var next = text(status, el);
      if (el.textContent !== next) el.textContent = next;
    }
    S.store.onStatus(show);
    show(S.store.status());
  });
})();
