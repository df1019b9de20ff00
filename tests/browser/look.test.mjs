// How the course looks and reads to a trainee: numbered questions on graded pages
// and exams, the warning that names the open questions and links to them, the result
// at the top of the quiz (focused and announced), nothing answered scoring 0, the
// table of contents without gaps, self-assessment numbers, the phone menu, focus
// rings for the keyboard only, and the course cover — by keyboard, in Chromium.

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ROOT,
  assertNoErrors,
  buildCourse,
  closeBrowser,
  formatAxe,
  newContext,
  newPage,
  open,
  runAxe,
  serve,
} from './lib.mjs';

let quizSite;
let flagship;
let basic;
let quizServer;
let flagServer;
let basicServer;

before(async () => {
  quizSite = buildCourse(path.join(ROOT, 'tests', 'fixtures', 'valid-quiz'));
  flagship = buildCourse(path.join(ROOT, 'content'));
  basic = buildCourse(path.join(ROOT, 'tests', 'fixtures', 'valid-basic'));
  quizServer = await serve(quizSite);
  flagServer = await serve(flagship);
  basicServer = await serve(basic);
});

after(async () => {
  await quizServer?.close();
  await flagServer?.close();
  await basicServer?.close();
  await closeBrowser();
});

async function fresh(server, dir, options = {}) {
  const context = await newContext(options);
  const page = await newPage(context, { server, dir });
  return { context, page };
}

const numbers = (page) => page.locator('.quiz:visible .quiz-qnum').allTextContents();
const focused = (page) => page.evaluate(() => document.activeElement.className);

async function press(page, locator, key = 'Enter') {
  await locator.focus();
  await page.keyboard.press(key);
}

test('graded pages and exams number the questions the trainee sees', async () => {
  const { context, page } = await fresh(quizServer, quizSite);
  await open(page, quizServer.url('checks/graded.html'));
  assert.deepEqual(await numbers(page), [1, 2, 3, 4, 5, 6, 7].map((n) => `Question ${n} of 7`));
  // The number comes first in the question's legend, so it names the question.
  assert.match(await page.locator('.quiz[data-qid="g-single"] legend').textContent(), /^Question 1 of 7Which reply shows empathy\?/);
  assert.equal(await page.locator('.quiz[data-qid="g-fill"] legend').textContent(), 'Question 4 of 7Fill in the blanks');

  // An exam shows 5 of 12: numbered 1 to 5 in the order shown, again after each new draw.
  await open(page, quizServer.url('exam/final.html'));
  assert.deepEqual(await numbers(page), [1, 2, 3, 4, 5].map((n) => `Question ${n} of 5`));
  await press(page, page.locator('.quiz-submit'));
  await press(page, page.locator('.quiz-submit'));
  await press(page, page.locator('.quiz-retry-page'));
  assert.deepEqual(await numbers(page), [1, 2, 3, 4, 5].map((n) => `Question ${n} of 5`));
  assertNoErrors(page);
  await context.close();
});

test('the flagship numbers its questions in Chinese', async () => {
  const { context, page } = await fresh(flagServer, flagship);
  await open(page, flagServer.url('service-concepts/quiz.html'));
  const shown = await numbers(page);
  assert.ok(shown.length >= 5, shown.join());
  assert.equal(shown[2], `第 3 题 / 共 ${shown.length} 题`);
  assertNoErrors(page);
  await context.close();
});

