// Search on the flagship course, over http (with the strict CSP header) and from
// file://: Chinese words and phrases found on the one page that has them (in a lesson's
// text, in a question prompt), English words, opening a result, the header box of every
// page, keyboard-only use, a phone, and the page with results shown checked by the Nu
// HTML checker and by axe in light and dark.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildCourse,
  serve,
  newContext,
  newPage,
  open,
  assertNoErrors,
  fileUrl,
  closeBrowser,
  runAxe,
  formatAxe,
  runVnu,
  formatVnu,
} from './lib.mjs';

const site = buildCourse('content');
after(closeBrowser);

/** The address of a page of the site with a query string, over http or file://. */
function address(server, rel, q) {
  const base = server ? server.url(rel) : fileUrl(site, rel);
  return q === undefined ? base : `${base}?q=${encodeURIComponent(q)}`;
}

/** Waits until the search of what the box holds has finished; returns the status text. */
async function settled(page) {
  await page.waitForFunction(() => {
    const box = document.querySelector('[data-search]');
    const input = document.querySelector('#search-q');
    return box.dataset.state === 'done' && box.dataset.query === input.value.trim();
  });
  return page.locator('.search-status').textContent();
}

async function results(page) {
  return page.locator('.search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
}

const CASES = [
  // A phrase of one lesson's text.
  { q: '客户等待的每一分钟', only: 'complaints/time-limits.html' },
  // A word of one lesson's question prompt (a formative question).
  { q: '宽带速度', only: 'customers/satisfied-vs-loyal.html' },
  // A word of one graded quiz's question prompt.
  { q: '国际漫游', only: 'communication/quiz.html' },
  // A word of one role-play's introduction.
  { q: '中秋', only: 'practice/mooncake-complaint.html' },
  // English, in one lesson; any case.
  { q: 'crm', only: 'customers/segmentation.html' },
  // English, on several pages: the page that uses it most comes first.
  { q: 'DISC', first: 'communication/communication-styles.html' },
  // A question as a trainee types it: the lesson with it in its title comes first.
  { q: '投诉处理的步骤', first: 'complaints/steps.html' },
];

for (const via of ['http', 'file']) {
  test(`search finds Chinese and English on the page that has them (${via})`, async () => {
    const server = via === 'http' ? await serve(site) : null;
    const context = await newContext();
    const page = await newPage(context, server ? { server } : { dir: site });
    try {
      for (const c of CASES) {
        await open(page, address(server, 'search.html', c.q));
        const status = await settled(page);
        const found = await results(page);
        if (c.only) {
          assert.deepEqual(found, [c.only], `${c.q}: ${status}`);
          assert.match(status, /找到 1 个/, c.q);
        } else {
          assert.equal(found[0], c.first, `${c.q}: ${found.join(', ')}`);
        }
        const marks = await page.locator('.search-results li:first-child mark').allTextContents();
        assert.ok(marks.length > 0, `${c.q}: the match is marked`);
        assert.ok(
          marks.some((m) => c.q.toLowerCase().includes(m.toLowerCase()) || m.toLowerCase().includes(c.q.toLowerCase().slice(0, 2))),
          `${c.q}: marks ${marks.join(' | ')}`,
        );
        assert.ok((await page.locator('.search-result-module').first().textContent()).trim(), 'the module is shown');
      }
      await open(page, address(server, 'search.html', '没有这个词组'));
      assert.match(await settled(page), /没有找到/);
      assert.deepEqual(await results(page), []);

      // Open a result.
      await open(page, address(server, 'search.html', '宽带速度'));
      await settled(page);
      await page.locator('.search-results a').first().click();
      await page.waitForURL(/customers\/satisfied-vs-loyal\.html$/);
      assert.match(await page.locator('h1').textContent(), /满意/);
      assertNoErrors(page);
    } finally {
      await context.close();
      if (server) await server.close();
    }
  });

  test(`the header box of a lesson leads to the results (${via})`, async () => {
    const server = via === 'http' ? await serve(site) : null;
    const context = await newContext();
    const page = await newPage(context, server ? { server } : { dir: site });
    try {
      await open(page, address(server, 'complaints/steps.html'));
      const box = page.getByRole('searchbox', { name: '搜索课程' });
      await box.fill('月饼');
      await box.press('Enter');
      await page.waitForURL(/search\.html\?q=/);
      await settled(page);
      assert.equal((await results(page))[0], 'practice/mooncake-complaint.html');
      assert.equal(await page.inputValue('#search-q'), '月饼');
      assertNoErrors(page);
    } finally {
      await context.close();
      if (server) await server.close();
    }
  });
}

test('search works by keyboard alone', async () => {
  const server = await serve(site);
  const context = await newContext();
  const page = await newPage(context, { server });
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      return a.id === 'search-q' ? 'box' : a.getAttribute('href') || a.className;
    });
  try {
    await open(page, address(server, 'search.html'));
    assert.equal(await focused(), 'box', 'the box has the focus on arrival');
    await page.keyboard.type('投诉');
    assert.match(await settled(page), /找到 \d+ 个/);
    const found = await results(page);
    assert.ok(found.length >= 3, found.join(', '));
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), found[0]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), found[1]);
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), found[0]);
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'box');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    assert.equal(await focused(), 'box', 'Esc in the results goes back to the box');
    assert.equal(await page.inputValue('#search-q'), '投诉', 'and keeps the query');
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#search-q'), '', 'Esc in the box clears it');
    assert.deepEqual(await results(page), []);
    await page.keyboard.type('crm');
    await settled(page);
    await page.keyboard.press('ArrowDown');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused result shows its focus');
    await page.keyboard.press('Enter');
    await page.waitForURL(/customers\/segmentation\.html$/);
    assertNoErrors(page);
  } finally {
    await context.close();
    await server.close();
  }
});

