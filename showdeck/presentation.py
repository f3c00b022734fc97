"""The notebook's side of the deck: read the parameters, then show one slide per cell.

The presentation notebook calls only this module. `Presentation.open` checks the notebook's
parameters where they are read, and a wrong one is one line naming it, not a traceback.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from IPython import get_ipython
from IPython.display import HTML, display

from showdeck import agenda, chart_html, chart_svg, slide_list, timeline, title_view
from showdeck.dates import format_date, resolve_as_of
from showdeck.errors import ShowdeckError
from showdeck.facts import as_of_problem
from showdeck.loader import SHOW_FILE, DataError, ShowData, load_show
from showdeck.pages import DECK_META_KEY, NOT_SHOWN_KEY
from showdeck.styles import output_style

#: The repository the package runs from: a relative data_dir is also looked up here.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ParameterError(ShowdeckError):
    """A notebook parameter is wrong; shown in the notebook as this one line, no traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython's hook for how an error is shown
        return [f"ParameterError: {self}"]


def resolve_data_dir(data_dir: str | os.PathLike[str], cwd: Path | None = None) -> Path:
    """The show's data folder (one holding a show.toml): absolute as given; relative, from the
    kernel's working directory, then from the project the package runs from, then from the
    working directory's parents (a notebook run from notebooks/ or a subfolder)."""
    cwd = Path.cwd() if cwd is None else cwd
    given = Path(data_dir).expanduser()
    if given.is_absolute():
        candidates = [given]
    else:
        candidates = [base / given for base in (cwd, PROJECT_ROOT, *cwd.parents)]
    for candidate in candidates:
        if (candidate / SHOW_FILE).is_file():
            return candidate.resolve()
    msg = (f"data_dir {str(data_dir)!r}: no show data folder (with a {SHOW_FILE}) there, looked "
           f"from the kernel's working directory {cwd}, {PROJECT_ROOT} and {cwd}'s parents; set "
           "data_dir to a show's data folder (absolute, or relative to one of those)")
    raise ParameterError(msg)


#: Environment variable giving the as-of date when the notebook's `as_of` is None, so routes
#: that cannot pass parameters (plain `jupyter nbconvert --execute`) can pin the date too.
AS_OF_ENV = "SHOWDECK_AS_OF"


def read_parameters(data_dir: str | os.PathLike[str], as_of: str | date | None) -> tuple[ShowData, date]:
    """The data and the as-of date, validated together: every problem is a ParameterError."""
    name = "as_of"
    if as_of is None and os.environ.get(AS_OF_ENV):
        as_of, name = os.environ[AS_OF_ENV], f"as_of (None, so ${AS_OF_ENV})"
    try:
        day = resolve_as_of(as_of)
    except ValueError as exc:
        raise ParameterError(f"{name}: {exc}") from None
    folder = resolve_data_dir(data_dir)
    try:
        data = load_show(folder)
    except DataError as exc:
        first = exc.problems[0] if exc.problems else "invalid"
        more = len(exc.problems) - 1
        also = f" (and {more} more problem{'s' if more != 1 else ''}; `python -m showdeck check "\
               f"{folder}` lists them)" if more > 0 else ""
        msg = f"data_dir {str(data_dir)!r}: invalid show data: {first}{also}"
        raise ParameterError(msg) from None
    if problem := as_of_problem(data, day):
        msg = f"{name} {problem}"
        raise ParameterError(msg)
    return data, day


def _slide(method: Callable[..., None]) -> Callable[..., None]:
    """A slide method: on a deck whose parameters failed it shows one line saying so instead,
    so no slide keeps showing the show of an earlier run."""

    @functools.wraps(method)
    def show(self: Presentation, *args: object, **kwargs: object) -> None:
        if self.problem is not None:
            if method.__name__ != "notes":  # notes of a slide not shown: nothing to say
                self._show(title_view.not_shown(), **{NOT_SHOWN_KEY: self.problem})
            return
        method(self, *args, **kwargs)

    return show


