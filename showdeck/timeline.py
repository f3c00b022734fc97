"""The airing timeline chart: the weekly run of episodes and the dated story around it."""

from __future__ import annotations

import io
import itertools
import re
import textwrap
from datetime import date, timedelta
from html import unescape

import matplotlib as mpl
import matplotlib.dates as mdates
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, NullLocator

from showdeck import fonts
from showdeck.dates import (
    DASH,
    MONTH_NAMES,
    MONTHS,
    WEEKDAYS,
    calendar_span,
    describe_span,
    format_date,
)
from showdeck.facts import ShowData
from showdeck.model import Milestone

#: A 960-pixel-wide slide leaves about 560 pixels under the heading.
FIGSIZE = (9.6, 5.6)
DPI = 100

# Its own light paper with dark text, so it reads the same on the deck's dark canvas, in
# JupyterLab's light and dark themes and on a printed page.
BACKGROUND = "#ffffff"
FOREGROUND = "#16161d"
MUTED = "#4b5063"
GRID = "#dde0e8"

#: Okabe-Ito, the colour-blind-safe palette, with its dark blue and without its yellow (which
#: vanishes on white). Text stays dark; colour marks lines and markers, and every marker has a
#: dark edge, so even the light colours stand out from the paper.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish green": "#009E73",
    "reddish purple": "#CC79A7",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "black": "#000000",
}

#: Each milestone kind has a colour, a marker shape and a legend entry, so no reader needs the
#: colour alone and every marker, labelled or not, says what it is.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "announcement": (OKABE_ITO["sky blue"], "o"),
    "delay": (OKABE_ITO["vermillion"], "X"),
    "manga": (OKABE_ITO["reddish purple"], "s"),
    "broadcast": (OKABE_ITO["blue"], "D"),
    "release": (OKABE_ITO["bluish green"], "^"),
    "stage": (OKABE_ITO["black"], "P"),
    "award": (OKABE_ITO["orange"], "*"),
    "other": (OKABE_ITO["black"], "v"),
}
#: The legend's words for each kind.
KIND_NAMES = {
    "announcement": "announcement",
    "delay": "delay",
    "manga": "manga",
    "broadcast": "broadcast",
    "release": "release",
    "stage": "stage",
    "award": "award",
    "other": "other",
}
EPISODE_COLOUR = OKABE_ITO["blue"]
MANGA_COLOUR = OKABE_ITO["reddish purple"]
GAP_COLOUR = OKABE_ITO["vermillion"]

LABEL_SIZE = 9.5
SMALL_SIZE = 8.5
TITLE_SIZE = 11.5
MAX_TITLE = 44

# The deck's own typefaces, so the chart's text can be real text in the SVG, drawn with the
# subsets embedded in it: Noto Sans, then Noto Sans CJK JP for Japanese. Where they are not
# installed, DejaVu Sans (matplotlib's own) draws it, as paths.
_INSTALLED = {f.name for f in font_manager.fontManager.ttflist}
FONT_FAMILY = [name for name in ("Noto Sans", "Noto Sans CJK JP") if name in _INSTALLED] or [
    "DejaVu Sans"]
#: Whether the chart's text is written as text with its fonts embedded (else as paths).
TEXT_AS_TEXT = FONT_FAMILY[0] == "Noto Sans"

#: rcParams in force while drawing and saving. Text from the data is never mathtext: "$5 and
#: $6" is drawn as written, and "$\\foo$" cannot fail the chart.
THEME_RC = {"font.family": FONT_FAMILY, "text.parse_math": False}
#: rcParams that make the SVG identical across builds with the same inputs.
SVG_RC = {"svg.hashsalt": "showdeck", "svg.id": "showdeck-chart",
          "svg.fonttype": "none" if TEXT_AS_TEXT else "path"}
_SVG_FAMILY = re.compile(r"font-family: [^;\"]*")
_SVG_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.DOTALL)


def _short_date(value: float, _pos: object = None) -> str:
    day = mdates.num2date(value)
    return f"{day.day} {MONTHS[day.month - 1]}"


def _year(value: float, _pos: object = None) -> str:
    return str(mdates.num2date(value).year)


