"""Bad input and faults, one test per case: bounded work, one-line errors, an untouched deck."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import showdeck.build
from showdeck import timeline
from showdeck.build import (
    BuildError,
    OutputError,
    _up_to_date,
    build_deck,
    remove_stale_temporaries,
    resolve_as_of,
)
from showdeck.loader import KEPT_PROBLEMS, MAX_ROWS, SHOWN_PROBLEMS, DataError, load_show
from showdeck.pages import deck_structure
from showdeck.snapshot import input_key, snapshot_inputs

from .conftest import FIXTURE_SHOW, REAL_SHOW, ROOT, SAMPLE_SLIDES, write_sample_notebook

QUIET = {"progress": lambda _line: None}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_show(folder)
    return [str(p) for p in info.value.problems]


# What check must refuse, because the build depends on it -------------------------------------


def test_a_header_only_episodes_file_is_invalid(broken_copy):
    folder = broken_copy()
    (folder / "episodes.csv").write_text(
        "number,title,film_reference,air_date,sources\n", encoding="utf-8")
    assert "episodes.csv: no episodes; list at least the first one" in problems_of(folder)


def test_a_huge_episode_number_is_refused_in_bounded_time_and_memory(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "\n3,", "\n10000000,")
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(DataError) as info:
        load_show(folder)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Before: an 88 MB message and 1.13 GB of memory.
    assert elapsed < 2
    assert peak < 20_000_000
    assert len(str(info.value)) < 500
    assert ("episodes.csv:4: number: Input should be less than or equal to 500 "
            "(got '10000000')") in [str(p) for p in info.value.problems]


def test_a_gap_in_many_episode_numbers_lists_a_few_and_counts_the_rest(broken_copy):
    folder = broken_copy()
    edit(folder / "episodes.csv", "\n3,", "\n400,")
    problems = problems_of(folder)
    assert ("episodes.csv: number: episodes must be numbered 1..N without gaps; missing "
            "[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, ...] (397 in all)") in problems


@pytest.mark.parametrize("number", ["2.0", "1e0", "+2", "٢", "99999999999999999999"])
def test_an_episode_number_is_written_in_digits(broken_copy, number):
    folder = broken_copy()
    edit(folder / "episodes.csv", "\n2,", f"\n{number},")
    (problem, *_) = problems_of(folder)
    assert problem.startswith("episodes.csv:3: number: ")
    assert "number" in problem.removeprefix("episodes.csv:3: number: ")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("2019-04-12", "2019-04-05",
         "episodes.csv:3: air_date: episode 2 aired 2019-04-05, not after episode 1"),
        (",2019-04-12,", ",2019-04-20,",
         "episodes.csv:4: air_date: episode 3 aired 2019-04-19, not after episode 2"),
    ],
    ids=["same-day", "out-of-order"],
)
def test_episodes_air_in_their_order_on_different_days(broken_copy, old, new, problem):
    folder = broken_copy()
    edit(folder / "episodes.csv", old, new)
    assert any(p.startswith(problem) for p in problems_of(folder))


@pytest.mark.parametrize("name", ["episodes.csv", "show.toml", "article.md"])
def test_a_nul_character_is_refused_with_its_line(broken_copy, name):
    folder = broken_copy()
    path = folder / name
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2][:3] + "\0" + lines[2][3:]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert f"{name}:3: contains a NUL character; save the file as plain UTF-8 text" in (
        problems_of(folder))


def test_a_line_separator_in_the_article_does_not_shift_its_line_numbers(broken_copy):
    folder = broken_copy()
    article = folder / "article.md"
    edit(article, "a quiet hit.", "a quiet\u2028hit.")
    lines = article.read_text(encoding="utf-8").split("\n")
    broken = next(i for i, line in enumerate(lines, start=1) if line.startswith("## [renewal"))
    edit(article, "## [renewal-status]", "## [Renewal Status]")
    assert any(p.startswith(f"article.md:{broken}: id:") for p in problems_of(folder))


def test_a_data_file_linking_outside_the_folder_is_refused_unread(broken_copy, tmp_path):
    folder = broken_copy()
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER-SECRET first line\n", encoding="utf-8")
    (folder / "show.toml").unlink()
    (folder / "show.toml").symlink_to(secret)
    with pytest.raises(DataError) as info:
        load_show(folder)
    assert ("show.toml: is a link to a file outside the data folder; copy the file into the "
            "folder") in str(info.value)
    assert "MARKER-SECRET" not in str(info.value)


def test_a_data_file_linking_inside_the_folder_is_read(broken_copy):
    folder = broken_copy()
    (folder / "article.md").rename(folder / "article-v1.md")
    (folder / "article.md").symlink_to("article-v1.md")
    assert load_show(folder).article.title


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ("deep = " + "[" * 5000 + "]" * 5000, "show.toml: not valid TOML: tables or arrays nested"),
        ("deep = " + "[" * 12 + "]" * 12, "show.toml: tables or arrays nested more than 8 deep"),
        ("big = " + "9" * 5000, "show.toml: not valid TOML: Exceeds the limit (4300 digits)"),
    ],
    ids=["recursion", "depth", "huge-integer"],
)
def test_pathological_toml_is_one_problem(broken_copy, toml, problem):
    folder = broken_copy()
    (folder / "show.toml").write_text(toml + "\n", encoding="utf-8")
    (first, *_) = problems_of(folder)
    assert first.startswith(problem)


def test_a_file_too_large_is_refused_before_it_is_parsed(broken_copy):
    folder = broken_copy()
    with (folder / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("x" * 1_100_000)
    assert ("sources.csv: is larger than 1,000,000 bytes; a data file holds one show's facts "
            "and is far smaller") in problems_of(folder)


def test_a_table_of_too_many_rows_is_refused(broken_copy):
    folder = broken_copy()
    with (folder / "milestones.csv").open("a", encoding="utf-8") as handle:
        for i in range(MAX_ROWS + 5):
            handle.write(f"m-{i},2019-01-01,day,other,Row {i},fixture-guide\n")
    assert any(p.endswith(f"more than {MAX_ROWS} rows; a table holds one show's facts and is "
                          "far shorter") for p in problems_of(folder))


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_a_date_outside_the_decks_range_is_refused(broken_copy, day):
    folder = broken_copy()
    edit(folder / "milestones.csv", "2018-10-01", day)
    assert any("is outside the dates a deck can show, 1900-01-01 to 2199-12-31" in p
               for p in problems_of(folder))


@pytest.mark.parametrize("as_of", ["9999-12-31", "2200-01-01", "0001-01-01"])
def test_an_as_of_outside_the_decks_range_is_one_line(as_of):
    with pytest.raises(BuildError) as info:
        resolve_as_of(as_of)
    assert str(info.value) == (f"--as-of {as_of} is outside the dates a deck can speak for, "
                               "1900-01-01 to 2199-12-31")


def test_error_output_is_capped_and_counts_the_rest(broken_copy):
    folder = broken_copy()
    rows = "".join(f"m-{i},not-a-date,day,other,Row,fixture-guide\n" for i in range(120))
    (folder / "milestones.csv").write_text("id,date,precision,kind,label,sources\n" + rows,
                                           encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_show(folder)
    lines = str(info.value).splitlines()
    assert lines[0] == f"invalid show data in {folder} (120 problems):"
    assert len(lines) == 1 + SHOWN_PROBLEMS + 1
    assert lines[-1] == f"  ... and {120 - SHOWN_PROBLEMS} more problems"


def test_validation_of_a_maximal_broken_file_stays_fast(broken_copy):
    folder = broken_copy()
    row = "x,not-a-date,day,other,Row,fixture-guide\n"
    (folder / "milestones.csv").write_text(
        "id,date,precision,kind,label,sources\n" + row * (990_000 // len(row)), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DataError) as info:
        load_show(folder)
    assert time.perf_counter() - started < 5
    assert len(info.value.problems) <= KEPT_PROBLEMS
    assert len(str(info.value).splitlines()) <= SHOWN_PROBLEMS + 2


# Text from the data is inert ----------------------------------------------------------------


@pytest.mark.parametrize("title", [r"Costs $5 and $6", r"$\undefinedcmd$", "$x^2$ and $"])
def test_dollar_signs_in_chart_text_are_drawn_as_written(title):
    data = load_show(REAL_SHOW)
    episodes = (data.episodes[0].model_copy(update={"title": title}), *data.episodes[1:])
    show = data.show.model_copy(
        update={"title": data.show.title.model_copy(update={"english": title})})
    data = replace(data, episodes=episodes, show=show)
    fig = timeline.timeline_figure(data, date(2026, 11, 24))
    timeline.figure_svg(fig)  # mathtext would raise "Unknown symbol" or garble the text
    texts = [t for ax in fig.axes for t in (*ax.texts, ax._left_title)]
    drawn = [t for t in texts if title in t.get_text()]
    assert len(drawn) == 2  # the episode's label and the chart's title
    assert not any(t.get_parse_math() for t in drawn)


def test_check_escapes_control_characters_from_the_data(broken_copy):
    folder = broken_copy()
    edit(folder / "show.toml", 'english = "Lantern Line"',
         'english = "Lantern\\u001b[2J\\u001b]0;pwned\\u0007 Line\\u202e"')
    result = subprocess.run([sys.executable, "-m", "showdeck", "check", str(folder)],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    assert r"Lantern\x1b[2J\x1b]0;pwned\x07 Line\u202e" in result.stdout


def test_error_messages_escape_control_characters_too(broken_copy, capsys):
    from showdeck.__main__ import main

    folder = broken_copy()
    edit(folder / "claims.csv", ",incorrect,", ",\x1b[31mred,")
    assert main(["check", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert r"\x1b[31mred" in err


# Outputs ---------------------------------------------------------------------------------------


def test_a_character_device_output_is_refused(tmp_path, fixture_show):
    notebook = write_sample_notebook(tmp_path / "deck.ipynb")
    with pytest.raises(OutputError, match=r"--output /dev/null is not a regular file"):
        build_deck(notebook, fixture_show, "/dev/null", as_of="2025-01-02", **QUIET)


def test_a_symlink_output_is_refused_and_its_target_untouched(tmp_path, fixture_show):
    notebook = write_sample_notebook(tmp_path / "deck.ipynb")
    target = tmp_path / "precious.txt"
    target.write_text("precious", encoding="utf-8")
    link = tmp_path / "deck.html"
    link.symlink_to(target)
    with pytest.raises(OutputError, match=r"deck\.html is a symbolic link; give the path of a "
                                          r"regular file"):
        build_deck(notebook, fixture_show, link, as_of="2025-01-02", **QUIET)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "precious"


def test_write_atomic_refuses_an_output_that_became_a_link(tmp_path, monkeypatch):
    target = tmp_path / "precious.txt"
    target.write_text("precious", encoding="utf-8")
    link = tmp_path / "deck.html"
    link.symlink_to(target)
    with pytest.raises(OutputError, match="is a symbolic link"):
        showdeck.build.write_atomic(link, b"deck")
    assert target.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.html", "precious.txt"]


def test_a_data_link_out_of_the_folder_fails_the_build_unread(tmp_path, broken_copy, no_kernel):
    folder = broken_copy()
    (folder / "article.md").unlink()
    (folder / "article.md").symlink_to("/etc/passwd")
    notebook = write_sample_notebook(tmp_path / "deck.ipynb")
    with pytest.raises(DataError, match=r"article\.md: is a link to a file outside") as info:
        build_deck(notebook, folder, tmp_path / "d.html", as_of="2025-01-02", **QUIET)
    assert "root:" not in str(info.value)
    assert info.value.folder == folder  # the user's folder, not the snapshot's


def test_a_notebook_nested_too_deeply_is_one_line(tmp_path, fixture_show):
    notebook = tmp_path / "deck.ipynb"
    notebook.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(BuildError, match="its JSON nests too deeply"):
        build_deck(notebook, fixture_show, tmp_path / "d.html", **QUIET)


@pytest.mark.parametrize("stamp", ["null", "[]", "1", '"key"', "{", "[" * 100_000, "\udcff"])
def test_a_corrupt_stamp_means_no_cache(tmp_path, stamp):
    output = tmp_path / "deck.html"
    output.write_text("deck", encoding="utf-8")
    path = tmp_path / "stamp.json"
    path.write_text(stamp, encoding="utf-8", errors="surrogateescape")
    assert _up_to_date(output, path, "key") is False


def test_leftovers_of_a_killed_build_are_removed_and_a_running_builds_are_kept(tmp_path):
    dead = tmp_path / ".deck.html.dead_123.tmp"
    dead.write_bytes(b"half a deck")
    alive = tmp_path / ".deck.html.alive123.tmp"
    alive.write_bytes(b"being written")
    other = tmp_path / ".notes.html.x1234567.tmp"
    other.write_bytes(b"not ours")
    # Named like a temporary but not as tempfile names them (8 random characters): a user's.
    mine = tmp_path / ".deck.html.mine.tmp"
    mine.write_bytes(b"a file of the user's")
    with alive.open("rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        remove_stale_temporaries(tmp_path, ".deck.html.", ".tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".deck.html.alive123.tmp", ".deck.html.mine.tmp", ".notes.html.x1234567.tmp"]


def test_a_killed_builds_private_folder_is_removed_by_the_next(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    stale = tmp_path / "showdeck-build-killed00"
    stale.mkdir()
    (stale / ".lock").write_bytes(b"")
    (stale / "kernel.json").write_text('{"key": "secret"}', encoding="utf-8")
    with showdeck.build.private_folder() as work:
        assert work.is_dir()
        assert not stale.exists()
        mode = work.stat().st_mode & 0o777
    assert mode == 0o700
    assert not work.exists()


# Builds that run a kernel ----------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> dict[str, Path]:
    data = tmp_path / "data" / FIXTURE_SHOW.name
    shutil.copytree(FIXTURE_SHOW, data)
    return {"notebook": write_sample_notebook(tmp_path / "notebooks" / "deck.ipynb"),
            "data": data, "output": tmp_path / "build" / "deck.html"}


@pytest.mark.slow
def test_data_edited_during_a_build_never_reaches_a_cached_deck(project, monkeypatch):
    """The edit lands after the key was taken, while the kernel runs; then it is reverted."""
    show = project["data"] / "show.toml"
    original = show.read_text(encoding="utf-8")
    real_execute = showdeck.build.execute_notebook

    def execute_while_edited(*args, **kwargs):
        show.write_text(original.replace('"Lantern Line"', '"MARKER-EDITED"'), encoding="utf-8")
        try:
            return real_execute(*args, **kwargs)
        finally:
            show.write_text(original, encoding="utf-8")

    monkeypatch.setattr(showdeck.build, "execute_notebook", execute_while_edited)
    build_deck(project["notebook"], project["data"], project["output"], as_of="2025-01-02",
               **QUIET)
    monkeypatch.undo()
    # The deck is what the key says: the data as it was when the build read it.
    assert "MARKER-EDITED" not in project["output"].read_text(encoding="utf-8")
    result = build_deck(project["notebook"], project["data"], project["output"],
                        as_of="2025-01-02", **QUIET)
    assert result.skipped
    cached = project["output"].read_bytes()
    fresh = project["output"].with_name("fresh.html")
    build_deck(project["notebook"], project["data"], fresh, as_of="2025-01-02", **QUIET)
    assert fresh.read_bytes() == cached


@pytest.mark.slow
def test_a_corrupt_stamp_rebuilds_without_force(project):
    build_deck(project["notebook"], project["data"], project["output"], as_of="2025-01-02",
               **QUIET)
    stamp = project["output"].parent / ".showdeck-cache" / "deck.html.json"
    for corrupt in ("null", "[]", "1"):
        stamp.write_text(corrupt, encoding="utf-8")
        lines: list[str] = []
        build_deck(project["notebook"], project["data"], project["output"],
                   as_of="2025-01-02", progress=lines.append)
        assert any(line.startswith("write") for line in lines)
        assert json.loads(stamp.read_text(encoding="utf-8"))["key"]


@pytest.mark.slow
def test_a_stamp_that_cannot_be_written_is_a_warning_after_the_deck_is_written(project):
    cache = project["output"].parent / ".showdeck-cache"
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the cache folder goes", encoding="utf-8")
    lines: list[str] = []
    result = build_deck(project["notebook"], project["data"], project["output"],
                        as_of="2025-01-02", progress=lines.append)
    assert not result.skipped
    assert project["output"].is_file()
    warning = next(line for line in lines if line.startswith("warning") and "not cached" in line)
    assert "not cached" in warning
    assert "the next build runs again" in warning
    assert [line.split()[0] for line in lines][-2:] == ["warning", "write"]


def run_build(project: dict[str, Path], tmp_path: Path, as_of: str = "2025-01-02",
              **env: str) -> subprocess.Popen[str]:
    """`python -m showdeck build` with its own temp and Jupyter runtime folders to inspect."""
    for name in ("tmp", "runtime"):
        (tmp_path / name).mkdir(exist_ok=True)
    environment = {**os.environ, "TMPDIR": str(tmp_path / "tmp"),
                   "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), **env}
    return subprocess.Popen(
        [sys.executable, "-m", "showdeck", "build", "--data", str(project["data"]),
         "--output", str(project["output"]), "--notebook", str(project["notebook"]),
         "--as-of", as_of],
        cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def leftovers(project: dict[str, Path], tmp_path: Path) -> list[str]:
    """Temporary files, private folders and kernel connection files a build left behind."""
    build = project["output"].parent
    found = [p.name for p in build.iterdir() if p.name.endswith(".tmp")] if build.is_dir() else []
    found += [p.name for p in (tmp_path / "tmp").iterdir()]
    found += [p.name for p in (tmp_path / "runtime").iterdir() if p.name.startswith("kernel")]
    return found


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "status", "message"),
                         [(signal.SIGTERM, 1, "error: terminated (SIGTERM)\n"),
                          (signal.SIGINT, 130, "interrupted\n")])
def test_a_signal_during_execution_ends_the_build_cleanly(project, tmp_path, signum, status,
                                                          message):
    import nbformat

    # A slow last cell: the signal lands while the kernel runs the notebook, however fast.
    nb = nbformat.read(project["notebook"], as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import time\ntime.sleep(120)", id="slow"))
    nbformat.write(nb, project["notebook"])
    project["output"].parent.mkdir(parents=True)
    project["output"].write_text("the previous deck", encoding="utf-8")
    before = hashlib.sha256(project["output"].read_bytes()).hexdigest()
    build = run_build(project, tmp_path)
    assert build.stdout is not None
    for line in build.stdout:
        if line.startswith("execute"):  # the kernel is starting
            break
    time.sleep(4.0)
    build.send_signal(signum)
    _out, err = build.communicate(timeout=60)
    assert (build.returncode, err) == (status, message)
    assert hashlib.sha256(project["output"].read_bytes()).hexdigest() == before
    assert leftovers(project, tmp_path) == []


@pytest.mark.slow
def test_a_kernel_that_cannot_start_is_one_line_and_leaves_nothing(project, tmp_path):
    spec = tmp_path / "share" / "kernels" / "broken"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps(
        {"argv": ["/bin/false", "{connection_file}"], "display_name": "Broken",
         "language": "python"}), encoding="utf-8")
    nb = json.loads(project["notebook"].read_text(encoding="utf-8"))
    nb["metadata"]["kernelspec"]["name"] = "broken"
    project["notebook"].write_text(json.dumps(nb), encoding="utf-8")
    build = run_build(project, tmp_path, JUPYTER_PATH=str(tmp_path / "share"))
    _out, err = build.communicate(timeout=120)
    assert build.returncode == 1
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert "the kernel did not answer" in err
    assert "Traceback" not in err
    assert leftovers(project, tmp_path) == []


# Builds of one deck at the same moment -----------------------------------------------------


AS_OF_DATES = ("2025-01-02", "2025-06-30")


@pytest.mark.slow
def test_concurrent_builds_of_one_deck_all_succeed_and_leave_one_whole_deck(tmp_path):
    """Two terminals, or `make -j`: real builds (subprocesses) of one output at once, two of
    them for another as-of date. Each ends with status 0; the deck is whole and the one its
    stamp vouches for; nothing is left over. (test_safety.py runs the writing part with many
    more writers and interleavings.)"""
    dates = [AS_OF_DATES[0], AS_OF_DATES[1], AS_OF_DATES[0]]
    data = tmp_path / "data" / FIXTURE_SHOW.name
    shutil.copytree(FIXTURE_SHOW, data)
    project = {"notebook": write_sample_notebook(tmp_path / "notebooks" / "deck.ipynb"),
               "data": data, "output": tmp_path / "build" / "deck.html"}
    builds = [run_build(project, tmp_path, as_of=day) for day in dates]
    results = [(build.wait(timeout=300), build.communicate()[1]) for build in builds]
    assert results == [(0, "")] * len(dates)
    html = project["output"].read_text(encoding="utf-8")
    stamp = json.loads((project["output"].parent / ".showdeck-cache" / "deck.html.json")
                       .read_text(encoding="utf-8"))
    assert stamp["sha256"] == hashlib.sha256(html.encode()).hexdigest()
    snapshot = snapshot_inputs(project["notebook"], data, None)
    day = next(day for day in AS_OF_DATES if input_key(snapshot, day) == stamp["key"])
    assert f"as of {day}" in html  # the stamp's build wrote this deck, whole
    assert html.rstrip().endswith("</html>")
    assert len(deck_structure(html)) == SAMPLE_SLIDES
    assert leftovers(project, tmp_path) == []
    assert sorted(p.name for p in project["output"].parent.iterdir()) == [".showdeck-cache",
                                                                          "deck.html"]


def test_a_reader_that_goes_away_ends_check_quietly():
    """`python -m showdeck check ... | head`: the closed pipe is no error message, no traceback."""
    check = subprocess.Popen([sys.executable, "-m", "showdeck", "check", str(REAL_SHOW)],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert check.stdout is not None
    check.stdout.close()  # before it writes: its first write finds no reader
    _out, err = check.communicate(timeout=60)
    assert (check.returncode, err) == (1, b"")
