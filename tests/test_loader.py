"""Loading a show folder: valid data loads, and the rules across records reject a broken copy."""

from __future__ import annotations

from datetime import date

from showdeck import load_show
from tests.conftest import FIXTURE_SHOW, REAL_SHOW, edit, problems_of


def test_fixture_show_loads_through_the_same_api(fixture_show):
    data = load_show(fixture_show)
    assert data.show.title.english == "Lantern Line"
    assert [e.number for e in data.episodes] == [1, 2, 3]
    assert data.premiere.air_date == date(2019, 4, 5)
    assert data.finale.title == "The Last Lamp"
    assert [s.id for s in data.article.sections] == [
        "introduction",
        "renewal-status",
        "about-the-author",
    ]
    assert data.article.section("introduction").heading is None
    assert data.article.section("renewal-status").image_caption == "Lantern Line Season 2"
    assert data.cited(data.claims[0].sources)[0].link == "https://example.org/lantern-line"


def test_missing_folder_is_a_data_error(tmp_path):
    assert problems_of(tmp_path / "nope") == [f"{tmp_path / 'nope'}: no such data folder"]


def test_unknown_source_in_an_array_of_tables_names_its_entry(broken_copy):
    folder = broken_copy(REAL_SHOW)
    text = (folder / "show.toml").read_text(encoding="utf-8")
    start = text.index('name = "Maiko Iuchi"')
    line = text[:start].count("\n") + 2
    edit(folder / "show.toml", 'name = "Maiko Iuchi"\nsources = ["', 'name = "Maiko Iuchi"\nsources = ["ghost", "')
    assert problems_of(folder) == [
        f"show.toml:{line}: staff.8.sources: unknown source 'ghost'; add it to sources.csv"
    ]


def test_show_id_is_its_folder_name(tmp_path):
    import shutil

    folder = tmp_path / "another-name"
    shutil.copytree(FIXTURE_SHOW, folder)
    assert problems_of(folder) == [
        "show.toml:2: id: the show id 'lantern-line' must be its folder's name, 'another-name'"
    ]


def test_episode_numbers_must_have_no_gaps(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "2,The Second Lamp", "5,The Second Lamp")
    assert "episodes.csv: number: episodes must be numbered 1..N without gaps; missing [2, 4]" in (
        problems_of(folder)
    )


def test_episode_must_air_inside_the_run(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "2019-04-12", "2019-05-12")
    assert (
        "episodes.csv:3: air_date: 2019-05-12 is outside the run 2019-04-05..2019-04-19"
        in problems_of(folder)
    )


def test_episode_count_must_match_the_run(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", "episodes = 3", "episodes = 4")
    assert "episodes.csv: 3 episodes listed but show.toml run.episodes says 4" in problems_of(folder)


def test_run_dates_must_match_first_and_last_episode(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", "first_air = 2019-04-05", "first_air = 2019-04-01")
    assert any("episode 1 aired 2019-04-05 but run.first_air is 2019-04-01" in p
               for p in problems_of(folder))


def test_referenced_source_must_exist_in_csv(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "2019-04-12,fixture-guide", "2019-04-12,fixture-guide;ghost")
    assert problems_of(folder) == [
        "episodes.csv:3: sources: unknown source 'ghost'; add it to sources.csv"
    ]


def test_referenced_source_must_exist_in_toml(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'genres_sources = ["fixture-guide"]', 'genres_sources = ["ghost"]')
    assert problems_of(folder) == [
        "show.toml:5: genres_sources: unknown source 'ghost'; add it to sources.csv"
    ]


def test_claim_quote_must_occur_verbatim(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "ran for 4 episodes", "ran for four episodes")
    assert problems_of(folder) == [
        ("claims.csv:2: quote: quote does not occur verbatim in section 'introduction': "
        "'ran for four episodes'")
    ]


def test_forecast_sections_must_exist(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'forecast_sections = ["renewal-status"]',
         'forecast_sections = ["epilogue"]')
    (problem,) = problems_of(folder)
    assert problem.startswith("show.toml:44: article.forecast_sections: no article section 'epilogue'")


def test_claim_section_must_exist(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "director,introduction,", "director,epilogue,")
    assert any("claims.csv:3: section: no article section 'epilogue'" in p
               for p in problems_of(folder))


def test_every_problem_is_reported_not_just_the_first(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "2019-04-12", "2019-13-12")
    edit(folder / "claims.csv", "ran for 4 episodes", "ran for 5 episodes")
    edit(folder / "sources.csv", "Example Guide", "")
    problems = problems_of(folder)
    assert len(problems) >= 3
    assert {p.split(":")[0] for p in problems} >= {"episodes.csv", "claims.csv", "sources.csv"}


def test_sequel_status_more_than_a_year_after_its_newest_dated_source_is_rejected(broken_copy):
    folder = broken_copy()
    # The newest dated source cited for the status is the guide of 2023-06-30.
    edit(folder / "show.toml", "as_of = 2024-01-31", "as_of = 2024-07-01")
    assert problems_of(folder) == [
        ("show.toml:36: sequel.as_of: 2024-07-01 is more than a year after the newest dated source "
        "cited for the status (fixture-guide, 2023-06-30); date the status by its evidence or "
        "cite newer coverage")
    ]


def test_sequel_status_a_year_after_its_newest_dated_source_is_accepted(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", "as_of = 2024-01-31", "as_of = 2024-06-29")
    assert load_show(folder).show.sequel.as_of == date(2024, 6, 29)


def test_sequel_status_without_any_dated_source_is_rejected(broken_copy):
    folder = broken_copy()
    edit(folder / "sources.csv", "Example Guide,2023-06-30,", "Example Guide,,")
    assert problems_of(folder) == [
        ("show.toml:36: sequel.as_of: the sequel status cites no dated source, so nothing dates it; "
        "cite a source with a published date in sources.csv")
    ]


def test_sequel_status_older_than_its_newest_dated_source_is_rejected(broken_copy):
    folder = broken_copy()
    # The status would speak for a day before the guide of 2023-06-30 that it cites.
    edit(folder / "show.toml", "as_of = 2024-01-31", "as_of = 2023-06-29")
    assert problems_of(folder) == [
        ("show.toml:36: sequel.as_of: 2023-06-29 is before the newest dated source cited for the "
         "status (fixture-guide, 2023-06-30); date the status by its newest evidence")
    ]


def test_sequel_status_dated_by_a_year_only_source(broken_copy):
    folder = broken_copy()
    edit(folder / "sources.csv", "published,accessed", "published,published_precision,accessed")
    edit(folder / "sources.csv", "Example Guide,2023-06-30,", "Example Guide,2026-01-01,year,")
    edit(folder / "sources.csv", "Example Blog,2020-01-01,", "Example Blog,2020-01-01,,")
    edit(folder / "show.toml", "as_of = 2024-01-31", 'as_of = 2026-01-01\nas_of_precision = "year"')
    sequel = load_show(folder).show.sequel
    assert (sequel.as_of, sequel.as_of_precision) == (date(2026, 1, 1), "year")
    # Still before it: a year-only source counts from the first day of its year.
    edit(folder / "show.toml", "as_of = 2026-01-01", "as_of = 2025-12-01")
    edit(folder / "show.toml", 'as_of_precision = "year"', 'as_of_precision = "month"')
    assert problems_of(folder) == [
        ("show.toml:36: sequel.as_of: 2025-12 is before the newest dated source cited for the "
         "status (fixture-guide, 2026); date the status by its newest evidence")
    ]
