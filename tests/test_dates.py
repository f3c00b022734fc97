"""Dates as the deck writes them: never more precise than the record, as-of dates parsed once, calendar spans."""

from __future__ import annotations

from datetime import date

import pytest

from showdeck import dates
from showdeck.dates import resolve_as_of

AS_OF = date(2026, 11, 24)


@pytest.mark.parametrize(("precision", "expected"), [
    ("day", "8 Oct 2020"), ("month", "Oct 2020"), ("year", "2020"),
])
def test_dates_are_never_more_precise_than_the_record(precision, expected):
    assert dates.format_date(date(2020, 10, 8), precision) == expected


def test_as_of_none_means_today(monkeypatch):
    assert resolve_as_of(None, today=date(2030, 1, 2)) == date(2030, 1, 2)
    monkeypatch.setattr(dates, "system_today", lambda: date(2031, 3, 4))
    assert resolve_as_of(None) == date(2031, 3, 4)


def test_as_of_accepts_an_iso_date():
    assert resolve_as_of("2026-11-24") == AS_OF
    assert resolve_as_of(AS_OF) == AS_OF


@pytest.mark.parametrize("bad", ["24/11/2026", "2026-11-31", "tomorrow", "2026-11-24T00:00",
                                 "20261124"])
def test_as_of_rejects_anything_else_with_a_message(bad):
    with pytest.raises(ValueError, match="given as YYYY-MM-DD"):
        resolve_as_of(bad)


@pytest.mark.parametrize(("start", "end", "expected"), [
    (date(2020, 12, 24), date(2026, 11, 24), (5, 11, 0)),
    (date(2020, 12, 24), date(2021, 12, 23), (0, 11, 29)),
    (date(2020, 1, 31), date(2020, 2, 29), (0, 0, 29)),
    (date(2020, 1, 31), date(2020, 3, 1), (0, 1, 1)),
    (date(2019, 4, 19), date(2019, 4, 19), (0, 0, 0)),
])
def test_calendar_span_counts_like_a_calendar(start, end, expected):
    assert dates.calendar_span(start, end) == expected


def test_calendar_span_refuses_a_negative_span():
    with pytest.raises(ValueError, match="before"):
        dates.calendar_span(date(2021, 1, 1), date(2020, 1, 1))


@pytest.mark.parametrize(("years", "months", "text"), [
    (5, 11, "5 years and 11 months"), (1, 0, "1 year"), (0, 1, "1 month"),
    (0, 0, "less than a month"),
])
def test_spans_read_naturally(years, months, text):
    assert dates.describe_span(years, months) == text
