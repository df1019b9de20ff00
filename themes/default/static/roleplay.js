/* Plays each role-play on the page: the customer's lines in a live log, the
 * trainee's replies as buttons, feedback per reply, then the debrief and replay.
 * Runs are saved through window.SyllabusProgress (kind `roleplay`). */
(function () {
  'use strict';

  var json = window.SyllabusPageData.json;

  function setup(section) {
    var engine = window.SyllabusRoleplay;
    var D = window.SyllabusDebrief;
    var data = json(section, 'rp-data');
    var s = json(section, 'rp-strings') || {};
    if (!engine || !D || !data) return;
    var store = window.SyllabusProgress || null;
    var stage = section.querySelector('.rp-stage');
    var log = section.querySelector('.rp-log');
    var choices = section.querySelector('.rp-choices');
    var scoreBox = section.querySelector('.rp-score');
    var debrief = section.querySelector('.rp-debrief');
    var last = section.querySelector('.rp-last');
    var nojs = section.querySelector('.rp-nojs');
    if (nojs) nojs.remove();
    stage.hidden = false;
    var run = null;

    function saved() {
      return store ? store.get('roleplay', data.id, data.hash) : null;
    }

    function showLast() {
      var prev = saved();
      if (!prev || typeof prev.score !== 'number') {
        last.hidden = true;
        return;
      }
      var outcome = prev.outcome === 'success' ? s.rp_outcome_success : s.rp_outcome_failure;
      last.textContent = D.fmt(s.rp_last_run, { outcome: outcome, score: prev.score, best: prev.best });
      last.hidden = false;
    }

    function customerLine(name) {
      var node = data.nodes[name];
      var line = D.el('div', 'rp-msg rp-customer mood-' + node.mood);
      line.appendChild(D.speaker(data, s, node.mood));
      line.appendChild(D.el('p', 'rp-say', node.say));
      log.appendChild(line);
    }

    function traineeLine(choice) {
      var line = D.el('div', 'rp-msg rp-trainee');
      var who = D.el('p', 'rp-who');
      who.appendChild(D.text('strong', null, s.rp_you || 'You'));
      line.appendChild(who);
      line.appendChild(D.el('p', 'rp-say', choice.reply));
      if (choice.feedback) {
        var fb = D.el('p', 'rp-feedback');
        fb.appendChild(D.text('strong', null, (s.rp_feedback || 'Feedback') + D.colon(s)));
        fb.appendChild(D.el('span', null, choice.feedback));
        if (data.show_score) fb.appendChild(D.text('span', 'rp-delta', ' ' + D.signed(choice.score || 0) + ' ' + s.rp_points));
        line.appendChild(fb);
      }
      log.appendChild(line);
    }

    function showScore() {
      scoreBox.hidden = !data.show_score;
      scoreBox.textContent = (s.rp_running_score || 'Score:') + ' ' + run.score + ' ' + (s.rp_points || '');
    }

    function showChoices() {
      choices.innerHTML = '';
      choices.hidden = false;
      data.nodes[run.at].choices.forEach(function (c, i) {
        var b = D.el('button', 'rp-choice button', c.reply);
        b.type = 'button';
        b.addEventListener('click', function () { pick(i); });
        choices.appendChild(b);
      });
    }

    function pick(i) {
      var next = engine.choose(data, run, i);
      if (!next) return;
      traineeLine(data.nodes[run.at].choices[i]);
      run = next;
      showScore();
      if (run.ending !== null) {
        finish();
        return;
      }
      customerLine(run.at);
      showChoices();
      var first = choices.querySelector('button');
      if (first) first.focus();
    }

    function finish() {
      choices.innerHTML = '';
      choices.hidden = true;
      var res = engine.result(data, run);
      if (store) store.set('roleplay', data.id, data.hash, engine.record(saved(), res, run));
      var titleId = section.id + '-debrief';
      D.render(debrief, data, s, run, res, { level: 3, titleId: titleId });
      debrief.setAttribute('aria-labelledby', titleId);
      var again = D.text('button', 'button rp-again', s.rp_play_again || 'Play again');
      again.type = 'button';
      again.addEventListener('click', function () {
        begin();
        var first = choices.querySelector('button');
        if (first) first.focus();
      });
      debrief.appendChild(again);
      debrief.hidden = false;
      showLast();
      debrief.focus();
    }

    function begin() {
      run = engine.start(data);
      log.innerHTML = '';
      debrief.hidden = true;
      debrief.innerHTML = '';
      debrief.removeAttribute('aria-labelledby');
      customerLine(run.at);
      showChoices();
      showScore();
    }

    showLast();
    begin();
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-roleplay]'), setup);
  });
})();
