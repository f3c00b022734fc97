"""The slides' HTML, built from a show's data with every data string escaped.

The notebook passes what these functions return to IPython's display; nothing from data/ is
ever rendered as Markdown or inserted unescaped. Text goes through `html.escape`, links are
kept only with an http(s) scheme. A long slide is split into pages: `show_pages` emits one
display_data output per page with the metadata ``{"showdeck": {"page": i}}`` (i from 1),
which the deck builder turns into vertical sub-slides.

CSS classes (styled by the deck's theme; `notebook_style` is a fallback for the notebook):

- every slide: ``sd-slide``, plus one of ``sd-title-slide``, ``sd-agenda``, ``sd-section``,
  ``sd-chart-slide``, ``sd-outlook``, ``sd-sources``; ``sd-page-count`` ("1/2") in a
  paginated slide's heading.
- title slide: ``sd-kicker``, ``sd-subtitle`` (the ``lang="ja"`` span inside it holds the
  Japanese title), ``sd-byline``.
- article section: ``sd-columns`` holding ``sd-text`` (the paragraphs) and, when the page
  has fact-checks, ``sd-callouts``; in the text ``mark.sd-claim`` highlights a checked
  quote, followed by ``sup.sd-claim-ref`` (its number).
- fact-check callout: ``sd-callout`` plus ``sd-verdict-correct``,
  ``sd-verdict-partly-correct``, ``sd-verdict-incorrect`` or ``sd-verdict-unverifiable``;
  inside: ``sd-callout-head`` with ``sd-claim-ref``, ``sd-verdict`` and ``sd-topic``, then
  ``sd-correction`` and ``sd-callout-source``.
- chart: ``figure.sd-chart`` around an ``img`` with alt text.
- outlook: ``sd-stats`` of ``sd-stat`` (``sd-stat-number``, ``sd-stat-label``),
  ``sd-status`` plus ``sd-status-announced`` or ``sd-status-not-announced``,
  ``sd-status-checked``, ``sd-record``, ``sd-forecast``, ``sd-unknowns``, ``sd-muted``.
- sources: ``ol.sd-source-list`` of ``li.sd-source`` (with ``sd-source-meta``).
- speaker notes: ``sd-notes`` (hidden on slides, set apart in the notebook).

Pagination assumes the theme's body text is about 22 px on a 960x700 slide (about 80
characters a line at full width, 46 beside the callouts) and the callouts about 16 px.
"""

from __future__ import annotations

import html
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar
from urllib.parse import urlsplit

from IPython.display import HTML, display

from showdeck import timeline
from showdeck.loader import ShowData
from showdeck.model import ArticleSection, Claim, Source
from showdeck.outlook import compute_outlook, format_date

#: Lines of body text a page holds under its heading, and characters per line with and
#: without a callout column beside the text.
TEXT_LINES = 16
FULL_WIDTH_CHARS = 80
COLUMN_CHARS = 46
#: Lines of the callout column, characters per callout line, and lines a callout adds
#: beyond its correction (the verdict line, the source line, the spacing).
CALLOUT_LINES = 22
CALLOUT_CHARS = 42
CALLOUT_EXTRA = 2
#: Characters per line of a callout's smaller source line.
SOURCE_LINE_CHARS = 52
#: The space between paragraphs, in lines.
PARAGRAPH_GAP = 0.6
#: Lines of the sources slide and characters per line (its list is set smaller).
SOURCE_LINES = 24
SOURCE_CHARS = 115
#: Lines of a "Will it come back?" list page under its headings.
OUTLOOK_LINES = 16

VERDICT_LABELS = {
    "correct": "✓ Correct",
    "partly correct": "◐ Partly correct",
    "incorrect": "✗ Incorrect",
    "unverifiable": "? Unverifiable",
}

T = TypeVar("T")

_SENTENCE_END = re.compile("(?<=[.!?\u2026])[\"'\u201d\u2019)\\]]*\\s+")


def text_width(text: str) -> int:
    """Width in Latin characters: a CJK (East Asian wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def esc(text: object) -> str:
    """Escape any data value for HTML text or a quoted attribute."""
    return html.escape(str(text), quote=True)


def safe_url(url: str) -> str | None:
    """The URL escaped for an attribute, or None unless it is http(s) with a host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return esc(url.strip())


