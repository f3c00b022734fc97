"""The show (show.toml): the sequel status's evidence and as-of precision."""

from __future__ import annotations

from tests.conftest import edit, problems_of


def test_sequel_evidence_must_come_from_a_cited_source(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'evidence_source = "fixture-guide"',
         'evidence_source = "fixture-article"')
    assert problems_of(folder) == [
        "show.toml: sequel: evidence_source 'fixture-article' must be one of sources"
    ]


def test_sequel_as_of_must_fit_its_precision(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", "as_of = 2024-01-31", 'as_of = 2024-01-31\nas_of_precision = "month"')
    assert problems_of(folder) == [
        ("show.toml:37: sequel.as_of_precision: a month-precise as_of date is written as the 1st "
        "of the month, got 2024-01-31")
    ]
