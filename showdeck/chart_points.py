"""What a person can reach on the timeline chart: every episode and dated event, in time order.

Both drawings of the chart (the wide one and the narrow one) and its interactive markup read
this one list, so a point's name, its details and its sources are written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from showdeck.dates import format_date
from showdeck.episode_records import Episode, Milestone
from showdeck.facts import ShowData

#: How a date's precision is said in the details.
PRECISION_WORDS = {"day": "exact date", "month": "month only", "year": "year only"}


@dataclass(frozen=True)
class PointSource:
    title: str
    publisher: str
    url: str


@dataclass(frozen=True)
class ChartPoint:
    """One episode or event on the chart, with what its details say."""

    #: "ep-3" for episode 3, "ev-<milestone id>" for an event; unique in one chart.
    key: str
    #: "episode", or the milestone's kind ("announcement", "delay", ...).
    kind: str
    day: date
    precision: str
    #: "Episode 3 · SE7EN" or the event's text.
    heading: str
    #: The film an episode refers to, or the event's kind, as a short phrase.
    detail: str
    sources: tuple[PointSource, ...]

    @property
    def date_text(self) -> str:
        return format_date(self.day, self.precision)  # type: ignore[arg-type]

    @property
    def precision_text(self) -> str:
        return PRECISION_WORDS[self.precision]

    @property
    def name(self) -> str:
        """The accessible name: the date (and how precise it is), then the text."""
        return f"{self.date_text} ({self.precision_text}): {self.heading}. {self.detail}"

    @property
    def url(self) -> str:
        """The first source: where the marker links when scripts are off."""
        return self.sources[0].url if self.sources else ""


def _sources(data: ShowData, ids: tuple[str, ...] | list[str]) -> tuple[PointSource, ...]:
    return tuple(PointSource(s.title, s.publisher, s.link) for s in data.cited(list(ids)))


def episode_point(data: ShowData, episode: Episode) -> ChartPoint:
    film = episode.film_reference
    if film:
        detail = f"Refers to the film {film}" + (" (our inference)"
                                                  if episode.film_reference_inferred else "")
    else:
        detail = "No film reference recorded"
    title = episode.title + (f" ({episode.title_english})" if episode.title_english else "")
    return ChartPoint(f"ep-{episode.number}", "episode", episode.air_date, "day",
                      f"Episode {episode.number} · {title}", detail,
                      _sources(data, episode.sources))


def event_point(data: ShowData, milestone: Milestone) -> ChartPoint:
    return ChartPoint(f"ev-{milestone.id}", milestone.kind, milestone.date,
                      milestone.precision, milestone.label, f"Kind: {milestone.kind}",
                      _sources(data, milestone.sources))


def chart_points(data: ShowData, milestones: list[Milestone]) -> list[ChartPoint]:
    """Every episode and the given events, in time order (an episode before an event that
    shares its day; events of one day in the data's order)."""
    points = [episode_point(data, e) for e in data.episodes]
    points += [event_point(data, m) for m in milestones]
    order = {p.key: i for i, p in enumerate(points)}
    return sorted(points, key=lambda p: (p.day, p.kind != "episode", order[p.key]))
