"""Load one show's data folder into validated records, reporting every problem at once."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

from showdeck.article import ARTICLE_FILE, parse_article
from showdeck.article_record import Article
from showdeck.claim_record import Claim
from showdeck.datafiles import (
    CLAIMS_FILE,
    DATA_FILES,
    EPISODES_FILE,
    MILESTONES_FILE,
    SHOW_FILE,
    SOURCES_FILE,
)
from showdeck.episode_records import Episode, Milestone
from showdeck.facts import FRESHNESS, ShowData, newest_dated_source, show_citations
from showdeck.problems import KEPT_PROBLEMS, SHOWN_PROBLEMS, DataError, Problem
from showdeck.problems import Collector as _Collector
from showdeck.problems import short as _short
from showdeck.readers import MAX_FILE_BYTES, MAX_TOML_DEPTH, read_toml_record
from showdeck.readers import read_text as _read_text
from showdeck.readers import toml_line as _toml_line
from showdeck.show_record import Show
from showdeck.source_record import Source
from showdeck.tables import MAX_ROWS, TableSpec, read_table

#: Names other modules and the tests import from here; the readers and problems are their own
#: modules now.
__all__ = ["ARTICLE_FILE", "DATA_FILES", "KEPT_PROBLEMS", "MAX_FILE_BYTES", "MAX_ROWS",
           "MAX_TOML_DEPTH", "SHOWN_PROBLEMS", "DataError", "Problem", "ShowData", "load_show",
           "parse_article"]

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


def _load_show_record(folder: Path, out: _Collector) -> tuple[Show | None, str]:
    """show.toml as a record, and its text (to locate a field's line); None after problems."""
    text = _read_text(folder, SHOW_FILE, out)
    if text is None:
        return None, ""
    return read_toml_record(text, SHOW_FILE, Show, out), text


def _read_table(folder: Path, name: str, model, key: str, out: _Collector) -> list:
    """Rows of one of the show's tables as (line number, record), by its columns above."""
    text = _read_text(folder, name, out)
    if text is None:
        return []
    spec = TableSpec(COLUMNS[name], OPTIONAL_COLUMNS[name], FILLED_WHEN_PRESENT)
    return read_table(text, name, spec, model, key, out)


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
