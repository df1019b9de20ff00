// How the theme's scripts are put together: scripts.txt lists each once, util.js
// first; loaded as a page loads them, they add one global (window.Syllabus) and do
// nothing but wait for DOMContentLoaded: no page, storage or other window access at
// load time, so the order a theme lists them in cannot break them.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const THEME = path.join(__dirname, '..', '..', 'themes', 'default');
const STATIC = path.join(THEME, 'static');

/** scripts.txt as [file, [kinds]], comments and blank lines left out. */
function listed() {
  return fs
    .readFileSync(path.join(THEME, 'scripts.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [file, ...kinds] = l.split(/\s+/);
      return [file, kinds];
    });
}

test('scripts.txt lists every script once, util.js first, with known page kinds', () => {
  const files = listed().map(([f]) => f);
  const onDisk = fs.readdirSync(STATIC).filter((f) => f.endsWith('.js'));
  assert.deepEqual([...files].sort(), onDisk.sort());
  assert.equal(new Set(files).size, files.length);
  assert.equal(files[0], 'util.js');
  const KINDS = ['quiz', 'graded', 'roleplay', 'assessment', 'reflect', 'workbook', 'home', 'progress', 'certificate', 'review', 'search', 'scorm'];
  for (const [file, kinds] of listed()) for (const k of kinds) assert.ok(KINDS.includes(k), `${file}: ${k}`);
  const everywhere = listed().filter(([, kinds]) => kinds.length === 0).map(([f]) => f);
  // A plain lesson records its visit, marks its sidebar, says when progress cannot be
  // saved, opens its menu on a phone and talks to an LMS if there is one.
  assert.deepEqual(everywhere, ['util.js', 'store.js', 'save-notice.js', 'page-state.js', 'visits.js', 'marks.js', 'menu.js', 'scorm.js'], 'a plain lesson stays light');
});

/** Runs the listed scripts in a sandbox whose window and document record and refuse
 * everything but window.Syllabus and document.addEventListener('DOMContentLoaded'). */
function loadAll(files) {
  const touched = [];
  const ready = [];
  const strict = (name, allowed) =>
    new Proxy(allowed, {
      get(target, key) {
        if (key in target) return target[key];
        touched.push(`${name}.${String(key)}`);
        throw new Error(`${name}.${String(key)} used at load time`);
      },
      set(target, key, value) {
        if (name === 'window' && key === 'Syllabus') {
          target[key] = value;
          return true;
        }
        touched.push(`${name}.${String(key)} =`);
        throw new Error(`${name}.${String(key)} set at load time`);
      },
    });
  const document = strict('document', {
    addEventListener(type, fn) {
      assert.equal(type, 'DOMContentLoaded');
      ready.push(fn);
    },
  });
  const win = { Syllabus: undefined, document };
  const context = vm.createContext({ document });
  context.window = strict('window', win);
  const before = Object.keys(context);
  for (const f of files) vm.runInContext(fs.readFileSync(path.join(STATIC, f), 'utf8'), context, { filename: f });
  return { syllabus: win.Syllabus, touched, ready, added: Object.keys(context).filter((k) => !before.includes(k)) };
}

test('loading the scripts adds only window.Syllabus and touches nothing else', () => {
  const { syllabus, touched, ready, added } = loadAll(listed().map(([f]) => f));
  assert.deepEqual(touched, []);
  assert.deepEqual(added, [], 'no other global');
  assert.deepEqual(Object.keys(syllabus).sort(), [
    'QuizQuestion',
    'assessment',
    'assessmentView',
    'completion',
    'debrief',
    'grading',
    'journeyView',
    'marks',
    'menu',
    'quizPolicy',
    'reviewQueue',
    'roleplay',
    'saveNotice',
    'scorm',
    'scormCmi',
    'scormRecord',
    'searchEngine',
    'store',
    'transfer',
    'util',
  ]);
  // save-notice, visits, marks, menu, scorm, quiz, roleplay, assessment, reflect,
  // workbook, home, dashboard, progress-file, certificate, review and search.
  assert.equal(ready.length, 16, 'each page script waits for DOMContentLoaded');
});

test('a plain lesson\'s scripts load on their own', () => {
  const plain = listed().filter(([, kinds]) => kinds.length === 0).map(([f]) => f);
  const { syllabus, touched } = loadAll(plain);
  assert.deepEqual(touched, []);
  assert.deepEqual(Object.keys(syllabus).sort(), ['completion', 'marks', 'menu', 'saveNotice', 'scorm', 'store', 'util']);
});
