"""The episodes as broadcast (episodes.csv) and the dated events around the run
(milestones.csv)."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    Field,
    model_validator,
)

from showdeck.dates import Precision
from showdeck.record_types import (
    MAX_TEXT,
    Confidence,
    Count,
    IsoDate,
    MilestoneKind,
    Slug,
    Sourced,
    Text,
    check_lineage,
    check_precision,
)


class Episode(Sourced):
    """One broadcast episode (episodes.csv)."""

    number: Count
    #: The title in Latin letters as officially styled (SE7EN, MISSION:IMPOSSIBLE); where the
    #: Japanese title is not in Latin letters, the English title in the same capitals.
    title: Text
    #: The Japanese broadcast title where it differs from `title` (ロスト・チルドレン).
    title_japanese: Annotated[str, Field(max_length=MAX_TEXT)] = ""
    #: The English-language form where it differs from `title` beyond capitals.
    title_english: Annotated[str, Field(max_length=MAX_TEXT)] = ""
    film_reference: Annotated[str, Field(max_length=MAX_TEXT)] = ""
    #: True when no source names the film and the reference is our inference.
    film_reference_inferred: bool = False
    air_date: IsoDate

    @model_validator(mode="after")
    def _inferred_needs_a_film(self) -> Episode:
        if self.film_reference_inferred and not self.film_reference:
            msg = "film_reference_inferred is set but film_reference is empty"
            raise ValueError(msg)
        return self


class Milestone(Sourced):
    """One dated event for the timeline (milestones.csv)."""

    id: Slug
    date: IsoDate
    precision: Precision
    kind: MilestoneKind
    label: Annotated[Text, Field(max_length=60)]
    #: None only for a legacy table without the column; the shipped data always has one.
    confidence: Confidence | None = None
    #: The one lineage the sources belong to (e.g. "Wikipedia"), or empty if independent.
    lineage: str = ""

    @model_validator(mode="after")
    def _date_fits_precision(self) -> Milestone:
        check_precision(self.date, self.precision)
        check_lineage(self.confidence, self.lineage)
        return self
