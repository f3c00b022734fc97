"""Data files as people save them, on the real show and every fixture show: a byte-order mark,
CRLF or CR line ends, no final newline and tabs all load the same records; another encoding is
one problem naming it; a file whose whole structure is wrong is one problem naming what is
missing, not one line per row."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from showdeck.loader import COLUMNS, DATA_FILES, ShowData, load_show
from showdeck.problems import Collector
from showdeck.readers import decode
from tests.conftest import REAL_SHOW, edit, problems_of

from .support.saving import (
    ENCODINGS,
    SHAPES,
    SHOWS,
    copy_show,
    encoded,
    has_kana,
    misshaped,
    resave,
)

STYLES = {
    "a UTF-8 byte-order mark": {"bom": True},
    "CRLF line ends": {"end": "\r\n"},
    "CR line ends": {"end": "\r"},
    "no final newline": {"final_newline": False},
    "tabs": {"tabs": True},
    "all of them": {"bom": True, "end": "\r\n", "final_newline": False, "tabs": True},
}


@pytest.fixture(scope="module")
def originals() -> dict[str, ShowData]:
    return {show.name: load_show(show) for show in SHOWS}


def records(data: ShowData) -> ShowData:
    """The show's records, whichever folder they were read from."""
    return dataclasses.replace(data, folder=Path("."))


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("show", SHOWS, ids=lambda show: show.name)
def test_every_data_file_loads_the_same_however_an_editor_saved_it(show, style, tmp_path,
                                                                   originals):
    folder = copy_show(show, tmp_path)
    for name in DATA_FILES:
        path = folder / name
        path.write_bytes(resave(name, path.read_text(encoding="utf-8"), **STYLES[style]))
    assert records(load_show(folder)) == records(originals[show.name])


