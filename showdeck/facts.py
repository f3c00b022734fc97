"""The show's facts as the deck uses them: the validated data (`ShowData`) and the rules derived
from it that more than one view needs, each written once: which sources the show cites and
their numbers, how long a dated source keeps a status fresh, and which as-of dates a deck of
the show can speak for.

The loader builds `ShowData`; the views, the outlook and the notebook read it from here.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from showdeck.article_record import Article
from showdeck.claim_record import Claim
from showdeck.episode_records import Episode, Milestone
from showdeck.show_record import Show
from showdeck.source_record import Source

T = TypeVar("T")

#: A status may speak for at most this long after its newest dated source.
FRESHNESS = timedelta(days=365)


@dataclass(frozen=True)
class ShowData:
    """Everything the deck knows about one show, validated."""

    folder: Path
    show: Show
    episodes: tuple[Episode, ...]
    milestones: tuple[Milestone, ...]
    sources: dict[str, Source]
    claims: tuple[Claim, ...]
    article: Article

    @property
    def premiere(self) -> Episode:
        return self.episodes[0]

    @property
    def finale(self) -> Episode:
        return self.episodes[-1]

    def cited(self, ids: list[str] | tuple[str, ...]) -> list[Source]:
        return [self.sources[i] for i in ids]


def per_show(function: Callable[[ShowData], T]) -> Callable[[ShowData], T]:
    """`function` of a show computed once while that ShowData lives: it is frozen, so what is
    derived from it never changes (the agenda and the article slide both need its pages)."""
    results: dict[int, tuple[weakref.ref, T]] = {}

    @functools.wraps(function)
    def once(data: ShowData) -> T:
        hit = results.get(id(data))
        if hit is not None and hit[0]() is data:
            return hit[1]
        value = function(data)
        key = id(data)
        results[key] = (weakref.ref(data, lambda _gone: results.pop(key, None)), value)
        return value

    return once


def as_of_problem(data: ShowData, as_of: date) -> str | None:
    """Why `as_of` cannot be the date this show's deck speaks for, or None: the one rule on
    the as-of date beyond its parse (showdeck.dates.resolve_as_of). The days since the finale
    are counted to it, so it must not be before the finale. Callers put the parameter's name
    before the sentence ("--as-of 2019-01-01 is before ...")."""
    finale = data.finale.air_date
    if as_of < finale:
        return (f"{as_of.isoformat()} is before the finale ({finale.isoformat()}) of "
                f"{data.show.title.english}; choose a date after the run ended")
    return None


def show_citations(show: Show) -> list[tuple[str, list[str]]]:
    """Every place in the show record that cites sources, as (dotted key, source ids): the
    article itself and its provenance note included."""
    found: list[tuple[str, list[str]]] = [
        ("article.source", [show.article.source]),
        ("genres_sources", show.genres_sources),
    ]
    if show.article.provenance_sources:
        found.append(("article.provenance_sources", show.article.provenance_sources))
    for name in ("title", "run", "manga", "sequel"):
        part = getattr(show, name)
        if part is not None:
            found.append((f"{name}.sources", part.sources))
    for name in ("studios", "staff", "broadcasters", "distributors"):
        found.extend((f"{name}.{i}.sources", item.sources)
                     for i, item in enumerate(getattr(show, name)))
    return found


def cited_source_ids(data: ShowData) -> set[str]:
    """The ids of every source the deck cites: the show record (article, provenance note,
    title, run, staff...), the episodes, the milestones and the claims."""
    cited = {sid for _key, ids in show_citations(data.show) for sid in ids}
    for record in (*data.episodes, *data.milestones, *data.claims):
        cited.update(record.sources)
    return cited


def cited_sources(data: ShowData) -> list[Source]:
    """The sources the deck cites, in the order of sources.csv: the Sources slide's list."""
    cited = cited_source_ids(data)
    return [s for s in data.sources.values() if s.id in cited]


def source_numbers(data: ShowData) -> dict[str, int]:
    """Each cited source's number on the Sources slide (1-based, in sources.csv order)."""
    return {s.id: n for n, s in enumerate(cited_sources(data), start=1)}


def newest_dated_source(ids: list[str], sources: dict[str, Source]) -> Source | None:
    """The cited source with the latest publication date; undated sources do not count.

    A page dated only by its month or year counts from the first day of it: the earliest it
    can be, so the status is never dated later than its evidence allows.
    """
    dated = [sources[i] for i in ids if i in sources and sources[i].published is not None]
    return max(dated, key=lambda s: (s.published, s.id), default=None)
