#!/usr/bin/env node
// Seeds the fuzz corpora from the fixture courses (tests/fixtures/*) and the
// flagship course (content/): every page for `front_matter` and `page`, every
// interactive block for `block`, and each small fixture course as a folder tree
// for `course` (the format fuzz_targets/course.rs reads). Existing corpus files
// are kept; seeds are named by their content hash, so rerunning adds nothing twice.
//
// usage: node fuzz/seed-corpora.mjs   (from anywhere)
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const fuzz = dirname(fileURLToPath(import.meta.url));
const root = dirname(fuzz);
const courses = [
  ...readdirSync(join(root, 'tests/fixtures')).map((d) => join(root, 'tests/fixtures', d)),
  join(root, 'content'),
];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function seed(target, bytes) {
  const dir = join(fuzz, 'corpus', target);
  mkdirSync(dir, { recursive: true });
  const name = createHash('sha1').update(bytes).digest('hex');
  writeFileSync(join(dir, name), bytes);
}

// Fenced interactive blocks of a page, as `<kind>[ graded]\n<yaml>`.
function blocks(text) {
  const graded = /^---\n[\s\S]*?^quiz:/m.test(text) ? ' graded' : '';
  const out = [];
  const re = /^(\s*)(`{3,}|~{3,})(quiz|roleplay|assessment|reflect)\s*\n([\s\S]*?)^\1\2\s*$/gm;
  for (const m of text.matchAll(re)) out.push(`${m[3]}${m[3] === 'quiz' ? graded : ''}\n${m[4]}`);
  return out;
}

const counts = { front_matter: 0, page: 0, block: 0, course: 0 };
for (const course of courses) {
  const all = files(course);
  let tree = '';
  for (const f of all) {
    const text = readFileSync(f);
    const rel = relative(course, f);
    if (f.endsWith('.md')) {
      seed('front_matter', text);
      seed('page', text);
      counts.front_matter++;
      counts.page++;
      for (const b of blocks(text.toString('utf8'))) {
        seed('block', Buffer.from(b));
        counts.block++;
      }
    }
    if (/\.(md|yaml|txt|html|css|js)$/.test(f)) tree += `=== ${rel}\n${text}`;
  }
  // The flagship is too large to be a useful fuzz input; its pages seed the others.
  if (tree.length < 64 * 1024) {
    seed('course', Buffer.from(tree));
    counts.course++;
  }
}
console.log(Object.entries(counts).map(([t, n]) => `${t}: ${n}`).join(', '));