#: Shift_JIS only where the text has kana: ASCII text is the same in Shift_JIS.
ENCODED = [(show, name, encoding) for show in SHOWS for name in DATA_FILES for encoding in ENCODINGS
           if encoding != "Shift_JIS" or has_kana((show / name).read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("show", "name", "encoding"), ENCODED,
                         ids=[f"{s.name}-{n}-{e}" for s, n, e in ENCODED])
def test_a_file_in_another_encoding_is_one_problem_naming_it(show, name, encoding, tmp_path):
    folder = copy_show(show, tmp_path)
    text = (folder / name).read_text(encoding="utf-8")
    (folder / name).write_bytes(encoded(encoding, text))
    (problem,) = problems_of(folder)
    assert problem.startswith(f"{name}")
    assert "not UTF-8" in problem
    assert problem.endswith("save it as UTF-8")
    label = {"Latin-1": "Latin-1 or Windows-1252"}.get(encoding, encoding.split()[0])
    assert label.removesuffix("BE") in problem


def test_a_latin_1_byte_is_named_with_its_offset_and_line(tmp_path):
    folder = copy_show(next(show for show in SHOWS if show.name == "long-lines"), tmp_path)
    raw = (folder / "show.toml").read_bytes()
    assert raw.isascii()
    at = raw.index(b'english = "') + len(b'english = "')
    (folder / "show.toml").write_bytes(raw[:at] + b"\xc9" + raw[at + 1:])
    line = raw[:at].count(b"\n") + 1
    assert problems_of(folder) == [
        (f"show.toml:{line}: not UTF-8 (byte 0xC9 at offset {at}; it looks like Latin-1 or "
        "Windows-1252); save it as UTF-8")]


@pytest.mark.parametrize(
    ("raw", "found"),
    [("id = 1\n".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
     ("# 夜空電車\n".encode("utf-16-be"), "UTF-16 without a byte-order mark"),
     ("x".encode("utf-32"), "it is UTF-32"),
     ("x".encode("utf-16"), "it is UTF-16"),
     ("夜空をはしる電車".encode("euc_jp"), "it looks like EUC-JP")],
)
def test_the_encoding_a_file_is_in_is_named(raw, found):
    out = Collector(Path("."))
    assert decode(raw, "article.md", out) is None
    (problem,) = out.problems
    assert found in problem.message


def test_a_utf_8_byte_order_mark_and_any_line_end_read_as_the_same_text():
    out = Collector(Path("."))
    texts = {decode(raw, "f", out) for raw in (
        b"a\nb\n", b"\xef\xbb\xbfa\nb\n", b"a\r\nb\r\n", b"a\rb\r", b"\xef\xbb\xbfa\r\nb\r\n")}
    assert texts == {"a\nb\n"}
    assert out.problems == []


CASES = [(show, name, shape) for show in SHOWS for name, shapes in SHAPES.items()
         for shape in shapes]


@pytest.mark.parametrize(("show", "name", "shape"), CASES,
                         ids=[f"{s.name}-{n}-{shape}" for s, n, shape in CASES])
def test_a_file_whose_whole_structure_is_wrong_is_one_problem(show, name, shape, tmp_path):
    folder = copy_show(show, tmp_path)
    path = folder / name
    path.write_text(misshaped(name, path.read_text(encoding="utf-8"), shape), encoding="utf-8")
    (problem,) = problems_of(folder)
    assert problem.startswith(name)
    assert SHAPES[name][shape] in problem


def test_a_wrong_delimiter_names_the_fix(tmp_path):
    folder = copy_show(SHOWS[0], tmp_path)
    path = folder / "episodes.csv"
    path.write_text(misshaped("episodes.csv", path.read_text(encoding="utf-8"), "semicolons"),
                    encoding="utf-8")
    assert problems_of(folder) == [("episodes.csv:1: columns are separated by semicolons (;), "
                                   "not commas; save the table as CSV with commas")]


def test_a_table_without_its_header_row_says_what_the_first_line_must_be(tmp_path):
    folder = copy_show(SHOWS[0], tmp_path)
    path = folder / "sources.csv"
    path.write_text(misshaped("sources.csv", path.read_text(encoding="utf-8"), "no header row"),
                    encoding="utf-8")
    (problem,) = problems_of(folder)
    assert problem.startswith("sources.csv:1: no header row: line 1 names no column (")
    assert problem.endswith("; the first line must be the header " + ",".join(COLUMNS["sources.csv"]))


def test_an_article_without_section_headings_is_one_line_naming_the_form(tmp_path):
    folder = copy_show(SHOWS[0], tmp_path)
    path = folder / "article.md"
    path.write_text(misshaped("article.md", path.read_text(encoding="utf-8"),
                              "no section headings"), encoding="utf-8")
    assert problems_of(folder) == [
        ("article.md: section: no section headings; the article is '# Title', then sections "
        "that each start with '## [section-id] Heading'")]


def test_text_before_the_first_section_is_one_problem_for_all_its_lines(tmp_path):
    folder = copy_show(SHOWS[0], tmp_path)
    path = folder / "article.md"
    text = path.read_text(encoding="utf-8")
    first = text.index("## [")
    path.write_text(text[:first] + "Para one.\n\nPara two\nstill two.\n\n" + text[first:],
                    encoding="utf-8")
    assert problems_of(folder) == [("article.md:3: text before the first '## [id]' section "
                                   "(lines 3-6)")]


def test_one_row_with_a_wrong_cell_count_is_still_named_by_its_line(tmp_path):
    folder = copy_show(SHOWS[0], tmp_path)
    path = folder / "episodes.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace(",", ";")
    path.write_text("\n".join(lines), encoding="utf-8")
    assert problems_of(folder) == ["episodes.csv:4: has 1 cells, expected 8"]


def test_missing_file_is_named(broken_copy):
    folder = broken_copy()
    (folder / "episodes.csv").unlink()
    assert "episodes.csv: file is missing" in problems_of(folder)


def test_toml_problem_names_the_line_inside_an_array_of_tables(broken_copy):
    folder = broken_copy(REAL_SHOW)
    text = (folder / "show.toml").read_text(encoding="utf-8")
    line = text[: text.index('name = "Rui Komatsuzaki"')].count("\n") + 1
    edit(folder / "show.toml", 'name = "Rui Komatsuzaki"', 'name = ""')
    assert problems_of(folder) == [f"show.toml:{line}: staff.2.name: must not be blank"]


def test_csv_line_numbers_survive_unusual_line_breaks(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "The First Lamp", "The First\u2028Lamp\x0c")
    edit(folder / "episodes.csv", "2019-04-12", "2019-04-99")
    assert any(p.startswith("episodes.csv:3: air_date: impossible date") for p in problems_of(folder))


def test_invalid_toml_names_the_line(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'english = "Lantern Line"', "english = Lantern Line")
    (problem,) = problems_of(folder)
    assert problem == "show.toml:8: not valid TOML: Invalid value"


def test_non_utf8_file_is_named(broken_copy):
    folder = broken_copy()
    (folder / "episodes.csv").write_bytes(
        b"number,title,film_reference,air_date,sources\n1,Caf\xe9,,2019-04-05,fixture-guide\n"
    )
    assert problems_of(folder) == [
        ("episodes.csv:2: not UTF-8 (byte 0xE9 at offset 50; it looks like Latin-1 or "
        "Windows-1252); save it as UTF-8")]
