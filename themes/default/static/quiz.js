/* Quizzes in the page: reads and writes answers in the form controls the generator
 * wrote, checks formative questions on the spot, runs graded quiz pages (one submit,
 * attempts, reveal policy, draw, retry) and saves everything through
 * window.SyllabusProgress. Grading rules live in quiz-grading.js. */
(function () {
  'use strict';

  var G;
  var P;
  var strings = {};

  function t(key, values) {
    return G.format(key in strings ? strings[key] : key, values);
  }

  function readJson(el) {
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
  }

  function text(el, s) {
    if (el) el.textContent = s;
  }

  function fmt(n) {
    return String(Math.round(n * 100) / 100);
  }

  /* One question block: its controls, its data, and how to show a result. */
  function Question(root) {
    this.root = root;
    this.data = readJson(root.querySelector('.quiz-data')) || {};
    this.id = this.data.id;
    this.fieldset = root.querySelector('.quiz-fieldset');
    this.resultEl = root.querySelector('.quiz-result');
    this.explanationEl = root.querySelector('.quiz-explanation');
    var self = this;
    this.selects().forEach(function (s) {
      s.dataset.prev = s.value;
    });
    /* An order question always shows a complete order, but the starting one is
     * never right: a graded page counts it as answered once the trainee has moved
     * something (see answered()). */
    this.arranged = false;
    if (this.data.type === 'order') {
      /* Picking an item that another position holds swaps the two, so the list
       * stays a complete order while the trainee works by keyboard. */
      this.selects().forEach(function (s) {
        s.addEventListener('change', function () {
          self.arranged = true;
          self.selects().forEach(function (other) {
            if (other !== s && other.value === s.value) {
              other.value = s.dataset.prev;
              other.dataset.prev = other.value;
            }
          });
          s.dataset.prev = s.value;
        });
      });
    }
  }

  Question.prototype.inputs = function () {
    return Array.prototype.slice.call(this.fieldset.querySelectorAll('input'));
  };

  Question.prototype.selects = function () {
    return Array.prototype.slice.call(this.fieldset.querySelectorAll('select'));
  };

  Question.prototype.read = function () {
    var d = this.data;
    var checked = this.inputs().filter(function (i) {
      return i.checked;
    });
    switch (d.type) {
      case 'single':
        return checked.length ? Number(checked[0].value) : null;
      case 'multiple':
        return checked
          .map(function (i) {
            return Number(i.value);
          })
          .sort(function (a, b) {
            return a - b;
          });
      case 'truefalse':
        return checked.length ? checked[0].value === 'true' : null;
      case 'fill':
        return this.inputs().map(function (i) {
          return i.value;
        });
      case 'numeric':
        return this.inputs()[0] ? this.inputs()[0].value : '';
      case 'order':
        return this.selects().map(function (s) {
          return Number(s.value);
        });
      case 'match':
        return this.selects().map(function (s) {
          return s.value === '' ? null : Number(s.value);
        });
      default:
        return null;
    }
  };

  /* Whether the trainee has answered, for the graded page's warning before it is
   * submitted: an order question left as first shown has not been worked on (it is
   * still graded as shown if the trainee submits anyway). */
  Question.prototype.answered = function () {
    if (this.data.type === 'order' && !this.arranged) return false;
    return G.isAnswered(this.data, this.read());
  };

  Question.prototype.write = function (answer) {
    var d = this.data;
    if (answer === null || answer === undefined) return;
    switch (d.type) {
      case 'single':
      case 'truefalse':
        this.inputs().forEach(function (i) {
          i.checked = i.value === String(answer);
        });
        break;
      case 'multiple':
        this.inputs().forEach(function (i) {
          i.checked = Array.isArray(answer) && answer.indexOf(Number(i.value)) >= 0;
        });
        break;
      case 'fill':
        this.inputs().forEach(function (i, k) {
          i.value = Array.isArray(answer) && answer[k] != null ? String(answer[k]) : '';
        });
        break;
      case 'numeric':
        if (this.inputs()[0]) this.inputs()[0].value = String(answer);
        break;
      case 'order':
      case 'match':
        if (d.type === 'order' && Array.isArray(answer)) this.arranged = true;
        this.selects().forEach(function (s, k) {
          if (Array.isArray(answer) && k < answer.length) {
            s.value = answer[k] === null ? '' : String(answer[k]);
            s.dataset.prev = s.value;
          }
        });
        break;
    }
  };

  Question.prototype.clear = function () {
    this.arranged = false;
    this.inputs().forEach(function (i) {
      if (i.type === 'radio' || i.type === 'checkbox') i.checked = false;
      else i.value = '';
    });
    if (this.data.type === 'match') {
      this.selects().forEach(function (s) {
        s.value = '';
      });
    }
  };

  /* A new order for this attempt: options (unless `shuffle: false`), the order
   * question's starting positions, the match answers in each list. */
  Question.prototype.shuffle = function (rand) {
    var d = this.data;
    var list;
    if ((d.type === 'single' || d.type === 'multiple') && d.shuffle) {
      list = this.root.querySelector('.quiz-options');
      var items = Array.prototype.slice.call(list.children);
      G.permutation(items.length, rand).forEach(function (k) {
        var li = items.filter(function (x) {
          return Number(x.dataset.index) === k;
        })[0];
        if (li) list.appendChild(li);
      });
    } else if (d.type === 'order') {
      var perm = G.permutation(d.count, rand);
      this.selects().forEach(function (s, k) {
        s.value = String(perm[k]);
        s.dataset.prev = s.value;
      });
    } else if (d.type === 'match') {
      var order = G.permutation(d.count, rand);
      this.selects().forEach(function (s) {
        var opts = Array.prototype.slice.call(s.options, 1);
        order.forEach(function (k) {
          var o = opts.filter(function (x) {
            return Number(x.value) === k;
          })[0];
          if (o) s.appendChild(o);
        });
      });
    }
  };

  Question.prototype.setDisabled = function (off) {
    this.fieldset.disabled = off;
  };

  Question.prototype.resetMarks = function () {
    var root = this.root;
    Array.prototype.forEach.call(root.querySelectorAll('.quiz-mark, .quiz-option-feedback'), function (m) {
      m.textContent = '';
    });
    Array.prototype.forEach.call(root.querySelectorAll('.is-right, .is-wrong, .is-missed'), function (el) {
      el.classList.remove('is-right', 'is-wrong', 'is-missed');
    });
    root.classList.remove('is-right', 'is-wrong', 'is-partial');
    text(this.resultEl, '');
    if (this.explanationEl) {
      this.explanationEl.textContent = '';
      this.explanationEl.hidden = true;
    }
  };

  function mark(el, state, label) {
    if (!el) return;
    el.classList.add('is-' + state);
    var m = el.classList.contains('quiz-mark') ? el : el.querySelector('.quiz-mark');
    if (m) m.textContent = label;
  }

  /* Shows a graded answer. `reveal` adds the correct answers, per-option feedback
   * and the explanation; `marks` false shows nothing per question. */
  Question.prototype.show = function (result, opts) {
    this.resetMarks();
    if (!opts.marks) return;
    var d = this.data;
    var reveal = opts.reveal;
    var root = this.root;
    var det = result.detail || {};
    root.classList.add(result.status === 'right' ? 'is-right' : result.status === 'partial' ? 'is-partial' : 'is-wrong');
    if (det.options) {
      det.options.forEach(function (o, k) {
        var key = d.type === 'truefalse' ? String(o.value) : String(k);
        var li = root.querySelector('.quiz-option[data-index="' + key + '"]');
        if (!li) return;
        if (o.picked) mark(li, o.correct ? 'right' : 'wrong', t(o.correct ? 'quiz_mark_right' : 'quiz_mark_wrong'));
        else if (o.correct && reveal) mark(li, 'missed', t(d.type === 'multiple' ? 'quiz_mark_missed' : 'quiz_mark_answer'));
        var fb = d.feedback && d.feedback[k];
        if (fb && (o.picked || reveal)) li.querySelector('.quiz-option-feedback').innerHTML = fb;
      });
    }
    var slots = det.blanks || det.slots;
    if (slots) {
      var els =
        d.type === 'fill'
          ? Array.prototype.slice.call(root.querySelectorAll('.quiz-blank + .quiz-mark'))
          : Array.prototype.slice.call(root.querySelectorAll('.quiz-slot'));
      slots.forEach(function (ok, k) {
        var label = t(ok ? 'quiz_mark_right' : 'quiz_mark_wrong');
        if (!ok && reveal) {
          var right = d.type === 'fill' ? d.answers[k][0] : d.texts[k];
          label += ' · ' + t('quiz_correct_answer') + ' ' + right;
        }
        mark(els[k], ok ? 'right' : 'wrong', label);
      });
    }
    if (d.type === 'numeric') {
      var label = t(det.ok ? 'quiz_mark_right' : 'quiz_mark_wrong');
      if (!det.ok && reveal) {
        var right =
          d.answer !== null && d.answer !== undefined
            ? fmt(d.answer) + (d.tolerance ? ' ± ' + fmt(d.tolerance) : '')
            : fmt(d.low) + ' – ' + fmt(d.high);
        label += ' · ' + t('quiz_correct_answer') + ' ' + right;
      }
      mark(root.querySelector('.quiz-number-row'), det.ok ? 'right' : 'wrong', label);
    }
    var verdict = t(result.status === 'right' ? 'quiz_correct' : result.status === 'partial' ? 'quiz_partial' : 'quiz_incorrect');
    text(this.resultEl, verdict + ' ' + t('quiz_points_of', { score: fmt(result.score), max: fmt(result.max) }));
    if (reveal && d.explanation && this.explanationEl) {
      this.explanationEl.innerHTML = '<p class="quiz-explanation-title"><strong></strong></p>' + d.explanation;
      text(this.explanationEl.querySelector('strong'), t('quiz_explanation'));
      this.explanationEl.hidden = false;
    }
  };

  Question.prototype.grade = function () {
    return G.score(this.data, this.read());
  };

  Question.prototype.onChange = function (fn) {
    this.fieldset.addEventListener('change', fn);
    this.fieldset.addEventListener('input', fn);
  };

  Question.prototype.focusFirst = function () {
    var el = this.fieldset.querySelector('input, select');
    if (el) el.focus();
  };

  /* A question on a lesson: check on the spot, try again, remembered. */
  function formative(q) {
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
      P.set('question', d.id, d.hash, value);
    }

    function showChecked(result) {
      q.show(result, { marks: true, reveal: true });
      q.setDisabled(true);
      check.hidden = true;
      retry.hidden = false;
    }

    check.addEventListener('click', function () {
      if (!G.isAnswered(d, q.read())) {
        q.resetMarks();
        text(q.resultEl, t('quiz_unanswered'));
        q.focusFirst();
        return;
      }
      var result = q.grade();
      save(true, result);
      showChecked(result);
      retry.focus();
    });
    retry.addEventListener('click', function () {
      q.resetMarks();
      q.clear();
      q.shuffle(Math.random);
      q.setDisabled(false);
      retry.hidden = true;
      check.hidden = false;
      P.set('question', d.id, d.hash, { answer: null, checked: false });
      q.focusFirst();
    });
    q.onChange(function () {
      if (!q.fieldset.disabled) save(false);
    });

    var saved = P.get('question', d.id, d.hash);
    if (saved && typeof saved === 'object') {
      q.write(saved.answer);
      if (saved.checked) showChecked(q.grade());
    }
  }

  /* A graded quiz page: one submit over the drawn questions. */
  function gradedPage(root) {
    var s = readJson(root.querySelector('.quiz-page-data'));
    if (!s) return;
    var questions = {};
    Array.prototype.forEach.call(root.querySelectorAll('.quiz'), function (el) {
      var q = new Question(el);
      if (q.id) questions[q.id] = q;
    });
    var pool = (s.pool || []).filter(function (id) {
      return questions[id];
    });
    var bar = root.querySelector('.quiz-submit-bar');
    var submit = root.querySelector('.quiz-submit');
    var retry = root.querySelector('.quiz-retry-page');
    var resultEl = root.querySelector('.quiz-page-result');
    var status = root.querySelector('.quiz-page-status');
    var confirmPending = false;
    bar.hidden = false;
    resultEl.tabIndex = -1;

    var state = P.get('quiz', s.id, s.hash);
    if (!state || typeof state !== 'object' || typeof state.attempts !== 'number') {
      state = { attempts: 0, best: null, passed: false, current: null };
    }

    function save() {
      P.set('quiz', s.id, s.hash, state);
    }

    function attemptsLeft() {
      return s.attempts > 0 ? Math.max(0, s.attempts - state.attempts) : Infinity;
    }

    function newAttempt() {
      var seed = Math.floor(Math.random() * 4294967296);
      state.current = {
        seed: seed,
        drawn: G.draw(pool, s.draw || 0, G.rng(seed)),
        answers: {},
        submitted: false,
      };
    }

    function drawn() {
      return state.current.drawn
        .filter(function (id) {
          return questions[id];
        })
        .map(function (id) {
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
        q.shuffle(G.rng(cur.seed ^ G.hashString(id)));
        var a = cur.answers[id];
        /* An answer to a question the trainer has since edited is dropped. */
        if (a && a.h === q.data.hash) q.write(a.a);
        else if (a) delete cur.answers[id];
        q.setDisabled(cur.submitted);
      });
      var n = state.attempts + (cur.submitted ? 0 : 1);
      status.hidden = false;
      text(status, s.attempts > 0 ? t('quiz_attempt_of', { n: Math.min(n, s.attempts), max: s.attempts }) : t('quiz_attempt_n', { n: n }));
    }

    function reveals() {
      if (s.reveal === 'never') return { marks: false, reveal: false };
      if (s.reveal === 'after-pass') return { marks: true, reveal: state.passed };
      return { marks: true, reveal: true };
    }

    function showSubmitted() {
      var opts = reveals();
      var results = drawn().map(function (q) {
        var r = q.grade();
        q.show(r, opts);
        return r;
      });
      var total = G.total(results, s.pass_mark);
      var lines = [
        t('quiz_result', { score: fmt(total.score), max: fmt(total.max), percent: total.percent }),
        t(total.passed ? 'quiz_passed' : 'quiz_failed', { pass: s.pass_mark }),
      ];
      if (state.attempts > 1 && state.best !== null) lines.push(t('quiz_best', { percent: state.best }));
      var left = attemptsLeft();
      if (left === 0) lines.push(t('quiz_no_attempts_left'));
      else if (left !== Infinity) lines.push(t('quiz_attempts_left', { n: left }));
      if (s.reveal === 'after-pass' && !state.passed) lines.push(t('quiz_answers_hidden'));
      if (s.reveal === 'never') lines.push(t('quiz_answers_never'));
      resultEl.textContent = '';
      lines.forEach(function (l) {
        var p = document.createElement('p');
        p.textContent = l;
        resultEl.appendChild(p);
      });
      root.classList.toggle('is-passed', total.passed);
      root.classList.toggle('is-failed', !total.passed);
      submit.hidden = true;
      retry.hidden = left === 0;
    }

    function doSubmit() {
      var cur = state.current;
      var results = drawn().map(function (q) {
        return q.grade();
      });
      var total = G.total(results, s.pass_mark);
      state.attempts += 1;
      state.passed = state.passed || total.passed;
      state.best = state.best === null ? total.percent : Math.max(state.best, total.percent);
      state.last = { score: total.score, max: total.max, percent: total.percent, passed: total.passed };
      cur.submitted = true;
      drawn().forEach(function (q) {
        q.setDisabled(true);
      });
      save();
      showSubmitted();
      resultEl.focus();
    }

    submit.addEventListener('click', function () {
      var open = drawn().filter(function (q) {
        return !q.answered();
      }).length;
      if (open > 0 && !confirmPending) {
        confirmPending = true;
        resultEl.textContent = t('quiz_answer_all', { n: open });
        return;
      }
      confirmPending = false;
      doSubmit();
    });
    retry.addEventListener('click', function () {
      if (attemptsLeft() === 0) return;
      newAttempt();
      save();
      root.classList.remove('is-passed', 'is-failed');
      resultEl.textContent = '';
      submit.hidden = false;
      retry.hidden = true;
      applyAttempt();
      var first = drawn()[0];
      if (first) first.focusFirst();
    });
    pool.forEach(function (id) {
      var q = questions[id];
      q.onChange(function () {
        var cur = state.current;
        if (!cur || cur.submitted || cur.drawn.indexOf(id) < 0) return;
        cur.answers[id] = { h: q.data.hash, a: q.read() };
        confirmPending = false;
        save();
      });
    });

    var valid =
      state.current &&
      Array.isArray(state.current.drawn) &&
      state.current.drawn.length > 0 &&
      state.current.drawn.every(function (id) {
        return questions[id];
      });
    if (!valid) {
      newAttempt();
      save();
    }
    if (typeof state.current.answers !== 'object' || state.current.answers === null) state.current.answers = {};
    applyAttempt();
    if (state.current.submitted) showSubmitted();
  }

  function init() {
    G = window.SyllabusQuizGrading;
    P = window.SyllabusProgress;
    if (!G || !P) return;
    strings = readJson(document.getElementById('quiz-strings')) || {};
    Array.prototype.forEach.call(document.querySelectorAll('.quiz-page'), gradedPage);
    Array.prototype.forEach.call(document.querySelectorAll('.quiz'), function (el) {
      if (el.closest('.quiz-page')) return;
      formative(new Question(el));
    });
  }

  /* Every script is deferred: by DOMContentLoaded the progress store and the grading
   * module have run, whatever the order a theme lists them in. */
  document.addEventListener('DOMContentLoaded', init);
})();