def _style(ax: Axes) -> None:
    """The house look: dark face, hidden frame but for the date axis."""
    ax.set_facecolor(BACKGROUND)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(MUTED)
    ax.tick_params(axis="x", colors=MUTED, labelsize=SMALL_SIZE, labelcolor=FOREGROUND)
    ax.yaxis.set_major_locator(NullLocator())


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
    _style(ax)
    episodes = data.episodes
    first, last = episodes[0].air_date, episodes[-1].air_date
    count = len(episodes)
    span = max((last - first).days, 7)

    # The weekly grid, on the broadcast weekday, so the cadence reads as even steps.
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=first.weekday()))
    ax.xaxis.set_major_formatter(FuncFormatter(_short_date))
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)

    # The run: a faint staircase joining the episodes, then one marker per episode.
    dates = [e.air_date for e in episodes]
    rows = [e.number for e in episodes]
    ax.plot(dates, rows, color=EPISODE_COLOUR, alpha=0.35, linewidth=1, gid="run-line")
    ax.plot(dates, rows, linestyle="none", marker="o", markersize=7, color=EPISODE_COLOUR,
            markeredgecolor=FOREGROUND, markeredgewidth=0.6, gid="episodes")

    # The labels: right of the marker in the first half of the run, left of it in the second,
    # where each row is empty.
    for episode in episodes:
        right = (episode.air_date - first).days <= span / 2
        ax.annotate(
            f"{episode.number} · {_shorten(episode.title)}",
            xy=(episode.air_date, episode.number), xytext=(9 if right else -9, 0),
            textcoords="offset points", ha="left" if right else "right", va="center",
            color=FOREGROUND, fontsize=LABEL_SIZE, gid=f"episode-{episode.number}",
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


def context_milestones(data: ShowData, as_of: date) -> list[Milestone]:
    """Milestones for the context panel: up to the as-of date, minus the broadcasts of the run
    (the run has its own bar)."""
    run = data.show.run
    return [
        m for m in data.milestones
        if m.date <= as_of and not (m.kind == "broadcast" and run.first_air <= m.date <= run.last_air)
    ]


def _milestone_text(milestone: Milestone, wrap: int = 22) -> str:
    """'Jul 2020 · Manga starts in' / 'Magazine Pocket': date first, wrapped narrow."""
    text = f"{format_date(milestone.date, milestone.precision)} · {milestone.label}"
    return "\n".join(textwrap.wrap(text, wrap, break_on_hyphens=False))


def context_timeline(data: ShowData, as_of: date, ax: Axes | None = None) -> Axes:
    """The years around the run: announcements and delays, the manga's run, the time since."""
    if ax is None:
        fig = Figure(figsize=(FIGSIZE[0], 2.6), dpi=DPI, layout="constrained",
                     facecolor=BACKGROUND)
        ax = fig.add_subplot()
    with mpl.rc_context(THEME_RC):
        _draw_context(data, as_of, ax)
    return ax


def _draw_context(data: ShowData, as_of: date, ax: Axes) -> None:
    _style(ax)
    run = data.show.run
    manga = data.show.manga
    milestones = context_milestones(data, as_of)
    starts = [run.first_air, *(m.date for m in milestones)]
    if manga is not None and manga.start <= as_of:
        starts.append(manga.start)
    left = date(min(starts).year, 1, 1) - timedelta(days=45)
    right = date(as_of.year + 1, 1, 1)
    if (right - as_of).days < 150:
        right = date(as_of.year + 1, 7, 1)  # room for the as-of label
    ax.set_xlim(left, right)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(_year))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.tick_params(axis="x", which="major", length=0, pad=4)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title(
        f"Before and after the run, to {format_date(as_of)}",
        loc="left", color=FOREGROUND, fontsize=TITLE_SIZE, fontweight="bold",
    )

    # y is measured in label lines, so the axes' size in points fixes how many fit: the
    # baseline at 0, the lanes below it, the stems above.
    width_pt, height_pt = _axes_size_pt(ax)
    days_per_char = CHAR_WIDTH * SMALL_SIZE / width_pt * (right - left).days
    lanes = {"manga": -2.1, "gap": -3.5}
    bottom = -5.4  # room under the gap label for a font with tall descenders (Noto Sans)
    ceiling = max(height_pt / (SMALL_SIZE * LINE_SPACING) + bottom, 2.0) - 0.3
    ax.set_ylim(bottom, ceiling + 0.3)

    # The run, on the baseline itself: the weeks the show was on air.
    ax.plot([run.first_air, run.last_air], [0, 0], color=EPISODE_COLOUR, linewidth=6,
            solid_capstyle="butt", gid="run-bar", zorder=3)
    ax.annotate(
        f"TV anime, {_month_range(run.first_air, run.last_air)}",
        xy=(run.first_air, 0), xytext=(0, -5), textcoords="offset points", ha="left", va="top",
        color=FOREGROUND, fontsize=SMALL_SIZE, gid="run-label",
    )

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

    # The labels: one row along the top, in date order, each as near its date as the row
    # allows; a leader runs from each down to its date. Both orders agree, so no two leaders
    # cross and no leader crosses a label.
    labelled = labelled_milestones(milestones, left, right, days_per_char)
    texts, edges = _label_row(labelled, left, right, days_per_char)
    deepest = max((text.count("\n") + 1 for text in texts), default=0)
    elbow = ceiling - deepest - 0.4
    knee = min(elbow, max(0.9, elbow - max(1.2, 0.45 * elbow)))
    for milestone, text, edge in zip(labelled, texts, edges, strict=True):
        colour, _marker = KIND_STYLE[milestone.kind]
        ax.plot([edge, edge, milestone.date, milestone.date], [ceiling, elbow, knee, 0],
                color=colour, linewidth=1, gid=f"leader-{milestone.id}")
        ax.annotate(
            text, xy=(edge, ceiling), xytext=(4, 0), textcoords="offset points", ha="left",
            va="top", color=FOREGROUND, fontsize=SMALL_SIZE, linespacing=TEXT_LINESPACING,
            gid=f"label-{milestone.id}",
        )

    # The markers, every milestone's, labelled or not (the alt text lists them all). Hollow
    # markers for dates known only to the month or year.
    for milestone in milestones:
        colour, marker = KIND_STYLE[milestone.kind]
        exact = milestone.precision == "day"
        ax.plot(milestone.date, 0, linestyle="none", marker=marker, zorder=4,
                markersize=8 if milestone in labelled else 6, color=colour,
                markerfacecolor=colour if exact else BACKGROUND,
                markeredgecolor=FOREGROUND if exact else colour,
                markeredgewidth=0.6 if exact else 1.8, gid=f"milestone-{milestone.id}")

    # The legend: every kind of marker shown, and what a hollow marker means.
    _legend(ax, milestones)

    # The as-of line, up to the labels' row.
    ax.plot([as_of, as_of], [bottom, elbow if texts else ceiling], color=GAP_COLOUR,
            linestyle=(0, (2, 2)), linewidth=1.2, gid="as-of")


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
    legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.13),
                       ncols=len(handles), frameon=False, fontsize=SMALL_SIZE,
                       labelcolor=FOREGROUND, handletextpad=0.3, columnspacing=1.0,
                       borderaxespad=0)
    legend.set_gid("legend")


