/* The handout: reveal.js's print view (?print-pdf) made ready for a tagged PDF on paper.
   ?paper=a4|letter picks the sheet (A4 unless asked; print.css holds the geometry), and
   ?showNotes=separate-page (reveal.js's own option) adds the speaker notes on sheets of their own. */
(function () {
  'use strict';
  if (!/print-pdf/i.test(window.location.search)) return;
  var root = document.documentElement;
  var paper = (new URLSearchParams(window.location.search).get('paper') || 'a4').toLowerCase();
  root.classList.add(paper === 'letter' ? 'sd-paper-letter' : 'sd-paper-a4');
  // Important, to outrank the @page that reveal.js sizes from the slide.
  var sheetSize = document.createElement('style');
  sheetSize.textContent = '@media print { @page { size: ' + (paper === 'letter' ? 'letter' : 'A4') +
    ' landscape !important; margin: 0 !important; } }';
  document.head.appendChild(sheetSize);

  // Numbered before reveal.js clones a slide once per page: tells which pages are one slide's.
  document.querySelectorAll('.reveal .slides section:not(.stack)').forEach(function (slide, i) {
    slide.dataset.sdPrintSlide = String(i + 1);
  });

  function slideOf(node) {
    var section = node && node.querySelector && node.querySelector('section[data-sd-print-slide]');
    return section ? section.dataset.sdPrintSlide : null;
  }

  function shown(node) {
    return node.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll('.sd-page-count').forEach(function (count) { count.remove(); });
    return copy.textContent.trim();
  }

  // reveal.js leaves every printed slide but the first hidden from assistive technology, so a
  // tagged PDF would drop them. A heading that repeats the one on its slide's previous page is
  // a running head, not a new section; the page count ("2/6") is not part of a heading's name.
  function exposeToTags() {
    var previous = { slide: null, headings: [] };
    document.querySelectorAll('.pdf-page').forEach(function (page) {
      page.querySelectorAll('section').forEach(function (slide) {
        slide.removeAttribute('hidden');
        slide.removeAttribute('aria-hidden');
      });
      page.querySelectorAll('.sd-page-count').forEach(function (count) {
        count.setAttribute('aria-hidden', 'true');
        // Its space goes with it, or the outline's entry ends in one.
        var before = count.previousSibling;
        if (before && before.nodeType === Node.TEXT_NODE && /\s$/.test(before.textContent)) {
          before.textContent = before.textContent.replace(/\s+$/, '');
          count.insertBefore(document.createTextNode(' '), count.firstChild);
        }
      });
      var slide = slideOf(page);
      var headings = Array.prototype.filter.call(page.querySelectorAll('h1, h2, h3'), shown)
        .map(function (heading) { return { node: heading, key: heading.tagName + headingText(heading) }; });
      var seen = previous.slide === slide ? previous.headings : [];
      headings.forEach(function (heading) {
        if (seen.indexOf(heading.key) >= 0) heading.node.setAttribute('aria-hidden', 'true');
      });
      previous = { slide: slide, headings: headings.map(function (heading) { return heading.key; }) };
    });
  }

  // Lays the notes reveal.js put after a slide's first page onto whole sheets after its last
  // page, measured in the browser: a block that does not fit moves to the next sheet, a list
  // or a wrapper is split between its children. A sheet too small for one block is marked.
  function paginateNotes(notes) {
    var first = notes.previousElementSibling;
    var slide = slideOf(first);
    var after = notes;
    while (after.nextElementSibling && after.nextElementSibling.classList.contains('pdf-page') &&
           slideOf(after.nextElementSibling) === slide) {
      after = after.nextElementSibling;
    }
    var heading = first && Array.prototype.filter.call(first.querySelectorAll('h1, h2'), shown)[0];
    var title = 'Speaker notes' + (heading ? ': ' + headingText(heading) : '');
    var sheets = [];
    var sheet, path, placed;

    function newSheet(shells) {
      sheet = document.createElement('div');
      sheet.className = 'sd-notes-page';
      var head = document.createElement('p');
      head.className = 'sd-notes-page-head';
      head.textContent = title + (sheets.length ? ' (continued)' : '');
      sheet.appendChild(head);
      after.after(sheet);
      after = sheet;
      sheets.push(sheet);
      path = [sheet];
      placed = 0;
      shells.forEach(function (shell) {
        var copy = shell.cloneNode(false);
        path[path.length - 1].appendChild(copy);
        path.push(copy);
      });
    }
    function fits() { return sheet.scrollHeight <= sheet.clientHeight; }
    function put(node, shells) {
      var parent = path[path.length - 1];
      var blank = node.nodeType !== Node.ELEMENT_NODE && !node.textContent.trim();
      parent.appendChild(node);
      if (blank || fits()) { placed += blank ? 0 : 1; return; }
      parent.removeChild(node);
      if (node.nodeType === Node.ELEMENT_NODE && /^(DIV|UL|OL)$/.test(node.tagName) &&
          node.childNodes.length) {
        var shell = node.cloneNode(false);
        parent.appendChild(shell);
        path.push(shell);
        Array.prototype.slice.call(node.childNodes).forEach(function (child) {
          put(child, shells.concat([node]));
        });
        path.pop();
        return;
      }
      if (placed) newSheet(shells);
      path[path.length - 1].appendChild(node);
      placed += 1;
      if (!fits()) sheet.dataset.sdOverflow = 'true';
    }

    // Paper cannot be clicked: a fold's content prints as a plain block, under the sheet's head.
    notes.querySelectorAll('details').forEach(function (details) {
      var block = document.createElement('div');
      block.className = details.className;
      Array.prototype.slice.call(details.childNodes).forEach(function (child) {
        if (child.nodeName !== 'SUMMARY') block.appendChild(child);
      });
      details.replaceWith(block);
    });
    newSheet([]);
    Array.prototype.slice.call(notes.childNodes).forEach(function (child) { put(child, []); });
    notes.remove();
    // A list split just before its first item leaves an empty copy behind.
    sheets.forEach(function (page) {
      page.querySelectorAll('ul, ol').forEach(function (list) {
        if (!list.textContent.trim()) list.remove();
      });
    });
  }

  Reveal.on('pdf-ready', function () {
    exposeToTags();
    document.querySelectorAll('.speaker-notes-pdf').forEach(paginateNotes);
  });
})();
