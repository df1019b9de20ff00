/* The workbook page: fills each listed reflection, self-assessment, role-play and
 * graded quiz with the trainee's record from window.SyllabusProgress, and stamps
 * today's date for the printout. */
(function () {
  'use strict';

  var json = window.SyllabusPageData.json;
  var fmt = window.SyllabusPageData.fmt;

  function para(cls, value) {
    var p = document.createElement('p');
    p.className = cls;
    p.textContent = value;
    return p;
  }

  var fill = {
    reflect: function (item, box, store) {
      var rec = store.get('reflect', item.dataset.id, item.dataset.hash);
      if (!rec || typeof rec.text !== 'string' || !rec.text.trim()) return false;
      box.appendChild(para('wb-text', rec.text));
      return true;
    },
    assessment: function (item, box, store, s) {
      var data = json(item, 'wb-data');
      var engine = window.SyllabusAssessment;
      var view = window.SyllabusAssessmentView;
      var rec = store.get('assessment', item.dataset.id, item.dataset.hash);
      if (!data || !engine || !view || !rec || !Array.isArray(rec.answers)) return false;
      if (!engine.complete(data, rec.answers)) return false;
      box.appendChild(view.resultList(engine.results(data, rec.answers), s));
      return true;
    },
    roleplay: function (item, box, store, s) {
      var data = json(item, 'wb-data');
      var engine = window.SyllabusRoleplay;
      var D = window.SyllabusDebrief;
      var rec = store.get('roleplay', item.dataset.id, item.dataset.hash);
      if (!data || !engine || !D || !rec) return false;
      var run = engine.replay(data, rec.path);
      var res = run && engine.result(data, run);
      if (!res) return false;
      var outcome = rec.outcome === 'success' ? s.rp_outcome_success : s.rp_outcome_failure;
      box.appendChild(para('wb-summary', fmt(s.rp_last_run, { outcome: outcome, score: rec.score, best: rec.best })));
      var debrief = document.createElement('div');
      debrief.className = 'rp-debrief';
      D.render(debrief, data, s, run, res, { level: 4 });
      box.appendChild(debrief);
      return true;
    },
    quiz: function (item, box, store, s) {
      /* The quiz page keeps {attempts, best (percent or null), passed}; its hash covers
       * the quiz rules, which it checks when the trainee opens the quiz. */
      var entry = store.all().items['quiz:' + item.dataset.id];
      var v = entry && entry.v;
      if (!v || typeof v !== 'object' || typeof v.best !== 'number') return false;
      var p = para('wb-quiz-score', fmt(s.workbook_quiz_score, { score: Math.round(v.best) }) + ' · ');
      var passed = document.createElement('span');
      passed.className = v.passed ? 'rp-pass' : 'rp-fail';
      passed.textContent = (v.passed ? '✔ ' : '✖ ') + (v.passed ? s.workbook_quiz_passed : s.workbook_quiz_not_passed);
      p.appendChild(passed);
      box.appendChild(p);
      return true;
    },
  };

  function setup(page) {
    var store = window.SyllabusProgress;
    var s = json(page, 'wb-strings') || {};
    var nojs = page.querySelector('.wb-nojs');
    if (nojs) nojs.remove();
    var date = page.querySelector('.wb-date');
    date.textContent = new Date().toLocaleDateString(document.documentElement.lang || undefined, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    });
    var actions = page.querySelector('.wb-actions');
    actions.hidden = false;
    actions.querySelector('button').addEventListener('click', function () { window.print(); });
    if (!store) return;
    Array.prototype.forEach.call(page.querySelectorAll('.wb-item'), function (item) {
      var box = item.querySelector('.wb-record');
      var f = fill[item.dataset.kind];
      if (!f) return;
      var holder = document.createElement('div');
      var ok = false;
      try {
        ok = f(item, holder, store, s);
      } catch (e) {
        ok = false;
      }
      if (ok) {
        box.innerHTML = '';
        while (holder.firstChild) box.appendChild(holder.firstChild);
        item.classList.add('wb-has-record');
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var page = document.querySelector('[data-workbook]');
    if (page) setup(page);
  });
})();
