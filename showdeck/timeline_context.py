"""The chart's lower panel: the years around the run, every dated event on one line, each with
its label or, where labels no longer fit, a number that the key (timeline_key) explains."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date, timedelta

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, NullLocator

from showdeck.dates import DASH, MONTHS, calendar_span, describe_span, format_date
from showdeck.episode_records import Milestone
from showdeck.facts import ShowData
from showdeck.timeline_style import (
    BACKGROUND,
    CHAR_WIDTH,
    EPISODE_COLOUR,
    FOREGROUND,
    GAP_COLOUR,
    GRID,
    KIND_NAMES,
    KIND_STYLE,
    LABEL_SIZE,
    LINE_SPACING,
    MANGA_COLOUR,
    MUTED,
    SMALL_SIZE,
    TEXT_LINESPACING,
    TITLE_SIZE,
    label_gid,
    point_gid,
    style_axes,
)

#: Characters per line of a milestone label: the most, and the fewest when labels are many.
LABEL_WRAP = 26
#: The narrowest wrap of a label; the row uses the widest that fits.
FIT_WRAP = 20
#: The most lines a label in the row may take.
MAX_LABEL_LINES = 3


def context_milestones(data: ShowData, as_of: date) -> list[Milestone]:
    """Milestones for the context panel: up to the as-of date, minus the broadcasts of the run
    (the run has its own bar)."""
    run = data.show.run
    return [
        m for m in data.milestones
        if m.date <= as_of and not (m.kind == "broadcast" and run.first_air <= m.date <= run.last_air)
    ]


def context_span(data: ShowData, as_of: date) -> tuple[date, date]:
    """The panel's first and last day: whole years, with room right of the as-of label."""
    run, manga = data.show.run, data.show.manga
    starts = [run.first_air, *(m.date for m in context_milestones(data, as_of))]
    if manga is not None and manga.start <= as_of:
        starts.append(manga.start)
    left = date(min(starts).year, 1, 1) - timedelta(days=45)
    right = date(as_of.year + 1, 1, 1)
    if (right - as_of).days < 150:
        right = date(as_of.year + 1, 7, 1)  # room for the as-of label
    return left, right


def milestone_text(milestone: Milestone, wrap: int = 22) -> str:
    """'Jul 2020 · Manga starts in' / 'Magazine Pocket': date first, wrapped narrow."""
    text = f"{format_date(milestone.date, milestone.precision)} · {milestone.label}"
    return "\n".join(textwrap.wrap(text, wrap, break_on_hyphens=False))


@dataclass(frozen=True)
class LabelPlan:
    """Which events carry their label in the row, and which a number the key explains."""

    milestones: list[Milestone]  # every event of the panel, in date order
    labelled: list[Milestone]
    numbers: dict[str, int]  # milestone id -> its number in the key, 1.. in date order

    @property
    def keyed(self) -> list[Milestone]:
        return [m for m in self.milestones if m.id in self.numbers]


def plan_labels(milestones: list[Milestone], span_days: float,
                days_per_char: float) -> LabelPlan:
    """Every event labelled when all the labels fit side by side in the row, else every event
    numbered (one event without its label while others keep theirs reads as less important)."""
    ordered = sorted(milestones, key=lambda m: (m.date, m.id))
    widths = [max(map(len, lines)) + 2.5 for lines in
              (milestone_text(m, FIT_WRAP).splitlines() for m in ordered)]
    fits = all(len(milestone_text(m, FIT_WRAP).splitlines()) <= MAX_LABEL_LINES
               for m in ordered) and sum(widths) * days_per_char <= span_days
    if fits:
        return LabelPlan(ordered, ordered, {})
    return LabelPlan(ordered, [], {m.id: i for i, m in enumerate(ordered, start=1)})


def _row_texts(plan: LabelPlan, wrap: int) -> list[str]:
    return [str(plan.numbers[m.id]) if m.id in plan.numbers else milestone_text(m, wrap)
            for m in plan.milestones]


