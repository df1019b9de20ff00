/* "Continue where you left off": every page notes itself as the trainee's last page
 * in the progress record; the home page turns its hidden continue link on. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  document.addEventListener('DOMContentLoaded', function () {
    var store = S.store;
    var body = document.body;
    if (!body) return;
    var here = body.getAttribute('data-page');
    var root = body.getAttribute('data-root') || '';
    if (here && here !== 'index.html' && here.indexOf('/') > 0) {
      store.set('visit', 'last', '1', here);
      return;
    }
    var link = document.querySelector('[data-continue]');
    var last = store.get('visit', 'last', '1');
    /* Only a plain site path of this course: never a URL from elsewhere. */
    if (link && typeof last === 'string' && /^[a-z0-9-]+\/[a-z0-9-]+\.html$/.test(last)) {
      link.setAttribute('href', root + last);
      link.hidden = false;
    }
  });
})();
