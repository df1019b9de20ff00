// Shared helpers for the browser, HTML and accessibility tests.
//
// Every test file under tests/browser/ runs in its own process (node --test), so each
// file launches at most one Chromium (memoised by `launch()`) and reuses it for all of
// its tests. Sites are built once per `scripts/test.sh` run by scripts/build-test-sites.mjs
// into target/test-sites/ (env SYLLABUS_TEST_SITES); when a test file is run on its own,
// `buildCourse` builds into a temp dir instead.
//
// Environment:
//   SYLLABUS_BIN         the syllabus binary (default: newest of target/{debug,release}/syllabus,
//                        else `cargo build` is run once)
//   SYLLABUS_TEST_SITES  folder with prebuilt sites and a manifest.json (see build-test-sites.mjs)
//   SYLLABUS_TEST_COURSES  comma-separated course names to limit courses() to
//   CHROMIUM             Chromium executable (default /usr/bin/chromium)
//   SYLLABUS_HEADED=1    show the browser (local debugging)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
/** Sub-path the test server puts every site under, to prove sub-path independence. */
export const SUBPATH = '/some/sub/path/';

// ---------------------------------------------------------------------------------------
// Courses and builds

/**
 * The courses every generic test runs over: the flagship course and each valid fixture
 * (`tests/fixtures/valid-*`). `SYLLABUS_TEST_COURSES=valid-basic,content` narrows the list
 * (for a quick local run).
 */
export function courses() {
  const only = (process.env.SYLLABUS_TEST_COURSES || '').split(',').map((s) => s.trim()).filter(Boolean);
  return allCourses().filter((c) => !only.length || only.includes(c.name));
}

function allCourses() {
  const list = [{ name: 'content', dir: path.join(ROOT, 'content') }];
  const fixtures = path.join(ROOT, 'tests', 'fixtures');
  if (fs.existsSync(fixtures)) {
    for (const entry of fs.readdirSync(fixtures).sort()) {
      const dir = path.join(fixtures, entry);
      if (entry.startsWith('valid-') && fs.statSync(dir).isDirectory()) {
        list.push({ name: entry, dir });
      }
    }
  }
  return list;
}

/** The key a build is known by in target/test-sites/: `<course folder name>[-drafts]`. */
export function siteKey(courseDir, { drafts = false } = {}) {
  return path.basename(path.resolve(courseDir)) + (drafts ? '-drafts' : '');
}

