"""The notebook's parameters, checked where they are read: the data folder is found from any
working directory, and a bad value is one error naming the parameter."""

from __future__ import annotations

import pytest

from showdeck.presentation import ParameterError, read_parameters, resolve_data_dir
from tests.conftest import FIXTURE_SHOW, REAL_SHOW, ROOT

AS_OF = "2026-11-24"


# Parameters, checked where they are read.


@pytest.mark.parametrize("cwd", [ROOT, ROOT / "notebooks", ROOT / "showdeck" / "templates"])
def test_the_default_data_folder_is_found_from_any_working_directory(cwd):
    assert resolve_data_dir("data/akudama-drive", cwd=cwd) == REAL_SHOW


def test_a_data_folder_outside_the_project_is_found_from_the_kernel_directory(tmp_path):
    (tmp_path / "shows" / "x").mkdir(parents=True)
    (tmp_path / "shows" / "x" / "show.toml").write_text("")
    assert resolve_data_dir("shows/x", cwd=tmp_path) == tmp_path / "shows" / "x"


def test_a_folder_without_show_data_does_not_shadow_the_project(tmp_path):
    (tmp_path / "data" / "akudama-drive").mkdir(parents=True)  # empty: not a show
    assert resolve_data_dir("data/akudama-drive", cwd=tmp_path / "data") == REAL_SHOW


def test_a_bad_as_of_from_the_environment_says_where_it_came_from(monkeypatch):
    monkeypatch.setenv("SHOWDECK_AS_OF", "24/11/2026")
    with pytest.raises(ParameterError, match=r"^as_of \(None, so \$SHOWDECK_AS_OF\): "):
        read_parameters(FIXTURE_SHOW, None)


def test_a_missing_data_folder_names_the_parameter_the_directory_and_the_fix(tmp_path):
    with pytest.raises(ParameterError) as caught:
        resolve_data_dir("no/such/show", cwd=tmp_path)
    message = str(caught.value)
    assert message.startswith("data_dir 'no/such/show': no show data folder")
    assert str(tmp_path) in message
    assert "set data_dir" in message
    # IPython shows it as one line, not a traceback.
    assert caught.value._render_traceback_() == [f"ParameterError: {message}"]


def test_invalid_data_is_one_error_naming_the_parameter(broken_copy):
    folder = broken_copy()
    (folder / "episodes.csv").write_text("number,title\n")
    with pytest.raises(ParameterError, match=r"^data_dir '.*': invalid show data"):
        read_parameters(folder, AS_OF)


@pytest.mark.parametrize(("as_of", "message"), [
    ("2019-01-01", r"^as_of 2019-01-01 is before the finale \(2019-04-19\)"),
    ("tomorrow", r"^as_of: the as-of date must be"),
])
def test_a_wrong_as_of_is_caught_where_the_parameters_are_read(as_of, message):
    with pytest.raises(ParameterError, match=message):
        read_parameters(FIXTURE_SHOW, as_of)