def source_link(source: Source, label: str | None = None) -> str:
    """A source as a link (text escaped), or as plain text when its URL is not http(s)."""
    text = esc(label if label is not None else f"{source.publisher}: {source.title}")
    url = safe_url(source.link)
    if url is None:
        return text
    return f'<a href="{url}" target="_blank" rel="noopener noreferrer">{text}</a>'


def section_heading(section: ArticleSection) -> str:
    """The section's own heading, or one made from its id where the article had none."""
    return section.heading or section.id.replace("-", " ").capitalize()


def _slide(kind: str, body: str, **attributes: str) -> str:
    extra = "".join(f' data-{name}="{esc(value)}"' for name, value in attributes.items())
    return f'<div class="sd-slide {kind}"{extra}>{body}</div>'


def _heading(text: str, page: int, pages: int) -> str:
    count = f' <span class="sd-page-count">{page}/{pages}</span>' if pages > 1 else ""
    return f"<h2>{esc(text)}{count}</h2>"


def show_pages(pages: list[str], show: Callable[..., object] = display) -> None:
    """Emit one display output per page, tagged with its page number for the deck builder."""
    for number, page in enumerate(pages, start=1):
        show(HTML(page), metadata={"showdeck": {"page": number}})


# The title and the agenda.


def title_slide(data: ShowData, as_of: date) -> HTML:
    show = data.show
    article = data.sources.get(show.article.source)
    japanese = (f' <span lang="ja">{esc(show.title.japanese)}</span>'
                if show.title.japanese else "")
    byline = "The article"
    if article is not None:
        byline = f"{source_link(article, article.publisher)}"
        if article.published:
            byline += f", {esc(format_date(article.published))}"
    body = (
        '<p class="sd-kicker">A fact-checked reading</p>'
        f"<h1>{esc(data.article.title)}</h1>"
        f'<p class="sd-subtitle">{esc(show.title.english)}{japanese}</p>'
        f'<p class="sd-byline">{byline} · checked against the record as of '
        f"{esc(format_date(as_of))}</p>"
    )
    return HTML(_slide("sd-title-slide", body))


def agenda_items(data: ShowData) -> list[str]:
    return [
        *(section_heading(s) for s in data.article.sections),
        "Airing timeline",
        "Will it come back?",
        "Sources",
    ]


def agenda_slide(data: ShowData) -> HTML:
    items = "".join(f"<li>{esc(item)}</li>" for item in agenda_items(data))
    return HTML(_slide("sd-agenda", f"<h2>Agenda</h2><ol>{items}</ol>"))


# The article's sections, paginated, with their fact-checks.


@dataclass(frozen=True)
class LocatedClaim:
    """A claim numbered within its section, with where its quote sits (None if it spans
    paragraphs)."""

    number: int
    claim: Claim
    paragraph: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Unit:
    """A run of whole sentences of one paragraph: the smallest piece a page break keeps."""

    paragraph: int
    start: int
    end: int


def locate_claims(section: ArticleSection, claims: Iterable[Claim]) -> list[LocatedClaim]:
    """The section's claims in reading order, numbered from 1."""
    found: list[tuple[tuple[int, int], Claim, int | None, int, int]] = []
    for claim in claims:
        if claim.section != section.id:
            continue
        for index, paragraph in enumerate(section.paragraphs):
            start = paragraph.find(claim.quote)
            if start >= 0:
                found.append(((index, start), claim, index, start, start + len(claim.quote)))
                break
        else:
            found.append(((len(section.paragraphs), 0), claim, None, 0, 0))
    found.sort(key=lambda item: item[0])
    return [LocatedClaim(n, c, p, s, e) for n, (_key, c, p, s, e) in enumerate(found, start=1)]


def sentence_units(section: ArticleSection, located: list[LocatedClaim]) -> list[Unit]:
    """Sentences of each paragraph, merged wherever a checked quote runs across two."""
    units: list[Unit] = []
    for index, paragraph in enumerate(section.paragraphs):
        quotes = [(c.start, c.end) for c in located if c.paragraph == index]
        cuts = [0]
        for match in _SENTENCE_END.finditer(paragraph):
            cut = match.end()
            if cut < len(paragraph) and not any(s < cut < e for s, e in quotes):
                cuts.append(cut)
        cuts.append(len(paragraph))
        units.extend(Unit(index, a, b) for a, b in itertools.pairwise(cuts) if b > a)
    return units


