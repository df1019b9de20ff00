/* The search page (search.html): reads the query from the box or the address (the
 * header box on every page submits ?q=…), loads the index's term shards and page
 * chunks as classic scripts (fetch of JSON fails under file://), shows the results
 * ten at a time and announces their count. The index files hand their data to
 * Syllabus.searchQueue.push([kind, n, data]); the head arrives with the page.
 *
 * Keys: ↓ from the box or a result moves to the next result, ↑ to the previous one
 * (from the first, back to the box), Esc in the results goes back to the box, Esc in
 * the box clears it. Enter opens a result (it is a link). */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});
  var PAGE = 10;
  var DELAY = 150;

  /* Index files by "kind/n": a promise of the data each one pushes. */
  function Loader(base) {
    var data = {};
    var waiting = {};
    var promises = {};
    function receive(item) {
      if (!item || typeof item[0] !== 'string') return;
      var id = item[0] + '/' + item[1];
      data[id] = item[2];
      if (waiting[id]) waiting[id].resolve(item[2]);
    }
    var queued = S.searchQueue;
    S.searchQueue = { push: receive };
    if (queued && typeof queued.forEach === 'function') queued.forEach(receive);
    return {
      get: function (kind, n) {
        return data[kind + '/' + n];
      },
      load: function (kind, n, file) {
        var id = kind + '/' + n;
        if (promises[id]) return promises[id];
        promises[id] = new Promise(function (resolve, reject) {
          if (data[id]) return resolve(data[id]);
          waiting[id] = { resolve: resolve };
          var s = document.createElement('script');
          s.src = base + file;
          s.addEventListener('error', function () {
            delete promises[id];
            reject(new Error('cannot load ' + file));
          });
          s.addEventListener('load', function () {
            if (!data[id]) reject(new Error(file + ' held no search data'));
          });
          document.head.appendChild(s);
        });
        return promises[id];
      },
    };
  }

  function marked(parts, el) {
    parts.forEach(function (p) {
      if (p.mark) el.appendChild(S.util.el('mark', null, p.text));
      else el.appendChild(document.createTextNode(p.text));
    });
    return el;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var box = document.querySelector('[data-search]');
    if (!box) return;
    var E = S.searchEngine;
    var u = S.util;
    var t = u.t(u.json(box, 'script.search-strings'));
    var base = document.body.getAttribute('data-root') || '';
    var form = box.querySelector('form');
    var input = box.querySelector('#search-q');
    var status = box.querySelector('.search-status');
    var list = box.querySelector('.search-results');
    var moreRow = box.querySelector('.search-more-row');
    var more = box.querySelector('.search-more');
    box.querySelector('.search-nojs').hidden = true;
    var loader = Loader(base);
    var head = loader.get('head', 0);
    var run = 0;
    var current = null;
    var timer = null;

    /* data-state (busy / done) and data-query tell tests and custom themes where
     * a search stands. */
    function state(name, q) {
      box.setAttribute('data-state', name);
      box.setAttribute('data-query', q);
    }

    function say(text) {
      status.textContent = text;
    }

    function fail() {
      state('failed', input.value.trim());
      say(t('search_error'));
      list.hidden = true;
      moreRow.hidden = true;
    }

    if (!head || head.version !== 1) {
      fail();
      input.disabled = true;
      return;
    }

    function shard(k) {
      return E.shardOf(k, head.terms.length);
    }

    /* Index files are named by kind, number and their own hash (see docs/search.md). */
    function file(kind, n) {
      var h = kind === 'terms' ? head.terms[n] : head.docs.hashes[n];
      return 'search/' + kind[0] + n + '.' + h + '.js';
    }

    function keyOf(q) {
      return E.key(q.kind === 'word' ? q.stem : q.text);
    }

    function search(q) {
      var mine = ++run;
      var qterms = E.query(q);
      list.textContent = '';
      list.hidden = true;
      moreRow.hidden = true;
      current = null;
      state('busy', q.trim());
      if (!qterms.length) {
        say(q.trim() ? t('search_none', { q: q.trim() }) : t('search_empty'));
        state('done', q.trim());
        return;
      }
      say(t('search_loading'));
      var needed = {};
      qterms.forEach(function (qt) {
        needed[shard(keyOf(qt))] = true;
      });
      Promise.all(
        Object.keys(needed).map(function (n) {
          return loader.load('terms', n, file('terms', n));
        }),
      )
        .then(function () {
          if (mine !== run) return;
          var hits = E.rank(qterms, function (k) {
            return loader.get('terms', shard(k));
          });
          current = { q: q.trim(), qterms: qterms, hits: hits, shown: 0 };
          if (!hits.length) {
            say(t('search_none', { q: current.q }));
            return;
          }
          return showMore(mine, false);
        })
        .then(
          function () {
            if (mine === run) state('done', q.trim());
          },
          function () {
            if (mine === run) fail();
          },
        );
    }

    /* Shows the next results once their page chunks are loaded. */
    function showMore(mine, focusFirst) {
      var c = current;
      var slice = c.hits.slice(c.shown, c.shown + PAGE);
      var chunks = {};
      slice.forEach(function (h) {
        chunks[E.chunkOf(head.docs.starts, h.doc)] = true;
      });
      return Promise.all(
        Object.keys(chunks).map(function (k) {
          return loader.load('docs', k, file('docs', k));
        }),
      ).then(function () {
        if (mine !== run) return;
        var firstNew = null;
        slice.forEach(function (h) {
          var k = E.chunkOf(head.docs.starts, h.doc);
          var chunk = loader.get('docs', k);
          var d = chunk && chunk.docs[h.doc - chunk.first];
          if (!d) return;
          var li = result(d, h, c.qterms);
          list.appendChild(li);
          if (!firstNew) firstNew = li.querySelector('a');
        });
        c.shown += slice.length;
        list.hidden = false;
        moreRow.hidden = c.shown >= c.hits.length;
        var n = c.hits.length;
        var found = n === 1 ? t('search_results_one', { q: c.q }) : t('search_results', { n: n, q: c.q });
        say(c.shown < n ? found + ' ' + t('search_results_shown', { shown: c.shown, n: n }) : found);
        if (focusFirst && firstNew) firstNew.focus();
      });
    }

    function result(d, hit, qterms) {
      var url = d[0];
      var id = 'search-r' + hit.doc;
      var li = u.el('li', 'search-result');
      var a = u.el('a', 'search-result-title');
      a.href = base + url;
      a.setAttribute('aria-describedby', id + '-module ' + id + '-snippet');
      marked(E.snippet(d[1], qterms, 200), a);
      var h = u.el('p', 'search-result-title-row');
      h.appendChild(a);
      li.appendChild(h);
      var module = u.el('p', 'search-result-module', head.modules[d[2]] || '');
      module.id = id + '-module';
      li.appendChild(module);
      var snip = marked(E.snippet(d[3], qterms, 120), u.el('p', 'search-result-snippet'));
      snip.id = id + '-snippet';
      li.appendChild(snip);
      return li;
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll('a'));
    }

    function remember(q) {
      try {
        history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
      } catch (e) {
        /* Some browsers refuse it for file:// pages: the results still show. */
      }
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      remember(input.value.trim());
      search(input.value);
    });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        remember(input.value.trim());
        search(input.value);
      }, DELAY);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        var all = links();
        if (all.length) {
          e.preventDefault();
          all[0].focus();
        }
      } else if (e.key === 'Escape' && input.value) {
        e.preventDefault();
        input.value = '';
        remember('');
        search('');
      }
    });
    list.addEventListener('keydown', function (e) {
      var all = links();
      var i = all.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === 'ArrowDown' && i + 1 < all.length) {
        e.preventDefault();
        all[i + 1].focus();
      } else if (e.key === 'ArrowDown' && !moreRow.hidden) {
        e.preventDefault();
        more.focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        (i > 0 ? all[i - 1] : input).focus();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        input.focus();
      }
    });
    more.addEventListener('click', function () {
      if (current) showMore(run, true).catch(fail);
    });

    var q = '';
    try {
      q = new URLSearchParams(location.search).get('q') || '';
    } catch (e) {
      q = '';
    }
    input.value = q;
    input.focus();
    search(q);
  });
})();
