// The wording of a role-play debrief: scores with and without a pass score, the
// last-run line, moods as words, signed points.
const test = require('node:test');
const assert = require('node:assert/strict');
const u = require('../../themes/default/static/util.js');
const d = require('../../themes/default/static/roleplay-debrief.js');

const t = u.t({
  mood_angry: 'angry',
  rp_mood_shown: '({mood})',
  rp_points: 'points',
  rp_colon: ': ',
  rp_feedback: 'Feedback',
  rp_score_of: '{score} points, {pass} to pass',
  rp_score_plain: '{score} points',
  rp_best_possible: ' ({best} possible)',
  rp_last_run: 'Last run: {outcome}, {score} points. Best: {best}.',
  rp_outcome_success: 'success',
  rp_outcome_failure: 'not resolved',
});

test('points are signed; zero has no sign', () => {
  assert.equal(d.signed(2), '+2');
  assert.equal(d.signed(-1), '-1');
  assert.equal(d.signed(0), '0');
  assert.equal(d.points(t, 3), '+3 points');
});

test('a mood is an icon and a word; an unknown mood looks neutral', () => {
  assert.equal(d.moodIcon('angry'), '😠');
  assert.equal(d.moodIcon('bored'), d.moodIcon('neutral'));
  assert.equal(d.moodText(t, 'angry'), '(angry)');
});

test('the score line names the pass score and the best possible when there are any', () => {
  const res = { score: 5 };
  assert.equal(d.scoreText({ pass_score: 6, best: 8 }, t, res), '5 points, 6 to pass (8 possible)');
  assert.equal(d.scoreText({ pass_score: null, best: 8 }, t, res), '5 points (8 possible)');
  assert.equal(d.scoreText({}, t, res), '5 points');
});

test('the last-run line says how the saved run ended', () => {
  assert.equal(d.lastRunText(t, { outcome: 'success', score: 8, best: 8 }), 'Last run: success, 8 points. Best: 8.');
  assert.equal(d.lastRunText(t, { outcome: 'failure', score: -3, best: 8 }), 'Last run: not resolved, -3 points. Best: 8.');
  assert.equal(d.label(t, 'rp_feedback'), 'Feedback: ');
});
