#!/usr/bin/env node
// Build every course the browser tests use, once, into one folder (default target/test-sites),
// and write manifest.json there: { bin, sites: { <key>: { course, out, ok, diagnostics } } }.
// tests/browser/lib.mjs `buildCourse()` picks these up when SYLLABUS_TEST_SITES points here.
//
// Every course is built even when one fails; a failure is recorded (with the tool's
// diagnostics, also in <key>.log) and printed, and the tests that need that site then fail
// with those diagnostics. Exit status: 1 if any build failed.
//
// usage: node scripts/build-test-sites.mjs [--out DIR]

import fs from 'node:fs';
import path from 'node:path';
import { ROOT, courses, runBuild, siteKey, syllabusBin } from '../tests/browser/lib.mjs';

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const outRoot = path.resolve(
  outIdx >= 0
    ? args[outIdx + 1]
    : process.env.SYLLABUS_TEST_SITES || path.join(path.resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target'), 'test-sites'),
);

// Start clean (a failed build leaves the previous site in place), but only ever delete a
// folder this script made.
if (fs.existsSync(outRoot) && fs.readdirSync(outRoot).length && !fs.existsSync(path.join(outRoot, 'manifest.json'))) {
  console.error(`${outRoot} exists and is not a test-sites folder (no manifest.json): not touching it`);
  process.exit(2);
}
fs.rmSync(outRoot, { recursive: true, force: true });
fs.mkdirSync(outRoot, { recursive: true });

const manifest = { bin: syllabusBin(), sites: {} };
let failed = 0;
for (const { dir } of courses()) {
  for (const drafts of [false, true]) {
    const key = siteKey(dir, { drafts });
    const out = path.join(outRoot, key);
    const started = Date.now();
    try {
      const { stdout, stderr } = runBuild(dir, out, { drafts });
      const output = `${stderr}${stdout}`;
      manifest.sites[key] = { course: path.relative(ROOT, dir) || '.', out, ok: true, diagnostics: output };
      console.log(`  built ${key.padEnd(32)} ${String(Date.now() - started).padStart(5)} ms  -> ${path.relative(ROOT, out)}`);
      const warnings = output.split('\n').filter((l) => /\bwarning\b/.test(l));
      if (warnings.length && !drafts) console.log(warnings.map((l) => `      ${l}`).join('\n'));
    } catch (e) {
      failed++;
      const log = `${out}.log`;
      fs.writeFileSync(log, `${e.message}\n`);
      manifest.sites[key] = { course: path.relative(ROOT, dir), out, ok: false, diagnostics: e.message, log };
      const plainFailed = drafts && manifest.sites[siteKey(dir)]?.ok === false;
      console.log(
        plainFailed
          ? `  FAILED ${key} (as without --drafts; see ${path.relative(ROOT, log)})`
          : `  FAILED ${key}:\n${e.message.replace(/^/gm, '    ')}`,
      );
    }
  }
}
fs.writeFileSync(path.join(outRoot, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
if (failed) console.log(`${failed} build(s) failed`);
process.exit(failed ? 1 : 0);
