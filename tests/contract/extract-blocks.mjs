#!/usr/bin/env node
// Writes tests/contract/blocks/*.json: the data each interactive block carries in a
// built page, which the theme's scripts read. It builds the fixture courses with the
// syllabus binary and takes one block of each kind and question type from them.
//
// Run it only to change the contract on purpose (a new field the scripts read), then
// review the diff: these files are what the generator must keep writing (README.md).
//
// usage: node tests/contract/extract-blocks.mjs      (SYLLABUS_BIN picks the binary)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const BIN = process.env.SYLLABUS_BIN || path.join(ROOT, 'target', 'debug', 'syllabus');

// file: [fixture course, page in the built site, what to take]. `json` is the class or
// id of a <script type="application/json">, with `id` picking the quiz question.
export const SOURCES = {
  'quiz-single.json': ['valid-quiz', 'lessons/formative.html', { json: 'quiz-data', id: 'f-single' }],
  'quiz-multiple.json': ['valid-quiz', 'lessons/formative.html', { json: 'quiz-data', id: 'f-multiple' }],
  'quiz-truefalse.json': ['valid-quiz', 'lessons/formative.html', { json: 'quiz-data', id: 'f-truefalse' }],
  'quiz-fill.json': ['valid-quiz', 'lessons/formative.html', { json: 'quiz-data', id: 'f-fill' }],
  'quiz-order.json': ['valid-quiz', 'lessons/formative.html', { json: 'quiz-data', id: 'f-order' }],
  'quiz-match.json': ['valid-quiz', 'lessons/formative.html', { json: 'quiz-data', id: 'f-match' }],
  'quiz-numeric.json': ['valid-quiz', 'lessons/formative.html', { json: 'quiz-data', id: 'f-numeric' }],
  'quiz-numeric-range.json': ['valid-quiz', 'lessons/formative.html', { json: 'quiz-data', id: 'f-range' }],
  'quiz-graded-single.json': ['valid-quiz', 'checks/graded.html', { json: 'quiz-data', id: 'g-single' }],
  'quiz-graded-multiple.json': ['valid-quiz', 'checks/graded.html', { json: 'quiz-data', id: 'g-multiple' }],
  'quiz-graded-truefalse.json': ['valid-quiz', 'checks/graded.html', { json: 'quiz-data', id: 'g-truefalse' }],
  'quiz-graded-fill.json': ['valid-quiz', 'checks/graded.html', { json: 'quiz-data', id: 'g-fill' }],
  'quiz-graded-numeric.json': ['valid-quiz', 'checks/graded.html', { json: 'quiz-data', id: 'g-numeric' }],
  'quiz-page.json': ['valid-quiz', 'checks/graded.html', { json: 'quiz-page-data' }],
  'quiz-page-exam.json': ['valid-quiz', 'exam/final.html', { json: 'quiz-page-data' }],
  'quiz-strings.json': ['valid-quiz', 'lessons/formative.html', { json: 'quiz-strings' }],
  'roleplay.json': ['valid-roleplay', 'practice/mooncake.html', { json: 'rp-data' }],
  'roleplay-strings.json': ['valid-roleplay', 'practice/mooncake.html', { json: 'rp-strings' }],
  'assessment.json': ['valid-roleplay', 'basics/style.html', { json: 'as-data' }],
  'assessment-strings.json': ['valid-roleplay', 'basics/style.html', { json: 'as-strings' }],
  'reflect.json': ['valid-roleplay', 'basics/first-thoughts.html', { attributes: 'reflect' }],
  'workbook-items.json': ['valid-roleplay', 'workbook.html', { attributes: 'wb-item' }],
  'workbook-strings.json': ['valid-roleplay', 'workbook.html', { json: 'wb-strings' }],
};

/** Every <script type="application/json"> of a page: [{name (class or id), value}]. */
function scripts(html) {
  const out = [];
  const re = /<script type="application\/json" (?:class|id)="([^"]+)">([\s\S]*?)<\/script>/g;
  for (let m; (m = re.exec(html)); ) out.push({ name: m[1], value: JSON.parse(m[2]) });
  return out;
}

const unescape = (s) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The data-* attributes of every element whose class list starts with `cls`. */
function attributes(html, cls) {
  const out = [];
  const re = new RegExp(`<[a-z]+ class="${cls}[ "][^>]*>`, 'g');
  for (const [tag] of html.matchAll(re)) {
    const data = {};
    for (const [, name, value] of tag.matchAll(/ data-([a-z-]+)(?:="([^"]*)")?/g)) data[name] = value === undefined ? '' : unescape(value);
    out.push(data);
  }
  return out;
}

function build(course, out) {
  const r = spawnSync(BIN, ['build', path.join(ROOT, 'tests', 'fixtures', course), '-o', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building ${course} failed:\n${r.stderr}`);
}

function take(html, what, file) {
  if (what.attributes) {
    const all = attributes(html, what.attributes);
    if (!all.length) throw new Error(`${file}: no .${what.attributes}`);
    return what.attributes === 'wb-item' ? all : all[0];
  }
  const found = scripts(html).filter((s) => s.name === what.json && (!what.id || s.value.id === what.id));
  if (found.length !== 1) throw new Error(`${file}: ${found.length} matches for ${JSON.stringify(what)}`);
  return found[0].value;
}

/** The workbook repeats each assessment's and role-play's data; it must be the same. */
function checkWorkbookData(html, sites) {
  const wbData = scripts(html).filter((s) => s.name === 'wb-data').map((s) => JSON.stringify(s.value));
  for (const [file, name] of [['basics/style.html', 'as-data'], ['practice/mooncake.html', 'rp-data']]) {
    const own = scripts(fs.readFileSync(path.join(sites, file), 'utf8')).find((s) => s.name === name);
    if (!wbData.includes(JSON.stringify(own.value))) throw new Error(`workbook.html: its ${name} differs from ${file}'s`);
  }
}

function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-contract-'));
  try {
    const built = {};
    const dir = path.join(HERE, 'blocks');
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, [course, page, what]] of Object.entries(SOURCES)) {
      if (!built[course]) {
        built[course] = path.join(tmp, course);
        build(course, built[course]);
      }
      const html = fs.readFileSync(path.join(built[course], page), 'utf8');
      if (file === 'workbook-items.json') checkWorkbookData(html, built[course]);
      fs.writeFileSync(path.join(dir, file), JSON.stringify(take(html, what, file), null, 2) + '\n');
      console.log(`wrote tests/contract/blocks/${file}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
