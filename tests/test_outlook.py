"""Will it come back? The numbers and statements computed for an as-of date."""

from __future__ import annotations

from datetime import date

import pytest

from showdeck import dates, outlook
from showdeck.dates import resolve_as_of
from showdeck.loader import load_show
from tests.conftest import FIXTURE_SHOW, REAL_SHOW

AS_OF = date(2026, 11, 24)


@pytest.fixture(scope="module")
def data():
    return load_show(FIXTURE_SHOW)


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


def test_outlook_counts_the_days_since_the_finale(data):
    view = outlook.compute_outlook(data, AS_OF)
    assert view.finale == date(2019, 4, 19)
    assert view.days_since_finale == (AS_OF - date(2019, 4, 19)).days == 2776
    assert view.years_since_finale == 7.6
    assert view.span_text == "7 years and 7 months"


def test_outlook_reports_the_sequel_status_with_its_date_and_source(data):
    view = outlook.compute_outlook(data, AS_OF)
    assert view.sequel_status == "not announced"
    assert view.sequel_checked == date(2024, 1, 31)
    assert [s.id for s in view.sequel_sources] == ["fixture-guide"]
    assert view.article_published == date(2020, 1, 1)


def test_outlook_refuses_an_as_of_date_before_the_finale(data):
    with pytest.raises(ValueError, match="before the finale"):
        outlook.compute_outlook(data, date(2019, 4, 1))


def test_the_record_holds_only_events_between_finale_and_as_of(broken_copy):
    folder = broken_copy()
    with (folder / "milestones.csv").open("a") as f:
        f.write("stage,2021-12-01,month,stage,Stage play announced,fixture-guide\n"
                "late,2027-01-01,year,other,Too late,fixture-guide\n")
    view = outlook.compute_outlook(load_show(folder), AS_OF)
    assert [(e.when, e.label) for e in view.record] == [("Dec 2021", "Stage play announced")]


def test_forecast_claims_come_from_the_sections_the_data_names(broken_copy):
    folder = broken_copy()
    with (folder / "claims.csv").open("a") as f:
        f.write("no-news,renewal-status,Nothing has been said,sequel,correct,medium,"
                "The guide says so.,Still nothing.,No second season,fixture-guide,,,"
                "fixture-guide\n")
    view = outlook.compute_outlook(load_show(folder), AS_OF)
    assert [c.id for c in view.forecast] == ["no-news"]
    show = folder / "show.toml"
    show.write_text(show.read_text().replace('forecast_sections = ["renewal-status"]',
                                             'forecast_sections = ["introduction"]'))
    view = outlook.compute_outlook(load_show(folder), AS_OF)
    assert [c.id for c in view.forecast] == ["episode-count", "director"]


def test_unknowns_say_when_the_status_was_last_checked(data):
    later = outlook.unknowns(data, AS_OF)
    assert "last checked on 31 Jan 2024" in later[0]
    assert "against sources dated up to 30 Jun 2023" in later[0]
    assert "1,028 days" in later[0]
    earlier = outlook.unknowns(data, date(2023, 1, 1))
    assert "after the as-of date" in earlier[0]
    same = outlook.unknowns(data, date(2024, 1, 31))
    assert not any("checked" in text for text in same)


def test_manga_summary_follows_the_as_of_date(broken_copy):
    folder = broken_copy()
    show = (folder / "show.toml").read_text().replace("[sequel]", (
        '[manga]\ntitle = "Lantern"\nartist = "Ann Artist"\npublisher = "Pub"\n'
        'platform = "Web"\nstart = 2019-06-01\nend = 2023-04-25\nvolumes = 9\n'
        'sources = ["fixture-guide"]\n\n[sequel]'))
    (folder / "show.toml").write_text(show)
    data = load_show(folder)
    assert outlook.manga_summary(data, AS_OF) == (
        "The manga Lantern (art: Ann Artist; Pub, Web) ran from Jun 2019 to Apr 2023, 9 volumes.")
    assert "was still running on 1 Jan 2022" in outlook.manga_summary(data, date(2022, 1, 1))
    assert outlook.manga_summary(data, date(2019, 5, 1)) is None


def test_no_manga_no_summary(data):
    assert outlook.manga_summary(data, AS_OF) is None


def test_the_status_is_dated_by_its_evidence_not_by_the_day_it_was_read():
    real = load_show(REAL_SHOW)
    view = outlook.compute_outlook(real, AS_OF)
    assert view.sequel_statement == (
        "No announcement of a second season in any source up to 5 Dec 2023.")
    assert view.newest_evidence_date == date(2023, 12, 5)
    assert view.newest_evidence.id == view.sequel_evidence_source.id
    assert view.sources_searched == date(2026, 11, 24)
    assert "official announcement" in view.sequel_evidence
    assert "the date of its newest dated source" in outlook.unknowns(real, AS_OF)[0]


def test_stale_evidence_warns_only_more_than_a_year_on(data):
    # The fixture's newest dated sequel source is of 2023-06-30.
    assert outlook.stale_evidence_warning(data, date(2024, 1, 31)) is None
    assert outlook.stale_evidence_warning(data, date(2024, 6, 29)) is None  # 365 days on
    warning = outlook.stale_evidence_warning(data, date(2024, 6, 30))
    assert warning == (
        "The newest dated evidence on a sequel (Example Guide, 30 Jun 2023) is 1 year older than "
        "the as-of date 30 Jun 2024; an announcement made since then would not be in this data.")
    assert outlook.compute_outlook(data, date(2024, 6, 30)).stale_warning == warning


def test_real_deck_today_carries_the_stale_evidence_warning():
    view = outlook.compute_outlook(load_show(REAL_SHOW), AS_OF)
    assert view.stale_warning is not None
    assert "5 Dec 2023" in view.stale_warning
    assert "2 years and 11 months" in view.stale_warning


def test_article_provenance_is_carried_with_its_sources():
    view = outlook.compute_outlook(load_show(REAL_SHOW), AS_OF)
    assert "English Wikipedia premise" in view.article_provenance
    assert view.article_provenance_evidence.startswith("diversi criminali")
    assert "netflixlovers-it" in [s.id for s in view.article_provenance_sources]
