/* The review page: the questions due today (review-engine.js decides which) are
 * shown, freshly shuffled, each with Check; the answer is graded, the right answer
 * and the explanation shown, and the question's place on the list updated. The page
 * holds every question of the course, hidden; the others stay hidden. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  function setup(page, ctx) {
    var Q = S.reviewQueue;
    var V = S.journeyView;
    var t = ctx.t;
    var tq = S.util.t(S.util.json(document, '#quiz-strings'));
    var store = ctx.store;
    var questions = ctx.course.questions || {};
    var status = page.querySelector('.review-status');
    var nojs = page.querySelector('.jr-nojs');
    if (nojs) nojs.remove();

    function showStatus() {
      var c = Q.counts(store.all(), questions, Date.now());
      var parts = [];
      if (c.due > 0) parts.push(t(c.due === 1 ? 'jr_review_status_due_one' : 'jr_review_status_due', { n: c.due }));
      else if (c.later === 0) parts.push(t('jr_review_status_empty'));
      else parts.push(t('jr_review_status_none'));
      if (c.later > 0) parts.push(t('jr_review_status_later', { n: c.later, date: V.date(c.next) }));
      status.textContent = parts.join(' ');
    }

    /* A graded page's `reveal` holds here too: `never` shows the verdict only,
     * `after-pass` the marks, and the answers once that quiz is passed. */
    function shows(li) {
      var how = li.getAttribute('data-reveal');
      if (how === 'never') return { marks: false, reveal: false };
      if (how !== 'after-pass') return { marks: true, reveal: true };
      var id = li.getAttribute('data-quiz');
      var quiz = (ctx.course.quizzes || []).filter(function (w) {
        return w.id === id;
      })[0];
      return { marks: true, reveal: Boolean(quiz && S.completion.work('quiz', quiz.id, quiz.h, store.all()).passed) };
    }

    /* Entries of questions the course no longer has, or has changed, go. */
    Object.keys(store.all().items).forEach(function (key) {
      if (key.indexOf('review:') !== 0) return;
      var id = key.slice('review:'.length);
      var h = store.all().items[key].h;
      if (!Object.prototype.hasOwnProperty.call(questions, id) || questions[id] !== h) store.remove('review', id);
    });

    var items = {};
    Array.prototype.forEach.call(page.querySelectorAll('.review-item'), function (li) {
      items[li.getAttribute('data-qid')] = li;
    });

    Q.list(store.all(), questions, Date.now()).forEach(function (x) {
      var li = items[x.id];
      if (!x.due || !li) return;
      var q = new S.QuizQuestion(li.querySelector('.quiz'), tq);
      if (q.data.hash !== x.hash) return;
      var actions = li.querySelector('.quiz-actions');
      var check = li.querySelector('.quiz-check');
      var note = li.querySelector('.review-note');
      q.clear();
      q.shuffle(Math.random);
      actions.hidden = false;
      li.hidden = false;
      check.addEventListener('click', function () {
        if (!q.answered()) {
          q.resetMarks();
          q.resultEl.textContent = tq('quiz_unanswered');
          q.focusFirst();
          return;
        }
        var result = q.grade();
        var right = result.status === 'right';
        q.show(result, shows(li));
        q.setDisabled(true);
        check.hidden = true;
        var after = Q.note(x.id, x.hash, right);
        note.textContent = t(!right ? 'jr_review_wrong' : after ? 'jr_review_right_again' : 'jr_review_cleared');
        li.classList.add(right ? 'review-right' : 'review-wrong');
        showStatus();
        /* The button is gone: keyboard users go on from the verdict. */
        note.tabIndex = -1;
        note.focus();
      });
    });
    showStatus();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var page = document.querySelector('[data-review]');
    var ctx = page && S.journeyView.open();
    if (ctx) setup(page, ctx);
  });
})();
