/* Reflection boxes: what the trainee types is saved (debounced) in Syllabus.store
 * (kind `reflect`) and put back on the next visit. The box carries its id, hash and
 * status strings as data-* attributes (tests/contract/blocks/reflect.json). */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  var DELAY = 500;

  function setup(box) {
    var store = S.store;
    var area = box.querySelector('textarea');
    var status = box.querySelector('.rf-status');
    var nojs = box.querySelector('.rf-nojs');
    if (!area) return;
    if (nojs) nojs.remove();
    var id = box.dataset.id;
    var hash = box.dataset.hash;
    var timer = null;
    var dirty = false;

    function save() {
      timer = null;
      if (!dirty) return;
      dirty = false;
      if (area.value.trim() === '') {
        store.remove('reflect', id);
      } else {
        store.set('reflect', id, hash, { text: area.value });
      }
      status.textContent = box.dataset.saved || '';
    }

    var prev = store.get('reflect', id, hash);
    if (prev && typeof prev.text === 'string') {
      area.value = prev.text;
      status.textContent = box.dataset.restored || '';
    }
    area.addEventListener('input', function () {
      dirty = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, DELAY);
    });
    /* Leaving the page or the box must not lose the last keystrokes. */
    area.addEventListener('blur', save);
    window.addEventListener('pagehide', save);
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-reflect]'), setup);
  });
})();
