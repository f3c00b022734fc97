/* The deck's embedded faces start decoding as soon as their rules are read, while the rest of
   the page is parsed. reveal.js lays the first slide out once they are ready (Showdeck.start),
   so it is laid out once, in the faces the deck keeps, not first in the machine's fonts as
   stand-ins. A face that fails to load, a browser without the Font Loading API or a slow
   machine (FONTS_WAIT_MS) never holds the deck back. Inlined by index.html.j2 in <head>. */
window.showdeckFonts = (function () {
  'use strict';
  var FONTS_WAIT_MS = 1000;
  if (!document.fonts || !window.Promise) return null;
  var loads = [];
  document.fonts.forEach(function (face) {
    loads.push(face.load().catch(function () { return null; }));
  });
  return Promise.race([
    Promise.all(loads),
    new Promise(function (resolve) { setTimeout(resolve, FONTS_WAIT_MS); })
  ]);
}());
