"""The showdeck template and exporter: inline reveal.js, our blocks in the output, nothing
fetched; and notebooks that are not showdeck notebooks converted as nbconvert would."""

from __future__ import annotations

import re

import pytest
from nbformat import v4

from showdeck.assets import load_reveal
from showdeck.deckcheck import external_resources, undescribed_images
from showdeck.export import NotebookNotRun, environment_config, export_slides
from showdeck.pages import deck_structure


def md(source: str, slide_type: str = "slide"):
    return v4.new_markdown_cell(source, metadata={"slideshow": {"slide_type": slide_type}})


def showdeck_notebook(*cells):
    """An executed showdeck notebook in memory: metadata marks it, code cells have outputs."""
    nb = v4.new_notebook(metadata={"showdeck": {"version": 1}})
    nb.cells = list(cells)
    return nb


def output_cell(html: str, slide_type: str = "slide", **deck):
    cell = v4.new_code_cell("deck.show()", metadata={"slideshow": {"slide_type": slide_type}})
    cell.execution_count = 1
    cell.outputs = [v4.new_output("display_data", data={"text/html": html},
                                  metadata={"showdeck": deck} if deck else {})]
    return cell


@pytest.fixture(scope="module")
def deck_html(reveal_dist) -> str:
    image = v4.new_code_cell("img", metadata={"slideshow": {"slide_type": "slide"}})
    image.execution_count = 2
    image.outputs = [v4.new_output(
        "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Image>"},
        metadata={"image/png": {"alt": "ALT-MARKER a chart"}},
    )]
    hidden = v4.new_code_cell("SECRET_IMPORT = 1", metadata={"slideshow": {"slide_type": "skip"}})
    hidden.execution_count = 1
    pages = ('<div class="sd-pages"><div class="sd-page fragment fade-out"><h2>PAGE-1</h2></div>'
             '<div class="sd-page fragment"><h2>PAGE-2</h2></div></div>')
    nb = showdeck_notebook(
        hidden,
        output_cell("<h1>SLIDE-ONE アクダマドライブ</h1>", title="TITLE-MARKER",
                    footer="FOOTER-MARKER · as of 2025-01-02"),
        md("NOTE-MARKER say this aloud", "notes"),
        md("## SLIDE-TWO"),
        md("FRAGMENT-MARKER", "fragment"),
        image,
        output_cell(pages),
    )
    return export_slides(nb)


def test_overridden_blocks_reach_the_output(deck_html):
    assert "<title>TITLE-MARKER</title>" in deck_html  # header
    assert 'class="sd-footer">FOOTER-MARKER · as of 2025-01-02</footer>' in deck_html  # body_footer
    assert '<script id="reveal-js">' in deck_html  # footer_js
    assert "slideNumber: 'c/t'" in deck_html
    assert 'alt="ALT-MARKER a chart"' in deck_html  # data_png


def test_reveal_5_and_its_notes_plugin_are_inlined(deck_html, reveal_dist):
    version = load_reveal(reveal_dist.parent).version
    assert version.startswith("5.")
    assert f"reveal.js {version}" in deck_html
    # The speaker view is in the file as text, run when it is asked for (S).
    notes = re.search(r'<script id="reveal-notes-js" type="text/plain">(.*?)</script>', deck_html,
                      re.DOTALL)
    assert notes
    assert "RevealNotes" in notes[1]
    assert "plugins: [Showdeck.deferredNotes('reveal-notes-js')]" in deck_html


def test_nothing_is_fetched_from_outside_the_file(deck_html):
    assert external_resources(deck_html) == []
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)=(?!\"data:)", deck_html)
    for dropped in ("require.js", "jquery", "mathjax", "mermaid", "fonts.googleapis"):
        assert dropped not in deck_html.lower(), dropped


def test_every_slide_of_the_notebook_is_in_the_deck(deck_html):
    for marker in ("SLIDE-ONE", "SLIDE-TWO", "FRAGMENT-MARKER", "ALT-MARKER", *(
            f"PAGE-{i}" for i in (1, 2))):
        assert marker in deck_html
    # Title, slide two (with its fragment), the image, the paged slide.
    assert [s.pages for s in deck_structure(deck_html)] == [1, 1, 1, 2]
    assert "SECRET_IMPORT" not in deck_html
    assert "deck.show()" not in deck_html  # code inputs never reach the deck
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


def test_the_environment_config_sets_templates_and_kernel_encryption_only():
    config = environment_config()
    assert config.SlidesExporter.template_name == "showdeck"
    assert config.HTMLExporter.template_name == "showdeck-reading"
    assert config.MarkdownExporter.template_name == "showdeck-markdown"
    assert set(config) == {"SlidesExporter", "HTMLExporter", "MarkdownExporter", "KernelManager"}
    exporters = [config[name] for name in ("SlidesExporter", "HTMLExporter", "MarkdownExporter")]
    assert all(set(section) == {"template_name", "extra_template_basedirs"} for section in exporters)
    assert dict(config.KernelManager) == {"transport_encryption": "auto"}
    assert "TagRemovePreprocessor" not in config


def test_another_notebook_through_the_template_is_nbconvert_s_reveal(reveal_dist):
    from nbconvert.exporters import SlidesExporter

    nb = v4.new_notebook()
    nb.cells = [md("# PLAIN"), md("NOTE", "notes")]
    code = v4.new_code_cell("print('CODE')", metadata={"tags": ["remove-input"]})
    code.outputs = [v4.new_output("stream", name="stdout", text="CODE\n")]
    nb.cells.append(code)
    ours, _ = SlidesExporter(config=environment_config()).from_notebook_node(nb)
    plain, _ = SlidesExporter().from_notebook_node(nb)
    assert ours == plain
    assert "jp-InputArea" in ours
    assert "print" in ours


def test_a_showdeck_slide_without_output_is_refused_with_the_fix(reveal_dist):
    ran = output_cell("<h1>ran</h1>")
    never = v4.new_code_cell("deck.agenda()", metadata={"slideshow": {"slide_type": "slide"}})
    with pytest.raises(NotebookNotRun, match=r"cell 1 .* run all cells and save, or convert with --execute"):
        export_slides(showdeck_notebook(ran, never))


@pytest.mark.parametrize(("mimetype", "size"), [("image/png", "width"), ("image/jpeg", "height")])
def test_raster_images_keep_their_alt_text_and_size(reveal_dist, mimetype, size):
    pixel = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJ"
             "RU5ErkJggg==")
    output = v4.new_output("display_data", data={mimetype: pixel},
                           metadata={mimetype: {"alt": "MARKER-RASTER-ALT", size: 40}})
    cell = v4.new_code_cell("x", metadata={"slideshow": {"slide_type": "slide"}},
                            outputs=[output])
    cell.execution_count = 1
    html = export_slides(showdeck_notebook(cell))
    (image,) = re.findall(r"<img [^>]*MARKER-RASTER-ALT[^>]*>", html)
    assert f'src="data:{mimetype};base64,' in image
    assert f'{size}="40"' in image


def test_notes_folded_in_the_notebook_are_open_in_the_speaker_view(reveal_dist):
    notes = output_cell('<details class="sd-notes"><summary>Speaker notes</summary>'
                        "<ul><li>NOTES-MARKER</li></ul></details>", slide_type="notes")
    html = export_slides(showdeck_notebook(output_cell("<h1>one</h1>"), notes))
    assert re.search(r'<aside class="notes">.*<details class="sd-notes" open(="")?>.*NOTES-MARKER',
                     html, re.DOTALL)
