"""File safety: an output never replaces an input, however it is spelled; writers of one output
take turns, so a deck and its stamp are never a mix and no temporary file is left behind."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import showdeck.safety
from showdeck.__main__ import main
from showdeck.build import write_deck
from showdeck.safety import OutputError, check_output, write_atomic
from showdeck.snapshot import PACKAGE, build_inputs

from .conftest import FIXTURE_SHOW, ROOT, write_sample_notebook


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> dict[str, Path]:
    """A notebook and a show in a temporary folder, with links to them and to the package."""
    root = tmp_path_factory.mktemp("safety")
    data = root / "data" / FIXTURE_SHOW.name
    shutil.copytree(FIXTURE_SHOW, data)
    notebook = write_sample_notebook(root / "notebooks" / "deck.ipynb")
    (root / "build").mkdir()
    (root / "data-alias").symlink_to(data, target_is_directory=True)
    (root / "package-alias").symlink_to(PACKAGE, target_is_directory=True)
    (root / "notebooks-alias").symlink_to(notebook.parent, target_is_directory=True)
    return {"root": root, "data": data, "notebook": notebook, "build": root / "build"}


def read_inputs(project: dict[str, Path]) -> list[Path]:
    """Every file the build reads: the show's files, the notebook, the package's sources and
    templates, reveal.js, the pinned requirements and the fonts."""
    inputs = build_inputs(project["notebook"], project["data"], None)
    files = [path for path, _ in inputs.files if path.is_file()]
    files += sorted(project["data"].iterdir())
    files += sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return files


def aliases(project: dict[str, Path]) -> dict[Path, Path]:
    """Folders reachable by another name: each link's target and the link."""
    root = project["root"]
    return {project["data"]: root / "data-alias", PACKAGE: root / "package-alias",
            project["notebook"].parent: root / "notebooks-alias"}


@st.composite
def spellings(draw, project: dict[str, Path]) -> tuple[Path, Path]:
    """(an input, a path that names it or a new file in its folder, spelled another way)."""
    target = draw(st.sampled_from(read_inputs(project)))
    path = Path(os.path.abspath(target))
    if draw(st.booleans()):
        for real, alias in aliases(project).items():
            if path.is_relative_to(real):
                path = alias / path.relative_to(real)
    parts = list(path.parts)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(1, len(parts) - 1))
        above = Path(*parts[:at])
        # 'child/..' is the folder itself only when the child is no link, and names it only
        # when the user may enter the child (a shared /tmp holds other users' private folders).
        readable = above.is_dir() and not above.is_symlink() and os.access(above, os.R_OK | os.X_OK)
        children = sorted(p.name for p in above.iterdir()
                          if p.is_dir() and not p.is_symlink() and os.access(p, os.X_OK)
                          ) if readable else []
        step = draw(st.sampled_from([".", *(f"{c}/.." for c in children[:5])]))
        parts[at:at] = step.split("/")
    if draw(st.booleans()):  # a case-insensitive disk would open the same file
        at = draw(st.integers(1, len(parts) - 1))
        parts[at] = parts[at].swapcase()
    slashes = ["/" * draw(st.integers(1, 2)) for _ in parts[1:]]  # '//' is '/' on Linux
    spelled = parts[0] + "".join(s + part for s, part in zip(["", *slashes[1:]], parts[1:],
                                                            strict=True))
    how = draw(st.sampled_from(["absolute", "relative", "hard link", "new file beside it"]))
    if how == "relative":
        spelled = os.path.relpath(spelled, project["root"])
    elif how == "hard link":
        link = project["root"] / "links" / f"link-{draw(st.integers(0, 10**9))}"
        link.parent.mkdir(exist_ok=True)
        try:
            if not link.exists():
                os.link(target, link)
            spelled = str(link)
        except OSError:  # another disk, or a file a user may not link to
            pass
    elif how == "new file beside it" and (target.parent.is_relative_to(project["data"])
                                          or target.parent.is_relative_to(PACKAGE)):
        spelled = str(Path(spelled).parent / "new-deck.slides.html")
    return target, Path(spelled)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_spelling_of_an_input_is_refused_before_any_work(project, data, monkeypatch):
    monkeypatch.chdir(project["root"])
    target, spelled = data.draw(spellings(project))
    before = target.read_bytes()
    inputs = build_inputs(project["notebook"], project["data"], None)
    with pytest.raises(OutputError) as info:
        check_output(spelled, inputs=inputs)
    message = str(info.value)
    assert message.startswith(f"--output {spelled} ")
    assert "\n" not in message
    assert "write the output somewhere else" in message
    assert target.read_bytes() == before


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text("abcdefghijklmnopqrstuvwxyzABC0123456789-_.", min_size=1, max_size=30),
       dots=st.booleans())
