"""The explorable chart as one HTML fragment: both drawings inline, the details of every point,
and the chart's own style, fonts and script, so the fragment stands on its own wherever it is
shown (a notebook output, the deck, a reading view)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from showdeck import chart_svg, markup, timeline, timeline_narrow
from showdeck.chart_points import ChartPoint, chart_points
from showdeck.facts import ShowData
from showdeck.lang import lang_runs

TEMPLATES = Path(__file__).parent / "templates"
STATIC = TEMPLATES / "showdeck" / "static"
#: Below this width (CSS px) the wide chart's 12 px text would drop under 10 px: the narrow
#: drawing shows instead.
WIDE_MIN_PX = 740


@dataclass(frozen=True)
class ChartView:
    name: str
    alt: str
    points: list[ChartPoint]
    wide_svg: Markup
    narrow_svg: Markup
    style: Markup
    script: Markup


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "chart"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(lang_runs=lang_runs)
    return markup.use_template_cache(env)


def chart_view(data: ShowData, as_of: date, wide_svg: str | None = None) -> ChartView:
    points = chart_points(data, timeline.context_milestones(data, as_of))
    if wide_svg is None:
        wide_svg = chart_svg.render(timeline.timeline_figure(data, as_of))
    wide = chart_svg.inline_svg(wide_svg, "wide", points)
    narrow = chart_svg.inline_svg(timeline_narrow.narrow_figure(data, as_of, points),
                                  "narrow", points)
    # CSS and fonts we generate or ship, never text from data.
    css = (STATIC / "chart.css").read_text(encoding="utf-8").replace(
        "WIDE_MIN_PX", str(WIDE_MIN_PX))
    fonts_css = chart_svg.font_css(chart_svg.chart_text(wide + narrow))
    return ChartView(
        name="Airing timeline",
        alt=timeline.describe_timeline(data, as_of),
        points=points,
        wide_svg=Markup(wide),
        narrow_svg=Markup(narrow),
        style=Markup(fonts_css + css),
        script=Markup((STATIC / "chart.js").read_text(encoding="utf-8")),
    )


def chart_html(data: ShowData, as_of: date, wide_svg: str | None = None) -> str:
    """The chart's HTML fragment (`wide_svg`: chart_svg.render of the wide figure, if made)."""
    view = chart_view(data, as_of, wide_svg)
    return _environment().get_template("chart.html.j2").render(v=view)
