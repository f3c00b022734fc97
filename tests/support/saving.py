"""The data files as editors save them: the same content with a byte-order mark, other line
ends, no final newline or tabs; and as they break them: another encoding, another shape."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import shutil
import tomllib
from pathlib import Path

from showdeck.loader import DATA_FILES

ROOT = Path(__file__).resolve().parent.parent.parent
#: The real show and every fixture show: the cases below run on each.
SHOWS = (ROOT / "data" / "akudama-drive",
         *sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if (p / "show.toml").is_file()))
TABLES = tuple(name for name in DATA_FILES if name.endswith(".csv"))


def copy_show(show: Path, tmp_path: Path) -> Path:
    """A copy of `show` under tmp_path, keeping its folder name (the show's id)."""
    target = tmp_path / show.name
    shutil.copytree(show, target)
    return target


def resave(name: str, text: str, *, bom: bool = False, end: str = "\n",
           final_newline: bool = True, tabs: bool = False) -> bytes:
    """`text` of data file `name` saved another way, meaning the same."""
    if tabs:
        text = with_tabs(name, text)
    if not final_newline:
        text = text.rstrip("\n")
    text = text.replace("\n", end)
    return (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")


def with_tabs(name: str, text: str) -> str:
    """Tabs where the format allows whitespace: around TOML's '=', after Markdown's '#' and
    around its lines, after every CSV cell."""
    if name.endswith(".toml"):
        return re.sub(r"^([A-Za-z0-9_-]+) = ", "\t\\1\t=\t", text, flags=re.MULTILINE)
    if name.endswith(".md"):
        lines = []
        for line in text.split("\n"):
            if line.startswith("## "):
                line = re.sub(r"^## (\[[^\]]*\]) ?", "##\t\\1\t", line)
            elif line.startswith("# "):
                line = "#\t" + line[2:]
            elif line.strip():
                line = f"\t{line}\t"
            lines.append(line)
        return "\n".join(lines)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return write_csv([[f"{cell}\t" for cell in row] for row in rows])


def write_csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def encoded(encoding: str, text: str) -> bytes:
    """`text` saved in an encoding other than UTF-8: one with a non-ASCII character, so that
    Latin-1 differs from ASCII."""
    if encoding == "Latin-1":
        return text.replace("e", "é", 1).encode("latin-1", errors="replace")
    codec = {"UTF-16": "utf-16", "UTF-16 without a mark": "utf-16-le",
             "UTF-16BE without a mark": "utf-16-be", "UTF-32": "utf-32",
             "Shift_JIS": "shift_jis"}[encoding]
    return text.encode(codec, errors="replace")


ENCODINGS = ("UTF-16", "UTF-16 without a mark", "UTF-16BE without a mark", "UTF-32", "Latin-1",
             "Shift_JIS")


def has_kana(text: str) -> bool:
    return re.search("[\u3040-\u30ff]", text) is not None


def misshaped(name: str, text: str, shape: str) -> str:
    """`text` of data file `name` with its whole structure wrong in the way `shape` says."""
    header, _, rows = text.partition("\n")
    if shape == "no header row":
        return rows
    if shape == "a wrong header":
        return re.sub(r"^[a-z_]+", "name", header) + "\n" + rows
    if shape in ("semicolons", "tabs"):
        parsed = list(csv.reader(io.StringIO(text, newline="")))
        return write_csv(parsed, ";" if shape == "semicolons" else "\t")
    if shape == "rows with semicolons":
        return header + "\n" + write_csv(list(csv.reader(io.StringIO(rows, newline=""))), ";")
    if shape == "no section headings":
        return "\n".join(line for line in text.split("\n") if not line.startswith("## "))
    if shape == "headings without ids":
        return re.sub(r"^## \[([^\]]*)\] ?(.*)$", lambda m: f"## {m[2] or m[1]}", text,
                      flags=re.MULTILINE)
    if shape == "empty":
        return ""
    if shape == "JSON":
        return json.dumps(tomllib.loads(text), default=str, ensure_ascii=False)
    raise ValueError(shape)


#: For each file, the shapes that break its whole structure, and what the one problem says.
SHAPES: dict[str, dict[str, str]] = {
    **{table: {"no header row": "no header row: line 1 names no column",
               "a wrong header": "header must be",
               "semicolons": "columns are separated by semicolons (;), not commas",
               "tabs": "columns are separated by tabs, not commas",
               "rows with semicolons": "rows do not have the header's",
               "empty": "file is empty; expected the header"} for table in TABLES},
    "article.md": {"no section headings": "no section headings",
                   "headings without ids": "no heading names a section id",
                   "empty": "no '# Title' line and no section headings"},
    "show.toml": {"empty": "the show record is empty; it needs id,",
                  "JSON": "not valid TOML"},
}
