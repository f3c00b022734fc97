"""Problems as one line each: pydantic's errors named by file, line and field, with the choices."""

from __future__ import annotations

from tests.conftest import _with_groups, edit, problems_of


def test_required_field_blank_names_row_and_field(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "2,The Second Lamp,", "2,,")
    assert problems_of(folder)[0] == "episodes.csv:3: title: Field required"


def test_required_toml_key_missing_names_the_key(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'name = "Aoi Example"\n', "")
    assert any(p.startswith("show.toml") and "staff.0.name: Field required" in p
               for p in problems_of(folder))


def test_unknown_enum_value_lists_the_choices(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", ",incorrect,", ",wrong,")
    (problem,) = problems_of(folder)
    assert problem.startswith("claims.csv:2: verdict: Input should be 'correct'")


def test_unknown_key_is_rejected(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'romanized = "Rantan Rain"', 'romanised = "Rantan Rain"')
    assert "show.toml:10: title.romanised: Extra inputs are not permitted" in problems_of(folder)


def test_unknown_confidence_lists_the_choices(broken_copy):
    folder = broken_copy()
    edit(folder / "claims.csv", "director,correct,medium,", "director,correct,certain,")
    assert problems_of(folder) == [
        "claims.csv:3: confidence: Input should be 'high', 'medium' or 'low' (got 'certain')"
    ]


def test_a_group_is_a_kebab_case_id(broken_copy):
    folder = broken_copy()
    _with_groups(folder, "run", "Credits And Staff")
    [problem] = problems_of(folder)
    assert problem.startswith("claims.csv:3: group: String should match pattern")
