"""The files of a show's data folder: every show has exactly them, each under the size limit,
and a larger file is refused before it is read."""

from __future__ import annotations

import pytest

from showdeck import DataError, load_show
from showdeck.datafiles import DATA_FILES, MAX_FILE_BYTES
from tests.conftest import FIXTURE_SHOW, REAL_SHOW

SHOWS = [REAL_SHOW, *sorted(p for p in FIXTURE_SHOW.parent.iterdir() if p.is_dir())]


@pytest.mark.parametrize("folder", SHOWS, ids=lambda p: p.name)
def test_every_show_folder_holds_the_data_files_and_only_them(folder):
    files = {p.name for p in folder.iterdir() if p.is_file() and p.name != "README.md"}
    assert files == set(DATA_FILES)
    assert all((folder / name).stat().st_size <= MAX_FILE_BYTES for name in DATA_FILES)


def test_the_loader_reads_the_data_files_in_their_order():
    assert DATA_FILES[0] == "show.toml"  # the show names what the tables are checked against
    assert len(set(DATA_FILES)) == len(DATA_FILES) == 6


def test_a_file_over_the_limit_is_one_problem_naming_it(broken_copy):
    folder = broken_copy()
    with (folder / "article.md").open("a", encoding="utf-8") as handle:
        handle.write("x" * MAX_FILE_BYTES)
    with pytest.raises(DataError) as caught:
        load_show(folder)
    assert "article.md: is larger than 1,000,000 bytes; a data file holds one show's facts and " \
        "is far smaller" in [str(p) for p in caught.value.problems]
