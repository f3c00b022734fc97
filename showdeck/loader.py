"""Load one show's data folder into validated records, reporting every problem at once."""

from __future__ import annotations

import csv
import io
import itertools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from showdeck.datafiles import (
    ARTICLE_FILE,
    CLAIMS_FILE,
    EPISODES_FILE,
    MAX_FILE_BYTES,
    MILESTONES_FILE,
    SHOW_FILE,
    SOURCES_FILE,
)
from showdeck.errors import ShowdeckError
from showdeck.model import (
    Article,
    ArticleSection,
    Claim,
    Episode,
    Milestone,
    Show,
    Source,
)

#: The columns of each table, in order: one constant per table, checked against the header.
COLUMNS: dict[str, tuple[str, ...]] = {
    EPISODES_FILE: ("number", "title", "title_japanese", "title_english", "film_reference",
                    "film_reference_inferred", "air_date", "sources"),
    MILESTONES_FILE: ("id", "date", "precision", "kind", "label", "confidence", "lineage",
                      "sources"),
    SOURCES_FILE: ("id", "title", "url", "publisher", "published", "published_precision",
                   "accessed", "note"),
    CLAIMS_FILE: ("id", "section", "quote", "topic", "group", "verdict", "confidence", "reason",
                  "correction", "evidence", "evidence_source", "disagreement", "lineage",
                  "sources"),
}
#: Columns added after the first version: a table may leave them out (older tables still load),
#: but the header keeps the order of COLUMNS. The shipped data has every column.
OPTIONAL_COLUMNS: dict[str, frozenset[str]] = {
    EPISODES_FILE: frozenset({"title_japanese", "title_english", "film_reference_inferred"}),
    MILESTONES_FILE: frozenset({"confidence", "lineage"}),
    SOURCES_FILE: frozenset({"published_precision"}),
    CLAIMS_FILE: frozenset({"group", "confidence", "reason", "evidence", "evidence_source",
                            "disagreement", "lineage"}),
}
#: Columns that, when a table has them, need a value in every row.
FILLED_WHEN_PRESENT = frozenset({"group", "confidence", "reason", "evidence", "evidence_source"})
#: A status may speak for at most this long after its newest dated source.
FRESHNESS = timedelta(days=365)

# Limits, so that validation takes time and memory in proportion to a sane input.
#: Rows in one table.
MAX_ROWS = 500
#: Tables and arrays nested in show.toml (the real record needs 2).
MAX_TOML_DEPTH = 8
#: Problems listed in an error message; the rest are counted.
SHOWN_PROBLEMS = 50
#: Problems kept at all: past this, a broken file is broken enough to say so.
KEPT_PROBLEMS = 1000

M = TypeVar("M", bound=BaseModel)

_SECTION_HEADING = re.compile(r"^## \[(?P<id>[^\]]*)\](?: (?P<heading>.*))?$")
_IMAGE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\(\)$")


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


@dataclass(frozen=True)
class ShowData:
    """Everything the deck knows about one show, validated."""

    folder: Path
    show: Show
    episodes: tuple[Episode, ...]
    milestones: tuple[Milestone, ...]
    sources: dict[str, Source]
    claims: tuple[Claim, ...]
    article: Article

    @property
    def premiere(self) -> Episode:
        return self.episodes[0]

    @property
    def finale(self) -> Episode:
        return self.episodes[-1]

    def cited(self, ids: list[str] | tuple[str, ...]) -> list[Source]:
        return [self.sources[i] for i in ids]