let binCache;
/** The syllabus binary: $SYLLABUS_BIN, else the newest built one, else `cargo build` once. */
export function syllabusBin() {
  if (binCache) return binCache;
  if (process.env.SYLLABUS_BIN) return (binCache = path.resolve(ROOT, process.env.SYLLABUS_BIN));
  const target = path.resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target');
  const candidates = ['debug', 'release']
    .map((p) => path.join(target, p, 'syllabus'))
    .filter((p) => fs.existsSync(p))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (candidates.length) return (binCache = candidates[0]);
  const r = spawnSync('cargo', ['build', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('cargo build failed; set SYLLABUS_BIN to a built binary');
  return (binCache = path.join(target, 'debug', 'syllabus'));
}

function readManifest() {
  const sites = process.env.SYLLABUS_TEST_SITES;
  if (!sites) return null;
  const file = path.join(path.resolve(ROOT, sites), 'manifest.json');
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const buildCache = new Map();
const tempDirs = [];
process.on('exit', () => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * Run `syllabus build COURSE -o OUT [--drafts]`. Throws with the tool's diagnostics when the
 * build fails. Returns `{ out, stdout, stderr }`.
 */
export function runBuild(courseDir, out, { drafts = false } = {}) {
  const args = ['build', courseDir, '-o', out];
  if (drafts) args.push('--drafts');
  const r = spawnSync(syllabusBin(), args, { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const err = new Error(
      `syllabus ${args.join(' ')} exited with ${r.status}:\n${r.stderr}${r.stdout}`,
    );
    err.stderr = r.stderr;
    throw err;
  }
  return { out, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The built site of a course: the prebuilt one from $SYLLABUS_TEST_SITES if it is there
 * (a failed prebuild throws its diagnostics), else a fresh build into a temp dir (cached for
 * this process). Returns the absolute path of the site folder.
 */
export function buildCourse(courseDir, { drafts = false } = {}) {
  const abs = path.resolve(ROOT, courseDir);
  const key = siteKey(abs, { drafts });
  const cacheKey = `${abs}|${drafts}`;
  if (buildCache.has(cacheKey)) return buildCache.get(cacheKey);
  const manifest = readManifest();
  const entry = manifest?.sites?.[key];
  if (entry && path.resolve(ROOT, entry.course) === abs) {
    if (!entry.ok) {
      const lines = entry.diagnostics.split('\n');
      const shown = lines.length > 24 ? [...lines.slice(0, 20), `  … ${lines.length - 20} more lines in ${entry.log}`] : lines;
      throw new Error(`building ${courseDir} failed (prebuilt by scripts/build-test-sites.mjs):\n${shown.join('\n')}`);
    }
    buildCache.set(cacheKey, entry.out);
    return entry.out;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `syllabus-${key}-`));
  tempDirs.push(tmp);
  const out = path.join(tmp, 'site');
  runBuild(abs, out, { drafts });
  buildCache.set(cacheKey, out);
  return out;
}

/** Every file under `dir`, as sorted '/'-separated paths relative to it. */
export function listFiles(dir, { filter = () => true } = {}) {
  const result = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (e.isFile() && filter(r)) result.push(r);
    }
  };
  walk(dir, '');
  return result.sort();
}

/** The `.html` pages of a built site, relative to it. */
export function htmlPages(siteDir) {
  return listFiles(siteDir, { filter: (f) => f.endsWith('.html') });
}

// ---------------------------------------------------------------------------------------
// Static file server

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.vtt': 'text/vtt; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
  '.zip': 'application/zip',
};

/**
 * Serve `dir` on 127.0.0.1 (random free port) under `subpath` (default SUBPATH).
 * Like an intranet web server: GET/HEAD only, files only — a request for a folder is a 404,
 * because every link of the site must name a file. Every response carries
 * `Content-Security-Policy: default-src 'self'` unless `csp: false`. With `cspReports: true`
 * the policy also names a `report-uri` on this server, and every violation report the browser
 * POSTs there is kept in `cspReports`.
 * Returns `{ origin, base, url(rel), requests, cspReports, close() }`; `base` ends with '/'.
 */
export async function serve(dir, subpath = SUBPATH, { csp = true, cspReports = false } = {}) {
  const root = path.resolve(dir);
  let prefix = subpath.startsWith('/') ? subpath : `/${subpath}`;
  if (!prefix.endsWith('/')) prefix += '/';
  const requests = [];
  const reports = [];
  const reportPath = `${prefix}__csp-report`;
  const policy = "default-src 'self'" + (cspReports ? `; report-uri ${reportPath}` : '');
  const server = http.createServer((req, res) => {
    if (cspReports && req.method === 'POST' && req.url === reportPath) {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        try {
          reports.push(JSON.parse(body));
        } catch {
          reports.push({ unparsed: body });
        }
        res.writeHead(204).end();
      });
      return;
    }
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request');
    }
    requests.push({ method: req.method, path: pathname });
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    if (!pathname.startsWith(prefix)) return send(404, `not under ${prefix}`);
    const file = path.resolve(root, `.${path.posix.normalize(`/${pathname.slice(prefix.length)}`)}`);
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden');
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return send(404, 'not found');
    }
    if (!stat.isFile()) return send(404, 'not a file (links must name a file)');
    const headers = {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (csp) headers['Content-Security-Policy'] = policy;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  const base = origin + prefix;
  return {
    origin,
    base,
    root,
    requests,
    cspReports: reports,
    url: (rel = 'index.html') => new URL(rel, base).href,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** `file://` URL of a page of a site folder. */
export function fileUrl(siteDir, rel = 'index.html') {
  return pathToFileURL(path.join(path.resolve(siteDir), rel)).href;
}

// ---------------------------------------------------------------------------------------
// Browser

let browserPromise;
/** One Chromium per process (closed on `closeBrowser()` or when the process exits). */
export function launch() {
  if (!browserPromise) {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (scripts/test.sh does)`);
    }
    const { chromium } = require('playwright-core');
    browserPromise = chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: process.env.SYLLABUS_HEADED !== '1',
      timeout: 60_000,
    });
  }
  return browserPromise;
}

export async function closeBrowser() {
  if (!browserPromise) return;
  const p = browserPromise;
  browserPromise = undefined;
  await (await p).close();
}

/**
 * A fresh browser context. Options are Playwright's (`colorScheme`, `bypassCSP`, `viewport`,
 * `javaScriptEnabled`...). Service workers are blocked so every request is seen.
 */
export async function newContext(options = {}) {
  const browser = await launch();
  return browser.newContext({ serviceWorkers: 'block', ...options });
}

/**
 * Decide whether a URL belongs to the site under test. `allowed` is a list of prefixes:
 * the test server's base URL and/or the site folder's file:// URL (ending with '/').
 */
function isInside(url, allowed) {
  if (url.startsWith('about:') || url.startsWith('chrome-error:')) return true;
  return allowed.some((p) => url.startsWith(p));
}

/**
 * A new page in `context` with error tracking. Recorded on `page.problems` (an array of
 * strings): console errors, uncaught page errors, failed requests, HTTP responses >= 400,
 * and every request to a URL outside the site (those are also aborted, so nothing leaves
 * the machine). The site is `site` = `{ server }` and/or `{ dir }` (a site folder for
 * file:// pages); without it, anything on 127.0.0.1 and any file:// URL counts as inside.
 * Options: `allowConsole` — array of RegExps for console errors a test expects.
 */
export async function newPage(context, site = {}, { allowConsole = [] } = {}) {
  const allowed = [];
  if (site.server) allowed.push(site.server.base);
  if (site.dir) allowed.push(pathToFileURL(path.resolve(site.dir)).href.replace(/\/?$/, '/'));
  if (!allowed.length) allowed.push('http://127.0.0.1:', 'file://');
  const page = await context.newPage();
  const problems = [];
  page.problems = problems;
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (allowConsole.some((re) => re.test(text))) return;
    const loc = msg.location();
    problems.push(`console error on ${page.url()}: ${text}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
  });
  page.on('pageerror', (err) => {
    problems.push(`uncaught error on ${page.url()}: ${err.stack || err.message}`);
  });
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText || 'failed';
    // A request we aborted ourselves is already recorded as external.
    if (!isInside(req.url(), allowed) && /ERR_(FAILED|ABORTED|BLOCKED)/.test(failure)) return;
    // Cancelled because the page navigated away (e.g. a favicon still loading): not an error.
    // Missing files show up as HTTP 404 or net::ERR_FILE_NOT_FOUND instead.
    if (/ERR_ABORTED/.test(failure)) return;
    problems.push(`request failed: ${req.method()} ${req.url()} (${failure}) from ${page.url()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) {
      problems.push(`HTTP ${res.status()} for ${res.url()} from ${page.url()}`);
    }
  });
  page.on('request', (req) => {
    if (!isInside(req.url(), allowed)) {
      problems.push(`request outside the site: ${req.method()} ${req.url()} from ${page.url()}`);
    }
  });
  // Abort whatever would leave the site (recorded above), so nothing leaves the machine.
  await page.route('**/*', (route) =>
    isInside(route.request().url(), allowed) ? route.continue() : route.abort('blockedbyclient'),
  );
  return page;
}

/** Fail (throw) when the page recorded any problem; clears the list. */
export function assertNoErrors(page, what = '') {
  const problems = page.problems.splice(0);
  if (problems.length) {
    throw new Error(
      `${problems.length} problem(s)${what ? ` ${what}` : ''}:\n  - ${problems.join('\n  - ')}`,
    );
  }
}

/** Go to `url`, wait until it has loaded, and return the page's title. */
export async function open(page, url) {
  const res = await page.goto(url, { waitUntil: 'load' });
  if (res && !res.ok() && !url.startsWith('file:')) {
    throw new Error(`HTTP ${res.status()} for ${url}`);
  }
  return page.title();
}

// ---------------------------------------------------------------------------------------
// Accessibility (axe-core)

export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Run axe-core on the loaded page (the context needs `bypassCSP: true`, since the script is
 * injected inline). Returns the violations: `[{ id, impact, help, helpUrl, nodes: [{ target,
 * failureSummary }] }]`.
 */
export async function runAxe(page, { tags = AXE_TAGS, rules } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(
    async ({ tags, rules }) => {
      const result = await window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        rules,
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    { tags, rules },
  );
}

/** One line per violating element, for test failure messages. */
export function formatAxe(violations, where = '') {
  const lines = [];
  for (const v of violations) {
    for (const n of v.nodes) {
      lines.push(
        `${where}${where ? ': ' : ''}[${v.id}] ${v.help} (${v.impact}) — target ${JSON.stringify(n.target)}\n      ${n.html}\n      ${(n.failureSummary || '').replace(/\n/g, '\n      ')}`,
      );
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------
// HTML validation (Nu HTML checker)

export const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

/**
 * Run the Nu HTML checker over one or more site folders (or files), errors only.
 * Returns `[{ file, line, column, message, extract }]` (file relative to ROOT when inside it).
 */
export function runVnu(...targets) {
  const paths = targets.flat().map((t) => path.resolve(ROOT, t));
  const r = spawnSync(
    'java',
    ['-Xss4m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--skip-non-html', ...paths],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 600_000 },
  );
  if (r.error) throw new Error(`could not run java (install default-jre-headless): ${r.error.message}`);
  // vnu writes its JSON report to stderr; exit 1 means "errors found".
  const text = (r.stderr || '').trim() || (r.stdout || '').trim();
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    throw new Error(`vnu exited with ${r.status} and no JSON report:\n${r.stdout}\n${r.stderr}`);
  }
  const errors = [];
  for (const m of report.messages || []) {
    if (m.type !== 'error' && m.type !== 'non-document-error') continue;
    let file = m.url ? fileURLToPath(m.url) : '(unknown)';
    if (file.startsWith(ROOT + path.sep)) file = path.relative(ROOT, file);
    errors.push({
      file,
      line: m.lastLine ?? m.firstLine,
      column: m.firstColumn ?? m.lastColumn,
      message: m.message,
      extract: m.extract,
    });
  }
  if (r.status !== 0 && errors.length === 0) {
    throw new Error(`vnu exited with ${r.status} but reported no errors:\n${text.slice(0, 2000)}`);
  }
  return errors;
}

export function formatVnu(errors) {
  return errors.map(
    (e) => `${e.file}:${e.line ?? '?'}:${e.column ?? '?'}: ${e.message}${e.extract ? `\n      ${JSON.stringify(e.extract)}` : ''}`,
  );
}
