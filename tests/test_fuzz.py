"""Properties: mangled data loads or raises DataError; files saved any editor's way load the same;
another encoding or shape is one problem; data that check accepts always builds."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import shutil
import tempfile
import traceback
import warnings
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from showdeck import DataError, load_show, slide_list
from showdeck.build import build_deck
from showdeck.loader import DATA_FILES

from .conftest import FIXTURE_SHOW, REAL_SHOW, ROOT
from .support import saving

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
    pages = [*(slide.view(data, day) for slide in slide_list.SLIDES),
             *(slide_list.speaker_notes(data, topic, day) for topic in ("article", "outlook"))]
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


# files as people save them --------------------------------------------------------------------

_ORIGINALS: dict[str, object] = {}


def _records(show: Path):
    """The records of `show` as it is in the repository, loaded once."""
    if show.name not in _ORIGINALS:
        _ORIGINALS[show.name] = dataclasses.replace(load_show(show), folder=Path("."))
    return _ORIGINALS[show.name]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(show=st.sampled_from(saving.SHOWS), data=st.data())
def test_every_file_saved_any_editors_way_loads_the_same_records(show, data):
    """Each data file of any show, saved with its own choice of byte-order mark, line ends,
    final newline and tabs, loads into the records of the file as committed."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = saving.copy_show(show, Path(tmp))
        for name in DATA_FILES:
            style = data.draw(st.fixed_dictionaries({
                "bom": st.booleans(), "end": st.sampled_from(["\n", "\r\n", "\r"]),
                "final_newline": st.booleans(), "tabs": st.booleans()}), label=name)
            path = folder / name
            path.write_bytes(saving.resave(name, path.read_text(encoding="utf-8"), **style))
        assert dataclasses.replace(load_show(folder), folder=Path(".")) == _records(show)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(show=st.sampled_from(saving.SHOWS), name=st.sampled_from(DATA_FILES),
       encoding=st.sampled_from(saving.ENCODINGS))
