/* Every lesson, quiz and module page notes in the progress record that the trainee
 * has opened it (kind `visit`, id = the page's path, kept from the first visit) and
 * that it is the last page read (`visit:last`). Page marks, "continue" and the
 * `pages: visited` completion rule read these. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  document.addEventListener('DOMContentLoaded', function () {
    var store = S.store;
    var body = document.body;
    if (!body) return;
    var here = body.getAttribute('data-page');
    /* Course pages live in a module folder; the site's own pages (home, progress,
     * workbook, ...) sit at the top and are not part of the course. */
    if (!here || here.indexOf('/') <= 0) return;
    store.set('visit', 'last', '1', here);
    if (store.get('visit', here, '1') === null) store.set('visit', here, '1', 1);
  });
})();
