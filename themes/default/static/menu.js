/* The course menu on phones: the header's Menu button opens the sidebar (the
 * course contents) as a drawer over the page, and Close, Escape, the shade beside
 * it or a wide window close it again. While it is open the rest of the page is
 * inert, so keyboard and screen-reader users stay in the menu. Without JavaScript
 * the header keeps its link to the contents at the end of the page. */
(function () {
  'use strict';

  var S = (window.Syllabus = window.Syllabus || {});

  S.menu = function () {
    var body = document.body;
    var button = document.querySelector('.menu-button');
    var nav = document.getElementById('nav');
    var close = nav && nav.querySelector('.menu-close');
    if (!button || !nav || !close) return;
    var shade = S.util.el('div', 'menu-shade');
    shade.hidden = true;
    body.appendChild(shade);
    var wide = window.matchMedia('(min-width: 60rem)');
    var outside = ['.skip-link', '.site-header', 'main', '.site-footer'];

    function setOpen(open, refocus) {
      body.classList.toggle('menu-open', open);
      button.setAttribute('aria-expanded', String(open));
      shade.hidden = !open;
      close.hidden = !open;
      outside.forEach(function (sel) {
        var el = document.querySelector(sel);
        if (el) el.inert = open;
      });
      if (open) close.focus();
      else if (refocus) button.focus();
    }

    body.classList.add('has-menu');
    button.hidden = false;
    button.addEventListener('click', function () {
      setOpen(true);
    });
    close.addEventListener('click', function () {
      setOpen(false, true);
    });
    shade.addEventListener('click', function () {
      setOpen(false, true);
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && body.classList.contains('menu-open')) setOpen(false, true);
    });
    /* A link to a place on this page leaves the menu open otherwise. */
    nav.addEventListener('click', function (e) {
      if (e.target.closest && e.target.closest('a') && body.classList.contains('menu-open')) setOpen(false);
    });
    var onWide = function () {
      if (wide.matches && body.classList.contains('menu-open')) setOpen(false);
    };
    if (wide.addEventListener) wide.addEventListener('change', onWide);
  };

  document.addEventListener('DOMContentLoaded', S.menu);
})();
