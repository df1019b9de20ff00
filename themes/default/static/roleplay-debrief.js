/* Builds the debrief of a finished role-play run as DOM: outcome, score against the
 * pass score, skill totals with bars, and the transcript with each reply's feedback.
 * Shared by the role-play itself and the workbook. */
(function () {
  'use strict';

  /* Emoticons from Unicode 6, which every current system font set can draw. */
  var MOOD_ICONS = { angry: '😠', upset: '😟', doubtful: '😕', neutral: '😐', satisfied: '😊' };

  var fmt = window.SyllabusPageData.fmt;

  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (html !== undefined) e.innerHTML = html;
    return e;
  }

  function text(tag, cls, value) {
    var e = el(tag, cls);
    e.textContent = value;
    return e;
  }

  function colon(s) {
    return s.rp_colon || ': ';
  }

  function signed(n) {
    return n > 0 ? '+' + n : String(n);
  }

  /* The customer's name with the mood as an icon and a word: colour is never the only signal. */
  function speaker(data, s, mood) {
    var who = el('p', 'rp-who');
    who.appendChild(text('span', 'rp-mood-icon', MOOD_ICONS[mood] || MOOD_ICONS.neutral)).setAttribute('aria-hidden', 'true');
    who.appendChild(document.createTextNode(' '));
    who.appendChild(text('strong', null, data.customer));
    who.appendChild(text('span', 'rp-mood mood-' + mood, fmt(s.rp_mood_shown || '({mood})', { mood: s['mood_' + mood] || mood })));
    return who;
  }

  function outcomeLine(s, res) {
    var p = el('p', 'rp-outcome outcome-' + res.outcome);
    var ok = res.outcome === 'success';
    p.appendChild(text('span', 'rp-outcome-icon', ok ? '✔' : '✖')).setAttribute('aria-hidden', 'true');
    p.appendChild(document.createTextNode(' '));
    p.appendChild(text('strong', null, (s.rp_outcome || 'Outcome') + colon(s)));
    p.appendChild(document.createTextNode(ok ? s.rp_outcome_success : s.rp_outcome_failure));
    return p;
  }

  function scoreLine(data, s, res) {
    var line = typeof data.pass_score === 'number'
      ? fmt(s.rp_score_of, { score: res.score, pass: data.pass_score })
      : fmt(s.rp_score_plain, { score: res.score });
    if (typeof data.best === 'number') line += fmt(s.rp_best_possible, { best: data.best });
    var p = el('p', 'rp-final-score');
    p.appendChild(text('strong', null, (s.rp_score || 'Score') + colon(s)));
    p.appendChild(document.createTextNode(line + ' · '));
    p.appendChild(text('span', res.passed ? 'rp-pass' : 'rp-fail', (res.passed ? '✔ ' : '✖ ') + (res.passed ? s.rp_passed : s.rp_not_passed)));
    return p;
  }

  function skillList(s, res, engine) {
    var ul = el('ul', 'rp-skills');
    res.skills.forEach(function (k) {
      var li = el('li', 'rp-skill');
      li.appendChild(text('span', 'rp-skill-name', k.name));
      li.appendChild(text('span', 'rp-skill-value', k.value + ' / ' + k.best));
      var bar = el('span', 'bar');
      bar.setAttribute('aria-hidden', 'true');
      bar.appendChild(el('span', 'bar-fill w-' + window.SyllabusPageData.barStep(k.value, k.best)));
      li.appendChild(bar);
      ul.appendChild(li);
    });
    return ul;
  }

  /* One transcript entry per reply: what the customer said, the reply, its score and feedback. */
  function transcript(data, s, run) {
    var ol = el('ol', 'rp-transcript');
    run.steps.forEach(function (step) {
      var node = data.nodes[step.node];
      var choice = node.choices[step.choice];
      var li = el('li');
      var said = el('div', 'rp-t-customer');
      said.appendChild(speaker(data, s, node.mood));
      said.appendChild(el('p', 'rp-say', node.say));
      li.appendChild(said);
      var reply = el('div', 'rp-t-you');
      var who = el('p', 'rp-who');
      who.appendChild(text('strong', null, s.rp_you || 'You'));
      who.appendChild(text('span', 'rp-delta', ' ' + signed(step.score) + ' ' + (s.rp_points || 'points')));
      reply.appendChild(who);
      reply.appendChild(el('p', 'rp-say', choice.reply));
      if (choice.feedback) {
        var fb = el('p', 'rp-feedback');
        fb.appendChild(text('strong', null, (s.rp_feedback || 'Feedback') + colon(s)));
        fb.appendChild(el('span', null, choice.feedback));
        reply.appendChild(fb);
      }
      li.appendChild(reply);
      ol.appendChild(li);
    });
    return ol;
  }

  /* Fills `box` with the debrief. `level` is the heading level of its title. */
  function render(box, data, s, run, res, opts) {
    var engine = window.SyllabusRoleplay;
    var level = (opts && opts.level) || 3;
    box.innerHTML = '';
    var h = text('h' + level, 'rp-debrief-title', s.rp_debrief || 'Debrief');
    if (opts && opts.titleId) h.id = opts.titleId;
    box.appendChild(h);
    box.appendChild(outcomeLine(s, res));
    box.appendChild(el('div', 'rp-ending-text', data.endings[res.ending].text));
    box.appendChild(scoreLine(data, s, res));
    if (res.skills.length) {
      box.appendChild(text('h' + (level + 1), null, s.rp_skills_title || 'Skills'));
      box.appendChild(skillList(s, res, engine));
    }
    box.appendChild(text('h' + (level + 1), null, s.rp_transcript || 'Transcript'));
    box.appendChild(transcript(data, s, run));
    return box;
  }

  window.SyllabusDebrief = { render: render, colon: colon, speaker: speaker, fmt: fmt, el: el, text: text, signed: signed };
})();
