"""Loading a show folder: valid data loads, and each validation rule rejects a broken copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from showdeck import DataError, load_show
from showdeck.loader import parse_article
from showdeck.record_types import evidence_words

from .conftest import FIXTURE_SHOW, REAL_SHOW


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_show(folder)
    return [str(p) for p in info.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


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


def test_missing_file_is_named(broken_copy):
    folder = broken_copy()
    (folder / "episodes.csv").unlink()
    assert "episodes.csv: file is missing" in problems_of(folder)


def test_required_field_blank_names_row_and_field(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "2,The Second Lamp,", "2,,")
    assert problems_of(folder)[0] == "episodes.csv:3: title: Field required"


def test_blank_text_is_rejected(broken_copy):
    folder = broken_copy()
    edit(folder / "sources.csv", "Example Guide", "  ")
    assert problems_of(folder)[0] == "sources.csv:2: publisher: Field required"


def test_blank_text_in_toml_is_rejected(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'name = "Aoi Example"', 'name = "  "')
    assert "show.toml:20: staff.0.name: must not be blank" in problems_of(folder)


def test_toml_problem_names_the_line_inside_an_array_of_tables(broken_copy):
    folder = broken_copy(REAL_SHOW)
    text = (folder / "show.toml").read_text(encoding="utf-8")
    line = text[: text.index('name = "Rui Komatsuzaki"')].count("\n") + 1
    edit(folder / "show.toml", 'name = "Rui Komatsuzaki"', 'name = ""')
    assert problems_of(folder) == [f"show.toml:{line}: staff.2.name: must not be blank"]


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


def test_csv_line_numbers_survive_unusual_line_breaks(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "The First Lamp", "The First\u2028Lamp\x0c")
    edit(folder / "episodes.csv", "2019-04-12", "2019-04-99")
    assert any(p.startswith("episodes.csv:3: air_date: impossible date") for p in problems_of(folder))


def test_required_toml_key_missing_names_the_key(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'name = "Aoi Example"\n', "")
    assert any(p.startswith("show.toml") and "staff.0.name: Field required" in p
               for p in problems_of(folder))


def test_non_iso_date_is_rejected(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "2019-04-12", "12/04/2019")
    problems = problems_of(folder)
    assert problems[0].startswith("episodes.csv:3: air_date: expected an ISO date YYYY-MM-DD")


def test_timestamp_is_not_a_date(broken_copy):
    folder = broken_copy()
    edit(folder / "sources.csv", "2024-01-31,Invented", "1706659200,Invented")
    assert any("sources.csv:2: accessed: expected an ISO date" in p for p in problems_of(folder))


def test_impossible_date_is_rejected(broken_copy):
    folder = broken_copy()
    edit(folder / "milestones.csv", "2018-10-01", "2018-02-30")
    assert any("milestones.csv:2: date: impossible date '2018-02-30'" in p
               for p in problems_of(folder))


def test_month_precision_date_is_the_first(broken_copy):
    folder = broken_copy()
    edit(folder / "milestones.csv", "2018-10-01,month", "2018-10-15,month")
    assert any("milestones.csv:2:" in p and "1st of the month" in p for p in problems_of(folder))


def test_unknown_enum_value_lists_the_choices(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", ",incorrect,", ",wrong,")
    (problem,) = problems_of(folder)
    assert problem.startswith("claims.csv:2: verdict: Input should be 'correct'")


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


def test_every_fact_needs_a_source(broken_copy):
    folder = broken_copy()
    edit(folder / "milestones.csv", "Premiere,fixture-guide", "Premiere,")
    assert any(p.startswith("milestones.csv:3: sources:") for p in problems_of(folder))


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


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("episodes.csv", "2,The Second Lamp", "1,The Second Lamp",
         "episodes.csv:3: number: duplicate number '1' (first on line 2)"),
        ("sources.csv", "fixture-article,", "fixture-guide,",
         "sources.csv:3: id: duplicate id 'fixture-guide' (first on line 2)"),
        ("milestones.csv", "finale,", "premiere,",
         "milestones.csv:4: id: duplicate id 'premiere' (first on line 3)"),
        ("article.md", "## [about-the-author]", "## [introduction]",
         "article.md:13: id: duplicate section id 'introduction' (first on line 3)"),
    ],
)
def test_no_two_records_for_one_key(broken_copy, file, old, new, expected):
    folder = broken_copy()
    edit(folder / file, old, new)
    assert expected in problems_of(folder)


def test_header_must_name_the_columns(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "air_date", "aired")
    assert problems_of(folder)[0] == (
        "episodes.csv:1: header must be number,title,title_japanese,title_english,"
        "film_reference,film_reference_inferred,air_date,sources (missing air_date; unknown aired)"
    )


def test_truncated_row_is_named(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "3,The Last Lamp,,,,,2019-04-19,fixture-guide", "3,The Last Lamp")
    assert "episodes.csv:4: has 2 cells, expected 8" in problems_of(folder)


def test_url_must_be_http(broken_copy):
    folder = broken_copy()
    edit(folder / "sources.csv", "https://example.org/lantern-line,", "javascript:alert(1),")
    assert any(p.startswith("sources.csv:2: url:") for p in problems_of(folder))


def test_invalid_toml_names_the_line(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'english = "Lantern Line"', "english = Lantern Line")
    (problem,) = problems_of(folder)
    assert problem == "show.toml:8: not valid TOML: Invalid value"


def test_unknown_key_is_rejected(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'romanized = "Rantan Rain"', 'romanised = "Rantan Rain"')
    assert "show.toml:10: title.romanised: Extra inputs are not permitted" in problems_of(folder)


def test_non_utf8_file_is_named(broken_copy):
    folder = broken_copy()
    (folder / "episodes.csv").write_bytes(
        b"number,title,film_reference,air_date,sources\n1,Caf\xe9,,2019-04-05,fixture-guide\n"
    )
    assert problems_of(folder) == [
        ("episodes.csv:2: not UTF-8 (byte 0xE9 at offset 50; it looks like Latin-1 or "
        "Windows-1252); save it as UTF-8")]


def test_every_problem_is_reported_not_just_the_first(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "2019-04-12", "2019-13-12")
    edit(folder / "claims.csv", "ran for 4 episodes", "ran for 5 episodes")
    edit(folder / "sources.csv", "Example Guide", "")
    problems = problems_of(folder)
    assert len(problems) >= 3
    assert {p.split(":")[0] for p in problems} >= {"episodes.csv", "claims.csv", "sources.csv"}


def test_article_sections_keep_words_and_find_captions():
    article = parse_article(
        "# T\n\n## [intro]\n\nOne line,\ncontinued.\n\nTwo.\n\n## [next] Heading: Two\n\n"
        "![Lost image]()\n\nText.\n"
    )
    assert article is not None
    intro, second = article.sections
    assert intro.heading is None
    assert intro.paragraphs == ("One line, continued.", "Two.")
    assert (second.heading, second.image_caption, second.paragraphs) == (
        "Heading: Two", "Lost image", ("Text.",)
    )


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


def test_sequel_evidence_must_come_from_a_cited_source(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'evidence_source = "fixture-guide"',
         'evidence_source = "fixture-article"')
    assert problems_of(folder) == [
        "show.toml: sequel: evidence_source 'fixture-article' must be one of sources"
    ]


def test_claim_evidence_source_must_be_one_of_its_sources(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "Directed by Aoi Example.,fixture-guide",
         "Directed by Aoi Example.,fixture-article")
    assert problems_of(folder) == [
        ("claims.csv:3: evidence_source 'fixture-article' must be one of the claim's sources "
        "(fixture-guide)")
    ]


def test_claim_evidence_is_at_most_thirty_words(broken_copy):
    folder = broken_copy()
    long = " ".join(["word"] * 31)
    edit(folder / "claims.csv", "Directed by Aoi Example.", long)
    assert problems_of(folder) == [
        "claims.csv:3: evidence: an evidence quote has at most 30 words, this has 31"
    ]


@pytest.mark.parametrize("marked", ["there is **no such season**", "there is __no such season__",
                                    "there is *no such season*"])
def test_claim_evidence_is_the_pages_text_not_its_markdown(broken_copy, marked):
    folder = broken_copy()
    edit(folder / "claims.csv", "Directed by Aoi Example.", marked)
    assert problems_of(folder) == [
        ("claims.csv:3: evidence: an evidence quote is the page's text, not its Markdown: "
         "write 'no such season' without the emphasis markers around it")
    ]


def test_sequel_evidence_is_the_pages_text_not_its_markdown(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", "No second season of Lantern Line has been announced.",
         "No second season of Lantern Line has been **announced**.")
    assert problems_of(folder) == [
        ("show.toml:38: sequel.evidence: an evidence quote is the page's text, not its "
         "Markdown: write 'announced' without the emphasis markers around it")
    ]


def test_an_asterisk_that_is_text_is_kept_in_a_quote(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "Directed by Aoi Example.", "Directed by Aoi Example (M*A*S*H).")
    assert load_show(folder).claims[1].evidence == "Directed by Aoi Example (M*A*S*H)."


def test_japanese_evidence_counts_two_characters_as_a_word():
    assert evidence_words("作画は大柿ロクロウが担当する") == 7
    assert evidence_words("全12話") == 2
    assert evidence_words("Directed by Aoi Example.") == 4


@pytest.mark.parametrize("column", ["confidence", "reason", "evidence"])
def test_claim_columns_present_in_the_header_need_a_value(broken_copy, column):
    folder = broken_copy()
    old = {"confidence": "director,correct,medium,", "reason": "The guide names the same director.",
           "evidence": "Directed by Aoi Example."}[column]
    edit(folder / "claims.csv", old, "director,correct,," if column == "confidence" else "")
    problems = problems_of(folder)
    assert len(problems) == 1
    assert problems[0].startswith(f"claims.csv:3: {column}: ")


def test_unknown_confidence_lists_the_choices(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "director,correct,medium,", "director,correct,certain,")
    assert problems_of(folder) == [
        "claims.csv:3: confidence: Input should be 'high', 'medium' or 'low' (got 'certain')"
    ]


def test_a_fact_on_one_lineage_cannot_be_high_confidence(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "director,correct,medium,", "director,correct,high,")
    edit(folder / "claims.csv", "Directed by Aoi Example.,fixture-guide,,",
         "Directed by Aoi Example.,fixture-guide,,Example Guide")
    assert problems_of(folder) == [
        ("claims.csv:3: confidence cannot be 'high' for facts resting on one lineage "
        "(Example Guide)")
    ]


def test_older_tables_without_the_new_columns_still_load(broken_copy):
    folder = broken_copy()
    (folder / "claims.csv").write_text(
        "id,section,quote,topic,verdict,correction,sources\n"
        "director,introduction,directed by Aoi Example,director,correct,Right.,fixture-guide\n")
    (claim,) = load_show(folder).claims
    assert (claim.confidence, claim.reason, claim.evidence) == (None, None, None)
    milestones = load_show(folder).milestones
    assert {m.confidence for m in milestones} == {None}  # the fixture's table is the old one


def test_new_columns_keep_their_order(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "verdict,confidence,reason", "verdict,reason,confidence")
    assert problems_of(folder)[0].startswith("claims.csv:1: header must be id,section,quote,")


def test_inferred_film_reference_needs_a_film(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "2,The Second Lamp,,,,,", "2,The Second Lamp,,,,yes,")
    assert problems_of(folder) == [
        "episodes.csv:3: film_reference_inferred is set but film_reference is empty"
    ]


# Claims judged in groups, and corrections that read cleanly after their verdict.


def _with_groups(folder: Path, *groups: str) -> None:
    """Give the fixture's claims table a `group` column, one cell per row."""
    path = folder / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("topic,verdict", "topic,group,verdict")
    rows = []
    for line, group in zip(lines[1:], groups, strict=True):
        first, second, third, fourth, rest = line.split(",", 4)
        rows.append(f"{first},{second},{third},{fourth},{group},{rest}")
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def test_a_claims_table_with_groups_loads_them(broken_copy):
    folder = broken_copy()
    _with_groups(folder, "run", "credits")
    assert [c.group for c in load_show(folder).claims] == ["run", "credits"]


