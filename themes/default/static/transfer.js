/* The progress file: the whole progress record, downloaded to carry on in another
 * browser and imported there. Pure functions, no DOM (tests/js/transfer.test.js).
 *
 * Syllabus.transfer (and module.exports):
 *   FORMAT                     the file format this site writes and reads (1)
 *   build(record, course, now) the file as an object
 *   text(file)                 the file's JSON text
 *   fileName(course, now)      e.g. progress-customer-service-retention-2026-12-03.json
 *   read(text, course)         {ok: true, record, dropped, exported, version, title}
 *                              or {ok: false, error, title?}; error is one of
 *                              'unreadable' (not JSON, not a progress file, damaged),
 *                              'newer' (a newer file format or record version),
 *                              'other-course' (title: the file's course), 'changed'
 *                              (edited after it was downloaded)
 *   prune(record, course)      {record, dropped}: the record without the work the
 *                              course has changed since (its hash differs) or dropped
 *
 * The file: {syllabus_progress: 1, course, title, version, exported (ISO time),
 * record: {version: 1, course, items}, check}. `check` is the FNV-1a hash of the
 * record's JSON text, so that a file changed by hand is refused rather than half
 * read; it catches accidents, not forgery (the record is the trainee's own, never
 * proof of anything). */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};
  var U = typeof module !== 'undefined' && module.exports ? require('./util.js') : null;
  var Store = typeof module !== 'undefined' && module.exports ? require('./store.js') : null;

  var FORMAT = 1;
  /* The store's record version this file format holds. */
  var RECORD_VERSION = 1;

  function util() {
    return U || S.util;
  }

  function isObject(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }

  function checksum(record) {
    return ('00000000' + util().hashString(JSON.stringify(record)).toString(16)).slice(-8);
  }

  function build(record, course, now) {
    return {
      syllabus_progress: FORMAT,
      course: course.id,
      title: course.title,
      version: course.version || null,
      exported: new Date(now).toISOString(),
      record: record,
      check: checksum(record),
    };
  }

  function text(file) {
    return JSON.stringify(file, null, 1) + '\n';
  }

  function fileName(course, now) {
    var d = new Date(now);
    var pad = function (n) {
      return (n < 10 ? '0' : '') + n;
    };
    var day = d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
    return 'progress-' + String(course.id).replace(/[^A-Za-z0-9._-]+/g, '-') + '-' + day + '.json';
  }

  /* Whether the course still has a piece of work with this id and hash. */
  function current(course, kind, id, hash) {
    var lists = { quiz: course.quizzes, roleplay: course.roleplays, assessment: course.assessments, reflect: course.reflections };
    var qs = isObject(course.questions) ? course.questions : {};
    switch (kind) {
      case 'question':
      case 'review':
        return Object.prototype.hasOwnProperty.call(qs, id) && qs[id] === hash;
      case 'quiz':
      case 'roleplay':
      case 'assessment':
      case 'reflect':
        return (lists[kind] || []).some(function (w) {
          return w.id === id && w.h === hash;
        });
      case 'visit':
        return (
          id === 'last' ||
          (course.pages || []).some(function (p) {
            return p.u === id;
          })
        );
      case 'course':
        return hash === course.stamp;
      default:
        /* Kinds this version does not know (a later feature's) are kept as they are. */
        return true;
    }
  }

  function prune(record, course) {
    var items = {};
    var dropped = 0;
    Object.keys(record.items).forEach(function (key) {
      var at = key.indexOf(':');
      var it = record.items[key];
      if (current(course, key.slice(0, at), key.slice(at + 1), it.h)) items[key] = it;
      else dropped++;
    });
    return { record: { version: record.version, course: record.course, items: items }, dropped: dropped };
  }

  function read(txt, course) {
    var file;
    try {
      file = JSON.parse(String(txt).replace(/^\uFEFF/, ''));
    } catch (e) {
      return { ok: false, error: 'unreadable' };
    }
    if (!isObject(file) || typeof file.syllabus_progress !== 'number' || !isObject(file.record)) {
      return { ok: false, error: 'unreadable' };
    }
    if (file.syllabus_progress > FORMAT || (typeof file.record.version === 'number' && file.record.version > RECORD_VERSION)) {
      return { ok: false, error: 'newer' };
    }
    if (file.course !== course.id || file.record.course !== course.id) {
      return { ok: false, error: 'other-course', title: typeof file.title === 'string' ? file.title : String(file.course) };
    }
    if (file.check !== checksum(file.record)) return { ok: false, error: 'changed' };
    var validate = Store ? Store.validate : S.store && S.store.validate;
    var record = validate(file.record, course.id);
    if (!record || Object.keys(record.items).length !== Object.keys(file.record.items).length) {
      return { ok: false, error: 'unreadable' };
    }
    var pruned = prune(record, course);
    return {
      ok: true,
      record: pruned.record,
      dropped: pruned.dropped,
      exported: typeof file.exported === 'string' ? file.exported : null,
      version: typeof file.version === 'string' ? file.version : null,
      title: file.title,
    };
  }

  var api = { FORMAT: FORMAT, build: build, text: text, fileName: fileName, read: read, prune: prune };
  S.transfer = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})();
