/* The progress page (progress.html): overall completion against the course's rules,
 * then per module, per graded quiz, per role-play, and the self-assessments and
 * reflections, each as a table built from the course data and the record. The
 * progress file (export, import, reset) is progress-file.js's. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  function table(heads, rows) {
    var el = S.util.el;
    var tb = el('table', 'jr-table');
    var thead = el('thead');
    var tr = el('tr');
    heads.forEach(function (h) {
      var th = el('th', null, h);
      th.scope = 'col';
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    tb.appendChild(thead);
    var body = el('tbody');
    rows.forEach(function (cells) {
      var row = el('tr');
      cells.forEach(function (c, i) {
        var cell = el(i === 0 ? 'th' : 'td');
        if (i === 0) cell.scope = 'row';
        if (c && c.nodeType) cell.appendChild(c);
        else cell.textContent = c == null ? '' : String(c);
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    tb.appendChild(body);
    return tb;
  }

  /* A result in words with an icon, never by colour alone. */
  function verdict(ok, yes, no) {
    return S.util.el('span', ok ? 'jr-ok' : 'jr-open', (ok ? '✓ ' : '○ ') + (ok ? yes : no));
  }

  function pageLink(ctx, w, text) {
    var p = ctx.course.pages[w.p];
    var a = S.util.el('a', null, text || w.t);
    if (p) a.href = ctx.root + p.u;
    return a;
  }

  function overall(ctx, res, box) {
    var V = S.journeyView;
    var el = S.util.el;
    var t = ctx.t;
    var status = el('p', 'jr-status');
    if (res.complete) {
      status.appendChild(document.createTextNode(t('jr_complete_on', { date: V.date(res.completedAt) }) + ' '));
      if (ctx.course.certificate) {
        var c = el('a', null, t('jr_see_certificate'));
        c.href = ctx.root + 'certificate.html';
        status.appendChild(c);
      }
    } else {
      status.textContent = t(res.parts.length ? 'jr_not_complete' : 'jr_no_rules');
    }
    box.appendChild(status);
    if (res.parts.length) {
      var ul = el('ul', 'jr-rules');
      res.parts.forEach(function (part) {
        var li = el('li', part.ok ? 'jr-ok' : 'jr-open');
        li.appendChild(el('span', 'jr-icon', part.ok ? '✓ ' : '○ '));
        li.appendChild(document.createTextNode(V.ruleLine(ctx, part)));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    if (res.score !== null) {
      box.appendChild(el('p', 'jr-score', t(res.scoreFrom === 'exam' ? 'jr_score_exam' : 'jr_score_quizzes', { percent: Math.round(res.score) })));
    }
    var rc = V.reviewCounts(ctx);
    var rv = el('p', 'jr-review-due');
    if (rc.due > 0) {
      var values = { n: rc.due, review: t('jr_go_review') };
      rv.appendChild(V.linked(t(rc.due === 1 ? 'jr_review_due_one' : 'jr_review_due', values), values, 'review', ctx.root + 'review.html'));
    } else {
      rv.textContent = t('jr_review_none_due');
    }
    box.appendChild(rv);
  }

  function modules(ctx, record) {
    var t = ctx.t;
    var rows = ctx.course.modules.map(function (m, i) {
      var sh = S.completion.moduleShare(ctx.course, i, record);
      var a = S.util.el('a', null, m.t);
      a.href = ctx.root + m.u;
      var cell = S.util.el('span');
      S.marks.share(cell, sh.done, sh.total, t);
      cell.hidden = false;
      return [a, cell];
    });
    return table([t('jr_col_module'), t('jr_col_pages')], rows);
  }

  function quizzes(ctx, record) {
    var t = ctx.t;
    var rows = (ctx.course.quizzes || []).map(function (q) {
      var st = S.completion.work('quiz', q.id, q.h, record);
      var name = S.util.el('span');
      name.appendChild(pageLink(ctx, q));
      if (q.exam) name.appendChild(document.createTextNode(' ' + t('jr_exam_note')));
      var best = st.best === null ? t('jr_none_yet') : t('jr_percent', { percent: Math.round(st.best) });
      var attempts = q.attempts > 0 ? t('jr_attempts_of', { n: st.attempts, max: q.attempts }) : String(st.attempts);
      var result = st.passed
        ? verdict(true, t('jr_passed'))
        : verdict(false, '', st.attempted ? t('jr_not_passed') : t('jr_not_taken'));
      return [name, best, attempts, result];
    });
    return rows.length ? table([t('jr_col_quiz'), t('jr_col_best'), t('jr_col_attempts'), t('jr_col_result')], rows) : null;
  }

  function roleplays(ctx, record) {
    var t = ctx.t;
    var rows = (ctx.course.roleplays || []).map(function (r) {
      var st = S.completion.work('roleplay', r.id, r.h, record);
      var best = st.best === null ? t('jr_none_yet') : t('jr_points', { score: st.best });
      var ending = st.finished ? t(st.outcome === 'success' ? 'mark_outcome_success' : 'mark_outcome_failure') : t('jr_not_played');
      var result = st.passed ? verdict(true, t('jr_passed')) : st.finished ? verdict(true, t('jr_finished')) : verdict(false, '', t('jr_not_played'));
      return [pageLink(ctx, r), best, ending, result];
    });
    return rows.length ? table([t('jr_col_roleplay'), t('jr_col_best'), t('jr_col_ending'), t('jr_col_result')], rows) : null;
  }

  function practice(ctx, record) {
    var t = ctx.t;
    var rows = [];
    [['assessment', ctx.course.assessments], ['reflect', ctx.course.reflections]].forEach(function (pair) {
      (pair[1] || []).forEach(function (w) {
        var st = S.completion.work(pair[0], w.id, w.h, record);
        rows.push([pageLink(ctx, w), t('jr_kind_' + pair[0]), verdict(st.done, t('jr_done'), t('jr_not_done'))]);
      });
    });
    return rows.length ? table([t('jr_col_exercise'), t('jr_col_kind'), t('jr_col_status')], rows) : null;
  }

  function fill(section, content) {
    var body = section.querySelector('.jr-body');
    body.textContent = '';
    if (content) body.appendChild(content);
    section.hidden = !content;
  }

  function setup(page, ctx) {
    var nojs = page.querySelector('.jr-nojs');
    if (nojs) nojs.remove();
    var parts = {
      modules: modules,
      quizzes: quizzes,
      roleplays: roleplays,
      practice: practice,
    };
    function render() {
      var record = ctx.store.all();
      var res = S.journeyView.evaluate(ctx);
      var over = page.querySelector('.jr-overall');
      over.querySelector('.jr-body').textContent = '';
      overall(ctx, res, over.querySelector('.jr-body'));
      over.hidden = false;
      Object.keys(parts).forEach(function (name) {
        fill(page.querySelector('[data-part="' + name + '"]'), parts[name](ctx, record));
      });
    }
    render();
    ctx.store.onChange(render);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var page = document.querySelector('[data-progress]');
    var ctx = page && S.journeyView.open();
    if (ctx) setup(page, ctx);
  });
})();
