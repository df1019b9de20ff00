/* The course home page: "continue" goes to the first page not done yet; a summary
 * says how far the trainee is, whether the course is complete and how many review
 * questions are due today; each module card shows its share of pages done and lists
 * its pages with their marks (built when the list is first opened, so that a large
 * course does not build thousands of entries nobody looks at). */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  function setup(ctx) {
    var V = S.journeyView;
    var el = S.util.el;
    var course = ctx.course;
    var t = ctx.t;
    var start = document.querySelector('[data-start]');
    var cont = document.querySelector('[data-continue]');
    var summary = document.querySelector('[data-journey-summary]');

    function buildList(details) {
      var ol = details.querySelector('ol');
      if (ol.children.length) return;
      var m = Number(details.getAttribute('data-module'));
      course.pages.forEach(function (p) {
        if (p.m !== m || p.k === 'module') return;
        var li = el('li', 'kind-' + p.k);
        li.setAttribute('data-page', p.u);
        li.setAttribute('data-track', JSON.stringify(p.a));
        var a = el('a', null, p.t);
        a.href = ctx.root + p.u;
        li.appendChild(a);
        ol.appendChild(li);
      });
      S.marks.paint(details);
    }

    function showContinue(record) {
      if (!start || !cont) return;
      var begun = course.pages.some(function (p) {
        return p.k !== 'module' && S.completion.pageState(p, record).state !== 'new';
      });
      var next = S.completion.firstUnfinished(course, record);
      start.hidden = begun;
      cont.hidden = !begun || !next;
      if (begun && next) {
        cont.href = ctx.root + next.u;
        cont.textContent = t('jr_continue_to', { title: next.t });
      }
    }

    function showSummary(record, res) {
      summary.textContent = '';
      var done = 0;
      var total = 0;
      course.modules.forEach(function (m, i) {
        var sh = S.completion.moduleShare(course, i, record);
        done += sh.done;
        total += sh.total;
      });
      var pages = el('p', 'module-progress');
      S.marks.share(pages, done, total, t);
      summary.appendChild(pages);
      var status = el('p', 'jr-status');
      if (res.complete) {
        status.appendChild(document.createTextNode(t('jr_complete_on', { date: V.date(res.completedAt) }) + ' '));
        var link = el('a', null, t(course.certificate ? 'jr_see_certificate' : 'jr_see_progress'));
        link.href = ctx.root + (course.certificate ? 'certificate.html' : 'progress.html');
        status.appendChild(link);
      } else {
        var p = el('a', null, t('jr_see_progress'));
        p.href = ctx.root + 'progress.html';
        status.appendChild(p);
      }
      summary.appendChild(status);
      var due = V.reviewCounts(ctx).due;
      if (due > 0) {
        var r = el('p', 'jr-review-due');
        r.appendChild(V.linked(t(due === 1 ? 'jr_review_due_one' : 'jr_review_due', { n: due, review: t('jr_go_review') }), { n: due, review: t('jr_go_review') }, 'review', ctx.root + 'review.html'));
        summary.appendChild(r);
      }
      summary.hidden = false;
    }

    function showModules(record) {
      Array.prototype.forEach.call(document.querySelectorAll('.module-progress[data-module]'), function (box) {
        var sh = S.completion.moduleShare(course, Number(box.getAttribute('data-module')), record);
        S.marks.share(box, sh.done, sh.total, t);
      });
      Array.prototype.forEach.call(document.querySelectorAll('details.module-pages'), function (d) {
        d.hidden = false;
        if (d.open) S.marks.paint(d, record);
      });
    }

    function render() {
      var record = ctx.store.all();
      var res = V.evaluate(ctx);
      showContinue(record);
      showSummary(record, res);
      showModules(record);
    }

    Array.prototype.forEach.call(document.querySelectorAll('details.module-pages'), function (d) {
      d.addEventListener('toggle', function () {
        if (d.open) buildList(d);
      });
    });
    render();
    ctx.store.onChange(render);
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!document.querySelector('[data-journey-summary]')) return;
    var ctx = S.journeyView.open();
    if (ctx) setup(ctx);
  });
})();