def _callout_lines(claim: Claim, data: ShowData) -> float:
    sources = sum(len(s.publisher) + 2 for s in data.cited(claim.sources)) + 8
    # The source line is set smaller than the correction: about 0.8 of its line height.
    return (math.ceil(len(claim.correction) / CALLOUT_CHARS)
            + 0.8 * math.ceil(sources / SOURCE_LINE_CHARS) + CALLOUT_EXTRA)


def _claims_in(units: list[Unit], located: list[LocatedClaim]) -> list[LocatedClaim]:
    return [c for c in located
            if any(c.paragraph == u.paragraph and u.start <= c.start < u.end for u in units)]


def _fits(units: list[Unit], located: list[LocatedClaim], data: ShowData) -> bool:
    claims = _claims_in(units, located)
    width = COLUMN_CHARS if claims else FULL_WIDTH_CHARS
    text = sum(math.ceil((end - start) / width) + PARAGRAPH_GAP
               for _p, start, end in _paragraph_spans(units))
    callouts = sum(_callout_lines(c.claim, data) for c in claims)
    return text <= TEXT_LINES and callouts <= CALLOUT_LINES


def _paragraph_spans(units: list[Unit]) -> list[tuple[int, int, int]]:
    """Consecutive units of one paragraph joined into (paragraph, start, end)."""
    spans: list[tuple[int, int, int]] = []
    for unit in units:
        if spans and spans[-1][0] == unit.paragraph and spans[-1][2] == unit.start:
            spans[-1] = (unit.paragraph, spans[-1][1], unit.end)
        else:
            spans.append((unit.paragraph, unit.start, unit.end))
    return spans


def paginate(units: list[Unit], located: list[LocatedClaim], data: ShowData) -> list[list[Unit]]:
    """Greedy pages: a unit that does not fit starts a new page (alone, it always fits)."""
    pages: list[list[Unit]] = [[]]
    for unit in units:
        if pages[-1] and not _fits([*pages[-1], unit], located, data):
            pages.append([])
        pages[-1].append(unit)
    return pages


def _highlighted(paragraph: str, start: int, end: int, claims: list[LocatedClaim]) -> str:
    """The paragraph's text from start to end, escaped, each checked quote in a <mark>."""
    out: list[str] = []
    cursor = start
    pending_refs: list[int] = []
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if claim.start < cursor:  # a quote inside another: its number follows the outer one
            pending_refs.append(claim.number)
            continue
        out.append(_refs(pending_refs))
        pending_refs = []
        out.append(esc(paragraph[cursor:claim.start]))
        out.append(f'<mark class="sd-claim" data-claim="{claim.number}">'
                   f"{esc(paragraph[claim.start:claim.end])}</mark>")
        pending_refs.append(claim.number)
        cursor = claim.end
    out.append(_refs(pending_refs))
    out.append(esc(paragraph[cursor:end].rstrip()))
    return "".join(out)


def _refs(numbers: list[int]) -> str:
    return "".join(f'<sup class="sd-claim-ref">{n}</sup>' for n in numbers)


def callout(located: LocatedClaim, data: ShowData) -> str:
    """A fact-check: the verdict, the correction and the source, marked by verdict class."""
    claim = located.claim
    verdict = claim.verdict.replace(" ", "-")
    sources = ", ".join(source_link(s, s.publisher) for s in data.cited(claim.sources))
    return (
        f'<div class="sd-callout sd-verdict-{verdict}" data-claim="{located.number}">'
        f'<p class="sd-callout-head"><span class="sd-claim-ref">{located.number}</span> '
        f'<span class="sd-verdict">{esc(VERDICT_LABELS[claim.verdict])}</span> '
        f'<span class="sd-topic">{esc(claim.topic)}</span></p>'
        f'<p class="sd-correction">{esc(claim.correction)}</p>'
        f'<p class="sd-callout-source">Sources: {sources}</p>'
        "</div>"
    )


def pack(items: Iterable[tuple[T, float]], budget: float) -> list[list[T]]:
    """Items (each with the lines it takes) split, in order, into pages of at most `budget`
    lines; an item taller than a page gets a page of its own. Always at least one page."""
    groups: list[list[T]] = [[]]
    used = 0.0
    for item, lines in items:
        if groups[-1] and used + lines > budget:
            groups.append([])
            used = 0.0
        groups[-1].append(item)
        used += lines
    return groups


def _callout_groups(claims: list[LocatedClaim], data: ShowData) -> list[list[LocatedClaim]]:
    """Claims split into runs whose callouts fit one column; always at least one run."""
    return pack(((c, _callout_lines(c.claim, data)) for c in claims), CALLOUT_LINES)


