/* Progress marks on every page: each page in the sidebar's module list (`.nav-pages`)
 * and in a page list (`.page-list`, on module pages and the home page) gets a mark: ◐
 * visited, ✓ done, a graded quiz's best score with ✓ passed or ✗ not yet, a role-play's
 * outcome, each with its words for screen readers. The work on a page comes from the
 * entry's `data-track` (see completion.js; none written means none), its address from
 * the link, so a lesson carries no more than the work of the pages it lists. A list's
 * `[data-module-progress]` gets its share of pages done. Marks follow every change of
 * the record, in this tab or another.
 *
 * Syllabus.marks: paint(root, record) marks everything under root; describe(page,
 * record, t) the mark of one page as {state, cls, icon, short, text}; share(box,
 * done, total, t) draws a share of pages done into box. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  var ICONS = { visited: '◐', done: '✓', passed: '✓', failed: '✗' };

  function describe(page, record, t) {
    var st = S.completion.pageState(page, record);
    var q = st.quiz;
    if (q && q.attempted) {
      var pct = Math.round(q.best || 0);
      var key = q.passed ? 'passed' : 'failed';
      return { state: st.state, cls: 'mark-' + key, icon: ICONS[key], short: pct + '%', text: t('mark_quiz_' + key, { percent: pct }) };
    }
    var rp = st.roleplay;
    if (rp && rp.finished) {
      var outcome = t(rp.outcome === 'success' ? 'mark_outcome_success' : 'mark_outcome_failure');
      var k = st.state === 'done' ? 'done' : 'visited';
      return { state: st.state, cls: 'mark-' + k, icon: ICONS[k], short: '', text: t('mark_roleplay', { outcome: outcome }) };
    }
    if (st.state === 'new') return { state: 'new', cls: 'mark-new', icon: '', short: '', text: '' };
    return { state: st.state, cls: 'mark-' + st.state, icon: ICONS[st.state], short: '', text: t('mark_' + st.state) };
  }

  function track(el) {
    try {
      var a = JSON.parse(el.getAttribute('data-track') || '[]');
      return Array.isArray(a) ? a : [];
    } catch (e) {
      return [];
    }
  }

  /* The page's path in the site (`module/page.html`) from its link, resolved against
   * the site's root, so that it reads the same over http, from file:// and in a frame. */
  function pathOf(link) {
    var root = new URL((document.body && document.body.getAttribute('data-root')) || './', window.location.href).href;
    var href = link.href.split('#')[0].split('?')[0];
    return href.indexOf(root) === 0 ? href.slice(root.length) : null;
  }

  function show(box, m) {
    var el = S.util.el;
    box.className = 'mark ' + m.cls;
    box.textContent = '';
    if (m.icon) {
      var icon = el('span', 'mark-icon', m.icon + (m.short ? ' ' + m.short : ''));
      icon.setAttribute('aria-hidden', 'true');
      box.appendChild(icon);
    }
    /* In the link's name: "Lesson title (done)". */
    if (m.text) box.appendChild(el('span', 'sr-label', ' (' + m.text + ')'));
  }

  function share(box, done, total, t) {
    var el = S.util.el;
    box.textContent = '';
    var bar = el('span', 'bar');
    bar.setAttribute('aria-hidden', 'true');
    bar.appendChild(el('span', 'bar-fill w-' + S.util.barStep(done, total)));
    box.appendChild(bar);
    box.appendChild(el('span', 'module-progress-text', t('mark_pages_done', { done: done, total: total })));
    box.hidden = total === 0;
  }

  /* The entries to mark: [element that carries the track, link, where the mark goes]. */
  function entries(root) {
    var out = [];
    Array.prototype.forEach.call(root.querySelectorAll('.nav-pages > li:not(.nav-more) > a'), function (a) {
      out.push([a, a, a]);
    });
    Array.prototype.forEach.call(root.querySelectorAll('.page-list > li'), function (li) {
      var a = li.querySelector('a');
      if (a) out.push([li, a, li]);
    });
    return out;
  }

  function paint(root, record, t) {
    entries(root).forEach(function (e) {
      var url = e[0].getAttribute('data-page') || pathOf(e[1]);
      if (!url) return;
      var box = e[2].querySelector('.mark');
      if (!box) {
        box = S.util.el('span', 'mark');
        if (e[2] === e[1]) {
          e[1].appendChild(box);
        } else {
          e[1].parentNode.insertBefore(box, e[1].nextSibling);
          e[1].parentNode.insertBefore(document.createTextNode(' '), box);
        }
      }
      var m = describe({ u: url, a: track(e[0]) }, record, t);
      show(box, m);
      e[0].setAttribute('data-page', url);
      e[0].setAttribute('data-state', m.state);
    });
    Array.prototype.forEach.call(root.querySelectorAll('[data-module-progress]'), function (box) {
      var items = box.parentNode.querySelectorAll('.page-list > li');
      var done = Array.prototype.filter.call(items, function (li) {
        return li.getAttribute('data-state') === 'done';
      }).length;
      share(box, done, items.length, t);
    });
  }

  var strings = null;
  function lookup() {
    if (!strings) strings = S.util.t(S.util.json(document, 'script.mark-strings'));
    return strings;
  }

  S.marks = {
    describe: describe,
    share: share,
    paint: function (root, record) {
      paint(root, record || S.store.all(), lookup());
    },
  };

  document.addEventListener('DOMContentLoaded', function () {
    S.marks.paint(document);
    S.store.onChange(function (record) {
      S.marks.paint(document, record);
    });
  });
})();