def label_row(plan: LabelPlan, left: date, right: date,
              days_per_char: float) -> tuple[list[str], list[date]]:
    """Texts (labels wrapped, or numbers) and left edges for the one row, in date order.

    The widest wrap whose texts fit side by side is used; each then sits as near its own date
    as its neighbours allow (a forward pass pushes right, a backward pass pulls back inside).
    """
    if not plan.milestones:
        return [], []
    span = (right - left).days
    gap = 1.5 * days_per_char
    for wrap in range(LABEL_WRAP, FIT_WRAP - 1, -1):
        texts = _row_texts(plan, wrap)
        widths = [(max(map(len, t.splitlines())) + 1) * days_per_char for t in texts]
        if sum(widths) + gap * (len(texts) - 1) <= span:
            break
    positions: list[float] = []
    for index, milestone in enumerate(plan.milestones):
        wanted = float((milestone.date - left).days)
        positions.append(max(wanted, positions[-1] + gap + widths[index - 1])
                         if positions else wanted)
    limit = float(span)
    for index in reversed(range(len(positions))):
        positions[index] = max(0.0, min(positions[index], limit - widths[index]))
        limit = positions[index] - gap
    return texts, [left + timedelta(days=p) for p in positions]


def _year(value: float, _pos: object = None) -> str:
    return str(mdates.num2date(value).year)


def axes_size_pt(ax: Axes) -> tuple[float, float]:
    """The axes' width and height in points once the figure's layout has run."""
    fig = ax.get_figure(root=True)
    # Only the layout: what a draw would run first, without drawing every artist after it.
    if (engine := fig.get_layout_engine()) is not None:
        engine.execute(fig)
    else:
        fig.draw_without_rendering()
    box = ax.get_window_extent()
    return box.width * 72 / fig.dpi, box.height * 72 / fig.dpi


