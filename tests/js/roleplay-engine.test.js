// Role-play rules: where a reply leads, scoring, skill totals, pass/fail, replay.
const test = require('node:test');
const assert = require('node:assert/strict');
const rp = require('../../themes/default/static/roleplay-engine.js');

const data = {
  start: 'open',
  pass_score: 3,
  skills: ['listen', 'empathy'],
  skill_best: { listen: 2, empathy: 1 },
  best: 4,
  nodes: {
    open: {
      say: 'Your cake had a bug in it!',
      mood: 'angry',
      choices: [
        { reply: 'Impossible.', next: 'lost', score: -2, skills: { empathy: -1 } },
        { reply: 'I am sorry. Tell me more?', next: 'details', score: 2, skills: { listen: 1, empathy: 1 } },
      ],
    },
    details: {
      say: 'I bought it yesterday.',
      mood: 'upset',
      choices: [
        { reply: 'Do you have the receipt?', next: 'kept', score: 2, skills: { listen: 1 } },
        { reply: 'Here is a refund.', next: 'kept', score: 0, skills: {} },
        { reply: 'Let me ask again.', next: 'details', score: 0, skills: {} },
      ],
    },
  },
  endings: {
    kept: { outcome: 'success', text: 'She stays.' },
    lost: { outcome: 'failure', text: 'She leaves.' },
  },
};

test('a run starts at the start node with nothing scored', () => {
  assert.deepEqual(rp.start(data), { at: 'open', path: [], steps: [], score: 0, skills: {}, ending: null });
});

test('a reply moves to its next node and adds its score and skills', () => {
  const run = rp.choose(data, rp.start(data), 1);
  assert.equal(run.at, 'details');
  assert.equal(run.score, 2);
  assert.deepEqual(run.skills, { listen: 1, empathy: 1 });
  assert.deepEqual(run.path, [1]);
  assert.equal(run.ending, null);
});

test('choosing never changes the run it starts from', () => {
  const first = rp.start(data);
  rp.choose(data, first, 1);
  assert.deepEqual(first.path, []);
  assert.equal(first.score, 0);
});

test('a reply whose next is an ending finishes the run', () => {
  const run = rp.choose(data, rp.choose(data, rp.start(data), 1), 0);
  assert.equal(run.ending, 'kept');
  assert.equal(run.score, 4);
  assert.deepEqual(run.skills, { listen: 2, empathy: 1 });
  assert.equal(rp.choose(data, run, 0), null, 'nothing to choose after an ending');
});

test('a choice that does not exist gives null', () => {
  assert.equal(rp.choose(data, rp.start(data), 7), null);
  assert.equal(rp.choose(data, rp.start(data), -1), null);
});

test('a success ending with enough points passes; below pass_score or a failure does not', () => {
  const good = rp.replay(data, [1, 0]);
  assert.deepEqual(rp.result(data, good), {
    ending: 'kept',
    outcome: 'success',
    score: 4,
    passed: true,
    skills: [
      { name: 'listen', value: 2, best: 2 },
      { name: 'empathy', value: 1, best: 1 },
    ],
  });
  const low = rp.replay(data, [1, 1]);
  assert.equal(rp.result(data, low).score, 2);
  assert.equal(rp.result(data, low).passed, false, 'success ending but below pass_score');
  const lost = rp.replay(data, [0]);
  assert.equal(rp.result(data, lost).outcome, 'failure');
  assert.equal(rp.result(data, lost).passed, false);
  assert.equal(rp.result(data, rp.start(data)), null, 'no result while the run goes on');
});

test('without pass_score any success ending passes', () => {
  assert.equal(rp.passed({}, 'success', -5), true);
  assert.equal(rp.passed({}, 'failure', 10), false);
});

test('a run can loop through a node and replays to the same transcript', () => {
  const run = rp.replay(data, [1, 2, 2, 0]);
  assert.equal(run.ending, 'kept');
  assert.deepEqual(run.steps.map((s) => s.node), ['open', 'details', 'details', 'details']);
  assert.equal(run.score, 4);
});

test('a saved path that no longer fits replays to null', () => {
  assert.equal(rp.replay(data, [1, 9]), null);
  assert.equal(rp.replay(data, 'nonsense'), null);
  assert.equal(rp.replay(data, [0, 0]), null, 'choices after an ending');
});

test('a choice whose next names nothing is refused', () => {
  const broken = { ...data, nodes: { open: { say: '', mood: 'neutral', choices: [{ reply: '', next: 'nowhere' }] } } };
  assert.equal(rp.choose(broken, rp.start(broken), 0), null);
});


test('the stored record keeps the best score, any pass, and the last run', () => {
  const win = rp.replay(data, [1, 0]);
  const first = rp.record(null, rp.result(data, win), win);
  assert.deepEqual(first, { best: 4, passed: true, outcome: 'success', ending: 'kept', score: 4, path: [1, 0], runs: 1 });
  const loss = rp.replay(data, [0]);
  const second = rp.record(first, rp.result(data, loss), loss);
  assert.deepEqual(second, { best: 4, passed: true, outcome: 'failure', ending: 'lost', score: -2, path: [0], runs: 2 });
  assert.equal(rp.record('junk', rp.result(data, loss), loss).runs, 1, 'a corrupt previous record is ignored');
});