@dataclass
class Presentation:
    """One show's deck, slide by slide: each method displays one slide's content.

    `problem` is set, and `data` and `as_of` are None, when the parameters were wrong.
    """

    data: ShowData
    as_of: date
    problem: str | None = None

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str], as_of: str | date | None = None) -> Presentation:
        """The deck for the notebook's parameters.

        In a notebook a wrong parameter is shown as one error line under the cell, and the deck
        returned shows, in every slide cell, a line pointing back to the parameters: Run All
        goes on, and no slide keeps an earlier run's show. Outside IPython it is raised.
        """
        try:
            data, day = read_parameters(data_dir, as_of)
        except ParameterError as exc:
            shell = get_ipython()
            if shell is None:
                raise
            # An error output (papermill and our exporter refuse the notebook), not an
            # exception: JupyterLab's Run All would stop here and leave the old slides below.
            shell.showtraceback((type(exc), exc, None))
            return cls(None, None, problem=str(exc))  # type: ignore[arg-type]
        return cls(data, day)

    def _show(self, html: str, **metadata: object) -> None:
        # Each output carries the stylesheet: it must look right with any other one cleared.
        display(HTML(output_style() + html),
                metadata={DECK_META_KEY: metadata} if metadata else None)

    @property
    def footer(self) -> str:
        title = self.data.show.title
        name = f"{title.english} {title.japanese}" if title.japanese else title.english
        return f"{name} · as of {self.as_of.isoformat()}"

    def _view(self, slide_id: str) -> str:
        """The slide's HTML, from its entry in the slide list."""
        return slide_list.slide(slide_id).view(self.data, self.as_of)

    # One method per entry of showdeck.slide_list.SLIDES, named by its `method`.

    @_slide
    def title(self) -> None:
        """The title slide; its output also gives the deck its title and footer."""
        self._show(self._view("title"), title=self.data.article.title, footer=self.footer)

    @functools.cached_property
    def _entries(self) -> dict[str, list[agenda.Entry]]:
        return slide_list.agenda_entries(self.data)

    @_slide
    def agenda(self) -> None:
        """The agenda of the saved notebook JupyterLab runs (a slide a user added is listed
        at its place), else of the standard slides; every export redraws it from its cells."""
        cells = agenda.running_notebook_cells() or slide_list.standard_cells()
        self._show(title_view.agenda_slide(agenda.agenda_items(cells, self._entries)),
                   slide="agenda")

    @_slide
    def article(self) -> None:
        self._show(self._view("article"), agenda=self._entries["article"])

    @_slide
    def timeline(self) -> None:
        """The chart, under its heading: one output that explores (HTML with the figure's SVG
        inline, its style and script), with the static SVG and the alt text beside it for
        viewers that take those."""
        self._show(self._view("timeline"), agenda=self._entries["timeline"])
        svg = chart_svg.render(timeline.timeline_figure(self.data, self.as_of))
        alt = timeline.describe_timeline(self.data, self.as_of)
        # Like every slide output, it starts with the slides' stylesheet (the exporter keeps
        # one copy); the chart's own style, fonts and script follow in its fragment.
        display({"text/html": output_style() + chart_html.chart_html(self.data, self.as_of, svg),
                 "image/svg+xml": chart_svg.standalone_svg(svg), "text/plain": alt},
                raw=True, metadata={"image/svg+xml": {"alt": alt}})

    @_slide
    def timeline_table(self) -> None:
        self._show(self._view("timeline-table"))

    @_slide
    def outlook(self) -> None:
        self._show(self._view("outlook"), agenda=self._entries["outlook"])

    @_slide
    def sources(self) -> None:
        self._show(self._view("sources"), agenda=self._entries["sources"])

    @_slide
    def notes(self, slide_id: str) -> None:
        """Speaker notes for the slide above, named by its id in the slide list: in the
        notebook a folded cell, in the deck the speaker view (S)."""
        self._show(slide_list.speaker_notes(self.data, slide_id, self.as_of))

    def describe(self) -> str:
        if self.problem is not None:
            return f"no deck: {self.problem}"
        return (f"{self.data.show.title.english}, as of {format_date(self.as_of)}, "
                f"from {self.data.folder}")

