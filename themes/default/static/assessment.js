/* Self-assessments on the page: reads the chosen options, shows each category's
 * score, a bar and the band text that applies, and keeps the answers through
 * window.SyllabusProgress (kind `assessment`) so the results come back on reload. */
(function () {
  'use strict';

  var json = window.SyllabusPageData.json;
  var fmt = window.SyllabusPageData.fmt;
  var barStep = window.SyllabusPageData.barStep;

  /* The result list as DOM; the workbook uses it too. */
  function resultList(results, s) {
    var dl = document.createElement('dl');
    dl.className = 'as-result-list';
    results.forEach(function (r) {
      var dt = document.createElement('dt');
      var name = document.createElement('span');
      name.className = 'as-cat';
      name.innerHTML = r.title;
      var score = document.createElement('span');
      score.className = 'as-score';
      score.textContent = fmt(s.as_points_of || '{score} / {max}', { score: r.score, max: r.max });
      dt.appendChild(name);
      dt.appendChild(document.createTextNode(' '));
      dt.appendChild(score);
      var dd = document.createElement('dd');
      var bar = document.createElement('span');
      bar.className = 'bar';
      bar.setAttribute('aria-hidden', 'true');
      var fill = document.createElement('span');
      fill.className = 'bar-fill w-' + barStep(r.score, r.max);
      bar.appendChild(fill);
      dd.appendChild(bar);
      var band = document.createElement('p');
      band.className = 'as-band';
      band.innerHTML = r.band ? r.band.text : '';
      dd.appendChild(band);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    return dl;
  }

  function setup(section) {
    var engine = window.SyllabusAssessment;
    var data = json(section, 'as-data');
    var s = json(section, 'as-strings') || {};
    if (!engine || !data) return;
    var store = window.SyllabusProgress || null;
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
      var h = document.createElement('h3');
      h.id = titleId;
      h.textContent = s.as_results || 'Results';
      box.appendChild(h);
      box.appendChild(resultList(engine.results(data, ans), s));
      var note = document.createElement('p');
      note.className = 'as-change';
      note.textContent = s.as_change || '';
      box.appendChild(note);
      box.setAttribute('aria-labelledby', titleId);
      box.hidden = false;
      if (focus) box.focus();
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var ans = answers();
      var open = engine.missing(data, ans);
      if (open.length) {
        status.textContent = fmt(s.as_missing, { list: open.map(function (i) { return i + 1; }).join(', ') });
        var first = groups[open[0]].querySelector('input');
        if (first) first.focus();
        return;
      }
      status.textContent = '';
      if (store) store.set('assessment', data.id, data.hash, { answers: ans, totals: engine.totals(data, ans) });
      show(ans, true);
    });

    var prev = store ? store.get('assessment', data.id, data.hash) : null;
    if (prev && Array.isArray(prev.answers) && engine.complete(data, prev.answers)) {
      prev.answers.forEach(function (a, i) {
        var input = groups[i] && groups[i].querySelectorAll('input[type=radio]')[a];
        if (input) input.checked = true;
      });
      show(prev.answers, false);
    }
  }

  window.SyllabusAssessmentView = { resultList: resultList };

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-assessment]'), setup);
  });
})();
