// A course as its trainer wrote it, for tests that play it as a trainee: pages, front
// matter and fenced blocks parsed with the `yaml` package, and the right answers entered
// in the browser by the text a trainee reads. The answer key is the Markdown, never the
// data the page carries, so a generator that wrote a wrong key cannot grade itself right.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** The front matter of a page, parsed (an empty object when there is none). */
export function frontMatter(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  return m ? (YAML.parse(m[1]) ?? {}) : {};
}

/** The fenced quiz / roleplay / assessment / reflect blocks: kind, parsed YAML, id. */
export function blocks(text) {
  const out = [];
  const re = /^(`{3,})(quiz|roleplay|assessment|reflect)[ \t]*\r?\n([\s\S]*?)^\1[ \t]*$/gm;
  for (let m; (m = re.exec(text)); ) {
    const data = YAML.parse(m[3]);
    out.push({ kind: m[2], id: data?.id == null ? null : String(data.id), data });
  }
  return out;
}

/**
 * A course folder read as written: `{ yaml, pages, graded, questions, poolOf, isExam }`.
 * Each page is `{ file, module, url, fm, blocks }`, the URL as the generator names it.
 * Drafts are left out, as `syllabus build` leaves them out.
 */
export function readCourse(dir) {
  const strip = (s) => s.replace(/^\d+[-_]/, '');
  const pages = [];
  for (const d of fs.readdirSync(dir).sort()) {
    const abs = path.join(dir, d);
    if (!/^\d+-/.test(d) || !fs.statSync(abs).isDirectory()) continue;
    const files = fs.readdirSync(abs).filter((f) => f.endsWith('.md'));
    // The module page first, then the pages by name (the numbers order them).
    for (const f of ['index.md', ...files.filter((x) => x !== 'index.md').sort()]) {
      if (!files.includes(f)) continue;
      const text = fs.readFileSync(path.join(abs, f), 'utf8');
      const fm = frontMatter(text);
      if (fm.draft) continue;
      const slug = fm.slug?.trim() || strip(f.replace(/\.md$/, ''));
      pages.push({ file: `${d}/${f}`, module: strip(d), url: `${strip(d)}/${slug}.html`, fm, blocks: blocks(text), index: f === 'index.md' });
    }
  }
  const graded = pages.filter((p) => p.fm.quiz != null);
  const isExam = (p) => p.fm.quiz?.from != null && p.fm.quiz.from !== 'page';
  const quizIdsOn = (p) => p.blocks.filter((b) => b.kind === 'quiz').map((b) => b.id);
  const poolOf = (p) => {
    if (!isExam(p)) return quizIdsOn(p);
    const from = p.fm.quiz.from;
    const source = graded.filter((g) => !isExam(g) && (from === 'course' || from.includes(g.module)));
    return [...source.flatMap(quizIdsOn), ...quizIdsOn(p)];
  };
  const questions = new Map(pages.flatMap((p) => p.blocks.filter((b) => b.kind === 'quiz').map((b) => [b.id, b.data])));
  const yaml = YAML.parse(fs.readFileSync(path.join(dir, 'course.yaml'), 'utf8'));
  return { yaml, pages, graded, questions, poolOf, isExam };
}

/** Markdown as the trainee reads it: emphasis, code and link syntax dropped, white space normalised. */
export function plain(md) {
  return String(md)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const shown = (s) => String(s).replace(/\s+/g, ' ').trim();

/** Picks, in the browser, the answer the Markdown source gives for question `q` into `block`. */
export async function answerFromSource(block, q) {
  const id = q.id;
  switch (q.type) {
    case 'single':
    case 'multiple': {
      // The options a trainee reads, in the order shown, with the input each one labels.
      const options = await block.locator('li.quiz-option').evaluateAll((lis) =>
        lis.map((li) => ({ value: li.querySelector('input').value, text: li.querySelector('label').textContent })),
      );
      const written = q.options.map((o) => plain(o.text));
      assert.deepEqual(options.map((o) => shown(o.text)).sort(), [...written].sort(), `${id}: the options shown are the options written`);
      const right = new Set(q.options.filter((o) => o.correct).map((o) => plain(o.text)));
      for (const o of options) {
        const input = block.locator(`input[value="${o.value}"]`);
        if (right.has(shown(o.text))) await input.check();
        else if (q.type === 'multiple') await input.uncheck();
      }
      break;
    }
    case 'truefalse':
      await block.locator(`input[value="${String(q.answer)}"]`).check();
      break;
    case 'fill': {
      const blanks = block.locator('input.quiz-blank');
      const answers = q.answers.map((a) => (Array.isArray(a) ? a : [a]));
      assert.equal(await blanks.count(), answers.length, `${id}: one input per blank`);
      for (let i = 0; i < answers.length; i++) await blanks.nth(i).fill(String(answers[i][0]));
      break;
    }
    case 'numeric': {
      const value = q.answer ?? (q.range[0] + q.range[1]) / 2;
      await block.locator('input.quiz-number').fill(String(value));
      break;
    }
    case 'order': {
      const selects = block.locator('select');
      assert.equal(await selects.count(), q.items.length, `${id}: one list box per position`);
      // Position i gets item i, picked by its text; picking swaps, so earlier positions stay put.
      for (let i = 0; i < q.items.length; i++) await selectByText(selects.nth(i), plain(q.items[i]), id);
      break;
    }
    case 'match': {
      const slots = block.locator('li.quiz-slot');
      assert.equal(await slots.count(), q.pairs.length, `${id}: one list box per pair`);
      const rightFor = new Map(q.pairs.map((pair) => [plain(pair.left), plain(pair.right)]));
      for (let i = 0; i < q.pairs.length; i++) {
        const left = shown(await slots.nth(i).locator('label').textContent());
        assert.ok(rightFor.has(left), `${id}: "${left}" is not a left-hand side written in the source`);
        await selectByText(slots.nth(i).locator('select'), rightFor.get(left), id);
      }
      break;
    }
    default:
      throw new Error(`unknown question type ${q.type} (${id})`);
  }
}

/** Selects the entry of a list box whose text is `text`. */
export async function selectByText(select, text, id) {
  const entries = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, text: o.textContent })));
  const hit = entries.find((o) => shown(o.text) === text);
  assert.ok(hit, `${id}: no entry "${text}" among ${entries.map((o) => `"${shown(o.text)}"`).join(', ')}`);
  await select.selectOption(hit.value);
}

/** Does a run that ends at `ending` with `score` pass, by the source? */
export const passes = (rp, ending, score) => rp.endings[ending].outcome === 'success' && (typeof rp.pass_score !== 'number' || score >= rp.pass_score);

/** The best-scoring run to a success ending in the source graph: every simple path from `start`. */
export function bestSuccess(rp) {
  let best = null;
  let paths = 0;
  const walk = (at, seen, pathSoFar, score) => {
    rp.nodes[at].choices.forEach((c, i) => {
      const s = score + (c.score ?? 0);
      const p2 = [...pathSoFar, i];
      if (c.next in rp.endings) {
        paths++;
        if (rp.endings[c.next].outcome === 'success' && (!best || s > best.score)) best = { path: p2, score: s, ending: c.next };
      } else if (!seen.has(c.next)) {
        walk(c.next, new Set([...seen, c.next]), p2, s);
      }
    });
  };
  walk(rp.start, new Set([rp.start]), [], 0);
  return { best, paths };
}
