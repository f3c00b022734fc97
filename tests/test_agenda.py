"""The agenda: the notebook's slides in order, each linked to where it starts."""

from __future__ import annotations

import json
import re

import pytest
from nbformat import v4

from showdeck import agenda, article_view, markup, title_view
from showdeck.loader import load_show
from showdeck.slide_list import SLIDES, agenda_for
from tests.conftest import FIXTURE_SHOW, REAL_SHOW


@pytest.fixture(scope="module")
def data():
    return load_show(REAL_SHOW)


def slide(cell):
    cell.metadata["slideshow"] = {"slide_type": "slide"}
    return cell


def cells_with_a_user_slide(position: int) -> list:
    cells = [slide(v4.new_code_cell(f"deck.{name}()")) for name in (s.method for s in SLIDES)]
    cells.insert(position, slide(v4.new_markdown_cell("## What fans did next\n\nA list.")))
    return cells


def test_each_section_links_to_the_page_it_starts_on(data):
    items = agenda_for(data)
    pages = article_view.article_pages(data)
    starts = [n for n, page in enumerate(pages, start=1) if page.anchor]
    article = items[:len(data.article.sections)]
    assert [i.anchor for i in article] == [f"sd-sec-{s.id}" for s in data.article.sections]
    # The article is slide 2 (title 0, agenda 1); page k shows at step k-1, which a
    # reveal.js link numbers from 0.
    assert article[0].deck_href == "#/2/0"
    assert [i.deck_href for i in article[1:]] == [f"#/2/0/{k - 2}" for k in starts[1:]]
    assert len(starts) == len(data.article.sections)


def test_every_anchor_is_an_element_of_its_slide(data):
    day = pytest.importorskip("datetime").date(2026, 11, 24)
    html = "".join(slide.view(data, day) for slide in SLIDES)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    for item in agenda_for(data):
        assert item.anchor in ids, item


@pytest.mark.parametrize("position", [2, 3, 6])
def test_a_slide_a_user_adds_is_listed_at_its_place(data, position):
    items = agenda_for(data, cells_with_a_user_slide(position))
    labels = [i.label for i in items]
    added = labels.index("What fans did next")
    before = {2: 0, 3: len(data.article.sections), 6: len(data.article.sections) + 2}[position]
    assert added == before
    item = items[added]
    assert item.anchor == "What-fans-did-next"
    assert item.deck_href == f"#/{position}/0"


def test_a_user_code_slide_is_listed_by_its_heading_comment(data):
    cells = cells_with_a_user_slide(7)
    cells[-1] = slide(v4.new_code_cell("# Ratings by episode\nplot()"))
    assert agenda_for(data, cells)[-1].label == "Ratings by episode"


def test_an_untitled_slide_and_non_slides_are_not_listed(data):
    cells = cells_with_a_user_slide(7)
    cells[-1] = slide(v4.new_code_cell("plot()"))
    cells.append(v4.new_markdown_cell("## Not a slide"))
    assert [i.label for i in agenda_for(data, cells)] == [
        i.label for i in agenda_for(data)]


def test_in_the_deck_items_are_deep_links_and_in_the_notebook_anchors(data):
    items = agenda_for(data)
    deck = title_view.agenda_slide(items, in_deck=True)
    notebook = title_view.agenda_slide(items)
    assert re.findall(r'href="([^"]+)"', deck) == [i.deck_href for i in items]
    assert re.findall(r'href="([^"]+)"', notebook) == [f"#{i.anchor}" for i in items]


def test_the_kernel_reads_the_saved_notebook_jupyter_names(tmp_path, monkeypatch, data):
    path = tmp_path / "deck.ipynb"
    nb = v4.new_notebook(cells=cells_with_a_user_slide(3))
    path.write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    cells = agenda.running_notebook_cells()
    assert cells is not None
    assert "What fans did next" in [i.label for i in agenda_for(data, cells)]


def test_a_session_path_relative_to_the_server_root_is_found(tmp_path, monkeypatch, data):
    (tmp_path / "notebooks").mkdir()
    path = tmp_path / "notebooks" / "deck.ipynb"
    path.write_text(json.dumps(v4.new_notebook(cells=cells_with_a_user_slide(3))),
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path / "notebooks")  # a kernel runs in the notebook's folder
    monkeypatch.setenv("JPY_SESSION_NAME", "notebooks/deck.ipynb")
    assert agenda.running_notebook_cells() is not None


@pytest.mark.parametrize("name", ["", "missing.ipynb", "script.py"])
def test_an_unknown_notebook_gives_the_standard_agenda(tmp_path, monkeypatch, name):
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / name) if name else "")
    assert agenda.running_notebook_cells() is None


def test_a_notebook_without_our_agenda_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "other.ipynb"
    path.write_text(json.dumps(v4.new_notebook(cells=[v4.new_markdown_cell("# Hi")])),
                    encoding="utf-8")
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    assert agenda.running_notebook_cells() is None


def test_the_fixture_show_has_its_own_sections(tmp_path):
    fixture = load_show(FIXTURE_SHOW)
    labels = [i.label for i in agenda_for(fixture)]
    assert labels[:len(fixture.article.sections)] == [
        markup.section_heading(s) for s in fixture.article.sections]
