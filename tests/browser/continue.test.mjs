// The home page offers to continue where the trainee left off, from file:// and http.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildCourse, serve, newContext, newPage, open, assertNoErrors, fileUrl, closeBrowser } from './lib.mjs';

const site = buildCourse('tests/fixtures/valid-basic');
after(closeBrowser);

for (const via of ['http', 'file']) {
  test(`home page continues at the last page read (${via})`, async () => {
    const server = via === 'http' ? await serve(site) : null;
    const url = (rel) => (server ? server.url(rel) : fileUrl(site, rel));
    const context = await newContext();
    const page = await newPage(context, server ? { server } : { dir: site });
    try {
      await open(page, url('index.html'));
      assert.equal(await page.locator('[data-continue]').isVisible(), false, 'nothing to continue yet');
      await open(page, url('basics/second.html'));
      await open(page, url('index.html'));
      const cont = page.locator('[data-continue]');
      assert.equal(await cont.isVisible(), true);
      await cont.click();
      await page.waitForURL(/basics\/second\.html$/);
      assert.equal(await page.locator('h1').textContent(), 'Second lesson');
      assertNoErrors(page);
    } finally {
      await context.close();
      if (server) await server.close();
    }
  });
}
