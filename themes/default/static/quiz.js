/* Quizzes in the page: formative questions on lessons are checked on the spot;
 * a graded quiz page (`.quiz-page`) is one submit over its drawn questions, run by
 * the rules of quiz-policy.js. Answers and attempts are kept in Syllabus.store;
 * quiz-question.js handles each question's controls, grading.js the scoring. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  function text(el, s) {
    if (el) el.textContent = s;
  }

  /* A question on a lesson: check on the spot, try again, remembered. */
  function formative(q, t) {
    var store = S.store;
    var actions = q.root.querySelector('.quiz-actions');
    var check = q.root.querySelector('.quiz-check');
    var retry = q.root.querySelector('.quiz-retry');
    var d = q.data;
    if (!actions || !check || !retry) return;
    actions.hidden = false;

    function save(checked, result) {
      var value = { answer: q.read(), checked: checked };
      if (result) {
        value.score = result.score;
        value.max = result.max;
      }
      store.set('question', d.id, d.hash, value);
    }

    function showChecked(result) {
      q.show(result, { marks: true, reveal: true });
      q.setDisabled(true);
      check.hidden = true;
      retry.hidden = false;
    }

    check.addEventListener('click', function () {
      if (!q.answered()) {
        q.resetMarks();
        text(q.resultEl, t('quiz_unanswered'));
        q.focusFirst();
        return;
      }
      var result = q.grade();
      save(true, result);
      showChecked(result);
      noteForReview(q, result);
      retry.focus();
    });
    retry.addEventListener('click', function () {
      q.resetMarks();
      q.clear();
      q.shuffle(Math.random);
      q.setDisabled(false);
      retry.hidden = true;
      check.hidden = false;
      store.set('question', d.id, d.hash, { answer: null, checked: false });
      q.focusFirst();
    });
    q.onChange(function () {
      if (!q.fieldset.disabled) save(false);
    });

    var saved = store.get('question', d.id, d.hash);
    if (saved && typeof saved === 'object') {
      q.write(saved.answer);
      if (saved.checked) showChecked(q.grade());
    }
  }

  /* A wrong answer puts the question on the review list; a right one counts there. */
  function noteForReview(q, result) {
    if (S.reviewQueue) S.reviewQueue.note(q.data.id, q.data.hash, result.status === 'right');
  }

  function newSeed() {
    return Math.floor(Math.random() * 4294967296);
  }

  /* A graded quiz page: one submit over the drawn questions. */
  function gradedPage(root, t) {
    var P = S.quizPolicy;
    var store = S.store;
    var s = S.util.json(root, 'script.quiz-page-data');
    if (!s) return;
    var questions = {};
    var hashes = {};
    /* Question ids in the page's order, for numbering what the trainee sees. */
    var order = [];
    Array.prototype.forEach.call(root.querySelectorAll('.quiz'), function (el) {
      var q = new S.QuizQuestion(el, t);
      if (!q.id) return;
      questions[q.id] = q;
      hashes[q.id] = q.data.hash;
      order.push(q.id);
    });
    var pool = P.poolOf(s, hashes);
    var bar = root.querySelector('.quiz-submit-bar');
    var submit = root.querySelector('.quiz-submit');
    var retry = root.querySelector('.quiz-retry-page');
    var resultEl = root.querySelector('.quiz-page-result');
    var warning = root.querySelector('.quiz-page-warning');
    var status = root.querySelector('.quiz-page-status');
    /* Submitting with open questions asks once; a second press submits. */
    var confirmPending = false;
    var nums = { total: 0, of: {} };
    bar.hidden = false;
    resultEl.tabIndex = -1;

    var saved = store.get('quiz', s.id, s.hash);
    var state = P.repair(saved, s, hashes, newSeed());

    function save() {
      store.set('quiz', s.id, s.hash, state);
    }

    function drawn() {
      return state.current.drawn.map(function (id) {
        return questions[id];
      });
    }

    function applyAttempt() {
      var cur = state.current;
      pool.forEach(function (id) {
        var q = questions[id];
        var on = cur.drawn.indexOf(id) >= 0;
        q.root.hidden = !on;
        q.resetMarks();
        q.clear();
        if (!on) return;
        q.shuffle(S.util.rng(P.questionSeed(state, id)));
        q.write(P.savedAnswer(state, id, q.data.hash));
        q.setDisabled(cur.submitted);
      });
      nums = P.numbers(order, state);
      Object.keys(nums.of).forEach(function (id) {
        questions[id].number(t('quiz_number', { n: nums.of[id], total: nums.total }));
      });
      var line = P.status(s, state);
      status.hidden = false;
      text(status, t(line.key, line.values));
    }

    function showSubmitted() {
      var opts = P.reveals(s, state);
      var results = drawn().map(function (q) {
        var r = q.grade();
        q.show(r, opts);
        return r;
      });
      var total = S.grading.total(results, s.pass_mark);
      resultEl.textContent = '';
      P.summary(s, state, total).forEach(function (line) {
        var p = document.createElement('p');
        p.textContent = t(line.key, line.values);
        resultEl.appendChild(p);
      });
      root.classList.toggle('is-passed', total.passed);
      root.classList.toggle('is-failed', !total.passed);
      submit.hidden = true;
      retry.hidden = !P.canRetry(s, state);
    }

    function doSubmit() {
      var results = drawn().map(function (q) {
        return q.grade();
      });
      state = P.submit(state, results, s.pass_mark);
      drawn().forEach(function (q, i) {
        q.setDisabled(true);
        noteForReview(q, results[i]);
      });
      save();
      showSubmitted();
      resultEl.focus();
    }

    function openOnes() {
      return P.openNumbers(nums, function (id) {
        return !questions[id].answered();
      });
    }

    /* Names the open questions, each a link to it; empty when there are none. */
    function warn(open) {
      warning.textContent = '';
      warning.dataset.open = open
        .map(function (o) {
          return o.n;
        })
        .join();
      if (!open.length) return;
      var one = open.length === 1;
      warning.appendChild(S.util.el('p', null, t(one ? 'quiz_open_one' : 'quiz_open_many', { n: open.length })));
      var list = S.util.el('ul', 'quiz-open-list');
      open.forEach(function (o) {
        var a = S.util.el('a', null, t('quiz_open_link', { n: o.n }));
        a.href = '#' + questions[o.id].root.id;
        a.addEventListener('click', function (e) {
          e.preventDefault();
          questions[o.id].root.scrollIntoView({ block: 'start' });
          questions[o.id].focusFirst({ preventScroll: true });
        });
        list.appendChild(S.util.el('li')).appendChild(a);
      });
      warning.appendChild(list);
      warning.appendChild(S.util.el('p', null, t('quiz_open_confirm')));
    }

    submit.addEventListener('click', function () {
      var open = openOnes();
      if (open.length > 0 && !confirmPending) {
        confirmPending = true;
        warn(open);
        return;
      }
      confirmPending = false;
      warn([]);
      doSubmit();
    });
    retry.addEventListener('click', function () {
      if (!P.canRetry(s, state)) return;
      state = P.newAttempt(state, pool, s.draw, newSeed());
      save();
      root.classList.remove('is-passed', 'is-failed');
      resultEl.textContent = '';
      warn([]);
      submit.hidden = false;
      retry.hidden = true;
      applyAttempt();
      var first = drawn()[0];
      if (first) first.focusFirst();
    });
    pool.forEach(function (id) {
      var q = questions[id];
      q.onChange(function () {
        var next = P.answer(state, id, q.data.hash, q.read());
        if (next === state) return;
        state = next;
        confirmPending = false;
        /* The warning keeps naming only what is still open. */
        if (warning.firstChild) {
          var open = openOnes();
          var now = open
            .map(function (o) {
              return o.n;
            })
            .join();
          if (now !== warning.dataset.open) warn(open);
        }
        save();
      });
    });

    if (state !== saved) save();
    applyAttempt();
    if (state.current.submitted) showSubmitted();
  }

  /* Scripts are deferred: by now every one of them has run, whatever order a theme
   * lists them in. */
  document.addEventListener('DOMContentLoaded', function () {
    var t = S.util.t(S.util.json(document, '#quiz-strings'));
    Array.prototype.forEach.call(document.querySelectorAll('.quiz-page'), function (root) {
      gradedPage(root, t);
    });
    Array.prototype.forEach.call(document.querySelectorAll('.quiz'), function (el) {
      /* The review page runs its questions itself (review.js). */
      if (el.closest('.quiz-page') || el.closest('[data-review]')) return;
      formative(new S.QuizQuestion(el, t), t);
    });
  });
})();
