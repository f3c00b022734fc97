"""Episodes and milestones: an inferred film reference needs a film."""

from __future__ import annotations

from tests.conftest import edit, problems_of


def test_inferred_film_reference_needs_a_film(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "2,The Second Lamp,,,,,", "2,The Second Lamp,,,,yes,")
    assert problems_of(folder) == [
        "episodes.csv:3: film_reference_inferred is set but film_reference is empty"
    ]
