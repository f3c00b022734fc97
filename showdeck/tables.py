"""Read a CSV table into validated records: its header against the table's columns, then a
record per row. A table whose whole shape is wrong (no header row, another delimiter, no row
with the header's columns) is one problem that says so, not one per row."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from showdeck.problems import Collector

#: Rows in one table.
MAX_ROWS = 500
#: Delimiters a spreadsheet may save "CSV" with instead of commas, and how to name them.
_OTHER_DELIMITERS = {";": "semicolons (;)", "\t": "tabs", "|": "bars (|)"}

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class TableSpec:
    """What a table must look like: its columns in order, those it may leave out, and those
    that need a value in every row when the table has them."""

    columns: tuple[str, ...]
    optional: frozenset[str] = frozenset()
    filled_when_present: frozenset[str] = frozenset()


def read_table(text: str, name: str, spec: TableSpec, model: type[M], key: str,
               out: Collector) -> list[tuple[int, M]]:
    """Rows of a CSV table as (line number, record); bad rows are reported and skipped."""
    # newline="" keeps csv's own line counting: str.splitlines would also split on \x0c, \u2028...
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    expected = spec.columns
    try:
        header = next(reader, None)
    except csv.Error as exc:
        out.add(name, reader.line_num, None, f"malformed CSV: {exc}")
        return []
    if header is None:
        out.add(name, 1, None, f"file is empty; expected the header {','.join(expected)}")
        return []
    header = [h.strip() for h in header]
    if problem := header_problem(header, spec, text.split("\n", 1)[0]):
        out.add(name, 1, None, problem)
        return []
    rows, malformed = _rows(reader)
    records: list[tuple[int, M]] = []
    width = len(header)
    wrong = [line for line, cells in rows if len(cells) != width]
    if len(rows) >= 2 and len(wrong) * 2 >= len(rows):  # the table's shape, not a row's
        lines = ", ".join(map(str, wrong[:5])) + (", ..." if len(wrong) > 5 else "")
        hint = _delimiter_hint([cells for _, cells in rows], width)
        out.add(name, None, None, f"{len(wrong)} of {len(rows)} rows do not have the header's "
                                  f"{width} columns (lines {lines}){hint}")
        rows = []
    seen: dict[str, int] = {}
    for line, cells in rows[:MAX_ROWS]:
        if len(cells) != width:
            out.add(name, line, None, f"has {len(cells)} cells, expected {width}")
            continue
        # Spaces and tabs around a cell are how it was typed, not what it says; empty optional
        # cells mean "not given".
        data = {k: v.strip() for k, v in zip(header, cells, strict=True)
                if v.strip() != "" or k in spec.filled_when_present}
        try:
            record = model.model_validate(data)
        except ValidationError as exc:
            out.validation(name, line, exc)
            continue
        value = str(getattr(record, key))
        if value in seen:
            out.add(name, line, key, f"duplicate {key} {value!r} (first on line {seen[value]})")
            continue
        seen[value] = line
        records.append((line, record))
    if len(rows) > MAX_ROWS:
        out.add(name, rows[MAX_ROWS][0], None, f"more than {MAX_ROWS} rows; a table holds one "
                                               "show's facts and is far shorter")
    if malformed:
        out.add(name, malformed[0], None, f"malformed CSV: {malformed[1]}")
    return records


def _rows(reader) -> tuple[list[tuple[int, list[str]]], tuple[int, str] | None]:
    """The non-blank rows after the header as (line, cells), at most MAX_ROWS + 1 of them, and
    where the CSV broke, if it did."""
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, cells))
                if len(rows) > MAX_ROWS:
                    break
    except csv.Error as exc:
        return rows, (reader.line_num, str(exc))
    return rows, None


def header_problem(header: list[str], spec: TableSpec, first_line: str) -> str | None:
    """What is wrong with a table's header row, in one message; None when it is right."""
    expected, optional = spec.columns, spec.optional
    if header == [c for c in expected if c in header or c not in optional] and all(
        c in expected for c in header
    ):
        return None
    wanted = f"the first line must be the header {','.join(expected)}"
    for delimiter, label in _OTHER_DELIMITERS.items():
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:  # e.g. a stray carriage return: not a table in that delimiter either
            continue
        if len(cells) > 1 and _names_columns([c.strip() for c in cells], expected):
            return f"columns are separated by {label}, not commas; save the table as CSV " \
                   "with commas"
    if not _names_columns(header, expected):
        shown = ",".join(header)
        return (f"no header row: line 1 names no column ({shown[:40]}"
                f"{'...' if len(shown) > 40 else ''}); {wanted}")
    missing = [c for c in expected if c not in header and c not in optional]
    extra = [c for c in header if c not in expected]
    detail = "; ".join(
        part
        for part in (
            f"missing {', '.join(missing)}" if missing else "",
            f"unknown {', '.join(extra)}" if extra else "",
        )
        if part
    ) or "columns out of order"
    return f"header must be {','.join(expected)} ({detail})"


def _names_columns(cells: list[str], expected: Collection[str]) -> bool:
    """Whether a row reads as a header: at least half its cells are column names."""
    return sum(cell in expected for cell in cells) * 2 >= max(len(cells), 1) and any(
        cell in expected for cell in cells)


def _delimiter_hint(rows: list[list[str]], width: int) -> str:
    """'; its cells are separated by tabs, not commas' when most rows split that way."""
    for delimiter, label in _OTHER_DELIMITERS.items():
        fits = sum(len(next(csv.reader([",".join(cells)], delimiter=delimiter), [])) == width
                   for cells in rows)
        if fits * 2 > len(rows):
            return f"; its cells are separated by {label}, not commas"
    return ""
