"""The chart's figures as SVG: a standalone file, or markup to inline in HTML where each
episode's and event's marker (matplotlib's gid and url per artist) is an element a person can
reach, named by its date and text."""

from __future__ import annotations

import io
import re
from html import escape, unescape

import matplotlib as mpl
from matplotlib.figure import Figure

from showdeck import fonts
from showdeck.chart_points import ChartPoint
from showdeck.font_css import font_face_css
from showdeck.lang import lang_runs
from showdeck.timeline_style import TEXT_AS_TEXT, THEME_RC

#: rcParams that make the SVG identical across builds with the same inputs.
SVG_RC = {"svg.hashsalt": "showdeck", "svg.fonttype": "none" if TEXT_AS_TEXT else "path"}
#: The chart's own names for the embedded families, so its subsets never stand in for the
#: page's fonts of the same name (a later @font-face of a family replaces an earlier one).
CHART_FAMILY_PREFIX = "SD Chart "
_SVG_FAMILY = re.compile(r"font-family: [^;\"]*")
_SVG_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.DOTALL)
_SVG_TEXT_PARTS = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|xlink:href="#)([^")]+)')
_POINT = re.compile(r'<g id="(?P<prefix>[\w-]*?)point-(?P<key>(?:ep|ev)-[\w-]+)">'
                    r'(?P<between>(?:(?!<a |</g>\s*</g>).)*?)'
                    r'<a xlink:href="(?P<url>[^"]*)"(?P<rest>[^>]*)>', re.DOTALL)
_LABEL = re.compile(r'<g id="(?P<prefix>[\w-]*?)(?:label|number|date|keynumber|key)-'
                    r'(?P<key>(?:ep|ev)-[\w-]+)"')


def render(fig: Figure) -> str:
    """matplotlib's SVG of the figure, once: both forms below are made from it."""
    buffer = io.BytesIO()
    with mpl.rc_context({**THEME_RC, **SVG_RC, "svg.id": "showdeck-chart"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None},
                    facecolor=fig.get_facecolor())
    return buffer.getvalue().decode("utf-8")


def chart_text(svg: str) -> str:
    """Every character the SVG's text shows."""
    return "".join(unescape(_TAG.sub("", t)) for t in _SVG_TEXT.findall(svg))


def _tag_languages(match: re.Match[str]) -> str:
    """A <text> whose runs of Japanese, Thai... each sit in a <tspan lang=...>."""
    runs = lang_runs(unescape(match.group(2)))
    if not any(run.lang for run in runs):
        return match.group(0)
    body = "".join(f'<tspan lang="{run.lang}">{escape(run.text)}</tspan>' if run.lang
                   else escape(run.text) for run in runs)
    return f"<text{match.group(1)}>{body}</text>"


def font_css(text: str) -> str:
    """@font-face rules for the chart's text under the chart's own family names."""
    return font_face_css(text).replace('font-family: "SD ',
                                              f'font-family: "{CHART_FAMILY_PREFIX}')


def font_stack() -> str:
    return fonts.FONT_STACK.replace('"SD ', f'"{CHART_FAMILY_PREFIX}').replace('"', "'")


_CHART_FONT_FACE = re.compile(r'@font-face \{ font-family: "' + re.escape(CHART_FAMILY_PREFIX)
                              + r'[^"]*";[^}]*\}\n?')


def with_page_fonts(html: str) -> str:
    """An output's HTML with its chart drawn in the page's embedded faces instead of the copies
    it carries (its own @font-face rules dropped, its font stacks renamed): for an exported
    page whose subsets already hold every character the chart shows. Other HTML is unchanged."""
    if CHART_FAMILY_PREFIX not in html:
        return html
    stack = font_stack()
    return _CHART_FONT_FACE.sub("", html).replace(stack, fonts.FONT_STACK.replace('"', "'"))


def standalone_svg(fig: Figure | str) -> str:
    """The figure (or its render()) as an SVG file, identical for identical inputs (no date,
    salted ids).

    Its text is real text (searchable, read by a PDF's text layer) in the deck's embedded
    font subsets, which the SVG carries itself: an SVG shown as an image cannot use its page's
    fonts, and these are the fonts matplotlib measured the text with.
    """
    svg = fig if isinstance(fig, str) else render(fig)
    if not TEXT_AS_TEXT:
        return svg
    svg = _SVG_FAMILY.sub(lambda _m: f"font-family: {font_stack()}", svg)
    style = (f"<defs><style type=\"text/css\"><![CDATA[\n{font_css(chart_text(svg))}]]>"
             "</style></defs>")
    head_end = svg.index(">", svg.index("<svg")) + 1
    return svg[:head_end] + "\n" + style + svg[head_end:]


def inline_svg(fig: Figure | str, layout: str, points: list[ChartPoint]) -> str:
    """The figure (or its render()) as an <svg> element for an HTML page: no XML prolog, its ids prefixed with
    `layout` (two drawings share a page), and each point's marker link carrying the point's
    key and accessible name. Its fonts come from the page (chart_html puts them there)."""
    svg = fig if isinstance(fig, str) else render(fig)
    svg = svg[svg.index("<svg"):].replace('id="showdeck-chart"', f'id="sd-chart-{layout}"', 1)
    if TEXT_AS_TEXT:
        svg = _SVG_FAMILY.sub(lambda _m: f"font-family: {font_stack()}", svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{layout}-{m.group(2)}", svg)
    svg = _ID.sub(lambda m: m.group(0) if m.group(1).startswith("sd-chart-")
                  else f'id="{layout}-{m.group(1)}"', svg)
    names = {p.key: p.name for p in points}
    missing = set(names)

    def point(match: re.Match[str]) -> str:
        key = match.group("key")
        missing.discard(key)
        return (f'<g id="{match.group("prefix")}point-{key}" class="sd-point-mark">'
                f'{match.group("between")}<a xlink:href="{match.group("url")}"'
                f'{match.group("rest")} class="sd-point" data-sd-point="{key}" '
                f'aria-label="{escape(names[key])}">')

    svg = _POINT.sub(point, svg)
    svg = _SVG_TEXT_PARTS.sub(_tag_languages, svg)
    svg = _LABEL.sub(lambda m: f'{m.group(0)} class="sd-point-text" '
                     f'data-sd-for="{m.group("key")}"', svg)
    if missing:
        msg = f"the {layout} chart draws no marker for {sorted(missing)}"
        raise ValueError(msg)
    # The chart scales to its box; its own size stays as the aspect ratio (viewBox).
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
                  r'<svg\1 class="sd-chart-svg" role="group" aria-label="' + layout
                  + ' chart"', svg, count=1)
