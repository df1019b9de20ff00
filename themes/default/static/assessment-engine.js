/* Self-assessment scoring, without the page: category totals from the chosen
 * options, and the band each total falls in. Syllabus.assessment (and
 * module.exports for the unit tests): complete, missing, totals, band, results.
 *
 * data: {categories: [{id, title, max, bands: [{min, max, text}]}],
 *        questions: [{options: [{points: {category: n}}]}]}
 *        (tests/contract/blocks/assessment.json)
 * answers: per question, the chosen option's index or null. */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  /* True when every question has a valid chosen option. */
  function complete(data, answers) {
    return data.questions.every(function (q, i) {
      var a = answers[i];
      return typeof a === 'number' && a >= 0 && a < q.options.length;
    });
  }

  /* Indices (0-based) of the questions still without an answer. */
  function missing(data, answers) {
    var out = [];
    data.questions.forEach(function (q, i) {
      var a = answers[i];
      if (!(typeof a === 'number' && a >= 0 && a < q.options.length)) out.push(i);
    });
    return out;
  }

  /* Points per category id. Unanswered questions add nothing. */
  function totals(data, answers) {
    var sums = {};
    data.categories.forEach(function (c) { sums[c.id] = 0; });
    data.questions.forEach(function (q, i) {
      var opt = typeof answers[i] === 'number' ? q.options[answers[i]] : null;
      if (!opt) return;
      Object.keys(opt.points || {}).forEach(function (k) {
        if (k in sums) sums[k] += opt.points[k];
      });
    });
    return sums;
  }

  /* The band whose inclusive range holds the score, or null. */
  function band(category, score) {
    for (var i = 0; i < category.bands.length; i++) {
      var b = category.bands[i];
      if (score >= b.min && score <= b.max) return b;
    }
    return null;
  }

  /* Per category, in order: its score, maximum and band. */
  function results(data, answers) {
    var sums = totals(data, answers);
    return data.categories.map(function (c) {
      return { id: c.id, title: c.title, score: sums[c.id], max: c.max, band: band(c, sums[c.id]) };
    });
  }

  var api = { complete: complete, missing: missing, totals: totals, band: band, results: results };
  S.assessment = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
