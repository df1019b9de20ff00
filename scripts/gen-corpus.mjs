#!/usr/bin/env node
// Writes a synthetic syllabus course for benchmarks: N lessons in modules of about
// 20, realistic mixed Chinese/English text, tables, links between lessons, alerts,
// a few formative questions and one graded quiz page per module. The same seed
// always gives the same course, byte for byte.
//
// usage: node scripts/gen-corpus.mjs --lessons 1000 [--seed 1] [--per-module 20] --out DIR
//
// DIR must not exist or be empty. The course builds with 0 errors and 0 warnings.
// Also usable as a module: `import { generate } from './gen-corpus.mjs'`.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A small seeded PRNG (mulberry32): deterministic across machines and Node versions. */
export function rng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = [
  ['倾听顾客', 'active listening'], ['处理投诉', 'complaint handling'], ['电话礼仪', 'phone etiquette'],
  ['退换货流程', 'returns and exchanges'], ['挽留客户', 'customer retention'], ['情绪管理', 'managing emotions'],
  ['产品知识', 'product knowledge'], ['会员权益', 'loyalty programme'], ['在线客服', 'live chat'],
  ['售后跟进', 'after-sales follow-up'], ['服务补救', 'service recovery'], ['质量标准', 'quality standards'],
];
const ZH = [
  '顾客打来电话时，先确认对方的姓名和订单号，再请对方描述问题。',
  '当顾客情绪激动时，不要急于解释，先表达理解和歉意。',
  '复述顾客的需求，可以避免误解，也让顾客感到被重视。',
  '如果问题不能当场解决，要告诉顾客下一步做什么、什么时候回复。',
  '每一次投诉都是改进服务的机会，记录下来并在周会上讨论。',
  '承诺的时间一定要兑现；做不到时，提前联系顾客说明原因。',
  '使用积极的语言，例如“我来帮您处理”，而不是“这不归我管”。',
  '结束通话前，询问顾客是否还有其他需要帮助的地方。',
  '老顾客的流失往往不是因为一次失误，而是因为失误之后没人跟进。',
  '在系统中填写工单时，写清楚问题、处理过程和结果。',
];
const EN = [
  'Use the customer\'s name, and confirm the order number before anything else.',
  'An apology is not an admission of fault; it acknowledges how the customer feels.',
  'Summarise what you heard in one sentence, then ask "Did I get that right?"',
  'Set a clear next step with a time: "I will call you back before 5 pm today."',
  'Retention costs far less than acquisition, often five to six times less.',
  'Log every complaint in the CRM with the root cause, not just the symptom.',
  'Close the loop: a follow-up call 24 hours later turns a complaint into loyalty.',
  'Avoid jargon such as SKU or RMA; say "product code" and "return number".',
];
const ALERTS = ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION', 'CASE', 'DISCUSS'];

/** A YAML scalar: JSON strings are valid YAML double-quoted strings. */
const q = (s) => JSON.stringify(s);

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function paragraph(r) {
  const n = 2 + Math.floor(r() * 4);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(r() < 0.6 ? pick(r, ZH) : pick(r, EN));
  return parts.join(r() < 0.5 ? '' : ' ');
}

function table(r) {
  const rows = 3 + Math.floor(r() * 4);
  const lines = ['| 场景 Scenario | 做法 What to do | 时限 Time |', '|---|---|---|'];
  for (let i = 0; i < rows; i++) {
    const [zh, en] = pick(r, TOPICS);
    lines.push(`| ${zh} (${en}) | ${pick(r, ZH).slice(0, 18)} | ${1 + Math.floor(r() * 48)} 小时 |`);
  }
  return lines.join('\n');
}

function question(r, id, graded) {
  const kind = pick(r, ['single', 'truefalse', 'multiple', 'numeric']);
  const idLine = `id: ${id}\n`;
  switch (kind) {
    case 'single':
      return `\`\`\`quiz\n${idLine}type: single\nprompt: 顾客情绪激动时，第一步应该做什么？ (${id})\noptions:\n  - text: 表达理解和歉意\n    correct: true\n  - text: 解释公司规定\n  - text: 请顾客冷静\n\`\`\``;
    case 'truefalse':
      return `\`\`\`quiz\n${idLine}type: truefalse\nprompt: Follow-up calls make customers more likely to stay. (${id})\nanswer: true\n\`\`\``;
    case 'multiple':
      return `\`\`\`quiz\n${idLine}type: multiple\nprompt: 以下哪些是好的做法？ (${id})\noptions:\n  - text: 复述顾客需求\n    correct: true\n  - text: 承诺做不到的时间\n  - text: 记录工单\n    correct: true\n\`\`\``;
    default:
      return `\`\`\`quiz\n${idLine}type: numeric\nprompt: 标准退款需要几个工作日？ (${id})\nanswer: 5\ntolerance: ${graded ? 0 : 1}\n\`\`\``;
  }
}