def test_a_claim_without_a_group_is_rejected_when_the_table_has_groups(broken_copy):
    folder = broken_copy()
    _with_groups(folder, "run", "")
    assert problems_of(folder) == [
        ("claims.csv:3: group: every claim belongs to a group: name the event or fact it talks "
        "about (a kebab-case id shared by the claims judged with it)")
    ]


def test_a_group_is_a_kebab_case_id(broken_copy):
    folder = broken_copy()
    _with_groups(folder, "run", "Credits And Staff")
    [problem] = problems_of(folder)
    assert problem.startswith("claims.csv:3: group: String should match pattern")


@pytest.mark.parametrize(("verdict", "correction", "word"), [
    ("correct", "Correct: Aoi Example directed the series.", "correct"),
    ("correct", "✓ Correct: Aoi Example directed the series.", "correct"),
    ("correct", "  correct; Aoi Example directed it.", "correct"),
    ("correct", "Partly correct: Aoi Example directed most of it.", "partly correct"),
    ("correct", "Incorrect: someone else directed it.", "incorrect"),
    ("correct", "Unverifiable: no credits survive.", "unverifiable"),
])
def test_a_correction_that_opens_with_a_verdict_word_is_rejected(broken_copy, verdict,
                                                                 correction, word):
    folder = broken_copy()
    edit(folder / "claims.csv", "Aoi Example directed the series.", correction)
    assert problems_of(folder) == [
        (f"claims.csv:3: correction starts with the verdict word {word!r}; the deck shows the "
        "verdict before it, so start with what is true")
    ]


def test_a_correction_may_use_a_verdict_word_later_or_inside_a_word(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "Aoi Example directed the series.",
         "Correctly credited: Aoi Example directed the series; that is correct.")
    assert load_show(folder).claims[1].correction.startswith("Correctly credited")


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


def test_sequel_as_of_must_fit_its_precision(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", "as_of = 2024-01-31", 'as_of = 2024-01-31\nas_of_precision = "month"')
    assert problems_of(folder) == [
        ("show.toml:37: sequel.as_of_precision: a month-precise as_of date is written as the 1st "
        "of the month, got 2024-01-31")
    ]
