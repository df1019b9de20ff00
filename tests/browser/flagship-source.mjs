// The flagship course as written, for the browser tests that walk it as a trainee
// (flagship.test.mjs, and scorm.test.mjs inside an LMS): pages, front matter and fenced
// blocks read from content/ with the `yaml` package, and the helpers that enter the
// answer a question's source gives. The answer key is the Markdown, never the page.

import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ROOT } from './lib.mjs';
import { blocks, frontMatter } from './course-source.mjs';

// The helpers that read any course and enter its answers live in course-source.mjs.
export { answerFromSource, bestSuccess, blocks, frontMatter, passes, plain, selectByText, shown } from './course-source.mjs';

export const COURSE = path.join(ROOT, 'content');

// ---------------------------------------------------------------------------------------
// The course as written: pages, front matter and fenced blocks, parsed as YAML.

/** Every page of the course: `{ file, module, url, fm, blocks }`, the URL as the generator names it. */
export function coursePages() {
  const strip = (s) => s.replace(/^\d+[-_]/, '');
  const pages = [];
  for (const dir of fs.readdirSync(COURSE).sort()) {
    const abs = path.join(COURSE, dir);
    if (!fs.statSync(abs).isDirectory()) continue;
    for (const f of fs.readdirSync(abs).sort()) {
      if (!f.endsWith('.md')) continue;
      const text = fs.readFileSync(path.join(abs, f), 'utf8');
      const fm = frontMatter(text);
      const slug = fm.slug?.trim() || strip(f.replace(/\.md$/, ''));
      pages.push({ file: `${dir}/${f}`, module: dir, url: `${strip(dir)}/${slug}.html`, fm, blocks: blocks(text) });
    }
  }
  return pages;
}

export const PAGES = coursePages();
export const COURSE_YAML = YAML.parse(fs.readFileSync(path.join(COURSE, 'course.yaml'), 'utf8'));
export const MODULES = [...new Set(PAGES.filter((p) => p.file.endsWith('/index.md')).map((p) => p.module))];
export const GRADED = PAGES.filter((p) => p.fm.quiz != null);
export const ROLEPLAYS = PAGES.filter((p) => p.blocks.some((b) => b.kind === 'roleplay'));
export const ASSESSMENTS = PAGES.filter((p) => p.blocks.some((b) => b.kind === 'assessment'));
export const REFLECT_PAGES = PAGES.filter((p) => /action-plan/.test(p.file) && p.blocks.some((b) => b.kind === 'reflect'));
export const isExam = (p) => p.fm.quiz?.from === 'course';
export const quizIdsOn = (p) => p.blocks.filter((b) => b.kind === 'quiz').map((b) => b.id);
/** What an exam `from: course` draws from: the graded pages that pool their own page, plus its own questions. */
export const poolOf = (p) => (isExam(p) ? [...GRADED.filter((g) => !isExam(g)).flatMap(quizIdsOn), ...quizIdsOn(p)] : quizIdsOn(p));
/** Every question in the course, by id, as written. */
export const QUESTIONS = new Map(PAGES.flatMap((p) => p.blocks.filter((b) => b.kind === 'quiz').map((b) => [b.id, b.data])));