test('more results show ten at a time, and the focus moves to the first new one', async () => {
  const server = await serve(site);
  const context = await newContext();
  const page = await newPage(context, { server });
  try {
    await open(page, address(server, 'search.html', '客户'));
    const status = await settled(page);
    assert.match(status, /已显示 10 个/);
    assert.equal((await results(page)).length, 10);
    await page.locator('.search-more').click();
    await page.waitForFunction(() => document.querySelectorAll('.search-results a').length > 10);
    const all = await results(page);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), all[10]);
    assertNoErrors(page);
  } finally {
    await context.close();
    await server.close();
  }
});

test('search fits a 360 px phone', async () => {
  const server = await serve(site);
  const context = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await newPage(context, { server });
  try {
    for (const rel of ['complaints/steps.html', 'search.html']) {
      await open(page, address(server, rel, rel === 'search.html' ? '投诉处理的步骤' : undefined));
      if (rel === 'search.html') await settled(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${rel} scrolls sideways by ${overflow}px`);
    }
    const box = await page.locator('#search-q').boundingBox();
    assert.ok(box.width >= 180, `the search box is ${box.width}px wide`);
    assertNoErrors(page);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the search page, empty and with results, passes the Nu checker and axe (light and dark)', async () => {
  const server = await serve(site);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-search-'));
  try {
    for (const scheme of ['light', 'dark']) {
      const context = await newContext({ bypassCSP: true, colorScheme: scheme, reducedMotion: 'reduce' });
      const page = await newPage(context, { server });
      for (const q of [undefined, '投诉处理的步骤', 'DISC']) {
        await open(page, address(server, 'search.html', q));
        await settled(page);
        if (scheme === 'light') {
          // The page as the trainee has it, results in place (before axe is injected).
          const file = path.join(tmp, `results-${q ? encodeURIComponent(q).replace(/%/g, '') : 'empty'}.html`);
          fs.writeFileSync(file, await page.content());
        }
        const violations = await runAxe(page);
        assert.deepEqual(formatAxe(violations, `search.html?q=${q} (${scheme})`), []);
      }
      assertNoErrors(page);
      await context.close();
    }
    assert.deepEqual(formatVnu(runVnu(tmp)), []);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await server.close();
  }
});