test('submitting with open questions names them as links; the result then shows at the top, focused', async () => {
  const { context, page } = await fresh(quizServer, quizSite);
  await open(page, quizServer.url('checks/graded.html'));
  await press(page, page.locator('.quiz[data-qid="g-single"] input[value="1"]'), 'Space');
  await press(page, page.locator('.quiz-submit'));
  const warning = page.locator('.quiz-page-warning');
  assert.equal(await warning.getAttribute('aria-live'), 'polite');
  assert.equal(
    (await warning.innerText()).replace(/\n+/g, ' | '),
    '6 questions are not answered yet: | Question 2 | Question 3 | Question 4 | Question 5 | Question 6 | Question 7 | Press Submit again to submit anyway, or answer them first.',
  );
  assert.equal(await page.locator('.quiz-page-result').textContent(), '', 'nothing graded yet');
  assert.equal(await focused(page), 'quiz-submit', 'focus stays on Submit');

  // The link to question 3 takes the keyboard into it; answering it takes it off the list.
  await press(page, warning.getByRole('link', { name: 'Question 3', exact: true }));
  assert.equal(await page.evaluate(() => document.activeElement.closest('.quiz').dataset.qid), 'g-truefalse');
  await page.keyboard.press('Space');
  assert.deepEqual(await warning.locator('a').allTextContents(), ['Question 2', 'Question 4', 'Question 5', 'Question 6', 'Question 7']);
  assert.equal(
    await warning.locator('a').first().getAttribute('href'),
    `#${await page.locator('.quiz[data-qid="g-multiple"]').getAttribute('id')}`,
  );

  // A new answer asks again; the second press submits.
  await press(page, page.locator('.quiz-submit'));
  await press(page, page.locator('.quiz-submit'));
  assert.equal(await warning.textContent(), '', 'the warning goes once submitted');
  const result = page.locator('.quiz-page-result');
  assert.equal(await result.getAttribute('role'), 'status');
  assert.match(await result.innerText(), /^Your score: 1 of 7 points \(14%\)\./);
  assert.equal(await focused(page), 'quiz-page-result', 'focus moves to the result');
  const above = await page.evaluate(() => {
    const r = document.querySelector('.quiz-page-result');
    const first = document.querySelector('.quiz-page .quiz');
    return Boolean(r.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(above, 'the result stands above the first question');
  const inView = await result.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  assert.ok(inView, 'the result is scrolled into view');
  assertNoErrors(page);
  await context.close();
});

test('submitting an exam with nothing answered scores 0, untouched order questions included', async () => {
  const { context, page } = await fresh(quizServer, quizSite);
  await open(page, quizServer.url('exam/final.html'));
  for (let i = 0; i < 5; i++) {
    await press(page, page.locator('.quiz-submit'));
    await press(page, page.locator('.quiz-submit'));
    assert.match(await page.locator('.quiz-page-result').innerText(), /^Your score: 0 of \d+ points \(0%\)\./, `attempt ${i + 1}`);
    await press(page, page.locator('.quiz-retry-page'));
  }
  assertNoErrors(page);
  await context.close();
});

test('focus rings show for the keyboard, not for the mouse', async () => {
  const { context, page } = await fresh(quizServer, quizSite);
  await open(page, quizServer.url('checks/never.html'));
  await page.locator('.quiz-submit').click();
  await page.locator('.quiz-submit').click();
  const ring = () => page.locator('.quiz-page-result').evaluate((el) => [el === document.activeElement, getComputedStyle(el).outlineStyle]);
  assert.deepEqual(await ring(), [true, 'none'], 'focused by a mouse click: no ring');
  await press(page, page.locator('.quiz-retry-page'));
  await press(page, page.locator('.quiz-submit'));
  await press(page, page.locator('.quiz-submit'));
  assert.deepEqual(await ring(), [true, 'solid'], 'focused from the keyboard: a ring');
  await context.close();
});

test('the table of contents numbers its sections without gaps and nests subsections', async () => {
  const { context, page } = await fresh(flagServer, flagship);
  await open(page, flagServer.url('service-concepts/what-is-service.html'));
  const toc = await page.locator('nav.toc').evaluate((nav) => {
    const top = nav.querySelector('ol');
    return {
      h2: Array.from(top.children).map((li) => li.querySelector(':scope > a').textContent),
      h3: Array.from(top.querySelectorAll(':scope > li > ul > li > a')).map((a) => a.textContent),
      others: top.querySelectorAll(':scope > :not(li)').length,
    };
  });
  const h2 = await page.locator('.content h2').allTextContents();
  const h3 = await page.locator('.content h3').allTextContents();
  assert.deepEqual(toc.h2, h2, 'one numbered entry per section, in order');
  assert.deepEqual(toc.h3, h3, 'subsections under their section');
  assert.equal(toc.others, 0);
  assertNoErrors(page);
  await context.close();
});

test('self-assessment statements carry their number beside them', async () => {
  const { context, page } = await fresh(flagServer, flagship);
  await open(page, flagServer.url('practice/disc-profile.html'));
  const legend = page.locator('.as-question legend').nth(1);
  assert.equal(await legend.evaluate((el) => getComputedStyle(el, '::before').content), 'counter(as-q) "."');
  const [num, text] = await legend.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return [getComputedStyle(el, '::before').getPropertyValue('content'), r.height];
  });
  assert.ok(num && text < 80, 'the number and statement share a line box');
  // Options are the same cards as a quiz's.
  const card = await page.locator('.as-option').first().evaluate((el) => getComputedStyle(el).borderRadius);
  await open(page, flagServer.url('service-concepts/what-is-service.html'));
  const quizCard = await page.locator('.quiz-option').first().evaluate((el) => getComputedStyle(el).borderRadius);
  assert.equal(card, quizCard);
  assertNoErrors(page);
  await context.close();
});

test('on a phone the Menu button opens the course contents as a drawer, by keyboard', async () => {
  const { context, page } = await fresh(flagServer, flagship, { viewport: { width: 390, height: 844 } });
  await open(page, flagServer.url('service-concepts/what-is-service.html'));
  const button = page.locator('.menu-button');
  assert.ok(await button.isVisible());
  assert.equal(await page.locator('.nav-jump').isVisible(), false, 'the button stands in for the link');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('#nav').isVisible(), true, 'the contents are also at the end of the page');
  const navTop = () => page.locator('#nav').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok((await navTop()) > 844, 'closed: the contents are below the fold');

  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'menu-button');
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.equal(await focused(page), 'menu-close', 'focus moves into the drawer');
  assert.equal(await navTop(), 0, 'open: the contents cover the screen from the top');
  assert.ok(await page.locator('main').evaluate((m) => m.inert), 'the page behind is inert');
  // Tabbing stays in the drawer.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const inNav = await page.evaluate(() => Boolean(document.activeElement.closest('#nav')) || document.activeElement === document.body);
    assert.ok(inNav, `tab ${i + 1} stays in the menu`);
  }
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await focused(page), 'menu-button', 'Escape closes and gives focus back');
  assert.equal(await page.locator('main').evaluate((m) => m.inert), false);

  // The close button and the shade close it too; a link in it is followed.
  await press(page, button);
  await press(page, page.locator('.menu-close'));
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await press(page, button);
  await page.locator('.menu-shade').click({ position: { x: 380, y: 400 } });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await press(page, button);
  await press(page, page.locator('#nav a[href$="service-quality.html"]'));
  await page.waitForURL(/service-quality\.html$/);
  assertNoErrors(page);
  await context.close();
});