/** Writes the course; returns {modules, lessons, files} and the path of a sample lesson. */
export function generate({ lessons, seed = 1, perModule = 20, out }) {
  const r = rng(seed);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
    throw new Error(`${out} exists and is not empty`);
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'course.yaml'),
    `id: bench-${lessons}-${seed}\ntitle: 客户服务基准课程 (${lessons} lessons)\nlanguage: zh-CN\ndescription: A synthetic course for build benchmarks.\npass_mark: 80\n`);
  const modules = Math.ceil(lessons / perModule);
  const width = String(modules).length < 2 ? 2 : String(modules).length;
  let written = 0;
  const pages = [];
  for (let m = 0; m < modules; m++) {
    const count = Math.min(perModule, lessons - m * perModule);
    const [zh, en] = TOPICS[m % TOPICS.length];
    const dir = `${String(m + 1).padStart(width, '0')}-module-${m + 1}`;
    fs.mkdirSync(path.join(out, dir));
    fs.writeFileSync(path.join(out, dir, 'index.md'),
      `---\ntitle: ${q(`第 ${m + 1} 单元：${zh} (${en})`)}\nsummary: ${q(pick(r, ZH))}\nobjectives:\n  - ${q(pick(r, ZH))}\n  - ${q(pick(r, EN))}\n---\n${paragraph(r)}\n`);
    for (let l = 0; l < count; l++) {
      const graded = l === count - 1 && count > 1;
      const file = `${String(l + 1).padStart(3, '0')}-lesson-${l + 1}.md`;
      const rel = `${dir}/${file}`;
      const id = `m${m + 1}-l${l + 1}`;
      let body = '';
      if (graded) {
        body += `---\ntitle: ${q(`第 ${m + 1} 单元测验 Quiz ${m + 1}`)}\nsummary: ${q(pick(r, ZH))}\nduration: 10\nquiz:\n  pass_mark: 60\n---\n`;
        body += `${paragraph(r)}\n\n`;
        for (let q = 1; q <= 3; q++) body += `${question(r, `${id}-q${q}`, true)}\n\n`;
      } else {
        body += `---\ntitle: ${q(`${zh} ${l + 1}：${pick(r, ZH).slice(0, 10)}`)}\nsummary: ${q(pick(r, EN))}\nduration: ${5 + Math.floor(r() * 20)}\n---\n`;
        body += `## 要点 Key points\n\n${paragraph(r)}\n\n${paragraph(r)}\n\n`;
        body += `> [!${pick(r, ALERTS)}]\n> ${pick(r, ZH)}\n\n`;
        body += `## 场景 Scenarios\n\n${table(r)}\n\n${paragraph(r)}\n\n`;
        if (l > 0) {
          const prev = `${String(l).padStart(3, '0')}-lesson-${l}.md`;
          body += `复习[上一课](${prev}#要点-key-points)，或回到[单元首页](index.md)。\n\n`;
        }
        if (m > 0 && l === 0) {
          const pdir = `${String(m).padStart(width, '0')}-module-${m}`;
          body += `See also [the previous module](../${pdir}/index.md).\n\n`;
        }
        if (l % 5 === 2) body += `## 练习 Practice\n\n${question(r, id, false)}\n\n`;
        body += `## 小结 Summary\n\n${paragraph(r)}\n`;
      }
      fs.writeFileSync(path.join(out, rel), body);
      pages.push(rel);
      written++;
    }
  }
  return { modules, lessons: written, pages };
}

function main(argv) {
  const args = { lessons: 1000, seed: 1, perModule: 20, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--lessons') { args.lessons = Number(v); i++; }
    else if (a === '--seed') { args.seed = Number(v); i++; }
    else if (a === '--per-module') { args.perModule = Number(v); i++; }
    else if (a === '--out') { args.out = v; i++; }
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/gen-corpus.mjs --lessons N [--seed S] [--per-module M] --out DIR');
      return 0;
    } else { console.error(`gen-corpus: unknown argument ${a}`); return 2; }
  }
  if (!args.out || !(args.lessons > 0) || !(args.perModule > 0) || !Number.isInteger(args.seed)) {
    console.error('usage: node scripts/gen-corpus.mjs --lessons N [--seed S] [--per-module M] --out DIR');
    return 2;
  }
  const res = generate(args);
  console.log(`wrote ${res.lessons} lessons in ${res.modules} modules to ${args.out}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