class _Collector:
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
                message += f" (got {_short(err['input'])})"
            where = line(field or "") if callable(line) else line
            self.add(file, where, field, message)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _read_text(folder: Path, name: str, out: _Collector) -> str | None:
    path = folder / name
    if not path.is_file():
        out.add(name, None, None, "file is missing")
        return None
    if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
        out.add(name, None, None,
                "is a link to a file outside the data folder; copy the file into the folder")
        return None
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        out.add(name, None, None, f"cannot be read: {exc.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        out.add(name, None, None, f"is larger than {MAX_FILE_BYTES:,} bytes; a data file holds "
                                  "one show's facts and is far smaller")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.add(name, line, None, f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8")
        return None
    if (nul := text.find("\0")) >= 0:
        line = text.count("\n", 0, nul) + 1
        out.add(name, line, None, "contains a NUL character; save the file as plain UTF-8 text")
        return None
    return text


def _read_table(
    folder: Path, name: str, model: type[M], key: str, out: _Collector
) -> list[tuple[int, M]]:
    """Rows of a CSV table as (line number, record); bad rows are reported and skipped."""
    text = _read_text(folder, name, out)
    if text is None:
        return []
    text = text.removeprefix("\ufeff")
    # newline="" keeps csv's own line counting: str.splitlines would also split on \x0c, \u2028...
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, M]] = []
    seen: dict[str, int] = {}
    counted = 0
    try:
        header = next(reader, None)
        expected = COLUMNS[name]
        if header is None:
            out.add(name, 1, None, f"file is empty; expected the header {','.join(expected)}")
            return []
        header = [h.strip() for h in header]
        optional = OPTIONAL_COLUMNS[name]
        if header != [c for c in expected if c in header or c not in optional] or any(
            c not in expected for c in header
        ):
            missing = [c for c in expected if c not in header and c not in optional]
            extra = [c for c in header if c not in expected]
            detail = "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"unknown {', '.join(extra)}" if extra else "",
                )
                if part
            ) or "columns out of order"
            out.add(name, 1, None, f"header must be {','.join(expected)} ({detail})")
            return []
        expected = tuple(header)
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            counted += 1
            if counted > MAX_ROWS:
                out.add(name, line, None, f"more than {MAX_ROWS} rows; a table holds one "
                                          "show's facts and is far shorter")
                break
            if len(cells) != len(expected):
                out.add(name, line, None, f"has {len(cells)} cells, expected {len(expected)}")
                continue
            raw = dict(zip(expected, cells, strict=True))
            # Empty optional cells mean "not given".
            data = {k: v for k, v in raw.items()
                    if v.strip() != "" or k in FILLED_WHEN_PRESENT}
            try:
                record = model.model_validate(data)
            except ValidationError as exc:
                out.validation(name, line, exc)
                continue
            value = str(getattr(record, key))
            if value in seen:
                out.add(name, line, key, f"duplicate {key} {value!r} (first on line {seen[value]})")
                continue
            seen[value] = line
            rows.append((line, record))
    except csv.Error as exc:
        out.add(name, reader.line_num, None, f"malformed CSV: {exc}")
    return rows


def _toml_line(text: str, dotted: str) -> int | None:
    """The line of a key in show.toml, e.g. "run.first_air" or "staff.2.name" (the third
    [[staff]] table); the line of its table when the key is missing; None if neither is found."""
    parts = [p for p in dotted.split(".") if p]
    if not parts:
        return None
    lines = text.split("\n")  # TOML's own line ends: splitlines would also split at U+2028

    def find_key(key: str, start: int, end: int) -> int | None:
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
        return next((i + 1 for i in range(start, end) if pattern.match(lines[i])), None)

    headers = [i for i, line in enumerate(lines) if re.match(r"\s*\[", line)]
    if len(parts) == 1:
        return find_key(parts[0], 0, headers[0] if headers else len(lines))
    name, rest = parts[0], parts[1:]
    index = int(rest.pop(0)) if rest[0].isdigit() else 0
    own = [i for i in headers
           if re.fullmatch(rf"\s*\[\[?{re.escape(name)}\]\]?\s*(#.*)?", lines[i])]
    if index >= len(own):
        return None
    start = own[index] + 1
    end = next((i for i in headers if i >= start), len(lines))
    return (find_key(rest[0], start, end) if rest else None) or own[index] + 1