test('the phone menu passes axe open, light and dark; wide screens and no-JavaScript keep the old ways', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await fresh(flagServer, flagship, { viewport: { width: 390, height: 844 }, colorScheme, bypassCSP: true });
    await open(page, flagServer.url('service-concepts/what-is-service.html'));
    await press(page, page.locator('.menu-button'));
    assert.deepEqual(formatAxe(await runAxe(page), `menu open ${colorScheme}`), []);
    await context.close();
  }
  const wide = await fresh(flagServer, flagship, { viewport: { width: 1280, height: 800 } });
  await open(wide.page, flagServer.url('index.html'));
  assert.equal(await wide.page.locator('.menu-button').isVisible(), false);
  assert.equal(await wide.page.locator('#nav').isVisible(), true, 'the sidebar is beside the page');
  await wide.context.close();
  const nojs = await fresh(flagServer, flagship, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  await open(nojs.page, flagServer.url('index.html'));
  assert.equal(await nojs.page.locator('.menu-button').isVisible(), false);
  assert.ok(await nojs.page.locator('a.nav-jump[href="#nav"]').isVisible(), 'without JavaScript, the link to the contents');
  await nojs.context.close();
});

test('the home page opens on a course cover; the course logo and accent show, in AA contrast', async () => {
  const { context, page } = await fresh(flagServer, flagship);
  await open(page, flagServer.url('index.html'));
  const cover = page.locator('.cover');
  assert.equal(await cover.locator('h1').textContent(), '客户服务与客户挽留');
  const facts = await cover.locator('.cover-facts li').allTextContents();
  assert.match(facts[0], /^总时长：\d+ 分钟$/, 'a full-width colon after a Chinese label');
  assert.equal(facts[1], '6 个模块');
  assert.ok(await cover.locator('.module-progress').isVisible(), 'progress on the cover');
  assert.equal(await page.locator('.module-card .module-progress:visible').count(), 6, 'each module card shows its progress');
  await context.close();

  for (const colorScheme of ['light', 'dark']) {
    const b = await fresh(basicServer, basic, { colorScheme, bypassCSP: true });
    await open(b.page, basicServer.url('index.html'));
    assert.ok(await b.page.locator('.site-header img.course-logo').isVisible());
    const accent = await b.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
    assert.equal(accent, colorScheme === 'light' ? '#c8102e' : '#de7082');
    assert.deepEqual(formatAxe(await runAxe(b.page), `accent ${colorScheme}`), []);
    assertNoErrors(b.page);
    await b.context.close();
  }
});
