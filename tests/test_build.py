"""build_deck and `python -m showdeck build`: execute, export, write atomically, skip when unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from datetime import date
from pathlib import Path

import nbformat
import pytest

from showdeck import outlook
from showdeck.__main__ import main
from showdeck.assets import AssetsMissing
from showdeck.build import BuildError, build_deck, resolve_as_of
from showdeck.deckcheck import external_resources, undescribed_images
from showdeck.loader import DataError, load_show
from showdeck.pages import deck_structure
from tests.conftest import FIXTURE_SHOW, SAMPLE_PAGES, SAMPLE_SLIDES, write_sample_notebook

QUIET = {"progress": lambda _line: None}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_the_deck_holds_every_slide_and_the_data(built_deck):
    html = built_deck.read_text(encoding="utf-8")
    outline = deck_structure(html)
    assert len(outline) == SAMPLE_SLIDES
    assert sum(s.pages for s in outline) == SAMPLE_PAGES
    for marker in ("MARKER-TITLE-SLIDE", "MARKER-LAST-SLIDE", "MARKER-DATA Lantern Line",
                   *(f"MARKER-PAGE-{i}" for i in range(3))):
        assert marker in html
    assert "as of 2025-01-02" in html
    assert re.search(r'<aside class="notes">.*MARKER-SPEAKER-NOTE', html, re.DOTALL)
    assert external_resources(html) == []
    assert undescribed_images(html) == []
    assert 'alt="MARKER-ALT one pixel"' in html
    assert "data_dir =" not in html  # hidden cells stay hidden, injected parameters too


@pytest.mark.slow
def test_two_builds_are_byte_identical(built_deck, sample_project, tmp_path):
    again = tmp_path / "again.slides.html"
    build_deck(sample_project["notebook"], sample_project["data"], again, as_of="2025-01-02",
               **QUIET)
    assert again.read_bytes() == built_deck.read_bytes()


@pytest.mark.slow
def test_the_source_notebook_is_never_rewritten(built_deck, sample_project):
    notebook = sample_project["notebook"]
    before = (notebook.read_bytes(), notebook.stat().st_mtime_ns)
    build_deck(notebook, sample_project["data"], built_deck, as_of="2025-01-02", force=True,
               **QUIET)
    assert (notebook.read_bytes(), notebook.stat().st_mtime_ns) == before
    assert all(not cell.get("outputs") for cell in nbformat.read(notebook, as_version=4).cells)


@pytest.mark.slow
def test_an_unchanged_rebuild_is_skipped_and_says_so(built_deck, sample_project):
    lines: list[str] = []
    result = build_deck(sample_project["notebook"], sample_project["data"], built_deck,
                        as_of="2025-01-02", progress=lines.append)
    assert result.skipped
    assert any("up to date" in line for line in lines)
    assert not any(line.startswith("execute") for line in lines)


def test_data_errors_come_before_a_kernel_that_cannot_start(tmp_path, broken_copy, monkeypatch):
    """The kernel starts first (it boots while the data is validated); when it cannot, the
    data's own errors are still what the user reads first."""
    from showdeck import build

    def cannot_start(*_args, **_kwargs):
        raise build.BuildError("could not start kernel 'python3'")

    monkeypatch.setattr(build, "running_kernel", cannot_start)
    data = broken_copy()
    (data / "claims.csv").unlink()
    notebook = write_sample_notebook(tmp_path / "deck.ipynb")
    with pytest.raises(DataError, match=r"claims\.csv: file is missing"):
        build_deck(notebook, data, tmp_path / "d.html", as_of="2025-01-02", **QUIET)
    with pytest.raises(BuildError, match="could not start kernel"):
        build_deck(notebook, FIXTURE_SHOW, tmp_path / "d.html", as_of="2025-01-02", **QUIET)


