"""The showdeck template and exporter: inline reveal.js, our blocks in the output, nothing fetched."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest
from nbformat import v4

from showdeck.assets import AssetsMissing, RevealAssets, load_reveal
from showdeck.build import count_slides, external_resources, undescribed_images
from showdeck.export import SplitPagesPreprocessor, deck_config, export_slides
from tests.conftest import ROOT


def md(source: str, slide_type: str = "slide"):
    return v4.new_markdown_cell(source, metadata={"slideshow": {"slide_type": slide_type}})


def page_output(page: int | None, text: str):
    meta = {} if page is None else {"showdeck": {"page": page}}
    return v4.new_output("display_data", data={"text/html": f"<p>{text}</p>"}, metadata=meta)


def paged_cell(pages: int, slide_type: str = "slide"):
    cell = v4.new_code_cell(
        "show()", metadata={"slideshow": {"slide_type": slide_type}, "tags": ["remove-input"]}
    )
    cell.id = "paged"
    cell.outputs = [page_output(i, f"PAGE-{i}") for i in range(pages)]
    return cell


@pytest.fixture(scope="module")
def deck_html(reveal_dist) -> str:
    nb = v4.new_notebook()
    image = v4.new_code_cell("img", metadata={"slideshow": {"slide_type": "slide"},
                                               "tags": ["remove-input"]})
    image.outputs = [v4.new_output(
        "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Image>"},
        metadata={"image/png": {"alt": "ALT-MARKER a chart"}},
    )]
    hidden = v4.new_code_cell("SECRET_IMPORT = 1", metadata={"tags": ["remove-cell"]})
    nb.cells = [
        hidden,
        md("# SLIDE-ONE アクダマドライブ"),
        md("NOTE-MARKER say this aloud", "notes"),
        md("## SLIDE-TWO"),
        md("FRAGMENT-MARKER", "fragment"),
        image,
        paged_cell(3),
    ]
    return export_slides(nb, title="TITLE-MARKER", footer="FOOTER-MARKER · as of 2025-01-02")


def test_overridden_blocks_reach_the_output(deck_html):
    assert "<title>TITLE-MARKER</title>" in deck_html  # header
    assert 'class="sd-footer">FOOTER-MARKER · as of 2025-01-02</footer>' in deck_html  # body_footer
    assert '<script id="reveal-js">' in deck_html  # footer_js
    assert "slideNumber: \"c/t\"" in deck_html
    assert 'alt="ALT-MARKER a chart"' in deck_html  # data_png


def test_reveal_5_and_its_notes_plugin_are_inlined(deck_html, reveal_dist):
    version = load_reveal(reveal_dist.parent).version
    assert version.startswith("5.")
    assert f"reveal.js {version}" in deck_html
    assert "RevealNotes" in deck_html
    assert "plugins: [RevealNotes]" in deck_html


def test_nothing_is_fetched_from_outside_the_file(deck_html):
    assert external_resources(deck_html) == []
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)=", deck_html)
    for dropped in ("require.js", "jquery", "mathjax", "mermaid", "fonts.googleapis"):
        assert dropped not in deck_html.lower(), dropped


def test_every_slide_of_the_notebook_is_in_the_deck(deck_html):
    for marker in ("SLIDE-ONE", "SLIDE-TWO", "FRAGMENT-MARKER", "ALT-MARKER", *(
            f"PAGE-{i}" for i in range(3))):
        assert marker in deck_html
    # Title, slide two (with its fragment), the image, three pages.
    assert count_slides(deck_html) == 6
    assert "SECRET_IMPORT" not in deck_html
    assert "アクダマドライブ" in deck_html


def test_notes_are_in_the_deck_and_hidden_by_css(deck_html):
    assert re.search(r'<aside class="notes">.*NOTE-MARKER', deck_html, re.DOTALL)
    guard = re.search(r'<style id="sd-notes-guard">(.*?)</style>', deck_html, re.DOTALL)
    assert guard
    assert "aside.notes" in guard[1]
    assert "display: none !important" in guard[1]
    # The guard comes before any script: it holds even when scripts fail.
    assert deck_html.index("sd-notes-guard") < deck_html.index("<script")


def test_every_image_has_alt_text(deck_html):
    assert "<img" in deck_html
    assert undescribed_images(deck_html) == []


def test_reveal_and_its_notes_plugin_are_inlined_whole(deck_html):
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", deck_html, re.DOTALL)
    assert any("Reveal" in s for s in scripts)
    assert sum(len(s) for s in scripts) > 100_000  # reveal.js and notes.js, whole


def test_inlined_scripts_cannot_close_their_script_element(tmp_path):
    files = {"reset_css": "a</script>b", "reveal_css": "c", "reveal_js": "a</script>b",
             "notes_js": "x</SCRIPT >y"}
    resources = RevealAssets(folder=tmp_path, version="5.2.1", files=files).as_resources()
    assert resources["reveal_js"] == "a<\\/script>b"
    assert resources["notes_js"] == "x<\\/SCRIPT >y"
    assert resources["reset_css"] == "a</script>b"  # CSS goes in <style>, not <script>
    assert resources["version"] == "5.2.1"


def test_a_paged_cell_becomes_one_subslide_per_page():
    nb = v4.new_notebook()
    nb.cells = [md("# title"), paged_cell(3)]
    nb, _ = SplitPagesPreprocessor().preprocess(nb, {})
    pages = nb.cells[1:]
    assert [c.metadata.slideshow.slide_type for c in pages] == ["slide", "subslide", "subslide"]
    assert [c.outputs[0].data["text/html"] for c in pages] == [f"<p>PAGE-{i}</p>" for i in range(3)]
    assert len({c.id for c in pages}) == 3


def test_unmarked_outputs_stay_with_the_page_before_them():
    cell = paged_cell(2)
    cell.outputs.insert(1, page_output(None, "TAIL"))
    first, second = SplitPagesPreprocessor.split_cell(cell)
    assert [o.data["text/html"] for o in first.outputs] == ["<p>PAGE-0</p>", "<p>TAIL</p>"]
    assert len(second.outputs) == 1


def test_a_cell_with_one_page_is_left_alone():
    cell = paged_cell(1)
    assert SplitPagesPreprocessor.split_cell(cell) == [cell]


def test_missing_reveal_names_the_install_command(tmp_path):
    with pytest.raises(AssetsMissing, match=r"npm ci.*make setup"):
        load_reveal(tmp_path)


def test_config_points_slides_at_the_showdeck_template():
    config = deck_config()
    assert config.SlidesExporter.template_name == "showdeck"
    assert config.TagRemovePreprocessor.remove_input_tags == {"remove-input"}
    assert config.TagRemovePreprocessor.remove_cell_tags == {"remove-cell"}


@pytest.mark.slow
def test_plain_jupyter_nbconvert_to_slides_still_works(tmp_path, reveal_dist):
    nb = v4.new_notebook()
    nb.cells = [md("# PLAIN-NBCONVERT"), md("NOTE", "notes")]
    source = tmp_path / "plain.ipynb"
    nbformat.write(nb, source)
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--config",
         str(ROOT / "jupyter_nbconvert_config.py"), "--to", "slides", str(source)],
        check=True, capture_output=True, cwd=tmp_path,
    )
    html = (tmp_path / "plain.slides.html").read_text(encoding="utf-8")
    assert "PLAIN-NBCONVERT" in html
    assert external_resources(html) == []
    assert '<script id="reveal-js">' in html


def test_cells_that_displayed_nothing_make_no_blank_slide():
    from showdeck.deckcheck import notebook_slide_count
    from showdeck.export import DropEmptySlidesPreprocessor

    def code(slide_type, outputs, executed=True):
        cell = nbformat.v4.new_code_cell(
            "x", metadata={"slideshow": {"slide_type": slide_type}}, outputs=outputs
        )
        cell.execution_count = 1 if executed else None
        return cell

    shown = [nbformat.v4.new_output("display_data", data={"text/html": "<p>shown</p>"})]
    nb = nbformat.v4.new_notebook(cells=[
        code("slide", shown),
        code("slide", []),          # a section this show lacks: no slide
        code("notes", []),
        code("-", shown),           # inherits the dropped slide start
        code("slide", [], executed=False),  # never run: left alone
    ])
    expected = notebook_slide_count(nb)
    nb, _ = DropEmptySlidesPreprocessor().preprocess(nb, {})
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    assert kinds == ["slide", "slide", "slide"]
    assert expected == 3


def test_pages_may_name_their_own_slide_type():
    def page(number, kind):
        return v4.new_output(
            "display_data", data={"text/html": f"<p>page {number}</p>"},
            metadata={"showdeck": {"page": number, "slide_type": kind}},
        )

    cell = v4.new_code_cell("show", metadata={"slideshow": {"slide_type": "slide"}},
                            outputs=[page(1, "slide"), page(2, "notes"), page(3, "subslide"),
                                     page(4, "slide")])
    parts = SplitPagesPreprocessor.split_cell(cell)
    assert [p.metadata["slideshow"]["slide_type"] for p in parts] == [
        "slide", "notes", "subslide", "slide"
    ]
    assert [p.outputs[0]["data"]["text/html"] for p in parts] == [
        f"<p>page {n}</p>" for n in range(1, 5)
    ]


@pytest.mark.parametrize(("mimetype", "size"), [("image/png", "width"), ("image/jpeg", "height")])
def test_raster_images_keep_their_alt_text_and_size(reveal_dist, mimetype, size):
    pixel = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJ"
             "RU5ErkJggg==")
    output = v4.new_output("display_data", data={mimetype: pixel},
                           metadata={mimetype: {"alt": "MARKER-RASTER-ALT", size: 40}})
    cell = v4.new_code_cell("x", metadata={"slideshow": {"slide_type": "slide"}},
                            outputs=[output])
    html = export_slides(v4.new_notebook(cells=[cell]), title="t")
    (image,) = re.findall(r"<img [^>]*MARKER-RASTER-ALT[^>]*>", html)
    assert f'src="data:{mimetype};base64,' in image
    assert f'{size}="40"' in image
