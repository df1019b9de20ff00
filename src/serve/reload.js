// syllabus serve: reloads the page after each successful rebuild and shows the
// build's problems over the page after a failed one. Served by `syllabus serve`
// only; never part of a built site.
(function () {
  'use strict';

  var script = document.currentScript;
  var loaded = script ? Number(script.getAttribute('data-version')) : NaN;

  function overlay() {
    return document.getElementById('syllabus-overlay');
  }

  function hide() {
    var el = overlay();
    if (el) el.hidden = true;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function show(status) {
    var old = overlay();
    var hadFocus = old && old.contains(document.activeElement);
    if (old) old.remove();
    var words = status.words || {};
    var box = el('div', 'syllabus-overlay-box');
    var title = el('h2', null, (words.title || 'The course has errors') + ' ');
    title.id = 'syllabus-overlay-title';
    title.appendChild(el('span', 'syllabus-overlay-summary', '(' + status.summary + ')'));
    // Keep the server's note: it knows whether this page is a last good version.
    var oldNote = old && old.querySelector('p[role="alert"]');
    var note = el('p', null, oldNote ? oldNote.textContent : words.note || '');
    note.setAttribute('role', 'alert');
    var list = el('ol', 'syllabus-overlay-list');
    (status.diagnostics || []).forEach(function (d) {
      var li = el('li', 'syllabus-diag syllabus-' + d.severity);
      li.appendChild(el('pre', null, d.text));
      list.appendChild(li);
    });
    var close = el('button', 'syllabus-overlay-close', words.dismiss || 'Hide');
    close.type = 'button';
    box.appendChild(title);
    box.appendChild(note);
    box.appendChild(list);
    box.appendChild(close);
    var root = el('div', 'syllabus-overlay');
    root.id = 'syllabus-overlay';
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-labelledby', 'syllabus-overlay-title');
    root.appendChild(box);
    document.body.insertBefore(root, document.body.firstChild);
    wire();
    if (hadFocus) close.focus();
  }

  function wire() {
    var el = overlay();
    if (!el) return;
    var close = el.querySelector('.syllabus-overlay-close');
    if (close) close.addEventListener('click', hide);
  }

  document.addEventListener('keydown', function (e) {
    var el = overlay();
    if (e.key === 'Escape' && el && !el.hidden) hide();
  });

  function connect() {
    if (typeof EventSource === 'undefined') return;
    var source = new EventSource('/__syllabus/events');
    source.addEventListener('status', function (e) {
      var status;
      try {
        status = JSON.parse(e.data);
      } catch (err) {
        return;
      }
      if (status.ok) {
        if (status.version !== loaded) window.location.reload();
        else hide();
      } else {
        show(status);
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    wire();
    connect();
  });
})();
