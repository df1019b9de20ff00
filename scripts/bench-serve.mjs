#!/usr/bin/env node
// Benchmarks the trainer's loop on the synthetic course of the build benchmark
// (scripts/bench/corpus.py, 10 modules, the same text for a given seed):
//   (a) full `syllabus build`,
//   (b) save one lesson's body → its rebuilt page on disk, while `syllabus serve` runs,
//   (c) save one lesson's title → that page and its neighbour's navigation on disk.
// (b) and (c) include the watcher's debounce: the clock starts just before the file is
// written and stops when the served output folder holds the new text.
//
// usage: node scripts/bench-serve.mjs [--lessons 1000,10000] [--runs 10] [--bin PATH] [--seed 7]
//
// Build the binary first: `cargo build --release` (the default --bin is target/release/syllabus).
// Prints a Markdown table for docs/benchmarks.md.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = { lessons: [1000, 10000], runs: 10, bin: path.join(ROOT, 'target/release/syllabus'), seed: 7 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const v = process.argv[++i];
  if (a === '--lessons') args.lessons = v.split(',').map(Number);
  else if (a === '--runs') args.runs = Number(v);
  else if (a === '--bin') args.bin = path.resolve(v);
  else if (a === '--seed') args.seed = Number(v);
  else { console.error(`bench-serve: unknown argument ${a}`); process.exit(2); }
}

// Writes the corpus into OUT and returns its page files, relative to OUT.
function generate({ lessons, seed, out }) {
  const r = spawnSync('python3', [path.join(ROOT, 'scripts/bench/corpus.py'), '--lessons', String(lessons),
    '--seed', String(seed), '--format', 'syllabus', '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`corpus.py failed:\n${r.stderr}`);
  const pages = fs.readdirSync(out, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(out, d.name)).filter((f) => f.endsWith('.md')).map((f) => `${d.name}/${f}`))
    .sort();
  return { pages };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const med = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { min: s[0], median: med, max: s[s.length - 1] };
};
const fmt = (st) => `${st.median.toFixed(0)} ms (min ${st.min.toFixed(0)}, max ${st.max.toFixed(0)})`;

async function until(check, what, timeout = 60000) {
  const t0 = Date.now();
  for (;;) {
    if (check()) return;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

const readOr = (p) => { try { return fs.readFileSync(p, 'utf8'); } catch { return ''; } };
const outPage = (rel) => {
  // 03-complaints/00207-lesson-00207.md → complaints/lesson-00207.html
  const [dir, file] = rel.split('/');
  return `${dir.replace(/^\d+-/, '')}/${file.replace(/^\d+-/, '').replace(/\.md$/, '.html')}`;
};

async function bench(n) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `syllabus-bench-${n}-`));
  const course = path.join(work, 'course');
  const { pages } = generate({ lessons: n, seed: args.seed, out: course });
  const result = { n };

  // (a) full build, three times.
  const builds = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(args.bin, ['build', course, '-o', path.join(work, 'public')], { encoding: 'utf8', maxBuffer: 1 << 30 });
    builds.push(ms(t0));
    if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
  }
  result.build = stats(builds);

  // (b), (c) with serve running.
  const served = path.join(work, 'served');
  const child = spawn(args.bin, ['serve', course, '--port', '0', '-o', served], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  try {
    await until(() => out.includes('watching for changes'), 'the first build', 300000);
    // A lesson in the middle module, not its graded quiz page.
    const lessons = pages.filter((p) => /lesson-\d+\.md$/.test(p));
    const mid = Math.floor(lessons.length / 2);
    const rel = lessons[mid];
    const neighbour = lessons[mid + 1];
    const file = path.join(course, rel);
    const page = path.join(served, outPage(rel));
    const nextPage = path.join(served, outPage(neighbour));
    const original = fs.readFileSync(file, 'utf8');
    await until(() => fs.existsSync(page), 'the served page');

    const body = [];
    for (let i = 0; i <= args.runs; i++) {
      const marker = `bench-body-${i}-${Date.now()}`;
      const t0 = process.hrtime.bigint();
      fs.writeFileSync(file, `${original}\n新的一段 new paragraph ${marker}\n`);
      await until(() => readOr(page).includes(marker), `body edit ${i}`);
      if (i > 0) body.push(ms(t0)); // the first run warms caches
      await sleep(150);
    }
    result.body = stats(body);

    const title = [];
    for (let i = 0; i <= args.runs; i++) {
      const marker = `Bench title ${i} ${Date.now()}`;
      const t0 = process.hrtime.bigint();
      fs.writeFileSync(file, original.replace(/^title: .*$/m, `title: "${marker}"`));
      await until(() => readOr(page).includes(marker) && readOr(nextPage).includes(marker), `title edit ${i}`);
      if (i > 0) title.push(ms(t0));
      await sleep(Math.max(300, ms(t0)));
    }
    result.title = stats(title);
    fs.writeFileSync(file, original);
    await sleep(300);
    result.log = log.split('\n').filter((l) => l.startsWith('rebuilt') || l.startsWith('built')).slice(-3);
  } finally {
    child.kill('SIGTERM');
    await sleep(200);
    fs.rmSync(work, { recursive: true, force: true });
  }
  return result;
}

const rows = [];
for (const n of args.lessons) {
  process.stderr.write(`benchmarking ${n} lessons…\n`);
  const r = await bench(n);
  process.stderr.write(`${JSON.stringify(r, null, 1)}\n`);
  rows.push(r);
}
console.log('| lessons | (a) full build | (b) body edit → page on disk | (c) title edit → pages on disk |');
console.log('|---:|---|---|---|');
for (const r of rows) console.log(`| ${r.n.toLocaleString('en')} | ${fmt(r.build)} | ${fmt(r.body)} | ${fmt(r.title)} |`);
