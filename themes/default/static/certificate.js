/* The certificate page: before the course is complete it lists exactly what is
 * still to do, each with a link to its page; once complete, the trainee types their
 * name (kept in the record as `profile:name`) and gets a one-page certificate with
 * the course title, version, completion date and final exam score, ready to print. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  function setup(page, ctx) {
    var V = S.journeyView;
    var t = ctx.t;
    var store = ctx.store;
    var missing = page.querySelector('.cert-missing');
    var form = page.querySelector('.cert-form');
    var input = page.querySelector('.cert-name-input');
    var formStatus = page.querySelector('.cert-form-status');
    var cert = page.querySelector('.certificate');
    var actions = page.querySelector('.cert-actions');
    var nojs = page.querySelector('.jr-nojs');
    if (nojs) nojs.remove();

    function savedName() {
      var v = store.get('profile', 'name', '1');
      return typeof v === 'string' ? v : '';
    }

    function showMissing(res) {
      var list = missing.querySelector('.cert-missing-list');
      list.textContent = '';
      res.missing.forEach(function (m) {
        list.appendChild(V.missingLine(ctx, m));
      });
      missing.querySelector('.cert-missing-intro').textContent = t(res.missing.length === 1 ? 'jr_cert_missing_one' : 'jr_cert_missing', { n: res.missing.length });
      missing.hidden = false;
      form.hidden = true;
      cert.hidden = true;
      actions.hidden = true;
    }

    function showCertificate(res, name, focus) {
      page.querySelector('.cert-name').textContent = name;
      page.querySelector('.cert-date').textContent = V.date(res.completedAt);
      var row = page.querySelector('.cert-score-row');
      row.hidden = res.score === null;
      page.querySelector('.cert-score-label').textContent = t(res.scoreFrom === 'exam' ? 'jr_cert_exam_score' : 'jr_cert_quiz_score');
      page.querySelector('.cert-score').textContent = res.score === null ? '' : t('jr_percent', { percent: Math.round(res.score) });
      cert.hidden = false;
      actions.hidden = false;
      form.hidden = true;
      if (focus) cert.focus();
    }

    function render() {
      var res = V.evaluate(ctx);
      if (!res.complete) {
        showMissing(res);
        return;
      }
      missing.hidden = true;
      var name = savedName();
      if (name) {
        showCertificate(res, name, false);
      } else {
        form.hidden = false;
        cert.hidden = true;
        actions.hidden = true;
      }
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var name = input.value.replace(/\s+/g, ' ').trim();
      if (!name) {
        formStatus.textContent = t('jr_cert_name_needed');
        input.focus();
        return;
      }
      formStatus.textContent = '';
      store.set('profile', 'name', '1', name);
      showCertificate(V.evaluate(ctx), name, true);
    });
    page.querySelector('.cert-print').addEventListener('click', function () {
      window.print();
    });
    page.querySelector('.cert-edit').addEventListener('click', function () {
      input.value = savedName();
      form.hidden = false;
      cert.hidden = true;
      actions.hidden = true;
      input.focus();
    });
    render();
    store.onChange(function () {
      /* Keep the name form open while the trainee is changing the name. */
      if (form.hidden || !V.evaluate(ctx).complete) render();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var page = document.querySelector('[data-certificate]');
    var ctx = page && S.journeyView.open();
    if (ctx) setup(page, ctx);
  });
})();
