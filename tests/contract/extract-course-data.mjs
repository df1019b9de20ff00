#!/usr/bin/env node
// Writes tests/contract/course-data.json: the object the course data script
// (theme/course.<hash>.js) sets as window.SyllabusCourse, taken from a build of
// tests/fixtures/valid-journey. completion.js, review-engine.js and transfer.js read it;
// their tests (tests/js/) run on this file, and tests/journey.rs checks that the
// generator still writes it (hashes aside).
//
// Run it only to change the contract on purpose, then review the diff.
//
// usage: node tests/contract/extract-course-data.mjs      (SYLLABUS_BIN picks the binary)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const BIN = process.env.SYLLABUS_BIN || path.join(ROOT, 'target', 'debug', 'syllabus');

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-contract-'));
try {
  const site = path.join(out, 'site');
  const r = spawnSync(BIN, ['build', path.join(ROOT, 'tests', 'fixtures', 'valid-journey'), '-o', site], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building valid-journey failed:\n${r.stderr}`);
  const file = fs.readdirSync(path.join(site, 'theme')).find((f) => /^course\.[0-9a-f]+\.js$/.test(f));
  const window = {};
  vm.runInNewContext(fs.readFileSync(path.join(site, 'theme', file), 'utf8'), { window });
  fs.writeFileSync(path.join(HERE, 'course-data.json'), JSON.stringify(window.SyllabusCourse, null, 2) + '\n');
  console.log('wrote tests/contract/course-data.json');
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
