/* One question's form controls, as the generator wrote them: reading and writing
 * the trainee's answer, clearing, reshuffling for a new attempt, locking, and
 * showing a graded result. How a page uses its questions is quiz.js's business.
 *
 * Syllabus.QuizQuestion(root, t): root is the `.quiz` block, t the UI string lookup
 * (util.t). The block's data is its `script.quiz-data` (tests/contract/blocks/quiz-*.json). */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  function text(el, s) {
    if (el) el.textContent = s;
  }

  /* Scores are shown to two decimals at most. */
  function number(n) {
    return String(S.grading.round(n));
  }

  function Question(root, t) {
    this.root = root;
    this.t = t;
    this.data = S.util.json(root, 'script.quiz-data') || {};
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
    return S.grading.isAnswered(this.data, this.read());
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
      S.util.permutation(items.length, rand).forEach(function (k) {
        var li = items.filter(function (x) {
          return Number(x.dataset.index) === k;
        })[0];
        if (li) list.appendChild(li);
      });
    } else if (d.type === 'order') {
      var perm = S.util.permutation(d.count, rand);
      this.selects().forEach(function (s, k) {
        s.value = String(perm[k]);
        s.dataset.prev = s.value;
      });
    } else if (d.type === 'match') {
      var order = S.util.permutation(d.count, rand);
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
    var t = this.t;
    /* A graded question's key is opened only to show a result. */
    var d = S.grading.open(this.data);
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
            ? number(d.answer) + (d.tolerance ? ' ± ' + number(d.tolerance) : '')
            : number(d.low) + ' – ' + number(d.high);
        label += ' · ' + t('quiz_correct_answer') + ' ' + right;
      }
      mark(root.querySelector('.quiz-number-row'), det.ok ? 'right' : 'wrong', label);
    }
    var verdict = t(result.status === 'right' ? 'quiz_correct' : result.status === 'partial' ? 'quiz_partial' : 'quiz_incorrect');
    text(this.resultEl, verdict + ' ' + t('quiz_points_of', { score: number(result.score), max: number(result.max) }));
    if (reveal && d.explanation && this.explanationEl) {
      this.explanationEl.innerHTML = '<p class="quiz-explanation-title"><strong></strong></p>' + d.explanation;
      text(this.explanationEl.querySelector('strong'), t('quiz_explanation'));
      this.explanationEl.hidden = false;
    }
  };

  /* An unanswered question scores nothing: an order question left as first shown
   * is not the trainee's answer, whatever partial credit its shuffle would earn. */
  Question.prototype.grade = function () {
    return S.grading.score(this.data, this.answered() ? this.read() : null);
  };

  /* The question's number as the trainee sees it ("Question 3 of 20"), first in its
   * legend so that screen readers name the question by it. A graded page's template
   * leaves the place for it (`.quiz-qnum`, which says "Question" where the legend
   * said nothing else), so the page does not move when the number arrives. */
  Question.prototype.number = function (label) {
    var legend = this.fieldset.querySelector('legend');
    if (!legend) return;
    var span = legend.querySelector('.quiz-qnum');
    if (!span) {
      span = S.util.el('span', 'quiz-qnum');
      legend.insertBefore(span, legend.firstChild);
    }
    span.textContent = label;
  };

  Question.prototype.onChange = function (fn) {
    this.fieldset.addEventListener('change', fn);
    this.fieldset.addEventListener('input', fn);
  };

  Question.prototype.focusFirst = function (opts) {
    var el = this.fieldset.querySelector('input, select');
    if (el) el.focus(opts);
  };

  S.QuizQuestion = Question;
})();
