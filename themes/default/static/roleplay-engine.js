/* Role-play rules, without the page: where a reply leads, the running score, skill
 * totals and whether a run passed. A run is the list of choice indices picked from
 * `start`, so a saved run replays to the same transcript while the scenario (its
 * hash) is unchanged.
 *
 * Syllabus.roleplay (and module.exports, for the unit tests): start, choose, replay,
 * passed, skillTotals, result, record.
 *
 * data: {start, pass_score, skills: [...], skill_best: {skill: n}, best,
 *        nodes: {name: {say, mood, choices: [{reply, next, score, skills, feedback}]}},
 *        endings: {name: {outcome, text}}}  (tests/contract/blocks/roleplay.json) */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  function has(obj, key) {
    return obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key);
  }

  /* A fresh run at the start node. */
  function start(data) {
    return { at: data.start, path: [], steps: [], score: 0, skills: {}, ending: null };
  }

  /* The run after picking choice `index` where it stands; null when that is not a
   * choice there (a stale or tampered saved run). Runs are never changed in place. */
  function choose(data, run, index) {
    if (run.ending !== null || !has(data.nodes, run.at)) return null;
    var node = data.nodes[run.at];
    var choice = node.choices[index];
    if (!choice) return null;
    var skills = {};
    Object.keys(run.skills).forEach(function (k) { skills[k] = run.skills[k]; });
    Object.keys(choice.skills || {}).forEach(function (k) {
      skills[k] = (skills[k] || 0) + choice.skills[k];
    });
    var isEnding = has(data.endings, choice.next);
    if (!isEnding && !has(data.nodes, choice.next)) return null;
    return {
      at: choice.next,
      path: run.path.concat([index]),
      steps: run.steps.concat([{ node: run.at, choice: index, next: choice.next, score: choice.score || 0 }]),
      score: run.score + (choice.score || 0),
      skills: skills,
      ending: isEnding ? choice.next : null,
    };
  }

  /* Replays saved choice indices from the start; null if any no longer fits. */
  function replay(data, path) {
    if (!Array.isArray(path)) return null;
    var run = start(data);
    for (var i = 0; i < path.length; i++) {
      run = choose(data, run, path[i]);
      if (!run) return null;
    }
    return run;
  }

  /* A run passes at a success ending with at least pass_score (when there is one). */
  function passed(data, outcome, score) {
    if (outcome !== 'success') return false;
    return typeof data.pass_score !== 'number' || score >= data.pass_score;
  }

  /* Per declared skill, in declared order: what the run collected and the most it could. */
  function skillTotals(data, run) {
    return (data.skills || []).map(function (name) {
      var best = data.skill_best && typeof data.skill_best[name] === 'number' ? data.skill_best[name] : 0;
      return { name: name, value: run.skills[name] || 0, best: best };
    });
  }

  /* What the debrief shows for a finished run; null while it is still going. */
  function result(data, run) {
    if (run.ending === null) return null;
    var ending = data.endings[run.ending];
    return {
      ending: run.ending,
      outcome: ending.outcome,
      score: run.score,
      passed: passed(data, ending.outcome, run.score),
      skills: skillTotals(data, run),
    };
  }

  /* The record kept in the progress store after a run: the best score so far, whether
   * any run passed, and the last run to replay in the workbook. */
  function record(previous, res, run) {
    var prev = previous && typeof previous === 'object' ? previous : null;
    var best = prev && typeof prev.best === 'number' ? Math.max(prev.best, res.score) : res.score;
    return {
      best: best,
      passed: Boolean(res.passed || (prev && prev.passed)),
      outcome: res.outcome,
      ending: res.ending,
      score: res.score,
      path: run.path,
      runs: (prev && typeof prev.runs === 'number' ? prev.runs : 0) + 1,
    };
  }

  var api = {
    start: start,
    choose: choose,
    replay: replay,
    passed: passed,
    skillTotals: skillTotals,
    result: result,
    record: record,
  };
  S.roleplay = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
