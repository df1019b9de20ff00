/* What the pages that add the course up share (home, progress, certificate, review):
 * the course data, the UI strings, dates in the page's language, the completion
 * result (saving the completion date the first time it is seen), and the words and
 * links for a rule or a missing piece of work.
 *
 * Syllabus.journeyView:
 *   open()                 {course, t, root, store} or null without course data
 *   evaluate(ctx)          completion.evaluate now; keeps the completion date
 *   reviewCounts(ctx)      reviewQueue.counts now
 *   date(ms | 'YYYY-MM-DD') the date as the page's language writes it
 *   linked(text, values, key, href)  a <span> of text whose {key} is a link
 *   ruleLine(ctx, part)    "Pass every graded quiz: 2 of 6"
 *   missingLine(ctx, miss) an <li> naming what is still to do, linked to its page */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  function open() {
    var course = window.SyllabusCourse;
    if (!course || course.format !== 1 || !Array.isArray(course.pages)) return null;
    var body = document.body;
    return {
      course: course,
      t: S.util.t(S.util.json(document, 'script.jr-strings')),
      root: (body && body.getAttribute('data-root')) || '',
      store: S.store,
    };
  }

  function evaluate(ctx) {
    var record = ctx.store.all();
    var res = S.completion.evaluate(ctx.course, record, Date.now());
    var stamp = S.completion.stampItem(ctx.course, res, record);
    if (stamp) ctx.store.set(stamp[0], stamp[1], stamp[2], stamp[3]);
    return res;
  }

  function reviewCounts(ctx) {
    return S.reviewQueue.counts(ctx.store.all(), ctx.course.questions || {}, Date.now());
  }

  function date(when) {
    var d;
    if (typeof when === 'string') {
      var p = when.split('-').map(Number);
      d = new Date(p[0], p[1] - 1, p[2]);
    } else {
      d = new Date(when);
    }
    try {
      return d.toLocaleDateString(document.documentElement.lang || undefined, { year: 'numeric', month: 'long', day: 'numeric' });
    } catch (e) {
      return d.toDateString();
    }
  }

  /* The template split at {key}: its text before and after, the link in between. */
  function linked(template, values, key, href) {
    var el = S.util.el;
    var span = el('span');
    var marker = '\u0000';
    var v = {};
    Object.keys(values).forEach(function (k) {
      v[k] = k === key ? marker : values[k];
    });
    var parts = S.util.format(template, v).split(marker);
    span.appendChild(document.createTextNode(parts[0]));
    if (parts.length > 1) {
      var a = el('a', null, values[key]);
      if (href) a.href = href;
      span.appendChild(href ? a : el('span', null, values[key]));
      span.appendChild(document.createTextNode(parts.slice(1).join('')));
    }
    return span;
  }

  function ruleLine(ctx, part) {
    return ctx.t('jr_rule_' + part.rule + '_' + part.need, { done: part.done, total: part.total });
  }

  function missingKey(miss) {
    if (miss.blocked) return 'jr_missing_blocked';
    if (miss.kind === 'visit') return 'jr_missing_page';
    if (miss.kind === 'quiz') return miss.rule === 'exam' ? 'jr_missing_exam_' + miss.need : 'jr_missing_quiz_' + miss.need;
    return 'jr_missing_' + miss.kind + '_' + miss.need;
  }

  function missingLine(ctx, miss) {
    var li = S.util.el('li', 'jr-missing-' + miss.kind);
    var href = miss.url ? ctx.root + miss.url : null;
    li.appendChild(linked(ctx.t(missingKey(miss)), { title: miss.title }, 'title', href));
    var st = miss.state || {};
    if (miss.kind === 'quiz' && st.attempted && st.best !== null) {
      li.appendChild(document.createTextNode(' ' + ctx.t('jr_missing_best', { percent: Math.round(st.best) })));
    }
    if (miss.kind === 'roleplay' && st.finished) {
      li.appendChild(document.createTextNode(' ' + ctx.t('jr_missing_best_points', { score: st.best })));
    }
    return li;
  }

  S.journeyView = {
    open: open,
    evaluate: evaluate,
    reviewCounts: reviewCounts,
    date: date,
    linked: linked,
    ruleLine: ruleLine,
    missingLine: missingLine,
  };
})();
