"""How the stylesheet travels: a marked copy in every output, stripped by an exporter, and one
stylesheet per exported page with fonts for exactly the text it shows."""

from __future__ import annotations

from pathlib import Path

from showdeck import markup, styles
from showdeck.styles import (
    OUTPUT_STYLE_ATTR,
    PAGE_FONT_CSS,
    output_style,
    page_css,
    shown_text,
    strip_output_style,
)


def test_every_output_carries_the_marked_stylesheet_with_the_installed_fonts():
    style = output_style()
    assert style.startswith(f"<style {OUTPUT_STYLE_ATTR}>")
    assert style.endswith("</style>")
    assert markup.stylesheet() in style
    assert "local(" in style  # the notebook uses the installed Noto fonts
    assert "base64" not in style


def test_an_exporter_strips_the_copy_and_keeps_the_slide():
    html = output_style() + '<div class="sd-slide">Slide</div>'
    assert strip_output_style(html) == '<div class="sd-slide">Slide</div>'


def test_the_page_stylesheet_embeds_fonts_for_the_shown_text_then_the_rules():
    css = page_css("アクダマ")
    assert css.endswith(PAGE_FONT_CSS + markup.stylesheet())
    assert 'src: url("data:font/woff2;base64,' in css
    # The page's font has one owner: the deck's theme names no font of the machine's for it.
    theme = (Path(styles.__file__).parent / "templates" / "showdeck" / "static" / "showdeck.css"
             ).read_text(encoding="utf-8")
    assert "--sd-font:" not in theme
    assert "var(--sd-font)" in theme
    assert "local(" not in css


def test_shown_text_is_the_text_not_styles_or_scripts():
    html = ("<style>.a { content: 'X' }</style><p>Hello &amp; <b>bye</b></p>"
            "<script>var hidden = 1;</script><p>アクダマ</p>")
    assert shown_text(html, "<i>more</i>") == "Hello & byeアクダマmore"
