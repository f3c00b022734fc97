"""CSV tables: headers, row lengths, blank cells, duplicate keys and optional columns."""

from __future__ import annotations

import pytest

from showdeck import load_show
from tests.conftest import edit, problems_of


def test_blank_text_is_rejected(broken_copy):
    folder = broken_copy()
    edit(folder / "sources.csv", "Example Guide", "  ")
    assert problems_of(folder)[0] == "sources.csv:2: publisher: Field required"


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


def test_a_header_starting_with_a_lone_carriage_return_is_one_problem(broken_copy):
    """Found by the fuzzer: csv refuses such a line when the header is tried with another
    delimiter; the header is still reported, not a csv traceback."""
    folder = broken_copy()
    path = folder / "episodes.csv"
    path.write_bytes(b"\r," + path.read_bytes().split(b",", 1)[1])  # "number" becomes "\r"
    problems = problems_of(folder)
    assert problems[0].startswith("episodes.csv:1: ")
    assert "header" in problems[0]


def test_truncated_row_is_named(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "3,The Last Lamp,,,,,2019-04-19,fixture-guide", "3,The Last Lamp")
    assert "episodes.csv:4: has 2 cells, expected 8" in problems_of(folder)


@pytest.mark.parametrize("column", ["confidence", "reason", "evidence"])
def test_claim_columns_present_in_the_header_need_a_value(broken_copy, column):
    folder = broken_copy()
    old = {"confidence": "director,correct,medium,", "reason": "The guide names the same director.",
           "evidence": "Directed by Aoi Example."}[column]
    edit(folder / "claims.csv", old, "director,correct,," if column == "confidence" else "")
    problems = problems_of(folder)
    assert len(problems) == 1
    assert problems[0].startswith(f"claims.csv:3: {column}: ")


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
