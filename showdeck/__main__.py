"""Command line: `python -m showdeck check|build|pdf`; every failure is a message, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from showdeck.loader import DataError, ShowData, load_show


def summarize(data: ShowData) -> str:
    """A one-screen summary of a valid show folder."""
    show = data.show
    title = show.title.english + (f" ({show.title.japanese})" if show.title.japanese else "")
    verdicts = Counter(c.verdict for c in data.claims)
    order = ("correct", "partly correct", "incorrect", "unverifiable")
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
        f"  sources     {len(data.sources)}",
        f"  sequel      {show.sequel.status} as of {show.sequel.as_of}",
    ]
    return "\n".join(lines)


def _check(args: argparse.Namespace) -> int:
    data = load_show(args.folder)
    print(summarize(data))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m showdeck", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate a show data folder and summarize it")
    check.add_argument("folder", type=Path, help="the show's data folder, e.g. data/akudama-drive")
    check.set_defaults(run=_check)
    _add_deck_commands(commands)
    return parser


def _add_deck_commands(commands: argparse._SubParsersAction) -> None:
    """The build and pdf commands live with the deck builder."""
    try:
        from showdeck.cli_deck import add_commands
    except ImportError:
        return
    add_commands(commands)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
