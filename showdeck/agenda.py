"""The agenda: the notebook's slides in order, each line linked to where it starts.

The same rule serves the notebook (the kernel reads the saved notebook JupyterLab runs it from)
and every export (the exporter reads the cells it converts), so a slide a user adds, as a
Markdown or a code cell marked Slide, is listed at its place everywhere. What each of our own
slides lists comes from `showdeck.slide_list`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from showdeck.title_view import AgendaItem

#: A cell showing one of our slides: one call on the deck, `deck.article()`.
SLIDE_CALL = re.compile(r"^\s*deck\.(\w+)\(\)\s*$")
#: What one of our slides lists: (label, element id, the page of the slide it starts on).
Entry = tuple[str, str, int]


def slide_type(cell: Mapping) -> str:
    """The cell's slideshow type ("slide", "notes", "skip", "-" when unset)."""
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def _source(cell: Mapping) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def own_slide(cell: Mapping) -> str | None:
    """The deck method a code cell calls (`deck.article()` -> "article"), or None."""
    if cell.get("cell_type") != "code":
        return None
    match = SLIDE_CALL.match(_source(cell))
    return match.group(1) if match else None


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def user_slide_title(cell: Mapping) -> str | None:
    """A user's slide title: its first Markdown heading (a `# comment` in a code cell)."""
    for line in _source(cell).splitlines():
        match = _HEADING.match(line)
        if match:
            return match.group(1).strip()
    return None


def heading_anchor(title: str) -> str:
    """The id JupyterLab and nbconvert give a rendered Markdown heading."""
    return title.replace(" ", "-")


def deck_href(h: int, v: int, page: int) -> str:
    """A reveal.js deep link to page `page` of slide (h, v). Its pages are fragments: page k
    shows at step k - 1 (showdeck.pages), and reveal.js numbers steps in a link from 0."""
    return f"#/{h}/{v}" + (f"/{page - 2}" if page > 1 else "")


def agenda_items(cells: Iterable[Mapping], entries: Mapping[str, list[Entry]]) -> list[AgendaItem]:
    """The agenda of these cells: our slides' entries and every titled slide a user added,
    in notebook order; the title and the agenda itself are not listed."""
    items: list[AgendaItem] = []
    h, v = -1, 0
    for cell in cells:
        kind = slide_type(cell)
        if kind == "slide":
            h, v = h + 1, 0
        elif kind == "subslide" and h >= 0:
            v += 1
        else:
            continue
        method = own_slide(cell)
        if method is not None:
            items.extend(AgendaItem(label, anchor, deck_href(max(h, 0), v, page))
                         for label, anchor, page in entries.get(method, []))
            continue
        title = user_slide_title(cell)
        if title and cell.get("cell_type") == "markdown":
            items.append(AgendaItem(title, heading_anchor(title), deck_href(max(h, 0), v, 1)))
        elif title:
            items.append(AgendaItem(title, "", deck_href(max(h, 0), v, 1)))
    return items


def _session_file(name: Path) -> Path | None:
    """The notebook file a session names: absolute, or relative to the server's root, which is
    the kernel's working directory or one of its parents."""
    cwd = Path.cwd()
    candidates = [name] if name.is_absolute() else [
        base / name for base in (cwd, *cwd.parents)] + [cwd / name.name]
    return next((path for path in candidates if path.is_file()), None)


def running_notebook_cells() -> list[dict] | None:
    """The cells of the saved notebook this kernel runs, when Jupyter says which it is
    (JupyterLab and Jupyter Server set JPY_SESSION_NAME); None when unknown or unreadable."""
    name = os.environ.get("JPY_SESSION_NAME", "")
    if not name.endswith(".ipynb"):
        return None
    path = _session_file(Path(name))
    if path is None:
        return None
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(cells, list) or not any(own_slide(c) == "agenda" for c in cells
                                              if isinstance(c, dict)):
        return None
    return [c for c in cells if isinstance(c, dict)]
