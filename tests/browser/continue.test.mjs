// The home page's "continue" goes to the first page the trainee has not finished, from
// file:// and http: a page skipped comes before the page last read, and a page opened
// but with a question left unchecked is not finished.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildCourse, serve, newContext, newPage, open, assertNoErrors, fileUrl, closeBrowser } from './lib.mjs';

const site = buildCourse('tests/fixtures/valid-basic');
after(closeBrowser);

for (const via of ['http', 'file']) {
  test(`home page continues at the first unfinished page (${via})`, async () => {
    const server = via === 'http' ? await serve(site) : null;
    const url = (rel) => (server ? server.url(rel) : fileUrl(site, rel));
    const context = await newContext();
    const page = await newPage(context, server ? { server } : { dir: site });
    try {
      await open(page, url('index.html'));
      assert.equal(await page.locator('[data-continue]').isVisible(), false, 'nothing to continue yet');
      assert.equal(await page.locator('[data-start]').isVisible(), true);
      await open(page, url('basics/second.html'));
      await open(page, url('index.html'));
      const cont = page.locator('[data-continue]');
      assert.equal(await cont.isVisible(), true);
      assert.equal(await cont.textContent(), 'Continue: First lesson', 'the page skipped comes first');
      await cont.click();
      await page.waitForURL(/basics\/first\.html$/);
      assert.equal(await page.locator('h1').textContent(), 'First lesson');
      await open(page, url('index.html'));
      assert.equal(await cont.textContent(), 'Continue: Second lesson', 'its question is not checked yet');
      await cont.click();
      await page.waitForURL(/basics\/second\.html$/);
      assertNoErrors(page);
    } finally {
      await context.close();
      if (server) await server.close();
    }
  });
}