def test_an_output_that_is_no_input_is_accepted(project, name, dots):
    if name in (".", "..") or name.lower().endswith(".ipynb"):
        return
    folder = project["root"] / ("data/../build/./" if dots else "build/")
    check_output(folder / name, inputs=build_inputs(project["notebook"], project["data"], None))


def test_the_build_refuses_to_replace_a_data_file_and_writes_nothing(project, capsys,
                                                                      monkeypatch):
    article = project["data"] / "article.md"
    before = sorted(p.name for p in project["data"].iterdir()), article.read_bytes()

    def reached(*_args, **_kwargs):
        raise AssertionError("the build went past the output check")

    monkeypatch.setattr("showdeck.build.snapshot_inputs", reached)
    status = main(["build", "--data", str(project["data"]), "--notebook",
                   str(project["notebook"]), "--output", str(article), "--as-of", "2025-01-02"])
    err = capsys.readouterr().err
    assert status == 1
    assert err == (f"error: --output {article} is inside the show's data folder "
                   f"{project['data']}, which the build reads; write the output somewhere else, "
                   "e.g. under build/\n")
    assert (sorted(p.name for p in project["data"].iterdir()), article.read_bytes()) == before


@pytest.mark.parametrize("output", ["notebook", "package", "requirements", "cache in data"])
def test_the_build_refuses_every_kind_of_input(project, output, capsys, monkeypatch):
    monkeypatch.setattr("showdeck.build.snapshot_inputs", lambda *_a, **_k: pytest.fail("ran"))
    build = project["build"] / "deck.html"
    path = {"notebook": project["notebook"], "package": PACKAGE / "templates" / "x.html",
            "requirements": ROOT / "requirements.txt", "cache in data": build}[output]
    if output == "cache in data":  # the stamp would land in the data folder: refused too
        cache = project["build"] / ".showdeck-cache"
        cache.symlink_to(project["data"], target_is_directory=True)
    try:
        status = main(["build", "--data", str(project["data"]), "--notebook",
                       str(project["notebook"]), "--output", str(path), "--as-of", "2025-01-02"])
    finally:
        if output == "cache in data":
            cache.unlink()
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1
    assert "which the build reads" in err


def test_the_handout_refuses_to_replace_its_reading_view_or_a_data_file(project, capsys, tmp_path):
    page = tmp_path / "reading.html"
    page.write_text("<html></html>", encoding="utf-8")
    for output, says in ((page, f"is the reading view {page}, which the handout reads"),
                         (tmp_path / "." / "reading.html", "is the reading view"),
                         (project["data"] / "handout.pdf", "a show's data folder"),
                         (project["notebook"], "is a notebook")):
        status = main(["pdf", "--html", str(page), "--output", str(output)])
        err = capsys.readouterr().err
        assert (status, err.count("\n")) == (1, 1)
        assert says in err
    assert page.read_text(encoding="utf-8") == "<html></html>"
    assert not (project["data"] / "handout.pdf").exists()


def test_the_handout_from_the_notebook_refuses_to_replace_what_it_runs(project, capsys):
    for output, says in ((project["notebook"], "the notebook"),
                         (project["data"] / "handout.pdf", "the show's data folder")):
        status = main(["pdf", "--data", str(project["data"]), "--notebook",
                       str(project["notebook"]), "--output", str(output)])
        err = capsys.readouterr().err
        assert (status, err.count("\n")) == (1, 1)
        assert says in err, err
    assert not (project["data"] / "handout.pdf").exists()


# Writers of one output at the same moment ---------------------------------------------------


def _write_after(barrier, output: Path, payload: bytes, key: str) -> None:
    barrier.wait()
    write_deck(output, payload, output.parent / ".showdeck-cache" / f"{output.name}.json", key,
               lambda _line: None)


@settings(max_examples=12, deadline=None)
@given(writers=st.integers(2, 5), sizes=st.lists(st.integers(1, 1_500_000), min_size=5,
                                                  max_size=5),
       stale=st.integers(0, 2))
