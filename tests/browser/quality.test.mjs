// Quality of every built page of the flagship course and of every valid fixture course:
//  - the Nu HTML checker (vnu.jar) reports no error;
//  - axe-core (WCAG 2.0/2.1 A and AA rules) reports no violation, in the light and in the
//    dark colour scheme (colour contrast differs).
// One Chromium, one context per colour scheme, one page reused for all pages of a course.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ROOT,
  buildCourse,
  closeBrowser,
  courses,
  formatAxe,
  formatVnu,
  htmlPages,
  newContext,
  newPage,
  open,
  runAxe,
  runVnu,
  serve,
} from './lib.mjs';

const COURSES = courses();
const sites = new Map(); // name → site dir, or Error when the build failed
let vnuErrors; // all Nu errors, or an Error
const contexts = {};

before(async () => {
  for (const c of COURSES) {
    try {
      sites.set(c.name, buildCourse(c.dir));
    } catch (e) {
      sites.set(c.name, e);
    }
  }
  const built = [...sites.values()].filter((s) => typeof s === 'string');
  try {
    // One JVM for all sites: it takes a few seconds to start.
    vnuErrors = built.length ? runVnu(built) : [];
  } catch (e) {
    vnuErrors = e;
  }
  for (const scheme of ['light', 'dark']) {
    contexts[scheme] = await newContext({ bypassCSP: true, colorScheme: scheme, reducedMotion: 'reduce' });
  }
});

after(async () => {
  for (const ctx of Object.values(contexts)) await ctx.close();
  await closeBrowser();
});

function siteOf(name) {
  const site = sites.get(name);
  if (site instanceof Error) throw site;
  return site;
}

for (const course of COURSES) {
  describe(`quality: ${course.name}`, () => {
    test('Nu HTML checker: no errors on any page', () => {
      const site = siteOf(course.name);
      if (vnuErrors instanceof Error) throw vnuErrors;
      const prefix = path.relative(ROOT, site) + path.sep;
      const mine = vnuErrors.filter((e) => e.file.startsWith(prefix) || e.file.startsWith(site + path.sep));
      const pages = htmlPages(site).length;
      assert.ok(pages > 0, `${site} has no .html pages`);
      assert.equal(
        mine.length,
        0,
        `${mine.length} Nu HTML checker error(s) in ${pages} pages of ${course.name}:\n  ${formatVnu(mine).join('\n  ')}`,
      );
    });

    for (const scheme of ['light', 'dark']) {
      test(`axe (WCAG 2.1 A/AA), ${scheme} colour scheme: no violations on any page`, { timeout: 600_000 }, async (t) => {
        const site = siteOf(course.name);
        const server = await serve(site);
        const page = await newPage(contexts[scheme], { server });
        const lines = [];
        const pages = htmlPages(site);
        try {
          for (const rel of pages) {
            await open(page, server.url(rel));
            const violations = await runAxe(page);
            lines.push(...formatAxe(violations, rel));
            page.problems.splice(0); // loading problems are navigation.test.mjs's business
          }
        } finally {
          await page.close();
          await server.close();
        }
        t.diagnostic(`${pages.length} pages checked`);
        assert.equal(lines.length, 0, `${lines.length} axe violation(s) (${scheme}) in ${course.name}:\n  ${lines.join('\n  ')}`);
      });
    }
  });
}
