"""Command line: `python -m showdeck check|build|pdf`; every failure is a message, never a traceback."""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from showdeck.errors import Interrupted, ShowdeckError

if TYPE_CHECKING:
    from showdeck.loader import ShowData

# The loader and the model (pydantic) are imported by the commands that use them: `build` of an
# unchanged deck answers from its cache key without them.

#: Characters that would drive the terminal rather than show: C0 and C1 controls but tab and
#: newline, DEL, bidirectional overrides and Unicode line separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """`text` safe to print: every control character from the data is shown escaped (\\x1b)."""
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def summarize(data: ShowData) -> str:
    """A one-screen summary of a valid show folder."""
    from showdeck.loader import iso_partial
    from showdeck.record_types import VERDICTS

    show = data.show
    title = show.title.english + (f" ({show.title.japanese})" if show.title.japanese else "")
    verdicts = Counter(c.verdict for c in data.claims)
    order = VERDICTS
    lines = [
        f"{data.folder}: valid",
        f"  show        {title}",
        f"  episodes    {len(data.episodes)}, aired {show.run.first_air} to {show.run.last_air}",
        f"  milestones  {len(data.milestones)}, "
        f"{data.milestones[0].date} to {data.milestones[-1].date}" if data.milestones else
        "  milestones  0",
        f"  article     {len(data.article.sections)} sections: "
        + ", ".join(s.id for s in data.article.sections),
        f"  claims      {len(data.claims)}: "
        + ", ".join(f"{verdicts[v]} {v}" for v in order if verdicts[v]),
        (f"  confidence  claims {_counts(c.confidence for c in data.claims)}; "
        f"milestones {_counts(m.confidence for m in data.milestones)}"),
        f"  sources     {len(data.sources)}",
        f"  sequel      {show.sequel.status} as of "
        f"{iso_partial(show.sequel.as_of, show.sequel.as_of_precision)}"
        + (f" (sources searched {show.sequel.checked})" if show.sequel.checked else ""),
    ]
    return "\n".join(lines)


def _counts(levels) -> str:
    """'25 high, 12 medium, 3 low', with 'n unrated' for rows of a table without the column."""
    from showdeck.record_types import CONFIDENCES

    found = Counter(levels)
    parts = [f"{found[level]} {level}" for level in CONFIDENCES if found[level]]
    if found[None]:
        parts.append(f"{found[None]} unrated")
    return ", ".join(parts) or "none"


def _check(args: argparse.Namespace) -> int:
    from showdeck.loader import load_show

    data = load_show(args.folder)
    print(inert(summarize(data)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m showdeck", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate a show data folder and summarize it")
    check.add_argument("folder", type=Path, help="the show's data folder, e.g. data/akudama-drive")
    check.set_defaults(run=_check)
    build = commands.add_parser(
        "build", help="execute the notebook and write a self-contained reveal.js deck"
    )
    build.add_argument("--data", type=Path, required=True, help="the show's data folder")
    build.add_argument("--output", type=Path, required=True, help="the deck file to write")
    build.add_argument("--notebook", type=Path, default=Path("notebooks/akudama_drive_season2.ipynb"),
                       help="the presentation notebook (default: %(default)s)")
    build.add_argument("--as-of", help="the date the deck speaks for, YYYY-MM-DD (default: today)")
    build.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    build.set_defaults(run=_build)
    pdf = commands.add_parser(
        "pdf", help="print the handout: the notebook's reading view as a tagged PDF"
    )
    source = pdf.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", type=Path,
                        help="the show's data folder: run the notebook on it and print its reading view")
    source.add_argument("--html", type=Path,
                        help="print this reading view instead (jupyter nbconvert --to html)")
    pdf.add_argument("--output", type=Path, required=True, help="the PDF file to write")
    pdf.add_argument("--notebook", type=Path, default=Path("notebooks/akudama_drive_season2.ipynb"),
                     help="the presentation notebook (default: %(default)s)")
    pdf.add_argument("--as-of", help="the date the handout speaks for, YYYY-MM-DD (default: today)")
    pdf.add_argument("--paper", default="a4", help="a4 (default) or letter, portrait")
    pdf.add_argument("--notes", action="store_true", help="print the speaker notes after the text")
    pdf.set_defaults(run=_pdf)
    return parser


def _build(args: argparse.Namespace) -> int:
    # Imported here for start-up time: `check` needs neither nbconvert nor Playwright.
    from showdeck.build import build_deck

    build_deck(args.notebook, args.data, args.output, as_of=args.as_of, force=args.force,
               progress=lambda line: print(inert(line), flush=True))
    return 0


def _pdf(args: argparse.Namespace) -> int:
    # Imported here for start-up time (Playwright), as build_deck above.
    from showdeck import pdf

    def progress(line: str) -> None:
        print(inert(line), flush=True)

    if args.html is not None:
        pdf.print_pdf(args.html, args.output, paper=args.paper, notes=args.notes,
                      progress=progress)
    else:
        pdf.handout(args.notebook, args.data, args.output, as_of=args.as_of, paper=args.paper,
                    notes=args.notes, progress=progress)
    return 0


def _interrupt(signum: int, _frame: object) -> None:
    # Once: the cleanup that the exception sets off (kernel, temporary files) runs undisturbed.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    raise Interrupted(signum)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, _interrupt)
    except ValueError:  # not the main thread: signals stay as they are
        pass
    try:
        return args.run(args)
    except ShowdeckError as exc:
        print(f"error: {inert(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # a path the system refuses where no check expected it: one line
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {inert(where + (exc.strerror or str(exc)))}", file=sys.stderr)
        return 1
    except Interrupted as exc:
        if exc.signum == signal.SIGTERM:
            print("error: terminated (SIGTERM)", file=sys.stderr)
            return 1
        print("interrupted", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)


if __name__ == "__main__":
    sys.exit(main())
