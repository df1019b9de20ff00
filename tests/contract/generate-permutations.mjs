#!/usr/bin/env node
// Writes tests/contract/permutations.json: the order in which a question's options
// (or order items, or match answers) are shown in the built page, for a range of
// question ids and sizes, as the theme's util.js computes it:
//
//   permutation(n, rng(hashString(id)))
//
// The generator (src/blocks/quiz.rs) must produce exactly these; tests/js/contract.test.js
// checks that this file still matches util.js.
//
// usage: node tests/contract/generate-permutations.mjs

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const { permutation, rng, hashString } = require('../../themes/default/static/util.js');

// Ids as trainers write them, defaults as the generator makes them (`module/page#n`),
// and non-ASCII ones: Chinese, and an emoji outside the Basic Multilingual Plane
// (hashed as its two UTF-16 surrogate halves).
export const IDS = ['a', 'greeting-1', 'mod/page#1', 'complaints/steps#12', '退款', '😀x', '', 'retention-cost'];

export function cases() {
  const out = [];
  IDS.forEach((id, i) => {
    // Every size from 1 to 8 for the first three ids, a spread of sizes for the rest.
    const sizes = i < 3 ? [1, 2, 3, 4, 5, 6, 7, 8] : [2, 3, 5, 8];
    for (const n of sizes) out.push({ seed_text: id, n, permutation: permutation(n, rng(hashString(id))) });
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.join(HERE, 'permutations.json');
  const list = cases();
  // One case a line: easy to read in a diff, and plain JSON for any reader.
  fs.writeFileSync(file, '[\n' + list.map((c) => '  ' + JSON.stringify(c)).join(',\n') + '\n]\n');
  console.log(`wrote ${list.length} cases to tests/contract/permutations.json`);
}
