"""A fact-checked claim (claims.csv): its evidence source, groups and corrections."""

from __future__ import annotations

import pytest

from showdeck import load_show
from tests.conftest import _with_groups, edit, problems_of


def test_claim_evidence_source_must_be_one_of_its_sources(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "Directed by Aoi Example.,fixture-guide",
         "Directed by Aoi Example.,fixture-article")
    assert problems_of(folder) == [
        ("claims.csv:3: evidence_source 'fixture-article' must be one of the claim's sources "
        "(fixture-guide)")
    ]


def test_a_claims_table_with_groups_loads_them(broken_copy):
    folder = broken_copy()
    _with_groups(folder, "run", "credits")
    assert [c.group for c in load_show(folder).claims] == ["run", "credits"]


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
