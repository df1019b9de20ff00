/* Plays each role-play on the page: the customer's lines in a live log, the
 * trainee's replies as buttons, feedback per reply, then the debrief and replay.
 * The rules are roleplay-engine.js's, the debrief roleplay-debrief.js's; runs are
 * saved in Syllabus.store (kind `roleplay`). */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  function setup(section) {
    var U = S.util;
    var engine = S.roleplay;
    var D = S.debrief;
    var store = S.store;
    var el = U.el;
    var data = U.json(section, 'script.rp-data');
    if (!data) return;
    var t = U.t(U.json(section, 'script.rp-strings'));
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
      return store.get('roleplay', data.id, data.hash);
    }

    function showLast() {
      var prev = saved();
      if (!prev || typeof prev.score !== 'number') {
        last.hidden = true;
        return;
      }
      last.textContent = D.lastRunText(t, prev);
      last.hidden = false;
    }

    function customerLine(name) {
      var node = data.nodes[name];
      var line = el('div', 'rp-msg rp-customer mood-' + node.mood);
      line.appendChild(D.speaker(data, t, node.mood));
      line.appendChild(D.html('p', 'rp-say', node.say));
      log.appendChild(line);
    }

    function traineeLine(choice) {
      var line = el('div', 'rp-msg rp-trainee');
      var who = el('p', 'rp-who');
      who.appendChild(el('strong', null, t('rp_you')));
      line.appendChild(who);
      line.appendChild(D.html('p', 'rp-say', choice.reply));
      if (choice.feedback) {
        var fb = el('p', 'rp-feedback');
        fb.appendChild(el('strong', null, D.label(t, 'rp_feedback')));
        fb.appendChild(D.html('span', null, choice.feedback));
        if (data.show_score) fb.appendChild(el('span', 'rp-delta', ' ' + D.points(t, choice.score || 0)));
        line.appendChild(fb);
      }
      log.appendChild(line);
    }

    function showScore() {
      scoreBox.hidden = !data.show_score;
      scoreBox.textContent = t('rp_running_score') + ' ' + run.score + ' ' + t('rp_points');
    }

    function showChoices() {
      choices.innerHTML = '';
      choices.hidden = false;
      data.nodes[run.at].choices.forEach(function (c, i) {
        var b = D.html('button', 'rp-choice button', c.reply);
        b.type = 'button';
        b.addEventListener('click', function () {
          pick(i);
        });
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
      store.set('roleplay', data.id, data.hash, engine.record(saved(), res, run));
      var titleId = section.id + '-debrief';
      D.render(debrief, data, t, run, res, { level: 3, titleId: titleId });
      debrief.setAttribute('aria-labelledby', titleId);
      var again = el('button', 'button rp-again', t('rp_play_again'));
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
