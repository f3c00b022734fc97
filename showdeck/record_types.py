"""The field types every record of a show's data folder shares, their validators, the limits,
and the base records (unknown fields are errors, strings are stripped)."""

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


def group_named(value: object) -> object:
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


def check_precision(day: date, precision: Precision, field: str = "") -> None:
    """A month- or year-precise date is stored as its first day, so sorting stays honest."""
    name = f"{field} " if field else ""
    if precision == "month" and day.day != 1:
        msg = f"a month-precise {name}date is written as the 1st of the month, got {day}"
        raise ValueError(msg)
    if precision == "year" and (day.month, day.day) != (1, 1):
        msg = f"a year-precise {name}date is written as January 1st, got {day}"
        raise ValueError(msg)


def check_lineage(confidence: Confidence | None, lineage: str) -> None:
    """Sources of one lineage are one source, so they cannot make a fact 'high'."""
    if lineage and confidence == "high":
        msg = f"confidence cannot be 'high' for facts resting on one lineage ({lineage})"
        raise ValueError(msg)