def draw_context(data: ShowData, as_of: date, ax: Axes, plan: LabelPlan | None = None,
                 ) -> LabelPlan:
    """Draw the panel; returns the label plan (its numbered events go in the key)."""
    style_axes(ax)
    run = data.show.run
    manga = data.show.manga
    milestones = context_milestones(data, as_of)
    left, right = context_span(data, as_of)
    ax.set_xlim(left, right)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(_year))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.tick_params(axis="x", which="major", length=0, pad=4)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title(f"Before and after the run, to {format_date(as_of)}", loc="left",
                 color=FOREGROUND, fontsize=TITLE_SIZE, fontweight="bold")

    # y is measured in label lines, so the axes' size in points fixes how many fit: the
    # baseline at 0, the lanes below it, the stems above.
    width_pt, height_pt = axes_size_pt(ax)
    days_per_char = CHAR_WIDTH * SMALL_SIZE / width_pt * (right - left).days
    if plan is None:
        plan = plan_labels(milestones, (right - left).days, days_per_char)
    lanes = {"manga": -1.2, "gap": -2.5}
    bottom = -4.4  # room under the gap label for a font with tall descenders (Noto Sans)
    ceiling = max(height_pt / (SMALL_SIZE * LINE_SPACING) + bottom, 2.0) - 0.3
    ax.set_ylim(bottom, ceiling + 0.3)

    # The run, on the baseline itself: the weeks the show was on air.
    ax.plot([run.first_air, run.last_air], [0, 0], color=EPISODE_COLOUR, linewidth=6,
            solid_capstyle="butt", gid="run-bar", zorder=3)

    # The manga's run.
    if manga is not None and manga.start <= as_of:
        ongoing = manga.end is None or manga.end > as_of
        end = as_of if ongoing else manga.end
        ax.plot([manga.start, end], [lanes["manga"]] * 2, color=MANGA_COLOUR, linewidth=6,
                solid_capstyle="butt", gid="manga-bar")
        ended = "ongoing" if ongoing else format_date(end, "year")
        text = f"Manga, {format_date(manga.start, 'year')} {DASH} {ended}"
        fits_right = end + timedelta(days=(len(text) + 4) * days_per_char) < right
        ax.annotate(
            text, xy=(end if fits_right else manga.start, lanes["manga"]),
            xytext=(6 if fits_right else -6, 0), textcoords="offset points",
            ha="left" if fits_right else "right", va="center", color=FOREGROUND,
            fontsize=SMALL_SIZE, gid="manga-label",
        )

    # The wait: from the finale to the as-of date.
    years, months, _days = calendar_span(run.last_air, as_of)
    ax.annotate(
        "", xy=(as_of, lanes["gap"]), xytext=(run.last_air, lanes["gap"]),
        arrowprops={"arrowstyle": "|-|", "color": GAP_COLOUR, "linewidth": 1.5,
                    "mutation_scale": 3, "shrinkA": 0, "shrinkB": 0},
        gid="gap",
    )
    ax.annotate(
        f"{describe_span(years, months)} ({(as_of - run.last_air).days:,} days) "
        "since the finale",
        xy=(run.last_air + (as_of - run.last_air) / 2, lanes["gap"]), xytext=(0, -4),
        textcoords="offset points", ha="center", va="top", color=FOREGROUND,
        fontsize=LABEL_SIZE, gid="gap-label",
    )

    # The as-of date.
    ax.annotate(f"as of\n{format_date(as_of)}", xy=(as_of, lanes["gap"]), xytext=(4, 0),
                textcoords="offset points", ha="left", va="center", color=FOREGROUND,
                fontsize=SMALL_SIZE, gid="as-of-label")

    # The baseline.
    ax.axhline(0, color=MUTED, linewidth=1, gid="baseline", zorder=2)

    # The row: every event's label or number along the top, in date order, each as near its
    # date as the row allows; a leader runs from each down to its date. Both orders agree, so
    # no two leaders cross and no leader crosses a label.
    texts, edges = label_row(plan, left, right, days_per_char)
    deepest = max((text.count("\n") + 1 for text in texts), default=0)
    elbow = ceiling - deepest - 0.4
    knee = min(elbow, max(0.9, elbow - max(1.2, 0.45 * elbow)))
    for milestone, text, edge in zip(plan.milestones, texts, edges, strict=True):
        colour, _marker = KIND_STYLE[milestone.kind]
        key = f"ev-{milestone.id}"
        numbered = milestone.id in plan.numbers
        ax.plot([edge, edge, milestone.date, milestone.date], [ceiling, elbow, knee, 0],
                color=colour, linewidth=1, gid=f"leader-{milestone.id}")
        ax.annotate(
            text, xy=(edge, ceiling), xytext=(4 if not numbered else 2.5, 0),
            textcoords="offset points", ha="left", va="top", color=FOREGROUND,
            fontsize=SMALL_SIZE, linespacing=TEXT_LINESPACING,
            fontweight="bold" if numbered else "normal",
            gid=label_gid(key, "number" if numbered else "label"),
        )

    # The markers, every milestone's. Hollow markers for dates known only to the month or
    # year. Each links to its first source and is the element a person reaches.
    for milestone in milestones:
        colour, marker = KIND_STYLE[milestone.kind]
        exact = milestone.precision == "day"
        (line,) = ax.plot(milestone.date, 0, linestyle="none", marker=marker, zorder=4,
                          markersize=8, color=colour,
                          markerfacecolor=colour if exact else BACKGROUND,
                          markeredgecolor=FOREGROUND if exact else colour,
                          markeredgewidth=0.6 if exact else 1.8,
                          gid=point_gid(f"ev-{milestone.id}"))
        line.set_url(data.cited(milestone.sources)[0].link)

    _legend(ax, milestones)

    # The as-of line, up to the labels' row.
    ax.plot([as_of, as_of], [bottom, elbow if texts else ceiling], color=GAP_COLOUR,
            linestyle=(0, (2, 2)), linewidth=1.2, gid="as-of")
    return plan


def _legend(ax: Axes, milestones: list[Milestone]) -> None:
    kinds = [kind for kind in KIND_STYLE if any(m.kind == kind for m in milestones)]
    if not kinds:
        return
    handles = [
        Line2D([], [], linestyle="none", marker=KIND_STYLE[kind][1], markersize=7,
               color=KIND_STYLE[kind][0], markeredgecolor=FOREGROUND, markeredgewidth=0.6,
               label=KIND_NAMES[kind])
        for kind in kinds
    ]
    if any(m.precision != "day" for m in milestones):
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=7,
                              markerfacecolor=BACKGROUND, markeredgecolor=MUTED,
                              markeredgewidth=1.8, label="hollow: month or year only"))
    legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1),
                       ncols=len(handles), frameon=False, fontsize=SMALL_SIZE,
                       labelcolor=FOREGROUND, handletextpad=0.3, columnspacing=1.0,
                       borderaxespad=0)
    legend.set_gid("legend")


def month_label(value: float, _pos: object = None) -> str:
    day = mdates.num2date(value)
    return f"{day.day} {MONTHS[day.month - 1]}"


def _month_range(start: date, end: date) -> str:
    first, last = format_date(start, "month"), format_date(end, "month")
    return first if first == last else f"{first} {DASH} {last}"