def section_pages(data: ShowData, section_id: str) -> list[str]:
    """The section as HTML pages; each page carries the callouts of the quotes it marks.

    A sentence with more fact-checks than one column holds is shown again on the next page
    with the rest of its callouts.
    """
    section = data.article.section(section_id)
    located = locate_claims(section, data.claims)
    unplaced = [c for c in located if c.paragraph is None]
    plan: list[tuple[list[Unit], list[LocatedClaim]]] = []
    for number, units in enumerate(paginate(sentence_units(section, located), located, data)):
        claims = _claims_in(units, located) + (unplaced if number == 0 else [])
        plan.extend((units, group) for group in _callout_groups(claims, data))
    heading = section_heading(section)
    pages: list[str] = []
    for number, (units, claims) in enumerate(plan, start=1):
        paragraphs = "".join(
            "<p>" + _highlighted(section.paragraphs[p], s, e,
                                 [c for c in claims if c.paragraph == p and s <= c.start < e])
            + "</p>"
            for p, s, e in _paragraph_spans(units)
        )
        body = f'<div class="sd-text">{paragraphs}</div>'
        if claims:
            body += ('<div class="sd-callouts">'
                     + "".join(callout(c, data) for c in claims) + "</div>")
        pages.append(_slide(
            "sd-section",
            _heading(heading, number, len(plan)) + f'<div class="sd-columns">{body}</div>',
            section=section.id,
        ))
    return pages


def show_article(data: ShowData, as_of: date, show: Callable[..., object] = display) -> None:
    """Every section of the article, in order, whatever sections this show's article has.

    Each page is one display output marked ``{"showdeck": {"page": i, "slide_type": t}}``: a
    section's first page opens a new slide, its later pages are vertical sub-slides, and its
    speaker notes follow its first page as a ``notes`` page.
    """
    number = itertools.count(1)
    for section in data.article.sections:
        for index, page in enumerate(section_pages(data, section.id)):
            kind = "slide" if index == 0 else "subslide"
            show(HTML(page), metadata={"showdeck": {"page": next(number), "slide_type": kind}})
            if index == 0 and (notes := speaker_notes(data, section.id, as_of)) is not None:
                show(notes, metadata={"showdeck": {"page": next(number), "slide_type": "notes"}})


# The chart.


def chart_slide(data: ShowData, as_of: date) -> HTML:
    """The timeline as an SVG <img> with alt text (the reveal template drops matplotlib's)."""
    fig = timeline.timeline_figure(data, as_of)
    alt = timeline.describe_timeline(data, as_of)
    width, height = (round(v * timeline.DPI) for v in fig.get_size_inches())
    body = (
        f'<figure class="sd-chart"><img alt="{esc(alt)}" width="{width}" height="{height}" '
        f'src="{timeline.svg_data_uri(fig)}"></figure>'
    )
    return HTML(_slide("sd-chart-slide", _heading("Airing timeline", 1, 1) + body))


# Will it come back?