@pytest.mark.slow
def test_broken_data_with_a_real_kernel_leaves_no_kernel_running(tmp_path, broken_copy):
    import psutil

    data = broken_copy()
    (data / "claims.csv").unlink()
    notebook = write_sample_notebook(tmp_path / "deck.ipynb")
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    with pytest.raises(DataError, match=r"claims\.csv: file is missing"):
        build_deck(notebook, data, tmp_path / "d.html", as_of="2025-01-02", **QUIET)
    left = [child for child in psutil.Process().children(recursive=True)
            if child.pid not in before]
    assert left == []
    assert list(tmp_path.glob("*.tmp")) == []
    assert not (tmp_path / "d.html").exists()


def test_broken_data_fails_with_the_data_errors_and_keeps_the_old_deck(tmp_path, broken_copy, no_kernel):
    data = broken_copy()
    (data / "episodes.csv").write_text(
        (data / "episodes.csv").read_text(encoding="utf-8").replace("\n1,", "\none,", 1),
        encoding="utf-8",
    )
    notebook = write_sample_notebook(tmp_path / "notebooks" / "deck.ipynb")
    old = tmp_path / "deck.slides.html"
    old.write_text("the previous deck", encoding="utf-8")
    with pytest.raises(DataError, match=r"episodes\.csv:2: number"):
        build_deck(notebook, data, old, as_of="2025-01-02", **QUIET)
    assert old.read_text(encoding="utf-8") == "the previous deck"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_cli_reports_broken_data_without_a_traceback(tmp_path, broken_copy, capsys, no_kernel):
    data = broken_copy()
    (data / "claims.csv").unlink()
    notebook = write_sample_notebook(tmp_path / "deck.ipynb")
    code = main(["build", "--data", str(data), "--output", str(tmp_path / "d.html"),
                 "--notebook", str(notebook)])
    err = capsys.readouterr().err
    assert code == 1
    assert "claims.csv: file is missing" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_a_failing_cell_is_named_with_its_error(tmp_path, fixture_show):
    notebook = write_sample_notebook(tmp_path / "notebooks" / "deck.ipynb")
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[5].source = "raise ValueError('MARKER-BOOM')"
    nbformat.write(nb, notebook)
    output = tmp_path / "deck.slides.html"
    # Counted in the notebook as committed, not in the copy with the injected parameters cell.
    with pytest.raises(BuildError, match=r"cell 5 \(id 'sample-5': \"raise ValueError\('MARKER-BOOM'\)\"\) "
                                         r"raised ValueError: MARKER-BOOM"):
        build_deck(notebook, fixture_show, output, as_of="2025-01-02", **QUIET)
    assert not output.exists()


def test_an_as_of_before_the_finale_is_refused_before_the_notebook_runs(tmp_path, fixture_show, no_kernel):
    notebook = write_sample_notebook(tmp_path / "deck.ipynb")
    lines: list[str] = []
    with pytest.raises(BuildError) as raised:
        build_deck(notebook, fixture_show, tmp_path / "d.html", as_of="2019-01-01",
                   progress=lines.append)
    assert str(raised.value) == (
        "--as-of 2019-01-01 is before the finale (2019-04-19) of Lantern Line; "
        "choose a date after the run ended"
    )
    assert not any(line.startswith("execute") for line in lines)


def test_missing_reveal_assets_name_the_fix(tmp_path, fixture_show):
    notebook = write_sample_notebook(tmp_path / "deck.ipynb")
    with pytest.raises(AssetsMissing, match="npm ci"):
        build_deck(notebook, fixture_show, tmp_path / "d.html", reveal_dir=tmp_path, **QUIET)


def test_a_missing_notebook_is_named(tmp_path, fixture_show):
    with pytest.raises(BuildError, match=r"no notebook at .*--notebook"):
        build_deck(tmp_path / "nope.ipynb", fixture_show, tmp_path / "d.html", **QUIET)


def test_as_of_is_a_date_and_none_means_today():
    assert resolve_as_of("2025-06-30") == dt.date(2025, 6, 30)
    assert resolve_as_of(dt.date(2025, 6, 30)) == dt.date(2025, 6, 30)
    assert resolve_as_of(None, today=dt.date(2030, 1, 2)) == dt.date(2030, 1, 2)


