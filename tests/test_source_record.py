"""A source (sources.csv): http(s) links and dates as precise as the page allows."""

from __future__ import annotations

import pytest

from showdeck import load_show
from tests.conftest import edit, problems_of


def test_url_must_be_http(broken_copy):
    folder = broken_copy()
    edit(folder / "sources.csv", "https://example.org/lantern-line,", "javascript:alert(1),")
    assert any(p.startswith("sources.csv:2: url:") for p in problems_of(folder))


# Sources dated by month or year, and a sequel status as fresh as its newest evidence.


def test_a_source_dated_by_month_or_year_loads_with_its_precision(broken_copy):
    folder = broken_copy()
    edit(folder / "sources.csv", "published,accessed", "published,published_precision,accessed")
    edit(folder / "sources.csv", "Example Guide,2023-06-30,", "Example Guide,2023-06-01,month,")
    edit(folder / "sources.csv", "Example Blog,2020-01-01,", "Example Blog,2020-01-01,year,")
    sources = load_show(folder).sources
    assert sources["fixture-guide"].precision == "month"
    assert sources["fixture-article"].precision == "year"


@pytest.mark.parametrize(("cells", "message"), [
    ("2023-06-30,month", ("a month-precise published date is written as the 1st of the month, "
                         "got 2023-06-30")),
    ("2023-06-01,year", "a year-precise published date is written as January 1st, got 2023-06-01"),
    (",month", "published_precision is set but published is empty"),
    ("2023-06-01,week", "Input should be 'day', 'month' or 'year' (got 'week')"),
])
def test_a_source_date_must_fit_its_precision(broken_copy, cells, message):
    folder = broken_copy()
    edit(folder / "sources.csv", "published,accessed", "published,published_precision,accessed")
    edit(folder / "sources.csv", "Example Guide,2023-06-30,", f"Example Guide,{cells},")
    edit(folder / "sources.csv", "Example Blog,2020-01-01,", "Example Blog,2020-01-01,,")
    field = "published_precision" if "week" in cells else None
    where = f" {field}:" if field else ""
    assert f"sources.csv:2:{where} {message}" in problems_of(folder)