def test_a_file_in_another_encoding_is_one_problem_that_names_the_file(show, name, encoding):
    with tempfile.TemporaryDirectory() as tmp:
        folder = saving.copy_show(show, Path(tmp))
        text = (folder / name).read_text(encoding="utf-8")
        raw = saving.encoded(encoding, text)
        if raw == text.encode("utf-8"):
            return  # ASCII is the same in Shift_JIS
        (folder / name).write_bytes(raw)
        with pytest.raises(DataError) as info:
            load_show(folder)
    (problem,) = info.value.problems
    assert problem.file == name
    assert problem.message.startswith("not UTF-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(show=st.sampled_from(saving.SHOWS),
       case=st.sampled_from([(n, shape) for n, shapes in saving.SHAPES.items() for shape in shapes]),
       end=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_a_file_of_the_wrong_shape_is_one_problem_however_it_is_saved(show, case, end, bom):
    name, shape = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = saving.copy_show(show, Path(tmp))
        path = folder / name
        path.write_bytes(saving.resave(name, saving.misshaped(
            name, path.read_text(encoding="utf-8"), shape), bom=bom, end=end))
        with pytest.raises(DataError) as info:
            load_show(folder)
    (problem,) = info.value.problems
    assert problem.file == name
    assert saving.SHAPES[name][shape] in problem.message


# check says valid => build succeeds ---------------------------------------------------------

REAL_NOTEBOOK = ROOT / "notebooks" / "akudama_drive_season2.ipynb"
TABLES = ("episodes.csv", "milestones.csv", "sources.csv", "claims.csv")
#: Values that broke the build while the loader accepted them, and their neighbours.
NUMBERS = ["0", "1", "2", "2.0", "12", "13", "500", "501", "10000000", "-1", "1e3", "+2"]
DATES = ["0001-01-01", "1899-12-31", "1900-01-01", "2020-10-08", "2020-10-15", "2020-12-24",
         "2020-12-25", "2199-12-31", "2200-01-01", "9999-12-31"]
TEXTS = ["$\\undefinedcmd$", "Costs $5 and $6", "$x^2$", "\x1b[31mred", "<script>alert(1)</script>",
         "a" * 2500, "", " ", "\x00", "line\u2028separator", "アクダマ", "{{ x }}", "%(x)s"]


#: The columns worth changing in each table, with the values to try there.
COLUMN_VALUES = {
    "episodes.csv": {0: NUMBERS, 1: TEXTS, 2: TEXTS, 3: DATES},
    "milestones.csv": {1: DATES, 2: ["day", "month", "year"], 4: TEXTS},
    "sources.csv": {1: TEXTS, 3: TEXTS, 4: DATES, 6: TEXTS},
    "claims.csv": {3: TEXTS, 5: TEXTS},
}


def _rewrite_table(path: Path, change) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    if not rows or not all(rows):  # an empty file or line (truncated): leave it as it is
        return
    change(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@st.composite
def real_data_mutation(draw):
    """One change to a copy of data/akudama-drive, as a function of its folder."""
    kind = draw(st.sampled_from(["cell", "cell", "cell", "cell", "header_only", "drop_row",
                                 "dup_row", "swap_cells", "toml", "toml", "article",
                                 "truncate"]))
    name = draw(st.sampled_from(TABLES))
    row, other = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    column = draw(st.sampled_from(sorted(COLUMN_VALUES[name])))
    value = draw(st.one_of(st.sampled_from(COLUMN_VALUES[name][column]), st.text(max_size=12)))

    toml_values = [draw(st.sampled_from(pool))
                   for pool in (TEXTS, NUMBERS, DATES, DATES, DATES, DATES)]
    article_text = draw(st.sampled_from(TEXTS))

    def apply(folder: Path) -> None:
        path = folder / name
        if kind == "cell":
            def change(rows):
                r = rows[min(row, len(rows) - 1)]
                if column < len(r):
                    r[column] = value
            _rewrite_table(path, change)
        elif kind == "header_only":
            _rewrite_table(path, lambda rows: rows.__delitem__(slice(1, None)))
        elif kind == "drop_row":
            _rewrite_table(path, lambda rows: rows.pop(min(row, len(rows) - 1)))
        elif kind == "dup_row":
            _rewrite_table(path, lambda rows: rows.append(rows[min(row, len(rows) - 1)]))
        elif kind == "swap_cells":  # e.g. two episodes' air dates: out of order
            def change(rows):
                a, b = rows[min(row, len(rows) - 1)], rows[min(other, len(rows) - 1)]
                if column < min(len(a), len(b)):
                    a[column], b[column] = b[column], a[column]
            _rewrite_table(path, change)
        elif kind == "toml":
            key = ["english", "episodes", "first_air", "last_air", "as_of", "start"][row % 6]
            new = toml_values[row % 6]
            literal = (new if new in NUMBERS or (new in DATES and key != "english")
                       else json.dumps(new))
            toml = folder / "show.toml"
            toml.write_text(re.sub(rf"^{key} = .*$", lambda _m: f"{key} = {literal}",
                                   toml.read_text(encoding="utf-8"), count=1,
                                   flags=re.MULTILINE), encoding="utf-8")
        elif kind == "article":
            article = folder / "article.md"
            lines = article.read_text(encoding="utf-8").split("\n")
            lines.insert(row % len(lines), article_text)
            article.write_text("\n".join(lines), encoding="utf-8")
        else:  # truncate
            text = path.read_text(encoding="utf-8")
            path.write_text(text[: len(text) * row // 13], encoding="utf-8")

    return apply


class InProcessKernel:
    """The notebook's cells run in this process by IPython, as a kernel runs them.

    The fast path of the property test below: everything else is the real build (snapshot,
    validation, parameters injected into the real notebook, export, deck checks, the atomic
    write); only the kernel process is replaced, which saves about three seconds an example.
    Warnings become stderr outputs, as in a kernel; an exception fails the build as a
    failing cell does.
    """

    def __init__(self, ipython_dir: Path) -> None:
        os.environ.setdefault("IPYTHONDIR", str(ipython_dir))
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        config = Config()
        config.HistoryManager.enabled = False
        self.shell = InteractiveShell.instance(config=config)

    @contextmanager
    def running(self, notebook, **_kwargs):
        yield self

    def execute(self, notebook: Path, data_dir: Path, as_of: str, _kernel=None, *,
                source: str | None = None):
        import nbformat
        from IPython.core.displayhook import CapturingDisplayHook
        from IPython.core.displaypub import CapturingDisplayPublisher

        from showdeck.build import BuildError
        from showdeck.parameters import inject_parameters

        nb = inject_parameters(nbformat.reads(source, as_version=4),
                               data_dir=str(data_dir), as_of=as_of)
        shell = self.shell
        shell.reset(new_session=False)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            publisher = CapturingDisplayPublisher()
            hook = CapturingDisplayHook(shell=shell, outputs=publisher.outputs)
            hook.is_active = False  # read by IPython's stream capture when a cell prints
            saved = shell.display_pub, shell.displayhook, shell.display_trap.hook
            shell.display_pub, shell.displayhook, shell.display_trap.hook = publisher, hook, hook
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    result = shell.run_cell(cell.source, store_history=False)
            finally:
                shell.display_pub, shell.displayhook, shell.display_trap.hook = saved
            if not result.success:
                error = result.error_in_exec or result.error_before_exec
                trace = "".join(traceback.format_exception(error))
                msg = f"{notebook}: a cell raised {type(error).__name__}: {error}\n{trace}"
                raise BuildError(msg)
            cell.outputs = [nbformat.v4.new_output("display_data", data=o["data"],
                                                   metadata=o.get("metadata") or {})
                            for o in publisher.outputs]
            if caught:
                cell.outputs.append(nbformat.v4.new_output(
                    "stream", name="stderr", text="".join(f"{w.message}\n" for w in caught)))
        return nb


@pytest.fixture(scope="module")
def in_process_build(tmp_path_factory):
    kernel = InProcessKernel(tmp_path_factory.mktemp("ipython"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("showdeck.build.running_kernel", kernel.running)
        patch.setattr("showdeck.build.execute_notebook", kernel.execute)
        yield build_deck


# 40 in-process builds of the real show, the same 40 every run (derandomize): how long the full
# suite takes, and whether it passes, does not depend on the draw; the fast tier's fuzz tests
# above keep exploring the loader.
@pytest.mark.slow
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(changes=st.lists(real_data_mutation(), min_size=1, max_size=3),
       as_of=st.sampled_from(["2020-12-24", "2026-11-24", "2199-12-31"]))
def test_data_that_check_accepts_always_builds(in_process_build, changes, as_of):
    """Loader accepts => build_deck succeeds; loader rejects => build_deck raises DataError.

    Real data (data/akudama-drive) mutated by hypothesis; the real build_deck with the real
    notebook, its kernel replaced by InProcessKernel (same cells, same order, in-process).
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / REAL_SHOW.name
        shutil.copytree(REAL_SHOW, folder)
        for change in changes:
            change(folder)
        output = Path(tmp) / "build" / "deck.html"
        try:
            data, expected = load_show(folder), None
        except DataError as exc:
            data, expected = None, [str(p) for p in exc.problems]
        event("check rejects" if data is None else "check accepts")
        if data is None:
            with pytest.raises(DataError) as raised:
                in_process_build(REAL_NOTEBOOK, folder, output, as_of=as_of,
                                 progress=lambda _line: None)
            assert [str(p) for p in raised.value.problems] == expected
            return
        as_of = max(date.fromisoformat(as_of), data.finale.air_date)
        result = in_process_build(REAL_NOTEBOOK, folder, output, as_of=as_of,
                                  progress=lambda _line: None)
        assert result.slides > 0
        assert output.stat().st_size == result.size
