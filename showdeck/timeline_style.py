"""The timeline chart's look: paper, colours, marker shapes, type sizes and fonts."""

from __future__ import annotations

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.ticker import NullLocator

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
KIND_NAMES = {kind: kind for kind in KIND_STYLE}
EPISODE_COLOUR = OKABE_ITO["blue"]
MANGA_COLOUR = OKABE_ITO["reddish purple"]
GAP_COLOUR = OKABE_ITO["vermillion"]

#: Type sizes in points (1 pt = 4/3 CSS px at the figure's own size). The smallest, 9 pt, is
#: 12 CSS px: 10.5 px on a deck scaled down to a 1024 x 640 window, 10 px where the wide chart
#: is shown at its narrowest (chart_html.WIDE_MIN_PX).
LABEL_SIZE = 9.5
SMALL_SIZE = 9.0
TITLE_SIZE = 11.0
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

#: A character's mean width and a line's height, as fractions of the font size: Noto Sans is
#: narrower than DejaVu Sans (the width stays an upper bound) and its lines are taller.
CHAR_WIDTH = 0.62
#: The labels' line spacing as matplotlib takes it (a multiple of the font's own line height:
#: Noto Sans's ascent and descent span 1.362 em, DejaVu Sans's 1.164), and the height of one
#: label line that layout counts in, in font sizes.
TEXT_LINESPACING = 0.95 if TEXT_AS_TEXT else 1.1
LINE_SPACING = TEXT_LINESPACING * (1.362 if TEXT_AS_TEXT else 1.164)


def point_gid(key: str) -> str:
    """The gid of a point's marker: the SVG markup makes it the element a person reaches."""
    return f"point-{key}"


def label_gid(key: str, role: str = "label") -> str:
    """The gid of text that belongs to a point (its label, its number): it shows the point's
    details on hover and tap too."""
    return f"{role}-{key}"


def style_axes(ax: Axes) -> None:
    """The house look: light face, hidden frame but for the date axis."""
    ax.set_facecolor(BACKGROUND)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(MUTED)
    ax.tick_params(axis="x", colors=MUTED, labelsize=SMALL_SIZE, labelcolor=FOREGROUND)
    ax.yaxis.set_major_locator(NullLocator())
