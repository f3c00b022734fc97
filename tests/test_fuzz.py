"""Property: however a data file is mangled, loading succeeds or raises DataError, nothing else."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from showdeck import DataError, load_show, slides
from showdeck.loader import DATA_FILES

from .conftest import FIXTURE_SHOW

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "0000-00-00",
    "2020-02-30",
    "9999999999",
    "-1",
    "1e309",
    "\x00",
    "\u202e",
    '"',
    ",,,,,,,,",
    "[[staff]]",
    "## [",
    "![x]()",
    "",
]

TEXT_COLUMNS = {"title", "label", "topic", "correction", "publisher", "note"}


def inject_text(name: str, text: str, hostile: str) -> str:
    """`text` with `hostile` added to every free-text field, keeping the file's format valid."""
    if name.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(text)))
        header = rows[0]
        for row in rows[1:]:
            for i, column in enumerate(header):
                if column in TEXT_COLUMNS:
                    row[i] = f"{row[i]} {hostile}"
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()
    if name.endswith(".toml"):
        return re.sub(r'^(english|name|note) = "(.*)"$',
                      lambda m: f"{m[1]} = {json.dumps(m[2] + ' ' + hostile)}", text,
                      flags=re.MULTILINE)
    return "\n".join(line + " " + hostile if line and line[0].isalpha() else line
                     for line in text.splitlines()) + "\n"


def assert_renders_inert(data) -> None:
    """Whatever text made it into the data, the slides show it as text, never as markup."""
    day = date(2026, 11, 24)
    pages = [slides.title_slide(data, day), slides.agenda_slide(data), slides.article_slide(data),
             slides.timeline_table_slide(data, day), slides.outlook_slide(data, day),
             slides.sources_slide(data),
             *(slides.speaker_notes(data, topic, day) for topic in ("article", "outlook"))]
    for page in pages:
        assert "<script" not in page
        assert "<img src=x" not in page
        assert 'href="javascript:' not in page


cell = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))


@st.composite
def mangled(draw) -> tuple[str, bytes]:
    """A data file name and new bytes for it, made by one of several kinds of damage."""
    name = draw(st.sampled_from(DATA_FILES))
    text = (FIXTURE_SHOW / name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    kind = draw(
        st.sampled_from(
            ["truncate", "drop_line", "dup_line", "replace_cell", "replace_line", "encoding",
             "bom", "bytes", "inject"]
        )
    )
    if kind == "inject":
        # Hostile text in a free-text field, the file otherwise valid: it must load and stay inert.
        return name, inject_text(name, text, draw(st.sampled_from(HOSTILE[:3]))).encode()
    if kind == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif kind == "drop_line":
        del lines[draw(st.integers(0, len(lines) - 1))]
        text = "".join(lines)
    elif kind == "dup_line":
        i = draw(st.integers(0, len(lines) - 1))
        lines.insert(i, lines[i])
        text = "".join(lines)
    elif kind == "replace_cell":
        i = draw(st.integers(0, len(lines) - 1))
        parts = lines[i].rstrip("\n").split(",")
        parts[draw(st.integers(0, len(parts) - 1))] = draw(cell)
        lines[i] = ",".join(parts) + "\n"
        text = "".join(lines)
    elif kind == "replace_line":
        lines[draw(st.integers(0, len(lines) - 1))] = draw(cell) + "\n"
        text = "".join(lines)
    if kind == "encoding":
        return name, text.encode(draw(st.sampled_from(["utf-16", "latin-1", "cp932"])), "replace")
    if kind == "bom":
        return name, b"\xef\xbb\xbf" + text.encode()
    if kind == "bytes":
        return name, draw(st.binary(max_size=200))
    return name, text.encode("utf-8", "surrogatepass")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage=st.lists(mangled(), min_size=1, max_size=3))
def test_mangled_data_loads_or_raises_data_error(damage):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / FIXTURE_SHOW.name
        shutil.copytree(FIXTURE_SHOW, folder)
        for name, content in damage:
            (folder / name).write_bytes(content)
        try:
            data = load_show(folder)
        except DataError as exc:
            problems = exc.problems
        else:
            assert_renders_inert(data)
            return
    assert problems, "a DataError always lists its problems"
    for problem in problems:
        assert problem.file in {*DATA_FILES, str(folder)}
        assert problem.message