def test_concurrent_writers_leave_one_whole_deck_its_own_stamp_and_nothing_else(
        writers, sizes, stale):
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "deck.html"
        for index in range(stale):  # left by writers killed outright
            (Path(scratch) / f".deck.html.killed{index:02d}.tmp").write_bytes(b"half")
        payloads = {f"key-{i}": bytes([65 + i]) * sizes[i] for i in range(writers)}
        context = multiprocessing.get_context("fork")
        barrier = context.Barrier(writers)
        processes = [context.Process(target=_write_after, args=(barrier, output, payload, key))
                     for key, payload in payloads.items()]
        for process in processes:
            process.start()
        for process in processes:
            process.join(60)
        assert [p.exitcode for p in processes] == [0] * writers
        deck = output.read_bytes()
        stamp = json.loads((output.parent / ".showdeck-cache" / "deck.html.json").read_text())
        assert stamp["sha256"] == hashlib.sha256(deck).hexdigest()
        assert payloads[stamp["key"]] == deck  # the deck one writer wrote, and its stamp
        assert sorted(os.listdir(scratch)) == [".showdeck-cache", "deck.html"]
        assert os.listdir(output.parent / ".showdeck-cache") == ["deck.html.json"]


def test_a_writer_never_removes_a_running_writers_temporary_file(tmp_path, monkeypatch):
    """The first writer's temporary file is unlocked for a moment after it is made; the
    second writer, which removes unlocked temporaries, waits for the output's lock instead."""
    made = threading.Event()

    def mkstemp(*args, **kwargs):
        handle = tempfile.mkstemp(*args, **kwargs)
        if not made.is_set():
            made.set()
            time.sleep(0.5)
        return handle

    monkeypatch.setattr(showdeck.safety, "tempfile", types.SimpleNamespace(mkstemp=mkstemp))
    output = tmp_path / "deck.html"
    errors: list[OutputError] = []

    def write(payload: bytes) -> None:
        try:
            write_atomic(output, payload)
        except OutputError as exc:
            errors.append(exc)

    first = threading.Thread(target=write, args=(b"first",))
    first.start()
    made.wait(5)
    write(b"second")
    first.join(5)
    assert errors == []
    assert output.read_bytes() == b"second"
    assert os.listdir(tmp_path) == ["deck.html"]


def test_the_lock_file_is_removed_and_a_waiting_writer_takes_a_fresh_one(tmp_path):
    output = tmp_path / "deck.html"
    order: list[str] = []
    with showdeck.safety.output_lock(output):
        waiter = threading.Thread(target=lambda: (write_atomic(output, b"w"),
                                                  order.append("waiter")))
        waiter.start()
        time.sleep(0.2)
        order.append("holder")
    waiter.join(5)
    assert order == ["holder", "waiter"]
    assert os.listdir(tmp_path) == ["deck.html"]


def test_a_folder_that_cannot_hold_the_lock_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=r"^cannot write .*a-file/deck\.html: .*you can write to$"):
        write_atomic(blocker / "deck.html", b"deck")


@pytest.mark.parametrize("command", ["build", "pdf", "check"])
def test_a_path_the_system_refuses_is_one_line(project, tmp_path, command, capsys):
    long = tmp_path / ("a" * 300 + ".html")  # longer than a file name may be
    deck = tmp_path / "deck.html"
    deck.write_text("<html></html>", encoding="utf-8")
    argv = {"build": ["build", "--data", str(project["data"]), "--notebook",
                      str(project["notebook"]), "--output", str(long), "--as-of", "2025-01-02"],
            "pdf": ["pdf", "--html", str(deck), "--output", str(long)],
            "check": ["check", str(long)]}[command]
    status = main(argv)
    err = capsys.readouterr().err
    assert (status, err.count("\n")) == (1, 1)
    assert err.startswith("error: ")
    assert "File name too long" in err or "no such data folder" in err


def test_writing_where_no_folder_can_be_made_is_an_output_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match=r"cannot write .*a-file/deck\.html: .*a folder you can"):
        write_atomic(blocker / "deck.html", b"deck")


def test_writing_onto_a_folder_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match=r"cannot write .*: .*not a folder"):
        write_atomic(tmp_path, b"deck")
    assert [p.name for p in tmp_path.iterdir()] == []
