"""The airing timeline chart: the weekly run of episodes and the dated story around it.

The wide chart is two panels (the run, then the years around it, with its key); the narrow
one (showdeck.timeline_narrow) lists the same points down the page. Both are drawn here by
matplotlib; showdeck.chart_svg makes their markers the elements a person reaches.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import matplotlib as mpl
import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from showdeck import chart_svg
from showdeck.dates import DASH, MONTH_NAMES, WEEKDAYS, calendar_span, describe_span, format_date
from showdeck.facts import ShowData
from showdeck.timeline_context import (
    context_milestones,
    context_span,
    draw_context,
    month_label,
    plan_labels,
)
from showdeck.timeline_key import draw_key, key_lines
from showdeck.timeline_style import (
    BACKGROUND,
    CHAR_WIDTH,
    EPISODE_COLOUR,
    FOREGROUND,
    GRID,
    LABEL_SIZE,
    LINE_SPACING,
    MAX_TITLE,
    SMALL_SIZE,
    THEME_RC,
    TITLE_SIZE,
    label_gid,
    point_gid,
    style_axes,
)

#: The wide chart at its own size is the deck's content width, 864 CSS px (648 pt), by 518:
#: what a 960 x 700 slide leaves under the heading. Points, not pixels: 72 to the inch.
FIGSIZE = (9.0, 5.45)
DPI = 96
#: Heights in points of the run's rows and of the context panel, and the room the titles,
#: ticks and legend take; the key gets what its lines need.
RUN_ROW_PT = 13.0
CONTEXT_PT = 100.0


def _shorten(text: str, limit: int = MAX_TITLE) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def cadence(data: ShowData) -> str:
    """'weekly on Thursdays' when every gap is seven days, else 'irregularly'."""
    days = [e.air_date for e in data.episodes]
    gaps = {(b - a).days for a, b in itertools.pairwise(days)}
    if gaps == {7}:
        return f"weekly on {WEEKDAYS[days[0].weekday()]}s"
    if gaps and gaps <= {7, 14}:
        return f"weekly on {WEEKDAYS[days[0].weekday()]}s, with a break"
    return "irregularly" if gaps else "in one go"


def airing_timeline(data: ShowData, ax: Axes | None = None) -> Axes:
    """The broadcast run: one row per episode on a date axis, premiere and finale annotated."""
    if ax is None:
        fig = Figure(figsize=(FIGSIZE[0], 3.3), dpi=DPI, layout="constrained",
                     facecolor=BACKGROUND)
        ax = fig.add_subplot()
    with mpl.rc_context(THEME_RC):
        _draw_run(data, ax)
    return ax


def _draw_run(data: ShowData, ax: Axes) -> None:
    style_axes(ax)
    episodes = data.episodes
    first, last = episodes[0].air_date, episodes[-1].air_date
    count = len(episodes)
    span = max((last - first).days, 7)

    # The weekly grid, on the broadcast weekday, so the cadence reads as even steps.
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=first.weekday()))
    ax.xaxis.set_major_formatter(FuncFormatter(month_label))
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)

    # The run: a faint staircase joining the episodes, then one marker per episode.
    dates = [e.air_date for e in episodes]
    rows = [e.number for e in episodes]
    ax.plot(dates, rows, color=EPISODE_COLOUR, alpha=0.35, linewidth=1, gid="run-line")
    for episode in episodes:
        (marker,) = ax.plot(episode.air_date, episode.number, linestyle="none", marker="o",
                            markersize=7, zorder=4, color=EPISODE_COLOUR,
                            markeredgecolor=FOREGROUND,
                            markeredgewidth=0.6, gid=point_gid(f"ep-{episode.number}"))
        marker.set_url(data.cited(episode.sources)[0].link)

    # The labels: right of the marker in the first half of the run, left of it in the second,
    # where each row is empty.
    for episode in episodes:
        right = (episode.air_date - first).days <= span / 2
        ax.annotate(
            f"{episode.number} · {_shorten(episode.title)}",
            xy=(episode.air_date, episode.number), xytext=(9 if right else -9, 0),
            textcoords="offset points", ha="left" if right else "right", va="center",
            color=FOREGROUND, fontsize=LABEL_SIZE, gid=label_gid(f"ep-{episode.number}"),
        )

    # Premiere and finale: in the empty triangles under the first and over the last markers.
    drop = max(1.6, (count - 1) * 0.3)
    ax.annotate(
        f"Premiere\n{WEEKDAYS[first.weekday()][:3]} {format_date(first)}",
        xy=(first, 1), xytext=(first, 1 + drop), textcoords="data", ha="left", va="center",
        color=EPISODE_COLOUR, fontsize=LABEL_SIZE, fontweight="bold", gid="premiere",
        arrowprops={"arrowstyle": "-", "color": EPISODE_COLOUR, "linewidth": 1,
                    "shrinkA": 2, "shrinkB": 5},
    )
    ax.annotate(
        f"Finale\n{WEEKDAYS[last.weekday()][:3]} {format_date(last)}",
        xy=(last, count), xytext=(last, count - drop), textcoords="data", ha="right",
        va="center", color=EPISODE_COLOUR, fontsize=LABEL_SIZE, fontweight="bold",
        gid="finale",
        arrowprops={"arrowstyle": "-", "color": EPISODE_COLOUR, "linewidth": 1,
                    "shrinkA": 2, "shrinkB": 5},
    )

    pad = timedelta(days=max(3, span // 25))
    ax.set_xlim(first - pad, last + pad)
    ax.set_ylim(count + 0.7, 0.3)  # episode 1 at the top
    ax.set_title(
        f"{data.show.title.english}: {count} episodes, {cadence(data)}, "
        f"{format_date(first)} {DASH} {format_date(last)}",
        loc="left", color=FOREGROUND, fontsize=TITLE_SIZE, fontweight="bold",
        parse_math=False,  # the axes' title exists before THEME_RC applies
    )


def timeline_figure(data: ShowData, as_of: date) -> Figure:
    """The chart slide's figure: the run above, the years around it, the key below."""
    width_pt = FIGSIZE[0] * 72
    left, right = context_span(data, as_of)
    axes_pt = width_pt - 12  # the context axes span the figure but for the layout's pads
    days_per_char = CHAR_WIDTH * SMALL_SIZE / axes_pt * (right - left).days
    plan = plan_labels(context_milestones(data, as_of), (right - left).days, days_per_char)
    key_pt = (key_lines(plan, axes_pt) + 0.5) * SMALL_SIZE * LINE_SPACING if plan.numbers else 0
    run_pt = max(len(data.episodes), 4) * RUN_ROW_PT
    fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained", facecolor=BACKGROUND)
    fig.get_layout_engine().set(h_pad=0.03, hspace=0.03)
    # The key gets exactly the height its lines need; the two panels share the rest.
    height_pt = FIGSIZE[1] * 72
    top, bottom = (fig.subfigures(2, 1, height_ratios=[height_pt - key_pt, key_pt])
                   if key_pt else (fig, None))
    run_ax, context_ax = top.subplots(2, 1, height_ratios=[run_pt, CONTEXT_PT])
    airing_timeline(data, ax=run_ax)
    with mpl.rc_context(THEME_RC):
        draw_context(data, as_of, context_ax, plan)
        if bottom is not None:
            key_ax = bottom.add_axes((6 / width_pt, 0, axes_pt / width_pt, 1))
            draw_key(plan, key_ax, axes_pt)
            key_ax.set_gid("key")
    return fig


