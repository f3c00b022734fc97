/* showdeck's behaviour around reveal.js: only what the audience sees can take focus, a short
   live region, motion only for those who want it, and a phone layout that reads at phone size.
   Inlined by index.html.j2 before
   Showdeck.start(function () { Reveal.initialize(Showdeck.configure({...})); }). */
var Showdeck = (function () {
  'use strict';

  /* Phones, either way up. Desktop windows keep reveal's 960x700 scaled slide (the pages are
     measured for it); the phone layout lets text flow at its own size and each slide scroll. */
  var PHONE = '(max-width: 600px), (max-height: 500px)';
  var REDUCE = '(prefers-reduced-motion: reduce)';
  var SWIPE_PX = 50;
  var STATUS_MAX = 160;

  var phoneQuery = window.matchMedia(PHONE);
  var motionQuery = window.matchMedia(REDUCE);
  var printing = /print-pdf/.test(window.location.search);

  function isPhone() { return phoneQuery.matches && !printing; }

  function motionOptions(config) {
    var reduce = motionQuery.matches;
    config.transition = reduce ? 'none' : (config.sdTransition || 'fade');
    config.backgroundTransition = reduce ? 'none' : 'fade';
    return config;
  }

  function layoutOptions(config) {
    var phone = isPhone();
    document.documentElement.classList.toggle('sd-phone', phone);
    config.disableLayout = phone;
    config.touch = !phone;  // reveal's touch handler blocks native scrolling; ours does not
    return config;
  }

  /* Whether a fragment shows, by reveal.css's own rules for the kinds of fragment pages use. */
  function fragmentShown(el) {
    var c = el.classList;
    if (!c.contains('fragment')) return true;
    if (c.contains('fade-out')) return !c.contains('visible');
    if (c.contains('fade-in-then-out') || c.contains('current-visible')) {
      return c.contains('current-fragment');
    }
    return c.contains('visible');
  }

  /* Hidden slides and pages are inert: no focus, no clicks, not in the accessibility tree. */
  function updateInert() {
    if (Reveal.isPrintView()) return;
    var sections = document.querySelectorAll('.reveal .slides section');
    if (Reveal.isOverview()) {
      // The overview is for picking a slide: every thumbnail takes a click (reveal keeps
      // their contents out of reach while it shows).
      sections.forEach(function (section) { section.inert = false; });
      return;
    }
    // Every <section>, stacks included: only the current slide and the stack holding it live.
    var current = Reveal.getCurrentSlide();
    sections.forEach(function (section) {
      var hidden = !current || !(section === current || section.contains(current));
      section.inert = hidden;
      if (hidden) section.setAttribute('aria-hidden', 'true');
    });
    if (!current) return;
    current.querySelectorAll('.sd-page').forEach(function (page) {
      page.inert = !fragmentShown(page);
    });
  }

  function headingText(container) {
    var heading = container && container.querySelector('h1, h2, h3');
    if (!heading) return '';
    var copy = heading.cloneNode(true);
    copy.querySelectorAll('.sd-page-count').forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }

  /* "Slide 3 of 7: Heading, page 2 of 9" instead of reveal's reading of the whole slide. */
  function statusText() {
    var slide = Reveal.getCurrentSlide();
    if (!slide) return '';
    var pages = Array.prototype.slice.call(slide.querySelectorAll('.sd-page'));
    var page = pages.filter(function (p) { return !p.inert; })[0];
    var name = headingText(page) || headingText(slide) ||
      ((slide.querySelector('[aria-label]') || {}).ariaLabel || '');
    var text = 'Slide ' + (Reveal.getSlidePastCount() + 1) + ' of ' + Reveal.getTotalSlides();
    if (name) text += ': ' + name;
    if (pages.length > 1 && page) text += ', page ' + (pages.indexOf(page) + 1) + ' of ' + pages.length;
    return text.length > STATUS_MAX ? text.slice(0, STATUS_MAX - 1) + '…' : text;
  }

  /* reveal writes the whole slide into its live region (a frame after each change) and
     re-renders the slide number as a link to the slide already shown; both are put right
     whenever they change, so every route (keys, controls, hash, API) gets the short form. */
  var spoken = '';
  var watched = false;

  function tidySlideNumber() {
    var link = document.querySelector('.reveal .slide-number a');
    if (!link) return;
    if (link.getAttribute('tabindex') !== '-1') link.setAttribute('tabindex', '-1');
    // The name holds the number as shown ("1 / 7"), so speech input can say what it sees.
    var label = 'Slide ' + (Reveal.getSlidePastCount() + 1) + ' / ' + Reveal.getTotalSlides();
    if (link.getAttribute('aria-label') !== label) link.setAttribute('aria-label', label);
  }

  function watch() {
    if (watched) return;
    watched = true;
    var status = document.querySelector('.reveal .aria-status');
    if (status) {
      new MutationObserver(function () {
        if (spoken && status.textContent !== spoken) status.textContent = spoken;
      }).observe(status, {childList: true, characterData: true, subtree: true});
    }
    var number = document.querySelector('.reveal .slide-number');
    if (number) {
      new MutationObserver(tidySlideNumber).observe(number, {childList: true, subtree: true});
    }
  }

  function announce() {
    if (Reveal.isPrintView()) return;
    watch();
    spoken = statusText();
    var status = document.querySelector('.reveal .aria-status');
    if (status) status.textContent = spoken;
    tidySlideNumber();
  }

  function update(event) {
    updateInert();
    announce();
    var slide = Reveal.getCurrentSlide();
    if (isPhone() && slide && event && event.type !== 'resize') slide.scrollTop = 0;
    phoneScrollers(slide);
  }

  /* On a phone a slide scrolls: the current one is a named region that takes focus, so a
     keyboard can scroll it too. */
  function phoneScrollers(current) {
    Reveal.getSlides().forEach(function (slide) {
      if (isPhone() && slide === current) {
        slide.setAttribute('tabindex', '0');
        slide.setAttribute('aria-label', headingText(slide) || 'Slide');
      } else if (slide.hasAttribute('tabindex')) {
        slide.removeAttribute('tabindex');
        slide.removeAttribute('aria-label');
      }
    });
    phoneChart();
  }

  /* On a phone the chart keeps a readable size and scrolls sideways; the scroller is a named
     region that takes focus, so a keyboard can scroll it too. */
  function phoneChart() {
    document.querySelectorAll('.reveal .sd-figure').forEach(function (figure) {
      if (isPhone()) figure.setAttribute('tabindex', '0');
      else figure.removeAttribute('tabindex');
    });
  }

  /* A horizontal swipe turns the page on a phone; vertical drags scroll the slide natively. */
  function phoneSwipes() {
    var start = null;
    document.addEventListener('touchstart', function (e) {
      start = null;
      if (!isPhone() || e.touches.length !== 1) return;
      if (e.target.closest && e.target.closest('[data-prevent-swipe], .sd-figure')) return;
      start = {x: e.touches[0].clientX, y: e.touches[0].clientY};
    }, {passive: true});
    document.addEventListener('touchend', function (e) {
      if (!start || !e.changedTouches.length) return;
      var dx = e.changedTouches[0].clientX - start.x;
      var dy = e.changedTouches[0].clientY - start.y;
      start = null;
      if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > 2 * Math.abs(dy)) {
        if (dx < 0) Reveal.next(); else Reveal.prev();
      }
    }, {passive: true});
  }

  function configure(config) {
    config.sdTransition = config.transition;
    motionOptions(config);
    layoutOptions(config);
    ['ready', 'slidechanged', 'fragmentshown', 'fragmenthidden', 'resize', 'overviewshown',
     'overviewhidden'].forEach(function (name) {
      Reveal.on(name, update);
    });
    phoneQuery.addEventListener('change', function () {
      Reveal.configure(layoutOptions({}));
      Reveal.layout();
      update({type: 'resize'});
    });
    motionQuery.addEventListener('change', function () {
      Reveal.configure(motionOptions({sdTransition: config.sdTransition}));
    });
    phoneSwipes();
    return config;
  }

  /* reveal.js's notes plugin (the speaker view), held as text (a script of type text/plain)
     until it is wanted: S, the ?notes query, or a speaker window that outlived a reload (its
     heartbeat). Then it runs and registers as reveal would have at start. */
  function deferredNotes(sourceId) {
    var loaded = null;
    function load() {
      if (!loaded) {
        var source = document.getElementById(sourceId);
        var script = document.createElement('script');
        script.textContent = source ? source.textContent : '';
        document.head.appendChild(script);  // an inline script runs as it is inserted
        Reveal.registerPlugin(window.RevealNotes);
        loaded = Reveal.getPlugin('notes');
      }
      return loaded;
    }
    return {
      id: 'sd-notes',
      init: function (reveal) {
        var search = window.location.search;
        if (/receiver/i.test(search)) return;  // a speaker view's own copy of the deck
        if (/(\?|&)notes/i.test(search)) { reveal.on('ready', load); return; }
        window.addEventListener('message', function listen(event) {
          if (loaded || typeof event.data !== 'string' || event.data.indexOf('heartbeat') < 0) return;
          window.removeEventListener('message', listen);
          load();
        });
        reveal.addKeyBinding({keyCode: 83, key: 'S', description: 'Speaker notes view'},
          function () { load().open(); });
      }
    };
  }

  /* Runs init (the deck's Reveal.initialize) once the embedded fonts are ready (fonts.js made
     window.showdeckFonts), or at once where there is nothing to wait for. */
  function start(init) {
    var fonts = window.showdeckFonts;
    if (fonts && typeof fonts.then === 'function') fonts.then(init, init);
    else init();
  }

  return {configure: configure, statusText: statusText, fragmentShown: fragmentShown,
          deferredNotes: deferredNotes, start: start};
}());
