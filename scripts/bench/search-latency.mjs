#!/usr/bin/env node
// Time to first search result in Chromium, for docs/benchmarks.md (part 4). Not a
// test: run by hand over built sites.
//
//   node scripts/bench/search-latency.mjs SITE [--runs 7] [--query 投诉] [--query DISC]
//
// Serves SITE on 127.0.0.1 (with the strict CSP header) and measures, per query, the
// median of --runs fresh browser contexts (empty cache):
//   open   navigation start of search.html?q=… → results shown (head, shards, page chunks
//          loaded and rendered)
//   enter  on an open search page, Enter in the box with a new query → results shown
//          (no debounce; shards for the new query loaded on demand)
// and the bytes of search files each step loaded.

import { serve, newContext, newPage, closeBrowser } from '../../tests/browser/lib.mjs';

const args = process.argv.slice(2);
const site = args[0];
const runs = Number(args[args.indexOf('--runs') + 1]) || 7;
const queries = args.flatMap((a, i) => (args[i - 1] === '--query' ? [a] : []));
if (!queries.length) queries.push('投诉', '客户满意', 'DISC');
if (!site) {
  console.error('usage: search-latency.mjs SITE [--runs N] [--query Q]...');
  process.exit(2);
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Records when the search page reports a finished search (data-state="done").
const WATCH = () => {
  window.__done = [];
  document.addEventListener('DOMContentLoaded', () => {
    const box = document.querySelector('[data-search]');
    if (!box) return;
    new MutationObserver(() => {
      if (box.dataset.state === 'done') window.__done.push([box.dataset.query, performance.now()]);
    }).observe(box, { attributes: true, attributeFilter: ['data-state'] });
  });
};

const server = await serve(site);
console.log(`# ${site}, ${runs} runs per query, medians`);
console.log('| query | results | open: ms to results | open: search bytes loaded | Enter: ms to results | Enter: bytes loaded |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const q of queries) {
  const open = [];
  const enter = [];
  let openBytes = 0;
  let enterBytes = 0;
  let count = '';
  for (let i = 0; i < runs; i++) {
    const context = await newContext();
    await context.addInitScript(WATCH);
    const page = await newPage(context, { server });
    let bytes = 0;
    page.on('response', async (r) => {
      if (/\/search\//.test(r.url())) bytes += (await r.body().catch(() => Buffer.alloc(0))).length;
    });
    await page.goto(`${server.url('search.html')}?q=${encodeURIComponent(q)}`);
    await page.waitForFunction((q) => window.__done.some((d) => d[0] === q), q);
    const t = await page.evaluate((q) => window.__done.find((d) => d[0] === q)[1], q);
    open.push(t);
    await page.waitForTimeout(50);
    openBytes = bytes;
    count = (await page.locator('.search-status').textContent()).trim();
    // A second, different query on the open page.
    bytes = 0;
    const other = q === '服务' ? '客户' : '服务';
    await page.fill('#search-q', other);
    const t0 = await page.evaluate(() => performance.now());
    await page.press('#search-q', 'Enter');
    await page.waitForFunction((q) => window.__done.some((d) => d[0] === q), other);
    const t1 = await page.evaluate((q) => window.__done.filter((d) => d[0] === q).pop()[1], other);
    enter.push(t1 - t0);
    await page.waitForTimeout(50);
    enterBytes = bytes;
    await context.close();
  }
  console.log(
    `| ${q} | ${count.replace(/\|/g, '/')} | ${median(open).toFixed(0)} | ${openBytes} | ${median(enter).toFixed(0)} | ${enterBytes} |`,
  );
}
await server.close();
await closeBrowser();
