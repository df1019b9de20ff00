// The browser cuts text and queries exactly as the generator does: the cases in
// tests/contract/search-tokens.json come from the Rust side (tests/search.rs).
const test = require('node:test');
const assert = require('node:assert/strict');
const E = require('../../themes/default/static/search-engine.js');
const contract = require('../contract/search-tokens.json');

test('index terms and query terms match the generator', () => {
  assert.ok(contract.cases.length >= 10);
  for (const c of contract.cases) {
    assert.ok(Array.isArray(c.terms), `${c.text}: run the Rust side to fill the case`);
    assert.deepEqual(E.terms(c.text), c.terms, c.text);
    assert.deepEqual(E.query(c.text), c.query, c.text);
  }
});

test('which index terms a query term finds matches the generator', () => {
  for (const m of contract.matches) {
    assert.equal(E.matches(E.query(m.query)[0], m.term), m.matches, `${m.query} → ${m.term}`);
  }
});
