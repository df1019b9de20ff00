/* The workbook page: fills each listed reflection, self-assessment, role-play and
 * graded quiz with the trainee's record from Syllabus.store, and stamps today's date
 * for the printout. Each `.wb-item` names its record with data-kind, data-id and
 * data-hash; assessments and role-plays carry their block data as `script.wb-data`. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  /* Each fills `box` from the item's record and says whether there was one. */
  var fill = {
    reflect: function (item, box, store) {
      var rec = store.get('reflect', item.dataset.id, item.dataset.hash);
      if (!rec || typeof rec.text !== 'string' || !rec.text.trim()) return false;
      box.appendChild(S.util.el('p', 'wb-text', rec.text));
      return true;
    },
    assessment: function (item, box, store, t) {
      var data = S.util.json(item, 'script.wb-data');
      var engine = S.assessment;
      var rec = store.get('assessment', item.dataset.id, item.dataset.hash);
      if (!data || !rec || !Array.isArray(rec.answers)) return false;
      if (!engine.complete(data, rec.answers)) return false;
      box.appendChild(S.assessmentView.resultList(engine.results(data, rec.answers), t));
      return true;
    },
    roleplay: function (item, box, store, t) {
      var data = S.util.json(item, 'script.wb-data');
      var engine = S.roleplay;
      var rec = store.get('roleplay', item.dataset.id, item.dataset.hash);
      if (!data || !rec) return false;
      var run = engine.replay(data, rec.path);
      var res = run && engine.result(data, run);
      if (!res) return false;
      box.appendChild(S.util.el('p', 'wb-summary', S.debrief.lastRunText(t, rec)));
      var debrief = S.util.el('div', 'rp-debrief');
      S.debrief.render(debrief, data, t, run, res, { level: 4 });
      box.appendChild(debrief);
      return true;
    },
    quiz: function (item, box, store, t) {
      /* The quiz page keeps {attempts, best (percent or null), passed}; its hash covers
       * the quiz rules, which it checks when the trainee opens the quiz. */
      var entry = store.all().items['quiz:' + item.dataset.id];
      var v = entry && entry.v;
      if (!v || typeof v !== 'object' || typeof v.best !== 'number') return false;
      var p = S.util.el('p', 'wb-quiz-score', t('workbook_quiz_score', { score: Math.round(v.best) }) + ' · ');
      p.appendChild(S.util.el('span', v.passed ? 'rp-pass' : 'rp-fail', (v.passed ? '✔ ' : '✖ ') + t(v.passed ? 'workbook_quiz_passed' : 'workbook_quiz_not_passed')));
      box.appendChild(p);
      return true;
    },
  };

  function setup(page) {
    var store = S.store;
    var t = S.util.t(S.util.json(page, 'script.wb-strings'));
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
    actions.querySelector('button').addEventListener('click', function () {
      window.print();
    });
    Array.prototype.forEach.call(page.querySelectorAll('.wb-item'), function (item) {
      var box = item.querySelector('.wb-record');
      var f = fill[item.dataset.kind];
      if (!f) return;
      var holder = document.createElement('div');
      var ok = false;
      /* One unreadable record must not keep the others off the printout. */
      try {
        ok = f(item, holder, store, t);
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