def context_timeline(data: ShowData, as_of: date, ax: Axes | None = None) -> Axes:
    """The years around the run: announcements and delays, the manga's run, the time since."""
    if ax is None:
        fig = Figure(figsize=(FIGSIZE[0], 2.6), dpi=DPI, layout="constrained",
                     facecolor=BACKGROUND)
        ax = fig.add_subplot()
    with mpl.rc_context(THEME_RC):
        draw_context(data, as_of, ax)
    return ax


def figure_svg(fig: Figure) -> bytes:
    """The figure as a standalone SVG file (fonts embedded); see showdeck.chart_svg."""
    return chart_svg.standalone_svg(fig).encode("utf-8")


def describe_timeline(data: ShowData, as_of: date) -> str:
    """Alt text for the chart: what a sighted reader takes from it, in sentences."""
    episodes = data.episodes
    first, last = episodes[0], episodes[-1]
    parts = [
        (f"Timeline of {data.show.title.english}: {len(episodes)} episodes aired "
        f"{cadence(data)} from {_long(first.air_date)} to {_long(last.air_date)}, "
        f"from episode {first.number}, “{first.title}”, to episode {last.number}, "
        f"“{last.title}”.")
    ]
    milestones = context_milestones(data, as_of)
    if milestones:
        parts.append(
            "Around the run: "
            + "; ".join(f"{format_date(m.date, m.precision)}, {m.label}" for m in milestones)
            + "."
        )
    manga = data.show.manga
    if manga is not None and manga.start <= as_of:
        if manga.end is not None and manga.end <= as_of:
            parts.append(f"The manga ran from {manga.start.year} to {manga.end.year}.")
        else:
            parts.append(f"The manga started in {manga.start.year} and was still running.")
    years, months, _ = calendar_span(last.air_date, as_of)
    parts.append(
        f"As of {_long(as_of)}, {describe_span(years, months)} "
        f"({(as_of - last.air_date).days:,} days) have passed since the finale."
    )
    return " ".join(parts)


def _long(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
