"""The typed records of one show's data folder, each validated field by field by pydantic."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    model_validator,
)

#: Exactly YYYY-MM-DD: date.fromisoformat alone would also take "20250630" or week dates.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _iso_date(value: object) -> object:
    """Accept a TOML date or a 'YYYY-MM-DD' string, nothing looser (no timestamps, no '2020/1/2')."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not ISO_DATE.fullmatch(text):
            msg = f"expected an ISO date YYYY-MM-DD, got {value!r}"
            raise ValueError(msg)
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            msg = f"impossible date {value!r}: {exc}"
            raise ValueError(msg) from None
    msg = f"expected an ISO date YYYY-MM-DD, got {type(value).__name__}"
    raise ValueError(msg)


def resolve_as_of(value: str | date | None, *, today: date | None = None) -> date:
    """The date a deck speaks for: None means today, else a date or 'YYYY-MM-DD'.

    The one parser of the notebook's `as_of` parameter and of `build --as-of`.
    """
    if value is None:
        return today or date.today()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    msg = f"the as-of date must be left out (today) or given as YYYY-MM-DD, got {value!r}"
    raise ValueError(msg)


def _id_list(value: object) -> object:
    """CSV cells hold several source ids separated by ';'."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


def _non_blank(value: str) -> str:
    if not value.strip():
        msg = "must not be blank"
        raise ValueError(msg)
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Slug = Annotated[str, Field(pattern=_SLUG)]
Text = Annotated[str, AfterValidator(_non_blank)]
SourceIds = Annotated[list[Slug], BeforeValidator(_id_list), Field(min_length=1)]
Precision = Literal["day", "month", "year"]
Verdict = Literal["correct", "partly correct", "incorrect", "unverifiable"]
MilestoneKind = Literal[
    "announcement", "delay", "manga", "broadcast", "release", "stage", "award", "other"
]


class Record(BaseModel):
    """Base of every record: unknown fields are errors, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Sourced(Record):
    sources: SourceIds


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
    episodes: Annotated[int, Field(ge=1)]
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
    status: Literal["announced", "not announced"]
    as_of: IsoDate
    note: Text


class ArticleRef(Record):
    """The article the deck presents: its source, and the sections that guess at the future."""

    source: Slug
    forecast_sections: list[Slug] = Field(default_factory=list)


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


class Episode(Sourced):
    """One broadcast episode (episodes.csv)."""

    number: Annotated[int, Field(ge=1)]
    title: Text
    film_reference: str = ""
    air_date: IsoDate


class Milestone(Sourced):
    """One dated event for the timeline (milestones.csv)."""

    id: Slug
    date: IsoDate
    precision: Precision
    kind: MilestoneKind
    label: Annotated[Text, Field(max_length=60)]

    @model_validator(mode="after")
    def _date_fits_precision(self) -> Milestone:
        # A month- or year-precise date is stored as its first day, so sorting stays honest.
        if self.precision == "month" and self.date.day != 1:
            msg = f"a month-precise date is written as the 1st of the month, got {self.date}"
            raise ValueError(msg)
        if self.precision == "year" and (self.date.month, self.date.day) != (1, 1):
            msg = f"a year-precise date is written as January 1st, got {self.date}"
            raise ValueError(msg)
        return self


class Source(Record):
    """One source that facts point at (sources.csv)."""

    id: Slug
    title: Text
    url: HttpUrl
    publisher: Text
    published: IsoDate | None = None
    accessed: IsoDate
    note: str = ""

    @property
    def link(self) -> str:
        return str(self.url)


class Claim(Sourced):
    """One checkable claim of the article with our verdict (claims.csv)."""

    id: Slug
    section: Slug
    quote: Text
    topic: Text
    verdict: Verdict
    correction: Text


class ArticleSection(Record):
    """One section of the article (article.md): heading None where the article had none."""

    id: Slug
    heading: str | None
    image_caption: str | None = None
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


class Article(Record):
    title: Text
    sections: tuple[ArticleSection, ...]

    def section(self, section_id: str) -> ArticleSection:
        for section in self.sections:
            if section.id == section_id:
                return section
        msg = f"the article has no section {section_id!r}"
        raise KeyError(msg)
