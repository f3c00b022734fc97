"""Problems with a show's data: one located line each, gathered so that one run reports them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from showdeck.errors import ShowdeckError

#: Problems listed in an error message; the rest are counted.
SHOWN_PROBLEMS = 50
#: Problems kept at all: past this, a broken file is broken enough to say so.
KEPT_PROBLEMS = 1000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as the format allows."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DataError(ShowdeckError):
    """The data folder is invalid; `problems` lists everything found, not just the first."""

    def __init__(self, folder: Path, problems: list[Problem], uncounted: int = 0) -> None:
        self.folder = folder
        self.problems = problems
        self.uncounted = uncounted
        total = len(problems) + uncounted
        lines = "\n".join(f"  {p}" for p in problems[:SHOWN_PROBLEMS])
        if total > SHOWN_PROBLEMS:
            more = total - SHOWN_PROBLEMS
            lines += f"\n  ... and {more} more problem{'s' if more != 1 else ''}"
        count = f"{total} problem{'s' if total != 1 else ''}"
        super().__init__(f"invalid show data in {folder} ({count}):\n{lines}")


class Collector:
    """Gathers problems while the loader carries on, so one run reports them all."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.uncounted = 0  # problems past KEPT_PROBLEMS: counted, not kept

    @property
    def full(self) -> bool:
        return len(self.problems) >= KEPT_PROBLEMS

    def add(self, file: str, line: int | None, field: str | None, message: str) -> None:
        if self.full:
            self.uncounted += 1
            return
        self.problems.append(Problem(file, line, field, message))

    def validation(
        self, file: str, line: int | Callable[[str], int | None] | None, exc: ValidationError
    ) -> None:
        """One problem per pydantic error; `line` may be a function of the dotted field."""
        for err in exc.errors():
            field = ".".join(str(part) for part in err["loc"]) or None
            if self.full:  # locating a line costs a scan of the file
                self.uncounted += 1
                continue
            message = err["msg"].removeprefix("Value error, ")
            # Our own validators already quote the value; pydantic's messages do not.
            if err["type"] not in {"missing", "extra_forbidden", "value_error"} and "input" in err:
                message += f" (got {short(err['input'])})"
            where = line(field or "") if callable(line) else line
            self.add(file, where, field, message)


def short(value: Any) -> str:
    """`value`'s repr, cut to 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
