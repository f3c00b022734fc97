"""The key under the wide chart: each numbered event's number and text, in columns."""

from __future__ import annotations

import textwrap

from matplotlib.axes import Axes

from showdeck.episode_records import Milestone
from showdeck.timeline_context import LabelPlan
from showdeck.timeline_style import (
    FOREGROUND,
    LINE_SPACING,
    SMALL_SIZE,
    TEXT_LINESPACING,
    label_gid,
)

#: The key's columns, and the room between them, in points.
KEY_COLUMNS = 3
KEY_GAP_PT = 12.0
#: The key's text starts this many font sizes after its number; its characters' mean width
#: (Noto Sans on mixed text is about half an em; the overlap test measures the result).
KEY_INDENT = 2.2
KEY_CHAR_WIDTH = 0.53
#: Room between two entries, in lines (a bold number's box is a little taller than a line).
KEY_ENTRY_GAP = 0.2


def key_entries(plan: LabelPlan, column_pt: float) -> list[tuple[int, Milestone, list[str]]]:
    """(number, milestone, wrapped lines) for each numbered event, at a column's width: its
    text (the numbers run in date order, the axis dates them, the details give the day)."""
    chars = max(16, int((column_pt - KEY_INDENT * SMALL_SIZE) / (KEY_CHAR_WIDTH * SMALL_SIZE)))
    return [(plan.numbers[m.id], m,
             textwrap.wrap(m.label, chars, break_on_hyphens=False))
            for m in plan.keyed]


def key_columns(entries: list, columns: int = KEY_COLUMNS) -> list[list]:
    """Entries split into balanced columns, top to bottom then left to right."""
    total = sum(len(lines) for _n, _m, lines in entries)
    target = total / columns if columns else total
    result: list[list] = [[]]
    height = 0
    for entry in entries:
        if height >= target - 0.5 and len(result) < columns and result[-1]:
            result.append([])
            height = 0
        result[-1].append(entry)
        height += len(entry[2])
    return result


def key_lines(plan: LabelPlan, width_pt: float) -> float:
    """How many lines the key needs in its tallest column."""
    column_pt = (width_pt - (KEY_COLUMNS - 1) * KEY_GAP_PT) / KEY_COLUMNS
    return max((sum(len(e[2]) + KEY_ENTRY_GAP for e in column)
                for column in key_columns(key_entries(plan, column_pt))), default=0)


def draw_key(plan: LabelPlan, ax: Axes, width_pt: float) -> None:
    """The numbered events, in columns: each number, then its date and text."""
    ax.set_axis_off()
    column_pt = (width_pt - (KEY_COLUMNS - 1) * KEY_GAP_PT) / KEY_COLUMNS
    line_pt = SMALL_SIZE * LINE_SPACING
    for index, column in enumerate(key_columns(key_entries(plan, column_pt))):
        x = index * (column_pt + KEY_GAP_PT)
        row = 0
        for number, milestone, lines in column:
            key = f"ev-{milestone.id}"
            ax.annotate(str(number), xy=(0, 1), xycoords="axes fraction",
                        xytext=(x, -row * line_pt), textcoords="offset points", ha="left",
                        va="top", fontsize=SMALL_SIZE, fontweight="bold", color=FOREGROUND,
                        gid=label_gid(key, "keynumber"))
            ax.annotate("\n".join(lines), xy=(0, 1), xycoords="axes fraction",
                        xytext=(x + KEY_INDENT * SMALL_SIZE, -row * line_pt),
                        textcoords="offset points", ha="left", va="top",
                        fontsize=SMALL_SIZE, color=FOREGROUND,
                        linespacing=TEXT_LINESPACING, gid=label_gid(key, "key"))
            row += len(lines) + KEY_ENTRY_GAP