def _load_show_record(folder: Path, out: _Collector) -> tuple[Show | None, str]:
    text = _read_text(folder, SHOW_FILE, out)
    if text is None:
        return None, ""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's tomllib puts the position in the message only.
        where = re.search(r"\(at line (\d+), column \d+\)$", str(exc))
        message = str(exc)[: where.start()].strip() if where else str(exc)
        out.add(SHOW_FILE, int(where[1]) if where else None, None, f"not valid TOML: {message}")
        return None, text
    except (RecursionError, ValueError) as exc:  # deep nesting; an integer of 4300+ digits
        problem = ("tables or arrays nested too deeply" if isinstance(exc, RecursionError)
                   else str(exc).split(";")[0][:100])
        out.add(SHOW_FILE, None, None, f"not valid TOML: {problem}")
        return None, text
    if _depth(raw) > MAX_TOML_DEPTH:
        out.add(SHOW_FILE, None, None,
                f"tables or arrays nested more than {MAX_TOML_DEPTH} deep; the record needs 2")
        return None, text
    try:
        return Show.model_validate(raw), text
    except ValidationError as exc:
        out.validation(SHOW_FILE, lambda dotted: _toml_line(text, dotted), exc)
        return None, text


def _depth(value: object) -> int:
    """How deeply tables and arrays nest in a parsed TOML value, without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def parse_article(text: str, out: _Collector | None = None) -> Article | None:
    """Parse article.md: a '# title', then '## [id] heading' sections of blank-line paragraphs."""
    collector = out or _Collector(Path("."))
    title: str | None = None
    sections: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph and current is not None:
            current["paragraphs"].append(" ".join(paragraph))
        paragraph.clear()

    # Lines end at \n only: splitlines would also split at U+2028, \x0c..., and shift numbers.
    lines = text.removeprefix("\ufeff").split("\n")
    for number, line in enumerate((line.removesuffix("\r") for line in lines), start=1):
        stripped = line.strip()
        if line.startswith("# ") and title is None and not sections:
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            flush()
            match = _SECTION_HEADING.match(line.rstrip())
            if not match or not match["id"]:
                collector.add(
                    ARTICLE_FILE, number, "section", "a section starts with '## [section-id] Heading'"
                )
                current = None
                continue
            current = {
                "id": match["id"],
                "heading": (match["heading"] or "").strip() or None,
                "image_caption": None,
                "paragraphs": [],
                "_line": number,
            }
            sections.append(current)
            continue
        if not stripped:
            flush()
            continue
        if current is None:
            collector.add(ARTICLE_FILE, number, None, "text before the first '## [id]' section")
            continue
        if (image := _IMAGE.match(stripped)) and not paragraph:
            current["image_caption"] = image["caption"].strip() or None
            continue
        paragraph.append(stripped)
    flush()

    if title is None:
        collector.add(ARTICLE_FILE, 1, "title", "the article starts with '# Title'")
    if not sections:
        collector.add(ARTICLE_FILE, None, "section", "the article has no '## [id]' sections")
    built: list[ArticleSection] = []
    seen: dict[str, int] = {}
    for section in sections:
        line = section.pop("_line")
        if section["id"] in seen:
            collector.add(
                ARTICLE_FILE, line, "id",
                f"duplicate section id {section['id']!r} (first on line {seen[section['id']]})",
            )
            continue
        seen[section["id"]] = line
        if not section["paragraphs"]:
            collector.add(ARTICLE_FILE, line, "paragraphs", "section has no text")
            continue
        try:
            built.append(ArticleSection.model_validate(section))
        except ValidationError as exc:
            collector.validation(ARTICLE_FILE, line, exc)
    if title is None or not built:
        return None
    return Article(title=title, sections=tuple(built))


def load_show(folder: str | Path) -> ShowData:
    """Load and validate a show folder; raise DataError listing every problem found."""
    folder = Path(folder)
    out = _Collector(folder)
    if not folder.is_dir():
        out.add(str(folder), None, None, "no such data folder")
        raise DataError(folder, out.problems)

    show, show_text = _load_show_record(folder, out)
    episodes = _read_table(folder, EPISODES_FILE, Episode, "number", out)
    # Whole-table rules would only echo a row that was already rejected, so they need every row.
    episodes_complete = not any(p.file == EPISODES_FILE for p in out.problems)
    milestones = _read_table(folder, MILESTONES_FILE, Milestone, "id", out)
    sources = _read_table(folder, SOURCES_FILE, Source, "id", out)
    claims = _read_table(folder, CLAIMS_FILE, Claim, "id", out)
    article_text = _read_text(folder, ARTICLE_FILE, out)
    article = parse_article(article_text, out) if article_text is not None else None

    source_ids = {s.id for _, s in sources}
    _check_sources_exist(show, show_text, episodes, milestones, claims, source_ids, out)
    if episodes_complete:
        _check_episodes(show, show_text, episodes, out)
    _check_claims(article, claims, out, show, show_text)
    _check_sequel_freshness(show, show_text, {s.id: s for _, s in sources}, out)
    if show is not None and show.id != folder.resolve().name:
        out.add(SHOW_FILE, _toml_line(show_text, "id"), "id",
                f"the show id {show.id!r} must be its folder's name, {folder.resolve().name!r}")
    sources_read = not any(p.file == SOURCES_FILE for p in out.problems)
    if show is not None and show.article.source not in source_ids and sources_read:
        out.add(SHOW_FILE, _toml_line(show_text, "article.source"), "article.source",
                f"unknown source {show.article.source!r}; add it to {SOURCES_FILE}")

    if out.problems or show is None or article is None:
        raise DataError(folder, out.problems, out.uncounted)
    return ShowData(
        folder=folder,
        show=show,
        episodes=tuple(sorted((e for _, e in episodes), key=lambda e: e.number)),
        milestones=tuple(sorted((m for _, m in milestones), key=lambda m: (m.date, m.id))),
        sources={s.id: s for _, s in sources},
        claims=tuple(c for _, c in claims),
        article=article,
    )


def _check_sources_exist(show, show_text, episodes, milestones, claims, source_ids, out) -> None:
    if any(p.file == SOURCES_FILE for p in out.problems):
        return  # sources.csv itself failed; its problems are already reported
    if show is not None:
        for dotted, ids in show_citations(show):
            for sid in ids:
                if sid not in source_ids:
                    out.add(SHOW_FILE, _toml_line(show_text, dotted), dotted,
                            f"unknown source {sid!r}; add it to {SOURCES_FILE}")
    for name, rows in ((EPISODES_FILE, episodes), (MILESTONES_FILE, milestones),
                       (CLAIMS_FILE, claims)):
        for line, record in rows:
            for sid in record.sources:
                if sid not in source_ids:
                    out.add(name, line, "sources", f"unknown source {sid!r}; add it to {SOURCES_FILE}")


def show_citations(show: Show) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = [("genres_sources", show.genres_sources)]
    if show.article.provenance_sources:
        found.append(("article.provenance_sources", show.article.provenance_sources))
    for name in ("title", "run", "manga", "sequel"):
        part = getattr(show, name)
        if part is not None:
            found.append((f"{name}.sources", part.sources))
    for name in ("studios", "staff", "broadcasters", "distributors"):
        found.extend((f"{name}.{i}.sources", item.sources)
                     for i, item in enumerate(getattr(show, name)))
    return found


def _check_episodes(show, show_text, episodes, out) -> None:
    if not episodes:
        out.add(EPISODES_FILE, None, None, "no episodes; list at least the first one")
    numbers = {e.number for _, e in episodes}
    top = max(numbers, default=0)
    if top != len(numbers):
        # The first few gaps, found in at most len(numbers) + 10 steps whatever the numbers.
        missing: list[int] = []
        number = 1
        while number <= top and len(missing) < 10:
            if number not in numbers:
                missing.append(number)
            number += 1
        count = top - len(numbers)
        listed = ", ".join(map(str, missing))
        shown = f"[{listed}]" if count <= len(missing) else f"[{listed}, ...] ({count:,} in all)"
        out.add(EPISODES_FILE, None, "number",
                f"episodes must be numbered 1..N without gaps; missing {shown}")
    in_order = sorted(episodes, key=lambda row: row[1].number)
    for (_, before), (line, episode) in itertools.pairwise(in_order):
        if episode.air_date <= before.air_date:
            out.add(EPISODES_FILE, line, "air_date",
                    f"episode {episode.number} aired {episode.air_date}, not after episode "
                    f"{before.number} ({before.air_date}); each episode airs on a later day")
    if show is None:
        return
    run = show.run
    if run.first_air > run.last_air:
        out.add(SHOW_FILE, _toml_line(show_text, "run.last_air"), "run.last_air",
                f"last air date {run.last_air} is before the first {run.first_air}")
    if episodes and len(episodes) != run.episodes:
        out.add(EPISODES_FILE, None, None,
                f"{len(episodes)} episodes listed but {SHOW_FILE} run.episodes says {run.episodes}")
    for line, episode in episodes:
        if not run.first_air <= episode.air_date <= run.last_air:
            out.add(EPISODES_FILE, line, "air_date",
                    f"{episode.air_date} is outside the run {run.first_air}..{run.last_air}")
    by_number = {e.number: (line, e) for line, e in episodes}
    if 1 in by_number and by_number[1][1].air_date != run.first_air:
        out.add(EPISODES_FILE, by_number[1][0], "air_date",
                f"episode 1 aired {by_number[1][1].air_date} but run.first_air is {run.first_air}")
    last = max(by_number, default=None)
    if last is not None and by_number[last][1].air_date != run.last_air:
        out.add(EPISODES_FILE, by_number[last][0], "air_date",
                f"episode {last} aired {by_number[last][1].air_date} "
                f"but run.last_air is {run.last_air}")


def _check_claims(article: Article | None, claims, out, show: Show | None = None,
                  show_text: str = "") -> None:
    if article is None:
        return
    sections = {s.id: s for s in article.sections}
    for section_id in show.article.forecast_sections if show is not None else ():
        if section_id not in sections:
            out.add(SHOW_FILE, _toml_line(show_text, "article.forecast_sections"),
                    "article.forecast_sections",
                    f"no article section {section_id!r} (have {', '.join(sections)})")
    for line, claim in claims:
        section = sections.get(claim.section)
        if section is None:
            out.add(CLAIMS_FILE, line, "section",
                    f"no article section {claim.section!r} (have {', '.join(sections)})")
        elif claim.quote not in section.text:
            out.add(CLAIMS_FILE, line, "quote",
                    f"quote does not occur verbatim in section {claim.section!r}: "
                    f"{_short(claim.quote)}")


def newest_dated_source(ids: list[str], sources: dict[str, Source]) -> Source | None:
    """The cited source with the latest publication date; undated sources do not count.

    A page dated only by its month or year counts from the first day of it: the earliest it
    can be, so the status is never dated later than its evidence allows.
    """
    dated = [sources[i] for i in ids if i in sources and sources[i].published is not None]
    return max(dated, key=lambda s: (s.published, s.id), default=None)


def iso_partial(day: date, precision: str = "day") -> str:
    """A date written only as far as it is known: 2023-12-05, 2025-11 or 2026."""
    return {"year": day.isoformat()[:4], "month": day.isoformat()[:7]}.get(precision,
                                                                        day.isoformat())


def _check_sequel_freshness(show: Show | None, show_text: str, sources: dict[str, Source],
                            out: _Collector) -> None:
    """A sequel status speaks for the date of its newest dated evidence, give or take a year
    after it: never for an earlier date (it would be staler than the evidence we hold)."""
    if show is None or not sources:
        return
    sequel = show.sequel
    where = _toml_line(show_text, "sequel.as_of")
    newest = newest_dated_source(sequel.sources, sources)
    if newest is None:
        out.add(SHOW_FILE, where, "sequel.as_of",
                "the sequel status cites no dated source, so nothing dates it; cite a source "
                f"with a published date in {SOURCES_FILE}")
        return
    assert newest.published is not None
    evidence = f"{newest.id}, {iso_partial(newest.published, newest.precision)}"
    as_of = iso_partial(sequel.as_of, sequel.as_of_precision)
    if sequel.as_of < newest.published:
        out.add(SHOW_FILE, where, "sequel.as_of",
                f"{as_of} is before the newest dated source cited for the status ({evidence}); "
                "date the status by its newest evidence")
    elif sequel.as_of > newest.published + FRESHNESS:
        out.add(SHOW_FILE, where, "sequel.as_of",
                f"{as_of} is more than a year after the newest dated source cited for "
                f"the status ({evidence}); date the status by its evidence "
                "or cite newer coverage")
