/* The progress page's "your progress file" section: download the whole record as a
 * file, import one (transfer.js reads and checks it; a refused file changes nothing),
 * and reset, each replacing or deleting only after the trainee confirms on the page. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  var REFUSALS = {
    unreadable: 'jr_import_unreadable',
    newer: 'jr_import_newer',
    'other-course': 'jr_import_other_course',
    changed: 'jr_import_changed',
  };

  function setup(section, ctx) {
    var T = S.transfer;
    var t = ctx.t;
    var store = ctx.store;
    var status = section.querySelector('.jr-data-status');
    var confirmBox = section.querySelector('.jr-confirm');
    var confirmText = section.querySelector('.jr-confirm-text');
    var yes = section.querySelector('.jr-confirm-yes');
    var no = section.querySelector('.jr-confirm-no');
    var input = section.querySelector('.jr-import-file');
    var exportBtn = section.querySelector('.jr-export');
    var importBtn = section.querySelector('.jr-import');
    var resetBtn = section.querySelector('.jr-reset');
    var pending = null;

    function say(text, isError) {
      status.textContent = text;
      status.classList.toggle('jr-error', Boolean(isError));
    }

    /* Asks on the page; `action` runs on yes, `from` gets the focus back. */
    function ask(text, yesLabel, action, from) {
      confirmText.textContent = text;
      yes.textContent = yesLabel;
      pending = { action: action, from: from };
      confirmBox.hidden = false;
      no.focus();
    }

    function settle(run) {
      var p = pending;
      pending = null;
      confirmBox.hidden = true;
      if (!p) return;
      if (run) p.action();
      else say(t('jr_cancelled'));
      p.from.focus();
    }

    yes.addEventListener('click', function () {
      settle(true);
    });
    no.addEventListener('click', function () {
      settle(false);
    });
    confirmBox.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') settle(false);
    });

    exportBtn.addEventListener('click', function () {
      var now = Date.now();
      var file = T.build(store.all(), ctx.course, now);
      var name = T.fileName(ctx.course, now);
      var url = URL.createObjectURL(new Blob([T.text(file)], { type: 'application/json' }));
      var a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 1000);
      say(t('jr_exported', { file: name }));
    });

    importBtn.addEventListener('click', function () {
      input.value = '';
      input.click();
    });

    input.addEventListener('change', function () {
      var f = input.files && input.files[0];
      if (!f) return;
      /* So that picking the same file again (after a Cancel) is a change too. */
      input.value = '';
      var reader = new FileReader();
      reader.onerror = function () {
        say(t('jr_import_unreadable'), true);
      };
      reader.onload = function () {
        offer(String(reader.result));
      };
      reader.readAsText(f);
    });

    function offer(text) {
      var res = T.read(text, ctx.course);
      if (!res.ok) {
        say(t(REFUSALS[res.error] || 'jr_import_unreadable', { title: res.title || '' }), true);
        importBtn.focus();
        return;
      }
      var when = res.exported ? S.journeyView.date(Date.parse(res.exported)) : '?';
      var apply = function () {
        if (!store.replace(res.record)) {
          say(t('jr_import_unreadable'), true);
          return;
        }
        var msg = t('jr_imported', { date: when });
        if (res.dropped > 0) msg += ' ' + t('jr_imported_dropped', { n: res.dropped });
        say(msg);
      };
      if (Object.keys(store.all().items).length === 0) {
        apply();
        return;
      }
      ask(t('jr_import_confirm', { date: when, n: Object.keys(res.record.items).length }), t('jr_import_yes'), apply, importBtn);
    }

    resetBtn.addEventListener('click', function () {
      ask(
        t('jr_reset_confirm'),
        t('jr_reset_yes'),
        function () {
          store.clear();
          say(t('jr_reset_done'));
        },
        resetBtn,
      );
    });

    section.hidden = false;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var section = document.querySelector('[data-progress] .jr-data');
    var ctx = section && S.journeyView.open();
    if (ctx) setup(section, ctx);
  });
})();
