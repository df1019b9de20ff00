// `syllabus export gift` round-trips through gift-pegjs, a parser of Moodle's GIFT
// format: for the flagship course and the quiz fixture, every question GIFT can hold
// comes back with its id as title, its Markdown text, its right answers as written in
// the source, option feedback and the explanation; each module is a $CATEGORY; order
// questions and fills with more than one blank are left out and named in warnings.
// (No browser here: it lives with the tests that run the built binary.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import YAML from 'yaml';
import { ROOT, syllabusBin } from './lib.mjs';
import { blocks, frontMatter } from './flagship-source.mjs';

const require = createRequire(import.meta.url);
const gift = require('gift-pegjs');

/** The course's modules in order, each with its title and the quiz blocks as written. */
function readCourse(dir) {
  const modules = [];
  for (const m of fs.readdirSync(dir).sort()) {
    if (!/^\d+-/.test(m) || !fs.statSync(path.join(dir, m)).isDirectory()) continue;
    const files = fs.readdirSync(path.join(dir, m)).filter((f) => f.endsWith('.md')).sort();
    const title = frontMatter(fs.readFileSync(path.join(dir, m, 'index.md'), 'utf8')).title;
    const questions = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, m, f), 'utf8');
      if (frontMatter(text).draft) continue;
      questions.push(...blocks(text).filter((b) => b.kind === 'quiz').map((b) => b.data));
    }
    modules.push({ title: String(title), questions });
  }
  return modules;
}

const text = (x) => String(x ?? '').trim();
const blanks = (q) => (String(q.prompt).match(/___/g) || []).length;
const exportable = (q) => q.type !== 'order' && !(q.type === 'fill' && (blanks(q) !== 1 || q.answers.length !== 1));

function exportGift(course) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-gift-')), 'q.txt');
  const r = spawnSync(syllabusBin(), ['export', 'gift', course, '-o', out], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 0, r.stderr);
  return { parsed: gift.parse(fs.readFileSync(out, 'utf8')), stderr: r.stderr };
}

/** One question as parsed against the same question as written. */
function compare(q, g) {
  const where = `question ${q.id}`;
  assert.equal(g.title, String(q.id), where);
  assert.equal(g.stem.format, 'markdown', where);
  if (q.type !== 'fill') assert.equal(g.stem.text, text(q.prompt), where);
  if (q.explanation) assert.equal(g.globalFeedback?.text, text(q.explanation), `${where}: explanation`);
  switch (q.type) {
    case 'single':
    case 'multiple': {
      assert.equal(g.type, 'MC', where);
      assert.deepEqual(g.choices.map((c) => c.text.text), q.options.map((o) => text(o.text)), `${where}: options`);
      g.choices.forEach((c, i) => {
        const o = q.options[i];
        if (q.type === 'single') assert.equal(c.isCorrect, o.correct === true, `${where}: option ${i}`);
        else assert.equal(c.weight > 0, o.correct === true, `${where}: weight of option ${i}`);
        if (o.feedback) assert.equal(c.feedback?.text, text(o.feedback), `${where}: feedback ${i}`);
      });
      if (q.type === 'multiple') {
        const sum = g.choices.filter((c) => c.weight > 0).reduce((s, c) => s + c.weight, 0);
        assert.ok(Math.abs(sum - 100) < 0.01, `${where}: right options add up to 100%, not ${sum}`);
      }
      break;
    }
    case 'truefalse':
      assert.equal(g.type, 'TF', where);
      assert.equal(g.isTrue, q.answer, where);
      break;
    case 'fill': {
      assert.equal(g.type, 'Short', where);
      const accepted = Array.isArray(q.answers[0]) ? q.answers[0] : [q.answers[0]];
      assert.deepEqual(g.choices.map((c) => c.text.text), accepted.map(text), `${where}: accepted answers`);
      assert.ok(g.choices.every((c) => c.isCorrect), where);
      break;
    }
    case 'match':
      assert.equal(g.type, 'Matching', where);
      assert.deepEqual(
        g.matchPairs.map((p) => [p.subquestion.text, p.subanswer]),
        q.pairs.map((p) => [text(p.left), text(p.right)]),
        `${where}: pairs`,
      );
      break;
    case 'numeric':
      assert.equal(g.type, 'Numerical', where);
      if (q.range) assert.deepEqual([g.choices.numberLow, g.choices.numberHigh], q.range, where);
      else assert.deepEqual([g.choices.number, g.choices.range], [q.answer, q.tolerance ?? 0], where);
      break;
    default:
      assert.fail(`${where}: ${q.type} should not be exported`);
  }
}

for (const [name, dir] of [
  ['the flagship course', path.join(ROOT, 'content')],
  ['the quiz fixture', path.join(ROOT, 'tests/fixtures/valid-quiz')],
]) {
  test(`GIFT export of ${name} round-trips through gift-pegjs`, () => {
    const modules = readCourse(dir);
    const { parsed, stderr } = exportGift(dir);
    const course = YAML.parse(fs.readFileSync(path.join(dir, 'course.yaml'), 'utf8'));
    const want = [];
    for (const m of modules) {
      const qs = m.questions.filter(exportable);
      if (qs.length) want.push({ category: `$course$/top/${course.title}/${m.title}`.replace(/\/\//g, '/'), qs });
    }
    const got = [];
    for (const g of parsed) {
      if (g.type === 'Category') got.push({ category: g.title, items: [] });
      else got.at(-1).items.push(g);
    }
    assert.deepEqual(got.map((c) => c.category), want.map((c) => c.category), 'one category per module with questions, in order');
    got.forEach((c, i) => {
      assert.deepEqual(c.items.map((g) => g.title), want[i].qs.map((q) => String(q.id)), `${c.category}: questions in order`);
      c.items.forEach((g, k) => compare(want[i].qs[k], g));
    });
    // What GIFT cannot hold is named, one warning each.
    const left = modules.flatMap((m) => m.questions).filter((q) => !exportable(q));
    for (const q of left) assert.match(stderr, new RegExp(`warning: question \`${q.id}\` is left out of the GIFT export`), stderr);
    assert.equal((stderr.match(/is left out of the GIFT export/g) || []).length, left.length);
  });
}
