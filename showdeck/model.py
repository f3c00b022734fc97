"""The typed records of one show's data folder, each validated field by field by pydantic."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)

from showdeck.dates import ISO_DATE, Precision, in_range

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Limits: anything past them is a mistake, and would otherwise cost the build time or memory.
#: Characters in one text field (the longest real one is under 400).
MAX_TEXT = 2000
#: Episodes of one run: the chart has a row for each.
MAX_EPISODES = 500


def _iso_date(value: object) -> object:
    """Accept a TOML date or a 'YYYY-MM-DD' string, nothing looser (no timestamps, no '2020/1/2')."""
    if isinstance(value, str):
        text = value.strip()
        if not ISO_DATE.fullmatch(text):
            msg = f"expected an ISO date YYYY-MM-DD, got {value!r}"
            raise ValueError(msg)
        try:
            value = date.fromisoformat(text)
        except ValueError as exc:
            msg = f"impossible date {value!r}: {exc}"
            raise ValueError(msg) from None
    if isinstance(value, date):
        return in_range(value)
    msg = f"expected an ISO date YYYY-MM-DD, got {type(value).__name__}"
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


def _whole_number(value: object) -> object:
    """A count or an episode number, in digits: "2.0", "1e3", "+2" or true are not numbers."""
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    if isinstance(text, str) and text.isascii() and text.isdigit():
        if len(text) > 9:  # int() of a long string is slow (and refused past 4300 digits)
            msg = f"number {text[:9]}... is too large"
            raise ValueError(msg)
        return int(text)
    msg = f"expected a whole number written in digits, got {_clip(value)}"
    raise ValueError(msg)


def _clip(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def evidence_words(text: str) -> int:
    """Words in a quote: space-separated words, and two characters of Japanese count as one."""
    count = 0
    for token in text.split():
        unspaced = len(_UNSPACED.findall(token))
        rest = _UNSPACED.sub("", token)
        count += (unspaced + 1) // 2 + (1 if any(c.isalnum() for c in rest) else 0)
    return count


def _short_quote(value: str) -> str:
    words = evidence_words(value)
    if words > EVIDENCE_MAX_WORDS:
        msg = f"an evidence quote has at most {EVIDENCE_MAX_WORDS} words, this has {words}"
        raise ValueError(msg)
    return value


#: Markdown emphasis around words (`**bold**`, `__bold__`, `*italic*`): a stored page's markup,
#: not its text. A lone asterisk inside a word (M*A*S*H) is text and passes.
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"  # **strong** or __strong__
    r"|(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![\w*])"  # *emphasis*
)


def _page_text(value: str) -> str:
    """An evidence quote is the page's text as a reader sees it, so it is verbatim against the
    page without its Markdown: the deck would otherwise print the asterisks."""
    if match := _EMPHASIS.search(value):
        words = match.group(2) or match.group(3)
        msg = (f"an evidence quote is the page's text, not its Markdown: write {words!r} "
               f"without the emphasis markers around it")
        raise ValueError(msg)
    return value


def _group_named(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        msg = ("every claim belongs to a group: name the event or fact it talks about "
               "(a kebab-case id shared by the claims judged with it)")
        raise ValueError(msg)
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        msg = "must be one line"
        raise ValueError(msg)
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Slug = Annotated[str, Field(pattern=_SLUG)]
Text = Annotated[str, AfterValidator(_non_blank), Field(max_length=MAX_TEXT)]
Count = Annotated[int, BeforeValidator(_whole_number), Field(ge=1, le=MAX_EPISODES)]
SourceIds = Annotated[list[Slug], BeforeValidator(_id_list), Field(min_length=1)]
#: A verbatim excerpt of a source's text (not its Markdown), at most EVIDENCE_MAX_WORDS words.
Evidence = Annotated[str, AfterValidator(_non_blank), AfterValidator(_short_quote),
                     AfterValidator(_page_text)]
#: A one-line judgement, e.g. the reason for a verdict.
Reason = Annotated[str, AfterValidator(_non_blank), AfterValidator(_one_line),
                   Field(max_length=240)]
Verdict = Literal["correct", "partly correct", "incorrect", "unverifiable"]
#: How well a fact is sourced: high = two or more independent sources; medium = one good source,
#: or several of one lineage (an article and its copies); low = one weak source, or an inference.
Confidence = Literal["high", "medium", "low"]
VERDICTS: tuple[Verdict, ...] = ("correct", "partly correct", "incorrect", "unverifiable")
CONFIDENCES: tuple[Confidence, ...] = ("high", "medium", "low")
#: An evidence quote is a short excerpt, not a copy of the page.
EVIDENCE_MAX_WORDS = 30
#: Characters of scripts written without spaces (kana, CJK ideographs, full-width forms).
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
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
            _check_precision(info.data["as_of"], precision, "as_of")
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
        _check_precision(self.date, self.precision)
        _check_lineage(self.confidence, self.lineage)
        return self


def _check_precision(day: date, precision: Precision, field: str = "") -> None:
    """A month- or year-precise date is stored as its first day, so sorting stays honest."""
    name = f"{field} " if field else ""
    if precision == "month" and day.day != 1:
        msg = f"a month-precise {name}date is written as the 1st of the month, got {day}"
        raise ValueError(msg)
    if precision == "year" and (day.month, day.day) != (1, 1):
        msg = f"a year-precise {name}date is written as January 1st, got {day}"
        raise ValueError(msg)


def _check_lineage(confidence: Confidence | None, lineage: str) -> None:
    """Sources of one lineage are one source, so they cannot make a fact 'high'."""
    if lineage and confidence == "high":
        msg = f"confidence cannot be 'high' for facts resting on one lineage ({lineage})"
        raise ValueError(msg)


class Source(Record):
    """One source that facts point at (sources.csv)."""

    id: Slug
    title: Text
    url: HttpUrl
    publisher: Text
    published: IsoDate | None = None
    #: How much of `published` is known: a page that gives only a month ("November 2025") or a
    #: year ("as of early 2026") is dated by the first day of it. None only without a date.
    published_precision: Precision | None = None
    accessed: IsoDate
    note: Annotated[str, Field(max_length=MAX_TEXT)] = ""

    @model_validator(mode="after")
    def _date_fits_precision(self) -> Source:
        if self.published is None:
            if self.published_precision is not None:
                msg = "published_precision is set but published is empty"
                raise ValueError(msg)
            return self
        _check_precision(self.published, self.precision, "published")
        return self

    @property
    def precision(self) -> Precision:
        """How precisely the page is dated: a full date unless the table says otherwise."""
        return self.published_precision or "day"

    @property
    def link(self) -> str:
        return str(self.url)


class Claim(Sourced):
    """One checkable claim of the article with our verdict (claims.csv).

    `reason` says in one line why the rubric gives this verdict; `evidence` is a verbatim quote
    of the source `evidence_source` that decides it; `disagreement` says where our own sources
    disagree. The new columns are optional in the file format so that older tables still load;
    the shipped data fills them all (tests/test_data.py checks that).
    """

    id: Slug
    section: Slug
    quote: Text
    topic: Text
    #: The claims that talk about one event or fact share a group and are judged together.
    group: Annotated[Slug, BeforeValidator(_group_named)] | None = None
    verdict: Verdict
    confidence: Confidence | None = None
    reason: Reason | None = None
    correction: Text
    evidence: Evidence | None = None
    evidence_source: Slug | None = None
    disagreement: str = ""
    lineage: str = ""

    @model_validator(mode="after")
    def _evidence_is_cited(self) -> Claim:
        if (self.evidence is None) != (self.evidence_source is None):
            msg = "evidence and evidence_source go together"
            raise ValueError(msg)
        if self.evidence_source is not None and self.evidence_source not in self.sources:
            msg = (f"evidence_source {self.evidence_source!r} must be one of the claim's "
                   f"sources ({';'.join(self.sources)})")
            raise ValueError(msg)
        _check_lineage(self.confidence, self.lineage)
        _check_correction_opening(self.correction)
        return self


def _check_correction_opening(correction: str) -> None:
    """The deck puts the verdict before the correction: a correction that opens with a verdict
    word would read "✓ Correct: Correct: ..." or "✗ Incorrect: Correct: ..."."""
    opening = re.sub(r"^[\W_]+", "", correction).lower()
    for verdict in sorted(VERDICTS, key=len, reverse=True):
        if re.match(rf"{re.escape(verdict)}\b", opening):
            msg = (f"correction starts with the verdict word {verdict!r}; the deck shows the "
                   "verdict before it, so start with what is true")
            raise ValueError(msg)


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
