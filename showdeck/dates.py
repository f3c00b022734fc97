"""Dates as the deck speaks them: the as-of date, calendar spans, and locale-free formats."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

#: Exactly YYYY-MM-DD: date.fromisoformat alone would also take "20250630" or week dates.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Dates a record (and the as-of date) may hold: the chart draws a year on either side.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)

Precision = Literal["day", "month", "year"]


class DateOutOfRange(ValueError):
    """A real date, but outside the dates a deck can show."""


def in_range(day: date) -> date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        msg = f"{day} is outside the dates a deck can show, {EARLIEST_DATE} to {LATEST_DATE}"
        raise DateOutOfRange(msg)
    return day


def system_today() -> date:
    """The machine's date: the as-of date when none is given (tests pin it here)."""
    return date.today()


def resolve_as_of(value: str | date | None, *, today: date | None = None) -> date:
    """The date a deck speaks for: None means today, else a date or 'YYYY-MM-DD'.

    The one parser of the notebook's `as_of` parameter and of `build --as-of`: a date outside
    EARLIEST_DATE..LATEST_DATE raises DateOutOfRange, anything else not a date ValueError.
    """
    if value is None:
        return in_range(today or system_today())
    if isinstance(value, datetime):
        return in_range(value.date())
    if isinstance(value, date):
        return in_range(value)
    text = str(value).strip()
    if ISO_DATE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return in_range(day)
    msg = f"the as-of date must be left out (today) or given as YYYY-MM-DD, got {value!r}"
    raise ValueError(msg)


#: Month abbreviations, fixed here so the deck does not depend on the kernel's locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
#: The en dash of date ranges ("Oct 2020 - Dec 2020" typeset properly).
DASH = "\u2013"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

def format_date(day: date, precision: Precision = "day") -> str:
    """'8 Oct 2020', 'Jul 2020' or '2023': never more precise than the record is."""
    month = MONTHS[day.month - 1]
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{month} {day.year}"
    return f"{day.day} {month} {day.year}"


def calendar_span(start: date, end: date) -> tuple[int, int, int]:
    """Whole (years, months, days) from start to end, counted like a calendar, not a 365-day year."""
    if end < start:
        msg = f"{end} is before {start}"
        raise ValueError(msg)
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    years, months = divmod(months, 12)
    anchor_year, anchor_month = divmod(start.month - 1 + years * 12 + months, 12)
    anchor = _clamped(start.year + anchor_year, anchor_month + 1, start.day)
    return years, months, (end - anchor).days


def _clamped(year: int, month: int, day: int) -> date:
    """The date, or the month's last day when `day` does not exist in it (31 Feb -> 28/29 Feb)."""
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def describe_span(years: int, months: int) -> str:
    """'5 years and 11 months', '1 year', '3 months'."""
    parts = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in ((years, "year"), (months, "month"))
             if n]
    return " and ".join(parts) or "less than a month"


