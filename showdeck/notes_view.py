"""The speaker notes of each slide: the prose the presenter reads, folded in the notebook and
moved into reveal's speaker view by the exporter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from showdeck.article_record import ArticleSection
from showdeck.dates import format_date
from showdeck.facts import ShowData
from showdeck.located_claims import LocatedClaim, numbered_claims
from showdeck.markup import render, section_heading
from showdeck.outlook import compute_outlook
from showdeck.timeline import describe_timeline


@dataclass(frozen=True)
class NotesGroup:
    heading: str
    lines: list[str]


@dataclass(frozen=True)
class NotesView:
    groups: list[NotesGroup]


def notes_html(groups: list[NotesGroup]) -> str:
    """A slide's speaker notes as the notebook shows them (folded) and the exporter moves
    into reveal's speaker view; each slide's notes come from `showdeck.slide_list`."""
    return render("notes", NotesView(groups))


def title_notes(data: ShowData, as_of: date) -> list[NotesGroup]:
    article = data.sources.get(data.show.article.source)
    where = f" from {article.publisher}" if article else ""
    return [NotesGroup("", [
        (f"We read an article{where} about a second season of {data.show.title.english}, "
         "claim by claim."),
        f"Every number is computed for the as-of date, {format_date(as_of)}.",
    ])]


def agenda_notes(_data: ShowData, _as_of: date) -> list[NotesGroup]:
    return [NotesGroup("", [
        ("First the article, section by section, with each checked claim marked and its "
         "verdict beside it. Press the right arrow or space to turn each page."),
        "Then the airing timeline, the question of a sequel, and the sources.",
    ])]


def article_notes(data: ShowData, _as_of: date) -> list[NotesGroup]:
    numbered = numbered_claims(data)
    return [NotesGroup(section_heading(s), _section_notes(s, numbered[s.id], data))
            for s in data.article.sections]


def timeline_notes(data: ShowData, as_of: date) -> list[NotesGroup]:
    return [NotesGroup("", [
        describe_timeline(data, as_of),
        "Point at the even steps of the run first, then the years after the finale.",
    ])]


def timeline_table_notes(_data: ShowData, _as_of: date) -> list[NotesGroup]:
    return [NotesGroup("", [
        "The chart's data as tables, for anyone who would rather read than look.",
    ])]


def outlook_notes(data: ShowData, as_of: date) -> list[NotesGroup]:
    view = compute_outlook(data, as_of)
    return [NotesGroup("", [
        (f"{view.days_since_finale:,} days since the finale. {view.sequel_statement}"),
        *([f"Say it: {view.stale_warning}"] if view.stale_warning else []),
        ("The record shows what happened instead of a second season; it forecasts "
         "nothing."),
        *view.unknowns[:1],
    ])]


def _section_notes(section: ArticleSection, located: list[LocatedClaim],
                   data: ShowData) -> list[str]:
    plural = "s" if len(section.paragraphs) != 1 else ""
    notes = [f"{len(section.paragraphs)} paragraph{plural} of the article, quoted as published."]
    for c in located:
        claim = c.claim
        line = f"{c.number}. “{claim.quote}”: {claim.verdict}"
        if claim.confidence:
            line += f" (confidence {claim.confidence})"
        line += f". {claim.reason or claim.correction}"
        if claim.evidence:
            source = data.sources.get(claim.evidence_source or "")
            line += f" Evidence: “{claim.evidence}”" + (f" ({source.publisher})" if source else "")
        if claim.disagreement:
            line += f" Sources disagree: {claim.disagreement}"
        notes.append(line)
    if section.image_caption:
        notes.append(f"The article shows an image here: {section.image_caption}.")
    if not located:
        notes.append("No checkable claim in this section.")
    return notes
