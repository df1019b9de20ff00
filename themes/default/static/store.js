/* The trainee's saved progress: one versioned localStorage record per course.
 *
 * Syllabus.store (see docs/quizzes.md, "Saved progress"):
 *   get(kind, id, hash)        stored value, or null; a stale hash (the trainer edited
 *                              that block) deletes the entry and returns null
 *   set(kind, id, hash, value) value must be JSON-serialisable; stamps the time
 *   remove(kind, id)
 *   all()                      the whole record {version: 1, course, items}
 *   replace(record)            import; returns false (and changes nothing) when invalid
 *   validate(record, course)   the record cleaned, or null when it is not one of course's
 *   clear()
 *   onChange(fn)               fn(record) after every change, here or in another tab
 *   status()                   whether changes are saved: 'saved'; 'unavailable' (no usable
 *                              localStorage: private mode, blocked storage); 'full' (the
 *                              last save did not fit in the browser's storage)
 *   onStatus(fn)               fn(status) whenever status() changes
 *
 * The record lives under `syllabus:<course id>` as {version: 1, course, items:
 * {"<kind>:<id>": {h, v, t}}}; trainees' saved work depends on that never changing
 * by accident. A corrupt or foreign stored value is ignored and never throws; without
 * a usable localStorage (private mode, blocked storage) or when a save does not fit,
 * the record lives in memory for the page's life and status() says so, for the page
 * to tell the trainee (save-notice.js).
 * module.exports gives the unit tests createStore and validate. */
(function () {
  'use strict';

  var S = typeof window !== 'undefined' ? (window.Syllabus = window.Syllabus || {}) : {};

  var VERSION = 1;

  function emptyRecord(course) {
    return { version: VERSION, course: course, items: {} };
  }

  function isObject(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }

  /* A record is ours when it has our version, our course id and well-formed items. */
  function validate(record, course) {
    if (!isObject(record) || record.version !== VERSION || record.course !== course) return null;
    if (!isObject(record.items)) return null;
    var items = {};
    Object.keys(record.items).forEach(function (key) {
      var it = record.items[key];
      if (isObject(it) && typeof it.h === 'string' && 'v' in it && key.indexOf(':') > 0) {
        items[key] = { h: it.h, v: it.v, t: typeof it.t === 'number' ? it.t : 0 };
      }
    });
    return { version: VERSION, course: course, items: items };
  }

  /* The browsers' names for a full storage (Firefox's older one included). */
  function isQuota(e) {
    return !!e && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22 || e.code === 1014);
  }

  /* status: what opening the storage found (default 'saved', or 'unavailable'
   * without storage). */
  function createStore(course, storage, status) {
    var key = 'syllabus:' + course;
    var memory = null;
    var listeners = [];
    var saving = storage ? status || 'saved' : 'unavailable';
    var statusListeners = [];

    function setStatus(next) {
      if (next === saving) return;
      saving = next;
      statusListeners.forEach(function (fn) {
        try {
          fn(next);
        } catch (e) {
          /* As for change listeners. */
        }
      });
    }

    function read() {
      if (memory) return memory;
      var raw = null;
      try {
        raw = storage ? storage.getItem(key) : null;
      } catch (e) {
        raw = null;
      }
      if (raw) {
        try {
          var parsed = validate(JSON.parse(raw), course);
          if (parsed) return parsed;
        } catch (e) {
          /* Corrupt: start afresh; the bad value is overwritten on the next save. */
        }
      }
      return emptyRecord(course);
    }

    function write(record) {
      var ok = false;
      var failure = 'unavailable';
      if (storage) {
        try {
          storage.setItem(key, JSON.stringify(record));
          ok = true;
        } catch (e) {
          failure = isQuota(e) ? 'full' : 'unavailable';
        }
      }
      /* Without storage (or when it is full) keep the record for this page's life. */
      memory = ok ? null : record;
      setStatus(ok ? 'saved' : failure);
      notify(record);
    }

    function notify(record) {
      listeners.forEach(function (fn) {
        try {
          fn(record);
        } catch (e) {
          /* One broken listener must not stop the others. */
        }
      });
    }

    function itemKey(kind, id) {
      return String(kind) + ':' + String(id);
    }

    return {
      get: function (kind, id, hash) {
        var record = read();
        var k = itemKey(kind, id);
        var it = record.items[k];
        if (!it) return null;
        if (it.h !== hash) {
          delete record.items[k];
          write(record);
          return null;
        }
        return it.v;
      },
      set: function (kind, id, hash, value) {
        var record = read();
        record.items[itemKey(kind, id)] = {
          h: String(hash),
          v: JSON.parse(JSON.stringify(value === undefined ? null : value)),
          t: Date.now(),
        };
        write(record);
      },
      remove: function (kind, id) {
        var record = read();
        var k = itemKey(kind, id);
        if (!(k in record.items)) return;
        delete record.items[k];
        write(record);
      },
      all: function () {
        return read();
      },
      replace: function (record) {
        var valid = validate(record, course);
        if (!valid) return false;
        write(valid);
        return true;
      },
      clear: function () {
        write(emptyRecord(course));
      },
      onChange: function (fn) {
        if (typeof fn === 'function') listeners.push(fn);
      },
      status: function () {
        return saving;
      },
      onStatus: function (fn) {
        if (typeof fn === 'function') statusListeners.push(fn);
      },
      /* For the storage event: another tab changed the record. */
      _external: function (changedKey) {
        if (changedKey === key || changedKey === null) notify(read());
      },
    };
  }

  /* Some browsers expose localStorage but throw on use (blocked cookies), or refuse
   * every write in private mode. A storage that is full is still read: the trainee's
   * saved progress shows, though new answers cannot be saved. */
  function usableStorage() {
    var storage;
    var probe = 'syllabus:probe';
    try {
      storage = window.localStorage;
      storage.getItem(probe);
    } catch (e) {
      return { storage: null };
    }
    try {
      storage.setItem(probe, '1');
      storage.removeItem(probe);
      return { storage: storage, status: 'saved' };
    } catch (e) {
      /* Private mode in some browsers: empty, with no room at all. */
      return isQuota(e) && storage.length > 0 ? { storage: storage, status: 'full' } : { storage: null };
    }
  }

  /* The page's store opens on first use, which is at DOMContentLoaded or later: by
   * then the body and its data-course-id exist, whatever order a theme lists the
   * scripts in. */
  var opened = null;
  function open() {
    if (!opened) {
      var found = usableStorage();
      opened = createStore((document.body && document.body.dataset.courseId) || '', found.storage, found.status);
      window.addEventListener('storage', function (e) {
        opened._external(e.key);
      });
    }
    return opened;
  }

  S.store = {};
  ['get', 'set', 'remove', 'all', 'replace', 'clear', 'onChange', 'status', 'onStatus'].forEach(function (name) {
    S.store[name] = function () {
      var store = open();
      return store[name].apply(store, arguments);
    };
  });
  /* For reading a progress file before it replaces anything (transfer.js). */
  S.store.validate = validate;

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = { createStore: createStore, validate: validate, isQuota: isQuota, VERSION: VERSION };
  }
})();
