/* Self-assessments on the page: reads the chosen options, shows each category's
 * score, a bar and the band text that applies, and keeps the answers in
 * Syllabus.store (kind `assessment`) so the results come back on reload. Scoring is
 * assessment-engine.js's. Syllabus.assessmentView.resultList is shared with the
 * workbook. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  /* The result list as DOM. `t` is the UI string lookup (util.t). */
  function resultList(results, t) {
    var el = S.util.el;
    var dl = el('dl', 'as-result-list');
    results.forEach(function (r) {
      var dt = el('dt');
      var name = el('span', 'as-cat');
      name.innerHTML = r.title;
      dt.appendChild(name);
      dt.appendChild(document.createTextNode(' '));
      dt.appendChild(el('span', 'as-score', t('as_points_of', { score: r.score, max: r.max })));
      var dd = el('dd');
      var bar = el('span', 'bar');
      bar.setAttribute('aria-hidden', 'true');
      bar.appendChild(el('span', 'bar-fill w-' + S.util.barStep(r.score, r.max)));
      dd.appendChild(bar);
      var band = el('p', 'as-band');
      band.innerHTML = r.band ? r.band.text : '';
      dd.appendChild(band);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    return dl;
  }

  function setup(section) {
    var U = S.util;
    var engine = S.assessment;
    var store = S.store;
    var data = U.json(section, 'script.as-data');
    if (!data) return;
    var t = U.t(U.json(section, 'script.as-strings'));
    var form = section.querySelector('.as-form');
    var actions = section.querySelector('.as-actions');
    var status = section.querySelector('.as-status');
    var box = section.querySelector('.as-results');
    var nojs = section.querySelector('.as-nojs');
    if (nojs) nojs.remove();
    actions.hidden = false;
    var groups = Array.prototype.slice.call(form.querySelectorAll('fieldset.as-question'));

    function answers() {
      return groups.map(function (g) {
        var on = g.querySelector('input[type=radio]:checked');
        return on ? Number(on.value) : null;
      });
    }

    function show(ans, focus) {
      var titleId = section.id + '-results';
      box.innerHTML = '';
      var h = U.el('h3', null, t('as_results'));
      h.id = titleId;
      box.appendChild(h);
      box.appendChild(resultList(engine.results(data, ans), t));
      box.appendChild(U.el('p', 'as-change', t('as_change')));
      box.setAttribute('aria-labelledby', titleId);
      box.hidden = false;
      if (focus) box.focus();
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var ans = answers();
      var open = engine.missing(data, ans);
      if (open.length) {
        status.textContent = t('as_missing', { list: open.map(function (i) { return i + 1; }).join(', ') });
        var first = groups[open[0]].querySelector('input');
        if (first) first.focus();
        return;
      }
      status.textContent = '';
      store.set('assessment', data.id, data.hash, { answers: ans, totals: engine.totals(data, ans) });
      show(ans, true);
    });

    var prev = store.get('assessment', data.id, data.hash);
    if (prev && Array.isArray(prev.answers) && engine.complete(data, prev.answers)) {
      prev.answers.forEach(function (a, i) {
        var input = groups[i] && groups[i].querySelectorAll('input[type=radio]')[a];
        if (input) input.checked = true;
      });
      show(prev.answers, false);
    }
  }

  S.assessmentView = { resultList: resultList };

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-assessment]'), setup);
  });
})();