@pytest.mark.parametrize("bad", ["June 30", "2025-06-31", "20250630", "2025-06-30T00:00"])
def test_as_of_must_be_a_date(bad):
    with pytest.raises(BuildError, match=r"give it as YYYY-MM-DD"):
        resolve_as_of(bad)


@pytest.mark.slow
def test_removing_the_cache_forces_a_cold_build(built_deck, sample_project, tmp_path):
    output = tmp_path / "build" / "deck.slides.html"
    shutil.copy(built_deck, output.parent.mkdir(parents=True) or output)
    lines: list[str] = []
    build_deck(sample_project["notebook"], sample_project["data"], output, as_of="2025-01-02",
               progress=lines.append)
    assert any(line.startswith("execute") for line in lines)
    assert sha(output) == sha(built_deck)


@pytest.mark.slow
@pytest.mark.browser
def test_the_deck_runs_offline_with_notes_hidden_and_a_speaker_view(built_deck, fresh_browser):
    page, log = fresh_browser
    page.goto(built_deck.resolve().as_uri())
    page.wait_for_function("document.documentElement.dataset.deckReady === 'ready'")
    assert page.evaluate("Reveal.getTotalSlides()") == SAMPLE_SLIDES
    assert page.evaluate(
        "[...document.querySelectorAll('aside.notes')].every(n => n.offsetParent === null)"
    )
    assert page.locator(".slide-number").inner_text().replace(" ", "") == f"1/{SAMPLE_SLIDES}"
    with page.context.expect_page() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    speaker.wait_for_selector(".speaker-controls-notes", state="attached")
    speaker.wait_for_function(
        "document.querySelector('.speaker-controls-notes .value')"
        "?.textContent.includes('MARKER-SPEAKER-NOTE')"
    )
    speaker.close()
    assert log.blocked == []
    assert log.page_errors == []


@pytest.mark.slow
def test_the_real_notebook_presents_another_show_without_blank_slides(tmp_path, fixture_show):
    from tests.conftest import ROOT

    output = tmp_path / "lantern-line.slides.html"
    build_deck(ROOT / "notebooks" / "akudama_drive_season2.ipynb", fixture_show, output,
               as_of="2026-11-24", **QUIET)
    html = output.read_text(encoding="utf-8")
    slides = re.findall(r"<section\b[^>]*>(.*?)</section>", html, re.DOTALL)
    shown = [re.sub(r"<aside.*?</aside>|<(?!img)[^>]+>", "", s, flags=re.DOTALL).strip()
             for s in slides]
    assert [i for i, content in enumerate(shown) if not content] == []
    assert "Lantern Line" in html
    assert "Akudama" not in html


AS_OF = date(2026, 11, 24)


@pytest.mark.slow
def test_the_build_prints_the_stale_warning_before_it_runs_the_notebook(tmp_path, fixture_show,
                                                                        monkeypatch):
    from showdeck import build
    from tests.conftest import write_sample_notebook

    def stop(*_args, **_kwargs):
        raise build.BuildError("stopped before the kernel starts")

    monkeypatch.setattr(build, "running_kernel", stop)
    notebook = write_sample_notebook(tmp_path / "deck.ipynb")
    lines: list[str] = []
    with pytest.raises(build.BuildError, match="stopped before"):
        build.build_deck(notebook, fixture_show, tmp_path / "d.html", as_of="2026-11-24",
                         progress=lines.append)
    warning = outlook.stale_evidence_warning(load_show(fixture_show), AS_OF)
    assert f"warning   {warning}" in lines
    lines.clear()
    with pytest.raises(build.BuildError, match="stopped before"):
        build.build_deck(notebook, fixture_show, tmp_path / "d.html", as_of="2024-01-31",
                         progress=lines.append)
    assert not any(line.startswith("warning") for line in lines)
