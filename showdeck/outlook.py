"""Will it come back? What the record says at a given as-of date, and what it cannot say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from showdeck.claim_record import Claim
from showdeck.dates import Precision, calendar_span, describe_span, format_date
from showdeck.episode_records import Milestone
from showdeck.facts import FRESHNESS, ShowData, as_of_problem, newest_dated_source
from showdeck.source_record import Source


@dataclass(frozen=True)
class RecordedEvent:
    """A dated milestone after the finale, as precise as the record is."""

    when: str
    label: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Outlook:
    """Everything the "Will it come back?" slide says, computed from the data and the as-of date."""

    as_of: date
    finale: date
    days_since_finale: int
    years_since_finale: float
    span: tuple[int, int, int]
    sequel_status: str
    #: The date the status speaks for (sequel.as_of); the name predates the freshness rule.
    sequel_checked: date
    sequel_note: str
    sequel_sources: tuple[Source, ...]
    #: "No announcement in any source up to 5 Dec 2023.": the status, dated by its evidence.
    sequel_statement: str
    #: The verbatim quote that decides the status, and its source.
    sequel_evidence: str
    sequel_evidence_source: Source | None
    #: The newest dated source cited for the status, and its date as precisely as it is known
    #: ("5 Dec 2023", "Nov 2025", "2026").
    newest_evidence: Source | None
    newest_evidence_date: date | None
    newest_evidence_when: str
    #: The day the stored pages were last searched, if recorded (sequel.checked).
    sources_searched: date | None
    #: Set when the as-of date is more than a year past the newest evidence; else None. For the
    #: presenter (speaker notes) and the build's output, not for the audience's slide.
    stale_warning: str | None
    #: Where the article's own text comes from (show.toml [article] provenance), if recorded.
    article_provenance: str
    article_provenance_evidence: str | None
    article_provenance_sources: tuple[Source, ...]
    article_published: date | None
    forecast: tuple[Claim, ...]
    record: tuple[RecordedEvent, ...]
    manga: str | None
    unknowns: tuple[str, ...]

    @property
    def span_text(self) -> str:
        return describe_span(*self.span[:2])


def compute_outlook(data: ShowData, as_of: date) -> Outlook:
    """The sequel question answered from the record as it stood on `as_of`."""
    if problem := as_of_problem(data, as_of):
        msg = f"as_of {problem}"
        raise ValueError(msg)
    finale = data.finale.air_date
    show = data.show
    days = (as_of - finale).days
    article = data.sources.get(show.article.source)
    newest = newest_evidence(data)
    return Outlook(
        as_of=as_of,
        finale=finale,
        days_since_finale=days,
        years_since_finale=round(days / 365.2425, 1),
        span=calendar_span(finale, as_of),
        sequel_status=show.sequel.status,
        sequel_checked=show.sequel.as_of,
        sequel_note=show.sequel.note,
        sequel_sources=tuple(data.cited(show.sequel.sources)),
        sequel_statement=sequel_statement(data),
        sequel_evidence=show.sequel.evidence,
        sequel_evidence_source=data.sources.get(show.sequel.evidence_source),
        newest_evidence=newest,
        newest_evidence_date=newest.published if newest else None,
        newest_evidence_when=(format_date(newest.published, newest.precision)
                              if newest and newest.published else ""),
        sources_searched=show.sequel.checked,
        stale_warning=stale_evidence_warning(data, as_of),
        article_provenance=show.article.provenance,
        article_provenance_evidence=show.article.provenance_evidence,
        article_provenance_sources=tuple(data.cited(show.article.provenance_sources)),
        article_published=article.published if article else None,
        forecast=tuple(c for c in data.claims if c.section in show.article.forecast_sections),
        record=tuple(
            RecordedEvent(format_date(m.date, m.precision), m.label, tuple(data.cited(m.sources)))
            for m in events_after_finale(data, as_of)
        ),
        manga=manga_summary(data, as_of),
        unknowns=unknowns(data, as_of),
    )


def newest_evidence(data: ShowData) -> Source | None:
    """The newest dated source cited for the sequel status: what dates the status."""
    return newest_dated_source(data.show.sequel.sources, data.sources)


def status_date(data: ShowData) -> str:
    """The date the sequel status speaks for, as precisely as its evidence: '5 Dec 2023',
    'Nov 2025' or '2026'."""
    sequel = data.show.sequel
    return format_date(sequel.as_of, sequel.as_of_precision)


def sequel_statement(data: ShowData) -> str:
    """The sequel status in words, dated by the evidence rather than by the day we read it."""
    sequel = data.show.sequel
    when = status_date(data)
    if sequel.status == "not announced":
        return f"No announcement of a second season in any source as of {when}."
    return f"A second season has been announced, according to sources as of {when}."


def stale_evidence_warning(data: ShowData, as_of: date) -> str | None:
    """A warning when `as_of` is more than a year past the newest dated sequel evidence.

    The build prints it and the speaker notes say it: the status may be out of date by then.
    A page dated by its month or year counts from the first day of it, so the warning comes
    early rather than late.
    """
    newest = newest_evidence(data)
    if newest is None or newest.published is None:
        return None
    evidence = newest.published
    if as_of - evidence <= FRESHNESS:
        return None
    years, months, _ = calendar_span(evidence, as_of)
    return (f"The newest dated evidence on a sequel ({newest.publisher}, "
            f"{format_date(evidence, newest.precision)}) is {describe_span(years, months)} "
            f"older than the as-of date {format_date(as_of)}; an announcement made since then "
            "would not be in this data.")


def events_after_finale(data: ShowData, as_of: date) -> list[Milestone]:
    """Milestones dated after the finale and no later than the as-of date."""
    finale = data.finale.air_date
    return [m for m in data.milestones if finale < m.date <= as_of]


def manga_summary(data: ShowData, as_of: date) -> str | None:
    """One sentence on the manga adaptation as it stood on `as_of`, or None without one."""
    manga = data.show.manga
    if manga is None or manga.start > as_of:
        return None
    start = format_date(manga.start, _precision_of(data, manga.start))
    who = f"{manga.title} (art: {manga.artist}; {manga.publisher}, {manga.platform})"
    if manga.end is not None and manga.end <= as_of:
        end = format_date(manga.end, _precision_of(data, manga.end))
        volumes = f", {manga.volumes} volumes" if manga.volumes else ""
        return f"The manga {who} ran from {start} to {end}{volumes}."
    return f"The manga {who} started in {start} and was still running on {format_date(as_of)}."


def _precision_of(data: ShowData, day: date) -> Precision:
    """A manga date is as precise as the milestone recording it; month if none does."""
    for milestone in data.milestones:
        if milestone.kind == "manga" and milestone.date == day:
            return milestone.precision
    return "month"


def unknowns(data: ShowData, as_of: date) -> tuple[str, ...]:
    """What the data cannot tell, stated plainly rather than guessed."""
    sequel = data.show.sequel
    checked = status_date(data)
    found: list[str] = []
    newest = newest_evidence(data)
    if newest is not None and newest.published == sequel.as_of:
        basis = ", the date of its newest dated source"
    elif newest is not None and newest.published is not None:
        basis = (f" against sources dated up to "
                 f"{format_date(newest.published, newest.precision)}")
    else:
        basis = ""
    if as_of > sequel.as_of:
        # A day count only where the status has a day: "2026" is not a day to count from.
        since = (f"in the {(as_of - sequel.as_of).days:,} days since then"
                 if sequel.as_of_precision == "day" else "since then")
        found.append(
            f"The sequel status speaks for {checked}{basis}; "
            f"anything announced {since} is not in this data."
        )
    elif as_of < sequel.as_of:
        found.append(
            f"The sequel status speaks for {checked}, after the as-of date "
            f"{format_date(as_of)}; the dated record shown stops at the as-of date."
        )
    found.append(
        "The record lists public announcements only: whether a season is being planned "
        "or made before it is announced is not knowable from it."
    )
    found.append(
        "Popularity, sales and studio schedules are not in the data, so no release date "
        "is forecast here."
    )
    return tuple(found)