def outlook_pages(data: ShowData, as_of: date) -> list[str]:
    """Page 1: the wait and the sequel status; then, on as many pages as each needs, the
    record since the finale, the article's guesses, and what the data cannot know."""
    view = compute_outlook(data, as_of)
    years = view.span_text
    stats = (
        '<div class="sd-stats">'
        f'<p class="sd-stat"><span class="sd-stat-number">{view.days_since_finale:,}</span>'
        f'<span class="sd-stat-label">days since the finale on '
        f"{esc(format_date(view.finale))}</span></p>"
        f'<p class="sd-stat"><span class="sd-stat-number">{view.years_since_finale:.1f}</span>'
        f'<span class="sd-stat-label">years ({esc(years)}) to '
        f"{esc(format_date(view.as_of))}</span></p></div>"
    )
    status_class = view.sequel_status.replace(" ", "-")
    sequel_cites = cite(view.sequel_sources, source_numbers(data))
    status = (
        f'<div class="sd-status sd-status-{status_class}">'
        f"<p><strong>Season 2: {esc(view.sequel_status)}</strong> "
        f'<span class="sd-status-checked">(checked {esc(format_date(view.sequel_checked))}'
        f")</span></p><p>{esc(view.sequel_note)}</p>"
        f'<p class="sd-muted">Sources{sequel_cites}, listed on the sources slides</p></div>'
    )
    numbers = source_numbers(data)
    record: list[tuple[str, float]] = [
        ((f"<li><strong>{esc(event.when)}</strong> · {esc(event.label)}"
         f"{cite(event.sources, numbers)}</li>"),
         math.ceil((len(event.when) + len(event.label) + 12) / FULL_WIDTH_CHARS) + 0.3)
        for event in view.record
    ] or [("<li>Nothing dated after the finale is in the record.</li>", 1.3)]
    if view.manga:
        record.append((f'<li class="sd-muted">{esc(view.manga)}</li>',
                       math.ceil(len(view.manga) / FULL_WIDTH_CHARS) + 0.3))
    published = (f" (published {esc(format_date(view.article_published))})"
                 if view.article_published else "")
    forecast = [
        ((f"<li>“{esc(c.quote)}” <span class=\"sd-verdict\">"
         f"{esc(VERDICT_LABELS[c.verdict])}</span>: {esc(c.correction)}"
         f"{cite(data.cited(c.sources), numbers)}</li>"),
         math.ceil((len(c.quote) + len(c.correction) + 30) / FULL_WIDTH_CHARS) + 0.3)
        for c in view.forecast
    ]
    unknowns = [(f"<li>{esc(text)}</li>", math.ceil(len(text) / FULL_WIDTH_CHARS) + 0.3)
                for text in view.unknowns]
    # Each list under its own heading, continued on as many pages as it needs.
    lists = [
        ("What the record says instead", "Since the finale", "sd-record", record),
        ("What the record says instead", f"The article guessed{published}", "sd-forecast",
         forecast),
        ("What the data cannot know", "", "sd-unknowns", unknowns),
    ]
    bodies = [("Will it come back?", stats + status)]
    for title, subtitle, kind, items in lists:
        if not items:
            continue
        for group in pack(items, OUTLOOK_LINES):
            h3 = f"<h3>{subtitle}</h3>" if subtitle else ""
            bodies.append((title, f'{h3}<ul class="{kind}">{"".join(group)}</ul>'))
    pages = [_heading(title, number, len(bodies)) + body
             for number, (title, body) in enumerate(bodies, start=1)]
    return [_slide("sd-outlook", page) for page in pages]


def show_outlook(data: ShowData, as_of: date) -> None:
    show_pages(outlook_pages(data, as_of))


# Sources.


def used_sources(data: ShowData) -> list[Source]:
    """Sources something in the data cites, in the order of sources.csv."""
    show = data.show
    cited: set[str] = {show.article.source, *show.genres_sources}
    for part in (show.title, show.run, show.manga, show.sequel, *show.studios, *show.staff,
                 *show.broadcasters, *show.distributors):
        if part is not None:
            cited.update(part.sources)
    for record in (*data.episodes, *data.milestones, *data.claims):
        cited.update(record.sources)
    return [s for s in data.sources.values() if s.id in cited]


def source_numbers(data: ShowData) -> dict[str, int]:
    """Each cited source's number on the sources slides (1-based, in sources.csv order)."""
    return {s.id: n for n, s in enumerate(used_sources(data), start=1)}


def cite(sources: Iterable[Source], numbers: dict[str, int]) -> str:
    """Compact citations, e.g. [3, 7], each number a link to its source."""
    refs = [
        source_link(s, str(numbers[s.id])) for s in sources if s.id in numbers
    ]
    return f' <span class="sd-cite">[{", ".join(refs)}]</span>' if refs else ""


def _source_item(source: Source) -> tuple[str, float]:
    """One source as a list item, and the lines it takes (title, publisher, date)."""
    meta = esc(source.publisher)
    if source.published:
        meta += f", {esc(format_date(source.published))}"
    item = (f'<li class="sd-source">{source_link(source, source.title)}'
            f'<span class="sd-source-meta"> · {meta}</span></li>')
    lines = math.ceil((text_width(source.title) + text_width(source.publisher) + 16)
                      / SOURCE_CHARS) + 0.25
    return item, lines


def sources_pages(data: ShowData) -> list[str]:
    groups = pack((_source_item(s) for s in used_sources(data)), SOURCE_LINES)
    pages: list[str] = []
    start = 1
    for number, group in enumerate(groups, start=1):
        pages.append(_slide(
            "sd-sources",
            _heading("Sources", number, len(groups))
            + f'<ol class="sd-source-list" start="{start}">{"".join(group)}</ol>',
        ))
        start += len(group)
    return pages


