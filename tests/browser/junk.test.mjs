// The flagship course was written from scanned source material; none of the junk that
// document-sharing sites stamp on such files (disclaimers, watermarks, page counts, file
// titles such as "PPT课件"), none of the motivational slides the decks end with and none of
// the unrelated regulation paragraph may survive, neither in content/ nor in the built
// site. No browser needed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, buildCourse, listFiles } from './lib.mjs';

export const JUNK_STRINGS = [
  '百度文库',
  '合集下载',
  '下载文档前请自行甄别',
  '仅部分预览',
  '精选课件',
  '编辑版ppt',
  '为了规范事业单位',
  'WPS官方微博',
  'Make Presentation much more fun',
  '实用资料',
  '人工客服工作时间',
  '事业单位聘用',
  'kingsoftwps',
  'ppt课件',
  '课件ppt',
  '相关文档',
  '最新文档',
  // Motivational slides the decks end with; none of them belongs in a lesson.
  '不是井里没有水',
  '成功的反义词不是失败',
  '三军可夺帅也',
  '别把时间浪费在解释上',
  '给自己一个放松的理由',
];
/** Page counts such as "(ppt 42页)", "(共30页)", "(12页)" — ASCII or full-width brackets. */
export const PAGE_COUNT = /[((](?:ppt\s*)?(?:共)?\d+页[))]/i;

const BINARY = /\.(png|jpe?g|gif|webp|avif|ico|mp4|webm|mp3|ogg|wav|woff2?|ttf|otf|zip|gz|pdf)$/i;

/** Every junk string in `text`, with its line number. */
export function findJunk(text) {
  const hits = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const lower = line.toLowerCase();
    for (const s of JUNK_STRINGS) {
      if (lower.includes(s.toLowerCase())) hits.push({ line: i + 1, what: s });
    }
    const m = line.match(new RegExp(PAGE_COUNT.source, 'gi'));
    for (const hit of m || []) hits.push({ line: i + 1, what: `page count ${hit}` });
  });
  return hits;
}

function scan(dir, label) {
  const found = [];
  const files = listFiles(dir, { filter: (f) => !BINARY.test(f) });
  for (const rel of files) {
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    for (const { line, what } of findJunk(text)) found.push(`${label}/${rel}:${line}: "${what}"`);
  }
  return { files: files.length, found };
}

test('the junk detector finds what it should and nothing else', () => {
  assert.deepEqual(findJunk('正文\n客户服务(ppt 42页)\n(共30页) 下载\n百度文库 精选课件'), [
    { line: 2, what: 'page count (ppt 42页)' },
    { line: 3, what: 'page count (共30页)' },
    { line: 4, what: '百度文库' },
    { line: 4, what: '精选课件' },
  ]);
  assert.deepEqual(findJunk('见第 3 页。共有 30 页的手册(见附录)。'), []);
  assert.deepEqual(
    findJunk('客户服务PPT课件\n为了规范事业单位聘用关系\n1、不是井里没有水，而是你挖的不够深。').map((h) => h.what),
    ['ppt课件', '为了规范事业单位', '事业单位聘用', '不是井里没有水'],
  );
  // The course's own words for its sources are not junk.
  assert.deepEqual(findJunk('本模块取材于几份企业内训课件和幻灯片。'), []);
  assert.equal(findJunk('make presentation MUCH more fun').length, 1);
});

test('content/ (the flagship course source) has no junk strings', () => {
  const dir = path.join(ROOT, 'content');
  const { files, found } = scan(dir, 'content');
  assert.ok(files > 0, 'content/ is empty');
  assert.deepEqual(found, [], `junk in ${found.length} place(s):\n  ${found.join('\n  ')}`);
});

test('the built flagship site has no junk strings', () => {
  const site = buildCourse(path.join(ROOT, 'content'));
  const label = site.startsWith(ROOT + path.sep) ? path.relative(ROOT, site) : site;
  const { files, found } = scan(site, label);
  assert.ok(files > 0, 'the built site is empty');
  assert.deepEqual(found, [], `junk in ${found.length} place(s):\n  ${found.join('\n  ')}`);
});
