"""The field types every record shares: dates, text, evidence quotes, confidence."""

from __future__ import annotations

import pytest

from showdeck import load_show
from showdeck.record_types import evidence_words
from tests.conftest import _with_groups, edit, problems_of


def test_blank_text_in_toml_is_rejected(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'name = "Aoi Example"', 'name = "  "')
    assert "show.toml:20: staff.0.name: must not be blank" in problems_of(folder)


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


def test_every_fact_needs_a_source(broken_copy):
    folder = broken_copy()
    edit(folder / "milestones.csv", "Premiere,fixture-guide", "Premiere,")
    assert any(p.startswith("milestones.csv:3: sources:") for p in problems_of(folder))


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


def test_a_fact_on_one_lineage_cannot_be_high_confidence(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "director,correct,medium,", "director,correct,high,")
    edit(folder / "claims.csv", "Directed by Aoi Example.,fixture-guide,,",
         "Directed by Aoi Example.,fixture-guide,,Example Guide")
    assert problems_of(folder) == [
        ("claims.csv:3: confidence cannot be 'high' for facts resting on one lineage "
        "(Example Guide)")
    ]


def test_a_claim_without_a_group_is_rejected_when_the_table_has_groups(broken_copy):
    folder = broken_copy()
    _with_groups(folder, "run", "")
    assert problems_of(folder) == [
        ("claims.csv:3: group: every claim belongs to a group: name the event or fact it talks "
        "about (a kebab-case id shared by the claims judged with it)")
    ]
