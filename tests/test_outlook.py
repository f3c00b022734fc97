"""Will it come back? The numbers and statements computed for an as-of date."""

from __future__ import annotations

import html
from datetime import date

import pytest

from showdeck import outlook, outlook_view, slide_list
from showdeck.loader import load_show
from tests.conftest import FIXTURE_SHOW, REAL_SHOW

AS_OF = date(2026, 11, 24)


@pytest.fixture(scope="module")
def data():
    return load_show(FIXTURE_SHOW)


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


def test_unknowns_say_what_date_the_status_speaks_for(data):
    later = outlook.unknowns(data, AS_OF)
    assert "The sequel status speaks for 31 Jan 2024" in later[0]
    assert "against sources dated up to 30 Jun 2023" in later[0]
    assert "1,028 days" in later[0]
    earlier = outlook.unknowns(data, date(2023, 1, 1))
    assert "after the as-of date" in earlier[0]
    same = outlook.unknowns(data, date(2024, 1, 31))
    assert not any("speaks for" in text for text in same)


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
    # The newest statement speaks "as of early 2026": dated by its year, no more precisely.
    assert view.sequel_statement == "No announcement of a second season in any source as of 2026."
    assert view.newest_evidence_date == date(2026, 1, 1)
    assert view.newest_evidence_when == "2026"
    assert view.newest_evidence.id == view.sequel_evidence_source.id == "eatsip365-season-2"
    assert view.sources_searched == date(2026, 12, 6)
    assert "no official announcement" in view.sequel_evidence
    first = outlook.unknowns(real, AS_OF)[0]
    assert "speaks for 2026, the date of its newest dated source" in first
    assert "days since then" not in first, "a year-dated status has no day to count from"


def _dated_by(folder, cells: str, as_of: str, precision: str) -> None:
    """Date the fixture's sequel source and status by a month or a year."""
    sources = folder / "sources.csv"
    text = sources.read_text().replace("published,accessed", "published,published_precision,accessed")
    text = text.replace("Example Guide,2023-06-30,", f"Example Guide,{cells},")
    sources.write_text(text.replace("Example Blog,2020-01-01,", "Example Blog,2020-01-01,,"))
    show = folder / "show.toml"
    show.write_text(show.read_text().replace(
        "as_of = 2024-01-31", f'as_of = {as_of}\nas_of_precision = "{precision}"'))


@pytest.mark.parametrize(("cells", "as_of", "precision", "when"), [
    ("2025-11-01,month", "2025-11-01", "month", "Nov 2025"),
    ("2026-01-01,year", "2026-01-01", "year", "2026"),
])
def test_a_status_dated_by_month_or_year_says_no_more(broken_copy, cells, as_of, precision, when):
    folder = broken_copy()
    _dated_by(folder, cells, as_of, precision)
    data = load_show(folder)
    view = outlook.compute_outlook(data, date(2026, 11, 24))
    assert view.sequel_statement == f"No announcement of a second season in any source as of {when}."
    assert view.newest_evidence_when == when
    assert f"speaks for {when}" in view.unknowns[0]
    assert "days since then" not in view.unknowns[0]
    sources = slide_list.slide("sources").view(data, AS_OF)
    assert f"Example Guide, {when}<" in sources


def test_stale_evidence_warns_only_more_than_a_year_on(data):
    # The fixture's newest dated sequel source is of 2023-06-30.
    assert outlook.stale_evidence_warning(data, date(2024, 1, 31)) is None
    assert outlook.stale_evidence_warning(data, date(2024, 6, 29)) is None  # 365 days on
    warning = outlook.stale_evidence_warning(data, date(2024, 6, 30))
    assert warning == (
        "The newest dated evidence on a sequel (Example Guide, 30 Jun 2023) is 1 year older than "
        "the as-of date 30 Jun 2024; an announcement made since then would not be in this data.")
    assert outlook.compute_outlook(data, date(2024, 6, 30)).stale_warning == warning


def test_a_year_dated_source_counts_from_the_first_day_of_its_year(broken_copy):
    folder = broken_copy()
    _dated_by(folder, "2026-01-01,year", "2026-01-01", "year")
    data = load_show(folder)
    assert outlook.stale_evidence_warning(data, date(2027, 1, 1)) is None
    warning = outlook.stale_evidence_warning(data, date(2027, 1, 2))
    assert warning.startswith("The newest dated evidence on a sequel (Example Guide, 2026) is 1 year")


def test_the_real_status_is_fresh_today_and_warns_a_year_later():
    real = load_show(REAL_SHOW)
    assert outlook.compute_outlook(real, AS_OF).stale_warning is None
    later = outlook.compute_outlook(real, date(2027, 6, 1)).stale_warning
    assert later is not None
    assert "(eatsip365, 2026) is 1 year and 5 months older" in later


def test_the_stale_warning_is_for_the_presenter_not_the_audience_slide(data):
    # The fixture's evidence (30 Jun 2023) is more than a year older than AS_OF.
    warning = outlook.stale_evidence_warning(data, AS_OF)
    assert warning
    slide = outlook_view.outlook_slide(data, AS_OF)
    assert "Out of date" not in slide
    assert "newest dated evidence" not in slide
    assert warning in html.unescape(slide_list.speaker_notes(data, "outlook", AS_OF))
    # The audience still sees the status's own date, and what the data cannot cover.
    assert "as of 31 Jan 2024" in slide
    assert "anything announced in the 1,028 days since then is not in this data" in slide


def test_article_provenance_is_carried_with_its_sources():
    view = outlook.compute_outlook(load_show(REAL_SHOW), AS_OF)
    assert "English Wikipedia premise" in view.article_provenance
    assert view.article_provenance_evidence.startswith("diversi criminali")
    assert "netflixlovers-it" in [s.id for s in view.article_provenance_sources]