def _axes_size_pt(ax: Axes) -> tuple[float, float]:
    """The axes' width and height in points once the figure's layout has run."""
    fig = ax.get_figure(root=True)
    fig.draw_without_rendering()
    box = ax.get_window_extent()
    return box.width * 72 / fig.dpi, box.height * 72 / fig.dpi


#: Characters per line of a milestone label: the most, and the fewest when labels are many.
LABEL_WRAP = 24
MIN_WRAP = 12
#: A character's mean width and a line's height, as fractions of the font size: Noto Sans is
#: narrower than DejaVu Sans (the width stays an upper bound) and its lines are taller.
CHAR_WIDTH = 0.62
#: The labels' line spacing as matplotlib takes it (a multiple of the font's own line height:
#: Noto Sans's ascent and descent span 1.362 em, DejaVu Sans's 1.164), and the height of one
#: label line that layout counts in, in font sizes.
TEXT_LINESPACING = 0.95 if TEXT_AS_TEXT else 1.1
LINE_SPACING = TEXT_LINESPACING * (1.362 if TEXT_AS_TEXT else 1.164)


#: Which milestones get a label when not all fit: the story's kinds first, one of each in
#: this order, then a second of each, and so on (within a kind the first, the last, then the
#: rest: a story's start and end matter most); then the other kinds the same way.
LABEL_PRIORITY = (("delay", "stage", "manga", "announcement"),
                  ("other", "award", "release", "broadcast"))
#: The narrowest wrap the selection allows for; _label_row may still use a wider one.
FIT_WRAP = 15