def show_sources(data: ShowData) -> None:
    show_pages(sources_pages(data))


# Speaker notes.


def speaker_notes(data: ShowData, topic: str, as_of: date) -> HTML | None:
    """Notes for the presenter on one slide: 'title', 'agenda', a section id, 'timeline',
    'outlook' or 'sources'; None for a section this show's article lacks."""
    lines = _notes(data, topic, as_of)
    if lines is None:
        return None
    items = "".join(f"<li>{line}</li>" for line in lines)
    return HTML(f'<div class="sd-notes"><ul>{items}</ul></div>')


def _notes(data: ShowData, topic: str, as_of: date) -> list[str] | None:
    show = data.show
    title = esc(show.title.english)
    if topic == "title":
        article = data.sources.get(show.article.source)
        where = f" from {esc(article.publisher)}" if article else ""
        return [
            f"We read an article{where} about a second season of {title}, claim by claim.",
            f"Every number is computed for the as-of date, {esc(format_date(as_of))}.",
        ]
    if topic == "agenda":
        return [
            ("First the article, section by section, with each checked claim marked and its "
             "verdict beside it."),
            "Then the airing timeline, the question of a sequel, and the sources.",
        ]
    if topic == "timeline":
        return [
            esc(timeline.describe_timeline(data, as_of)),
            "Point at the even steps of the run first, then the years after the finale.",
        ]
    if topic == "outlook":
        view = compute_outlook(data, as_of)
        return [
            (f"{view.days_since_finale:,} days since the finale; the sequel is "
             f"{esc(view.sequel_status)} as checked on "
             f"{esc(format_date(view.sequel_checked))}."),
            ("The record shows what happened instead of a second season; it forecasts "
             "nothing."),
            *(esc(text) for text in view.unknowns[:1]),
        ]
    if topic == "sources":
        sources = used_sources(data)
        accessed = sorted(s.accessed for s in sources)
        return [
            (f"{len(sources)} sources, accessed {esc(format_date(accessed[0]))} to "
             f"{esc(format_date(accessed[-1]))}."),
            "Each fact in the data names the sources that support it.",
        ]
    if topic not in {s.id for s in data.article.sections}:
        return None
    section = data.article.section(topic)
    located = locate_claims(section, data.claims)
    plural = "s" if len(section.paragraphs) != 1 else ""
    heading = esc(section_heading(section))
    notes = [(f"“{heading}”: {len(section.paragraphs)} paragraph{plural} of the article, "
              "quoted as published.")]
    notes.extend(
        f"{c.number}. “{esc(c.claim.quote)}”: {esc(c.claim.verdict)}. "
        f"{esc(c.claim.correction)}"
        for c in located
    )
    if section.image_caption:
        notes.append(f"The article shows an image here: {esc(section.image_caption)}.")
    if not located:
        notes.append("No checkable claim in this section.")
    return notes


# The notebook view.

NOTEBOOK_CSS = """
.sd-slide { max-width: 960px; font-family: sans-serif; line-height: 1.45; }
.sd-columns { display: flex; gap: 1.5em; align-items: flex-start; }
.sd-text { flex: 3; }
.sd-callouts { flex: 2; font-size: 0.9em; }
.sd-callout { border-left: 4px solid #999; padding: 0.3em 0.8em; margin-bottom: 0.8em; }
.sd-verdict-correct { border-color: #009E73; }
.sd-verdict-partly-correct { border-color: #E69F00; }
.sd-verdict-incorrect { border-color: #D55E00; }
.sd-verdict-unverifiable { border-color: #999999; }
.sd-verdict { font-weight: bold; }
.sd-claim-ref { font-weight: bold; font-size: 0.75em; }
.sd-page-count, .sd-muted, .sd-source-meta, .sd-topic { opacity: 0.7; font-size: 0.85em; }
.sd-chart img { max-width: 100%; height: auto; }
.sd-stat-number { font-size: 2.2em; font-weight: bold; margin-right: 0.4em; }
.sd-notes { border-left: 3px dashed #999; padding-left: 0.8em; font-size: 0.85em; opacity: 0.8; }
.sd-notes::before { content: "Speaker notes"; font-weight: bold; }
"""


def notebook_style() -> HTML:
    """A minimal stylesheet so the notebook view reads well; the deck uses its own theme."""
    return HTML(f"<style>{NOTEBOOK_CSS}</style>")
