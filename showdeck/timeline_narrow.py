"""The chart on a narrow screen: the same episodes and events, time running down the page.

One row per point, in time order, each with its marker (the same shape and colour as on the
wide chart), its date and its text; the year in the margin where it changes; the run's weeks
as a thick stretch of the spine; the wait since the finale at the end.
"""

from __future__ import annotations

import textwrap
from datetime import date

import matplotlib as mpl
from matplotlib.figure import Figure

from showdeck.chart_points import ChartPoint
from showdeck.dates import calendar_span, describe_span, format_date
from showdeck.facts import ShowData
from showdeck.timeline_style import (
    BACKGROUND,
    EPISODE_COLOUR,
    FOREGROUND,
    GAP_COLOUR,
    KIND_STYLE,
    LINE_SPACING,
    MUTED,
    SMALL_SIZE,
    TEXT_LINESPACING,
    THEME_RC,
    TITLE_SIZE,
    label_gid,
    point_gid,
)

#: 360 CSS px wide at its own size: a phone's width less the slide's padding.
WIDTH_PT = 270.0
#: The year column, the spine's place, and where the text starts (points from the left).
YEAR_X, SPINE_X, TEXT_X = 4.0, 50.0, 62.0
#: Characters per text line (Noto Sans at 9 pt averages under 5 pt a character).
WRAP = 38
TITLE_WRAP = 44
ROW_GAP_PT = 5.0
#: The bold date's line, in lines (a bold line's box is a little taller).
DATE_LINE = 1.1
PAD_PT = 8.0


def _line_pt(size: float = SMALL_SIZE) -> float:
    return size * LINE_SPACING


def _rows(point: ChartPoint) -> tuple[str, str]:
    heading = "\n".join(textwrap.wrap(point.heading, WRAP, break_on_hyphens=False))
    return point.date_text, heading


def narrow_figure(data: ShowData, as_of: date, points: list[ChartPoint]) -> Figure:
    """The figure, as tall as its rows need."""
    episodes = data.episodes
    title = "\n".join(textwrap.wrap(
        f"{data.show.title.english}: {len(episodes)} episodes, "
        f"{format_date(episodes[0].air_date)} to {format_date(episodes[-1].air_date)}, "
        f"and the story around them, to {format_date(as_of)}", TITLE_WRAP))
    years, months, _ = calendar_span(data.finale.air_date, as_of)
    wait = "\n".join(textwrap.wrap(
        f"as of {format_date(as_of)}: {describe_span(years, months)} "
        f"({(as_of - data.finale.air_date).days:,} days) since the finale", WRAP))

    # Lay the rows out top to bottom, in points.
    y = PAD_PT + (title.count("\n") + 1) * _line_pt(TITLE_SIZE) + 10
    placed: list[tuple[ChartPoint, float, str, str]] = []
    for point in points:
        date_text, heading = _rows(point)
        placed.append((point, y, date_text, heading))
        y += (DATE_LINE + heading.count("\n") + 1) * _line_pt() + ROW_GAP_PT
    wait_y = y + 4
    height = wait_y + (wait.count("\n") + 1) * _line_pt() + PAD_PT

    fig = Figure(figsize=(WIDTH_PT / 72, height / 72), dpi=96, facecolor=BACKGROUND)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, WIDTH_PT)
    ax.set_ylim(height, 0)
    with mpl.rc_context(THEME_RC):
        ax.text(PAD_PT / 2, PAD_PT, title, ha="left", va="top", fontsize=TITLE_SIZE,
                fontweight="bold", color=FOREGROUND, linespacing=TEXT_LINESPACING,
                gid="narrow-title")
        # The spine, and the weeks of the run on it.
        first_y, last_y = placed[0][1], wait_y
        ax.plot([SPINE_X, SPINE_X], [first_y, last_y], color=MUTED, linewidth=1, zorder=1,
                gid="spine")
        run = [y for point, y, _d, _h in placed if point.kind == "episode"]
        ax.plot([SPINE_X, SPINE_X], [min(run), max(run)], color=EPISODE_COLOUR, linewidth=5,
                solid_capstyle="butt", zorder=2, gid="run-bar")
        year = None
        for point, top, date_text, heading in placed:
            middle = top + _line_pt() / 2
            if point.day.year != year:
                year = point.day.year
                ax.text(YEAR_X, top, str(year), ha="left", va="top", fontsize=SMALL_SIZE + 0.5,
                        fontweight="bold", color=FOREGROUND, gid=f"year-{year}")
            _marker(ax, point, middle)
            ax.text(TEXT_X, top, date_text, ha="left", va="top", fontsize=SMALL_SIZE,
                    fontweight="bold", color=FOREGROUND, gid=label_gid(point.key, "date"))
            ax.text(TEXT_X, top + DATE_LINE * _line_pt(), heading, ha="left", va="top",
                    fontsize=SMALL_SIZE, color=FOREGROUND, linespacing=TEXT_LINESPACING,
                    gid=label_gid(point.key))
        ax.plot([SPINE_X], [wait_y + _line_pt() / 2], linestyle="none", marker="|",
                markersize=12, markeredgewidth=2, color=GAP_COLOUR, gid="as-of")
        ax.text(TEXT_X, wait_y, wait, ha="left", va="top", fontsize=SMALL_SIZE,
                color=FOREGROUND, linespacing=TEXT_LINESPACING, gid="wait-label")
    return fig


def _marker(ax, point: ChartPoint, y: float) -> None:
    if point.kind == "episode":
        colour, shape, exact = EPISODE_COLOUR, "o", True
    else:
        (colour, shape), exact = KIND_STYLE[point.kind], point.precision == "day"
    (line,) = ax.plot([SPINE_X], [y], linestyle="none", marker=shape, markersize=9, zorder=4,
                      color=colour, markerfacecolor=colour if exact else BACKGROUND,
                      markeredgecolor=FOREGROUND if exact else colour,
                      markeredgewidth=0.6 if exact else 1.8, gid=point_gid(point.key))
    if point.url:
        line.set_url(point.url)
