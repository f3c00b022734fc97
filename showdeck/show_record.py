"""The show's own record (show.toml): its title, studio, credits, broadcasters, run, manga,
sequel status and the article it is about."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from showdeck.dates import Precision
from showdeck.record_types import (
    Count,
    Evidence,
    IsoDate,
    Record,
    Slug,
    Sourced,
    SourceIds,
    Text,
    check_precision,
)


class Title(Sourced):
    english: Text
    japanese: Text | None = None
    romanized: Text | None = None


class Studio(Sourced):
    name: Text
    role: Text


class Credit(Sourced):
    role: Text
    name: Text


class Broadcaster(Sourced):
    name: Text
    region: Text


class Distributor(Sourced):
    name: Text
    region: Text
    role: Text


class Run(Sourced):
    episodes: Count
    first_air: IsoDate
    last_air: IsoDate


class Manga(Sourced):
    title: Text
    artist: Text
    publisher: Text
    platform: Text
    start: IsoDate
    end: IsoDate | None = None
    volumes: Annotated[int, Field(ge=1)] | None = None


class Sequel(Sourced):
    """The sequel status, dated by its newest dated evidence, not by the day we read it.

    `as_of` is the date the status speaks for ("no announcement in any source as of as_of"),
    as precise as that evidence (`as_of_precision`); the loader rejects it when it is before
    the newest dated source cited, or more than a year after it. `checked` is the day the
    stored pages were last searched (informational).
    """

    status: Literal["announced", "not announced"]
    as_of: IsoDate
    as_of_precision: Precision = "day"
    checked: IsoDate | None = None
    note: Text
    evidence: Evidence
    evidence_source: Slug

    @field_validator("as_of_precision")
    @classmethod
    def _as_of_fits_precision(cls, precision: Precision, info: ValidationInfo) -> Precision:
        if "as_of" in info.data:
            check_precision(info.data["as_of"], precision, "as_of")
        return precision

    @model_validator(mode="after")
    def _evidence_is_cited(self) -> Sequel:
        if self.evidence_source not in self.sources:
            msg = f"evidence_source {self.evidence_source!r} must be one of sources"
            raise ValueError(msg)
        if self.checked is not None and self.checked < self.as_of:
            msg = f"checked {self.checked} is before as_of {self.as_of}"
            raise ValueError(msg)
        return self


class ArticleRef(Record):
    """The article the deck presents: its source, and the sections that guess at the future."""

    source: Slug
    forecast_sections: list[Slug] = Field(default_factory=list)
    #: Where the article's own text comes from, when other pages share its wording.
    provenance: str = ""
    provenance_evidence: Evidence | None = None
    provenance_sources: list[Slug] = Field(default_factory=list)
    #: The section whose text the provenance note is about; the deck shows the note there.
    provenance_section: Slug | None = None

    @model_validator(mode="after")
    def _provenance_is_sourced(self) -> ArticleRef:
        if (self.provenance or self.provenance_evidence) and not self.provenance_sources:
            msg = "provenance needs provenance_sources"
            raise ValueError(msg)
        return self


class Show(Record):
    """The show record (show.toml)."""

    id: Slug
    source_type: Text
    genres: list[Text] = Field(min_length=1)
    genres_sources: SourceIds
    title: Title
    studios: list[Studio] = Field(min_length=1)
    staff: list[Credit] = Field(min_length=1)
    broadcasters: list[Broadcaster] = Field(default_factory=list)
    distributors: list[Distributor] = Field(default_factory=list)
    run: Run
    manga: Manga | None = None
    sequel: Sequel
    article: ArticleRef

    def staff_named(self, role: str) -> list[str]:
        """Names credited with `role` (case-insensitive), in file order."""
        return [c.name for c in self.staff if c.role.lower() == role.lower()]
