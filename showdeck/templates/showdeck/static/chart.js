/* The explorable timeline: hover, tap, Tab or arrow keys reach every episode and event in time
   order and show its details (date, text, sources) in a card. Carried by the chart's own
   output, it sets up the chart it sits in; without it the chart is the static picture, each
   marker a link to its first source. */
(function () {
  'use strict';
  var HIDE_MS = 350;

  function setUp(root) {
    if (!root || root.getAttribute('data-sd-ready')) return;
    root.setAttribute('data-sd-ready', 'ready');
    var frame = root.querySelector('.sd-chart-frame');
    var card = root.querySelector('.sd-chart-card');
    var hint = root.querySelector('.sd-chart-hint');
    var details = {};
    var order = [];
    root.querySelectorAll('.sd-chart-details > li').forEach(function (li) {
      details[li.getAttribute('data-sd-point')] = li;
      order.push(li.getAttribute('data-sd-point'));
    });
    var current = order[0];
    var pinned = false;
    var timer = null;
    if (hint) hint.hidden = false;

    /* The marker links of the drawing on screen, in time order. */
    function layer() {
      var layers = root.querySelectorAll('.sd-chart-wide, .sd-chart-narrow');
      for (var i = 0; i < layers.length; i++) {
        if (getComputedStyle(layers[i]).display !== 'none') return layers[i];
      }
      return layers[0];
    }
    function markers() {
      var byKey = {};
      layer().querySelectorAll('a.sd-point').forEach(function (a) {
        byKey[a.getAttribute('data-sd-point')] = a;
      });
      return order.map(function (key) { return byKey[key]; }).filter(Boolean);
    }
    function marker(key) {
      return layer().querySelector('a.sd-point[data-sd-point="' + key + '"]');
    }

    /* One tab stop into the chart; Tab and the arrows then step through the points. */
    function tabStops() {
      root.querySelectorAll('a.sd-point').forEach(function (a) {
        var key = a.getAttribute('data-sd-point');
        a.setAttribute('tabindex', key === current ? '0' : '-1');
        a.setAttribute('role', 'button');
        a.setAttribute('aria-haspopup', 'dialog');
        a.setAttribute('aria-expanded', String(!card.hidden && key === current));
        a.classList.toggle('sd-current', !card.hidden && key === current);
      });
      root.querySelectorAll('.sd-point-text').forEach(function (g) {
        g.classList.toggle('sd-current', !card.hidden && g.getAttribute('data-sd-for') === current);
      });
    }

    /* Below the point and its texts if there is room, else above them, else below the
       marker alone: the card never hides the text being pointed at, where it can help it. */
    function place(anchor, key) {
      var box = frame.getBoundingClientRect();
      var scale = frame.offsetWidth ? box.width / frame.offsetWidth : 1;
      var parts = [anchor].concat(Array.prototype.slice.call(
        layer().querySelectorAll('[data-sd-for="' + key + '"]')));
      var r = anchor.getBoundingClientRect();
      var top = r.top, bottom = r.bottom;
      parts.forEach(function (el) {
        var p = el.getBoundingClientRect();
        top = Math.min(top, p.top);
        bottom = Math.max(bottom, p.bottom);
      });
      var x = (r.left + r.width / 2 - box.left) / scale;
      var width = card.offsetWidth, height = card.offsetHeight;
      var left = Math.max(0, Math.min(x - width / 2, frame.offsetWidth - width));
      var below = (bottom - box.top) / scale + 8;
      var above = (top - box.top) / scale - 8 - height;
      var y = below + height <= frame.offsetHeight ? below
        : above >= 0 ? above : (r.bottom - box.top) / scale + 8;
      card.style.left = left + 'px';
      card.style.top = y + 'px';
    }

    function show(key, pin) {
      var anchor = marker(key);
      if (!anchor || !details[key]) return;
      clearTimeout(timer);
      current = key;
      pinned = pinned || !!pin;
      card.textContent = '';
      var body = details[key].cloneNode(true);
      while (body.firstChild) card.appendChild(body.firstChild);
      var close = document.createElement('button');
      close.type = 'button';
      close.className = 'sd-card-close';
      close.setAttribute('aria-label', 'Close details');
      close.textContent = '\u00d7';
      close.addEventListener('click', function () { hide(true); anchor.focus(); });
      card.appendChild(close);
      card.setAttribute('aria-label', 'Details: ' + anchor.getAttribute('aria-label'));
      card.hidden = false;
      place(anchor, key);
      tabStops();
    }
    function hide(force) {
      if (pinned && !force) return;
      pinned = false;
      card.hidden = true;
      tabStops();
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(function () { hide(false); }, HIDE_MS);
    }
    function keyOf(target) {
      var el = target && target.closest && target.closest('[data-sd-point], [data-sd-for]');
      if (!el || !frame.contains(el)) return null;
      return el.getAttribute('data-sd-point') || el.getAttribute('data-sd-for');
    }
    function step(from, by) {
      var list = markers();
      var index = list.indexOf(marker(from)) + by;
      if (index < 0 || index >= list.length) return false;
      var next = list[index];
      current = next.getAttribute('data-sd-point');
      tabStops();
      next.focus();
      return true;
    }

    frame.addEventListener('mouseover', function (e) {
      var key = keyOf(e.target);
      if (key) show(key, false);
    });
    frame.addEventListener('mouseout', function (e) {
      if (keyOf(e.target) && !card.contains(e.relatedTarget)) later();
    });
    card.addEventListener('mouseover', function () { clearTimeout(timer); });
    card.addEventListener('mouseout', function (e) {
      if (!card.contains(e.relatedTarget)) later();
    });
    frame.addEventListener('click', function (e) {
      var key = keyOf(e.target);
      if (!key) return;
      e.preventDefault();  // the details, not the first source: its links are in the card
      show(key, true);
    });
    document.addEventListener('click', function (e) {
      if (!card.hidden && !root.contains(e.target)) hide(true);
    });
    root.addEventListener('focusin', function (e) {
      var key = e.target.getAttribute && e.target.getAttribute('data-sd-point');
      if (key && e.target.classList.contains('sd-point')) show(key, false);
    });
    root.addEventListener('focusout', function (e) {
      if (!root.contains(e.relatedTarget)) hide(true);
    });
    root.addEventListener('keydown', function (e) {
      var target = e.target;
      var onPoint = target.classList && target.classList.contains('sd-point');
      var handled = true;
      if (onPoint) {
        var key = target.getAttribute('data-sd-point');
        var list = markers();
        if (e.key === 'ArrowRight' || e.key === 'ArrowDown') step(key, 1);
        else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') step(key, -1);
        else if (e.key === 'Home') step(key, -list.indexOf(target));
        else if (e.key === 'End') step(key, list.length - 1 - list.indexOf(target));
        else if (e.key === 'Tab' && !e.altKey && !e.ctrlKey && !e.metaKey) {
          handled = step(key, e.shiftKey ? -1 : 1);  // past either end, Tab leaves the chart
        } else if (e.key === 'Enter' || e.key === ' ') {
          show(key, true);
          var link = card.querySelector('a');
          if (link) link.focus();
        } else if (e.key === 'Escape') hide(true);
        else handled = false;
      } else if (card.contains(target) && e.key === 'Escape') {
        hide(true);
        var back = marker(current);
        if (back) back.focus();
      } else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopPropagation();  // the arrows move in the chart, not the slides or the cells
      }
    });
    tabStops();
  }

  var script = document.currentScript;
  var own = script && script.closest ? script.closest('[data-sd-chart]') : null;
  if (own) setUp(own);
  document.querySelectorAll('[data-sd-chart]').forEach(setUp);
}());
