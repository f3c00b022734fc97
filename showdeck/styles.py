"""How the slides' stylesheet travels: in every notebook output, and once in an exported file.

In JupyterLab any output can be cleared, rerun or fail on its own, so each slide output carries
the whole stylesheet (about 6 KB) with @font-face rules that use the installed Noto fonts. An
exporter strips those copies and puts the stylesheet in the page's <head> once, with the fonts
embedded as WOFF2 subsets of exactly the characters the page shows.
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser

from showdeck import font_css, fonts, markup

#: Marks the stylesheet copy an output carries, so an exporter can find and drop it.
OUTPUT_STYLE_ATTR = "data-sd-style"


@lru_cache(maxsize=1)
def output_style() -> str:
    """The <style> element every slide output starts with (our constants, never data)."""
    css = font_css.local_font_face_css() + markup.stylesheet()
    return f"<style {OUTPUT_STYLE_ATTR}>\n{css}\n</style>"


def strip_output_style(html: str) -> str:
    """An output's HTML without the stylesheet copy it carries for the notebook."""
    return html.replace(output_style(), "")


#: An exported page draws all its text in the embedded faces, not only the slides': reveal.js's
#: controls, overlays (help, jump to slide) and in-slide notes, the footer and the page itself
#: too. It then looks the same on every machine, and asks the machine for no font (each ask is
#: a round trip to the browser's font service before the first slide shows). Buttons and
#: inputs do not inherit a font unless told to.
PAGE_FONT_CSS = (
    f":root {{ --sd-font: {fonts.FONT_STACK}; }}\n"
    "html, body, button, input, .r-overlay, .reveal .speaker-notes"
    " { font-family: var(--sd-font); }\n"
)


def page_css(shown_text: str) -> str:
    """The stylesheet of an exported page: embedded font subsets for `shown_text`, the page's
    font, then the slides' rules."""
    return font_css.font_face_css(shown_text) + PAGE_FONT_CSS + markup.stylesheet()


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def shown_text(*htmls: str) -> str:
    """Every character of text the given HTML shows (not its styles or scripts)."""
    parser = _Text()
    for html in htmls:
        parser.feed(html)
    parser.close()
    return "".join(parser.parts)
