/* The debrief of a finished role-play run: outcome, score against the pass score,
 * skill totals with bars, and the transcript with each reply's feedback. Shared by
 * the role-play itself and the workbook.
 *
 * Syllabus.debrief. The wording is pure (module.exports, for the unit tests); `t` is
 * a UI string lookup (util.t) over the block's rp-strings:
 *   moodIcon(mood), moodText(t, mood), signed(n), points(t, n), label(t, key),
 *   scoreText(data, t, res), lastRunText(t, record)
 * and the DOM builders: speaker(data, t, mood), render(box, data, t, run, res, opts). */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  /* Emoticons from Unicode 6, which every current system font set can draw. */
  var MOOD_ICONS = { angry: '😠', upset: '😟', doubtful: '😕', neutral: '😐', satisfied: '😊' };

  function moodIcon(mood) {
    return MOOD_ICONS[mood] || MOOD_ICONS.neutral;
  }

  /* The mood as a word too: colour and icon are never the only signal. */
  function moodText(t, mood) {
    return t('rp_mood_shown', { mood: t('mood_' + mood) });
  }

  function signed(n) {
    return n > 0 ? '+' + n : String(n);
  }

  /* A reply's points: "+2 points". */
  function points(t, n) {
    return signed(n) + ' ' + t('rp_points');
  }

  /* A label before its value: "Feedback: ". */
  function label(t, key) {
    return t(key) + t('rp_colon');
  }

  /* "8 points, 6 needed to pass (8 possible)". */
  function scoreText(data, t, res) {
    var line = typeof data.pass_score === 'number'
      ? t('rp_score_of', { score: res.score, pass: data.pass_score })
      : t('rp_score_plain', { score: res.score });
    if (typeof data.best === 'number') line += t('rp_best_possible', { best: data.best });
    return line;
  }

  /* The line about the saved record (roleplay.record()) above the conversation and
   * in the workbook. */
  function lastRunText(t, record) {
    var outcome = t(record.outcome === 'success' ? 'rp_outcome_success' : 'rp_outcome_failure');
    return t('rp_last_run', { outcome: outcome, score: record.score, best: record.best });
  }

  /* Text fields of the scenario are Markdown rendered at build time: they go in as HTML. */
  function html(tag, className, markup) {
    var e = S.util.el(tag, className);
    e.innerHTML = markup;
    return e;
  }

  /* The customer's name with the mood as an icon and a word. */
  function speaker(data, t, mood) {
    var el = S.util.el;
    var who = el('p', 'rp-who');
    who.appendChild(el('span', 'rp-mood-icon', moodIcon(mood))).setAttribute('aria-hidden', 'true');
    who.appendChild(document.createTextNode(' '));
    who.appendChild(el('strong', null, data.customer));
    who.appendChild(el('span', 'rp-mood mood-' + mood, moodText(t, mood)));
    return who;
  }

  function outcomeLine(t, res) {
    var el = S.util.el;
    var ok = res.outcome === 'success';
    var p = el('p', 'rp-outcome outcome-' + res.outcome);
    p.appendChild(el('span', 'rp-outcome-icon', ok ? '✔' : '✖')).setAttribute('aria-hidden', 'true');
    p.appendChild(document.createTextNode(' '));
    p.appendChild(el('strong', null, label(t, 'rp_outcome')));
    p.appendChild(document.createTextNode(t(ok ? 'rp_outcome_success' : 'rp_outcome_failure')));
    return p;
  }

  function scoreLine(data, t, res) {
    var el = S.util.el;
    var p = el('p', 'rp-final-score');
    p.appendChild(el('strong', null, label(t, 'rp_score')));
    p.appendChild(document.createTextNode(scoreText(data, t, res) + ' · '));
    p.appendChild(el('span', res.passed ? 'rp-pass' : 'rp-fail', (res.passed ? '✔ ' : '✖ ') + t(res.passed ? 'rp_passed' : 'rp_not_passed')));
    return p;
  }

  function skillList(res) {
    var el = S.util.el;
    var ul = el('ul', 'rp-skills');
    res.skills.forEach(function (k) {
      var li = el('li', 'rp-skill');
      li.appendChild(el('span', 'rp-skill-name', k.name));
      li.appendChild(el('span', 'rp-skill-value', k.value + ' / ' + k.best));
      var bar = el('span', 'bar');
      bar.setAttribute('aria-hidden', 'true');
      bar.appendChild(el('span', 'bar-fill w-' + S.util.barStep(k.value, k.best)));
      li.appendChild(bar);
      ul.appendChild(li);
    });
    return ul;
  }

  /* One entry per reply: what the customer said, the reply, its points and feedback. */
  function transcript(data, t, run) {
    var el = S.util.el;
    var ol = el('ol', 'rp-transcript');
    run.steps.forEach(function (step) {
      var node = data.nodes[step.node];
      var choice = node.choices[step.choice];
      var li = el('li');
      var said = el('div', 'rp-t-customer');
      said.appendChild(speaker(data, t, node.mood));
      said.appendChild(html('p', 'rp-say', node.say));
      li.appendChild(said);
      var reply = el('div', 'rp-t-you');
      var who = el('p', 'rp-who');
      who.appendChild(el('strong', null, t('rp_you')));
      who.appendChild(el('span', 'rp-delta', ' ' + points(t, step.score)));
      reply.appendChild(who);
      reply.appendChild(html('p', 'rp-say', choice.reply));
      if (choice.feedback) {
        var fb = el('p', 'rp-feedback');
        fb.appendChild(el('strong', null, label(t, 'rp_feedback')));
        fb.appendChild(html('span', null, choice.feedback));
        reply.appendChild(fb);
      }
      li.appendChild(reply);
      ol.appendChild(li);
    });
    return ol;
  }

  /* Fills `box` with the debrief. opts.level is the heading level of its title,
   * opts.titleId that heading's id. */
  function render(box, data, t, run, res, opts) {
    var el = S.util.el;
    var level = (opts && opts.level) || 3;
    box.innerHTML = '';
    var h = el('h' + level, 'rp-debrief-title', t('rp_debrief'));
    if (opts && opts.titleId) h.id = opts.titleId;
    box.appendChild(h);
    box.appendChild(outcomeLine(t, res));
    box.appendChild(html('div', 'rp-ending-text', data.endings[res.ending].text));
    box.appendChild(scoreLine(data, t, res));
    if (res.skills.length) {
      box.appendChild(el('h' + (level + 1), null, t('rp_skills_title')));
      box.appendChild(skillList(res));
    }
    box.appendChild(el('h' + (level + 1), null, t('rp_transcript')));
    box.appendChild(transcript(data, t, run));
    return box;
  }

  var api = {
    moodIcon: moodIcon,
    moodText: moodText,
    signed: signed,
    points: points,
    label: label,
    scoreText: scoreText,
    lastRunText: lastRunText,
    html: html,
    speaker: speaker,
    render: render,
  };
  S.debrief = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