def labelled_milestones(milestones: list[Milestone], left: date, right: date,
                        days_per_char: float) -> list[Milestone]:
    """The milestones that get a label, in date order: as many as fit in one row."""
    ranked: list[Milestone] = []
    for tier in LABEL_PRIORITY:
        by_kind = [_first_last_rest([m for m in milestones if m.kind == kind]) for kind in tier]
        ranked.extend(kind_list[i] for i in range(len(milestones)) for kind_list in by_kind
                      if i < len(kind_list))
    span = (right - left).days
    chosen: list[Milestone] = []
    used = 0.0
    for milestone in ranked:
        width = (max(map(len, _milestone_text(milestone, FIT_WRAP).splitlines())) + 2.5)
        if (used + width) * days_per_char <= span:
            chosen.append(milestone)
            used += width
    return sorted(chosen, key=lambda m: (m.date, m.id))


def _first_last_rest(items: list[Milestone]) -> list[Milestone]:
    return items[:1] + items[-1:] + items[1:-1] if len(items) > 1 else items


def _label_row(milestones: list[Milestone], left: date, right: date,
               days_per_char: float) -> tuple[list[str], list[date]]:
    """Wrapped label texts and their left edges for one row of labels in date order.

    The widest wrap whose labels fit side by side is used; each label then sits as near its
    own date as its neighbours allow (a forward pass pushes right, a backward pass pulls
    back inside the axes).
    """
    if not milestones:
        return [], []
    span = (right - left).days
    gap = 1.5 * days_per_char
    for wrap in range(LABEL_WRAP, MIN_WRAP - 1, -1):
        texts = [_milestone_text(m, wrap) for m in milestones]
        widths = [(max(map(len, t.splitlines())) + 1) * days_per_char for t in texts]
        if sum(widths) + gap * (len(texts) - 1) <= span:
            break
    positions: list[float] = []
    for index, milestone in enumerate(milestones):
        wanted = float((milestone.date - left).days)
        # Never closer to the previous label than its width and a gap.
        positions.append(max(wanted, positions[-1] + gap + widths[index - 1])
                         if positions else wanted)
    limit = float(span)
    for index in reversed(range(len(positions))):
        positions[index] = max(0.0, min(positions[index], limit - widths[index]))
        limit = positions[index] - gap
    return texts, [left + timedelta(days=p) for p in positions]


def timeline_figure(data: ShowData, as_of: date) -> Figure:
    """The chart slide's figure: the run above, the years around it below."""
    fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained", facecolor=BACKGROUND)
    fig.get_layout_engine().set(h_pad=0.08, hspace=0.06)
    run_ax, context_ax = fig.subplots(2, 1, height_ratios=[1.2, 1])
    airing_timeline(data, ax=run_ax)
    context_timeline(data, as_of, ax=context_ax)
    return fig


def figure_svg(fig: Figure) -> bytes:
    """The figure as SVG bytes, identical for identical inputs (no date, salted ids).

    Its text is real text (searchable, read by a PDF's text layer) in the deck's embedded
    font subsets, which the SVG carries itself: an SVG shown as an image cannot use its page's
    fonts, and these are the fonts matplotlib measured the text with.
    """
    buffer = io.BytesIO()
    with mpl.rc_context({**THEME_RC, **SVG_RC}):
        fig.savefig(buffer, format="svg", metadata={"Date": None},
                    facecolor=fig.get_facecolor())
    svg = buffer.getvalue().decode("utf-8")
    if TEXT_AS_TEXT:
        svg = _embed_fonts(svg)
    return svg.encode("utf-8")


def _embed_fonts(svg: str) -> str:
    """Point the SVG's text at the embedded families and put their subsets in a <style>."""
    text = "".join(unescape(t) for t in _SVG_TEXT.findall(svg))
    stack = fonts.FONT_STACK.replace('"', "'")  # inside a double-quoted attribute
    svg = _SVG_FAMILY.sub(lambda _m: f"font-family: {stack}", svg)
    style = f"<defs><style type=\"text/css\"><![CDATA[\n{fonts.font_face_css(text)}]]></style></defs>"
    head_end = svg.index(">", svg.index("<svg")) + 1
    return svg[:head_end] + "\n" + style + svg[head_end:]


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


def _month_range(start: date, end: date) -> str:
    first, last = format_date(start, "month"), format_date(end, "month")
    return first if first == last else f"{first} {DASH} {last}"


def _long(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
