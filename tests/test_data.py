"""The real show data: it loads, it says what the record says, and every file and column is documented."""

from __future__ import annotations

import re
import subprocess
import types
import typing
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from pydantic import BaseModel

from showdeck import load_show
from showdeck.facts import cited_source_ids
from showdeck.loader import COLUMNS, DATA_FILES, SHOW_FILE
from showdeck.record_types import CONFIDENCES, EVIDENCE_MAX_WORDS, VERDICTS, evidence_words
from showdeck.show_record import Show

from .conftest import REAL_SHOW, ROOT

DATA_README = ROOT / "data" / "README.md"
SHOW_FOLDERS = sorted(p for p in (ROOT / "data").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def real():
    return load_show(REAL_SHOW)


def test_real_show_is_valid_and_complete(real):
    assert real.show.title.japanese == "アクダマドライブ"
    assert len(real.episodes) == real.show.run.episodes == 12
    assert real.premiere.air_date == real.show.run.first_air == date(2020, 10, 8)
    assert real.finale.air_date == real.show.run.last_air == date(2020, 12, 24)
    gaps = {(b.air_date - a.air_date).days for a, b in pairwise(real.episodes)}
    assert gaps <= {7, 14}, "a weekly broadcast, with at most one skipped week"
    assert real.show.staff_named("director") == ["Tomohisa Taguchi"]
    assert [s.id for s in real.article.sections] == [
        "introduction", "plotline", "renewal-status", "release-date", "about-the-author",
    ]


def test_article_text_is_the_article_word_for_word(real):
    seed = ROOT.parent / "shared" / "seeds" / "000_8ef5f6f015b791c1.txt"
    if not seed.exists():
        pytest.skip("the seed article is not beside this checkout")
    # Title, headings, lost-image captions and paragraphs, in order, are the article exactly.
    kept = [real.article.title]
    for section in real.article.sections:
        kept += [section.heading or "", section.image_caption or "", *section.paragraphs]
    assert " ".join(" ".join(kept).split()) == " ".join(seed.read_text(encoding="utf-8").split())


def test_every_character_of_the_data_has_an_installed_glyph(real):
    """The deck, its screenshots and the PDF show glyphs, not boxes, for every script in data/."""
    listing = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True,
                             text=True, check=True).stdout
    covered: set[int] = set()
    for span in listing.split():
        first, _, last = span.partition("-")
        covered.update(range(int(first, 16), int(last or first, 16) + 1))
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(REAL_SHOW.iterdir()))
    missing = sorted({c for c in text if c.isprintable() and not c.isspace()
                      and ord(c) not in covered})
    assert missing == [], f"no installed font has {''.join(missing)}; run scripts/install-system-deps"


def test_claims_cover_the_known_errors(real):
    topics = " ".join(f"{c.topic} {c.quote}".lower() for c in real.claims)
    for needle in ("director", "manga", "july 2020", "12 episodes", "pierrot"):
        assert needle in topics, f"no claim about {needle!r}"
    wrong = {c.verdict for c in real.claims if "Tauchi" in c.quote}
    assert wrong == {"incorrect"}


def test_every_claim_has_a_verdict_reason_evidence_and_confidence(real):
    assert len(real.claims) == 40
    for claim in real.claims:
        assert claim.verdict in VERDICTS, claim.id
        assert claim.confidence in CONFIDENCES, claim.id
        assert claim.reason, claim.id
        assert claim.evidence, claim.id
        assert claim.evidence_source, claim.id
        assert evidence_words(claim.evidence) <= EVIDENCE_MAX_WORDS, claim.id
        assert claim.evidence_source in claim.sources, claim.id


def test_every_milestone_has_a_confidence(real):
    assert all(m.confidence in CONFIDENCES for m in real.milestones)


def test_facts_on_one_lineage_say_so_and_are_not_high(real):
    lineaged = [r for r in (*real.claims, *real.milestones) if r.lineage]
    assert lineaged, "some facts rest on one lineage"
    assert all(r.confidence != "high" for r in lineaged)


def test_the_verdicts_the_second_fact_check_questioned(real):
    by_id = {c.id: c for c in real.claims}
    assert by_id["swindler-joined-later"].verdict == "correct"
    assert by_id["genres-action-adventure-scifi"].verdict == "correct"
    assert "adventure" in by_id["genres-action-adventure-scifi"].evidence.lower()
    assert "apparently reaching" not in by_id["courier-died-children-safe"].correction
    assert by_id["courier-died-children-safe"].disagreement
    assert "183" not in by_id["pretty-successful"].correction
    assert by_id["unfinished-story"].disagreement


def test_sequel_status_is_dated_by_the_newest_dated_evidence(real):
    sequel = real.show.sequel
    dated = [real.sources[i] for i in sequel.sources if real.sources[i].published]
    newest = max(dated, key=lambda s: s.published)
    assert sequel.as_of == newest.published == date(2026, 1, 1)
    assert sequel.as_of_precision == newest.precision == "year"
    assert sequel.checked == date(2026, 12, 6)
    assert sequel.evidence_source == newest.id == "eatsip365-season-2"


def test_the_newer_sources_are_dated_as_precisely_as_they_allow_and_quoted(real):
    expected = {
        "eatsip365-season-2": (date(2026, 1, 1), "year", "As of early 2026, there has been"),
        "otako-2025-11-akudama-drive": (date(2025, 11, 1), "month",
                                        "close out November with a bang"),
        "moviespotify-season-2": (date(2024, 1, 1), "year", "It\u2019s been almost four years"),
        "brandingirononline-2023-12-05": (date(2023, 12, 5), "day",
                                          "there hasn\u2019t been an official announcement"),
    }
    for sid, (published, precision, quote) in expected.items():
        source = real.sources[sid]
        assert (source.published, source.precision) == (published, precision), sid
        assert f"'{quote}" in source.note or f" {quote}" in source.note, sid
        assert sid in real.show.sequel.sources, sid


def test_every_claim_is_judged_with_its_group(real):
    groups: dict[str, list[str]] = {}
    for claim in real.claims:
        assert claim.group, claim.id
        groups.setdefault(claim.group, []).append(claim.id)
    readme = DATA_README.read_text(encoding="utf-8")
    table = _block(readme, "akudama-drive/claims.csv")
    for group, ids in groups.items():
        row = next((line for line in table.splitlines() if line.startswith(f"| `{group}` |")),
                   None)
        assert row, f"group {group} is not in the data README's table of groups"
        listed = re.findall(r"`([a-z0-9-]+)`", row.split("|")[2])
        assert listed == ids, f"group {group}: the README lists {listed}"


def test_no_correction_opens_with_a_verdict_word(real):
    for claim in real.claims:
        opening = claim.correction.lower()
        assert not any(opening.startswith(v) for v in VERDICTS), claim.id


def test_the_finale_is_judged_as_one_scene(real):
    """Swindler stalls the Executioners with a plea: no correction assumes she fought."""
    finale = [c for c in real.claims if c.group == "finale"]
    by_id = {c.id: c for c in finale}
    assert "did not fight" in by_id["swindler-decoy-fought"].correction
    killed = by_id["swindler-killed"]
    assert killed.verdict == "partly correct"
    assert "not in a fight" in killed.correction
    for claim in finale:
        assert not re.search(r"\b(battle|fought|fighting)\b", claim.correction), claim.id


def test_the_manga_corrections_give_its_release_before_the_broadcast(real):
    order = [c for c in real.claims if c.group == "manga-and-anime-order"]
    assert {c.id for c in order} >= {"manga-came-first", "anime-adapted-from-manga",
                                     "manga-july-2020", "manga-written-by-ogaki"}
    for claim in order:
        assert "7 July 2020" in claim.correction, claim.id
    for cid in ("manga-came-first", "anime-adapted-from-manga", "manga-july-2020",
                "manga-written-by-ogaki"):
        correction = next(c.correction for c in order if c.id == cid)
        assert "8 October 2020" in correction, cid
    came_first = next(c for c in order if c.id == "manga-came-first")
    assert came_first.verdict == "partly correct", "true in time order, wrong as to the source"
    assert came_first.evidence_source == "thecinemaholic-ep11"


def test_no_correction_assumes_what_another_group_denies(real):
    """The second pass's cross-group checks: the article's date is unknown (article-date), and
    the manga adapts the anime rather than continuing it (manga-and-anime-order)."""
    by_id = {c.id: c for c in real.claims}
    assert all(c.verdict == "unverifiable" for c in real.claims if c.group == "article-date")
    for claim in real.claims:
        said = f"{claim.reason} {claim.correction}"
        assert not re.search(r"\b(after|since|before) the article\b", said), claim.id
    wait = by_id["wait-couple-more-years"]
    assert not re.search(r"continued? in the manga", wait.correction)
    assert "follows the anime's story" in wait.correction
    # The one source that puts the manga after the broadcast is quoted, not passed over.
    for cid in ("manga-came-first", "manga-july-2020"):
        assert "'After the series finished" in by_id[cid].disagreement, cid
        assert "animecorner-stage" in by_id[cid].sources, cid


def test_disagreements_quote_their_sources(real):
    by_id = {c.id: c for c in real.claims}
    assert "'the former barely sold 183 copies in its first week'" in (
        by_id["pretty-successful"].disagreement)
    assert "about 183" not in by_id["pretty-successful"].disagreement


def test_episode_titles_record_japanese_and_english_forms_and_film_inferences(real):
    by_number = {e.number: e for e in real.episodes}
    assert by_number[3].title == "MISSION:IMPOSSIBLE"
    assert by_number[7].title_japanese == "ロスト・チルドレン"
    assert by_number[12].title_japanese == "アクダマドライブ"
    assert by_number[4].film_reference.startswith("Speed")
    assert not by_number[4].film_reference_inferred
    assert by_number[5].film_reference.startswith("Dead Man Walking")
    assert not by_number[5].film_reference_inferred
    assert by_number[8].film_reference_inferred
    assert "animenewsandfacts-ep4" not in by_number[3].sources, "it contradicts itself on ep. 3"


def test_every_source_is_cited_and_has_a_url(real):
    assert set(real.sources) <= cited_source_ids(real), "an uncited source is dead weight"
    assert all(s.link.startswith(("https://", "http://")) for s in real.sources.values())


def _toml_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every leaf key of the show record, dotted through its tables (`run.first_air`)."""
    keys = []
    for name, info in model.model_fields.items():
        dotted = f"{prefix}{name}"
        tables = [
            candidate
            for arg in [info.annotation, *typing.get_args(info.annotation)]
            for candidate in (typing.get_args(arg) if isinstance(arg, types.GenericAlias) else (arg,))
            if isinstance(candidate, type) and issubclass(candidate, BaseModel)
        ]
        for table in tables:
            keys.extend(_toml_keys(table, f"{dotted}."))
        if not tables:
            keys.append(dotted)
    return keys


def _block(readme: str, heading: str) -> str:
    match = re.search(rf"^## `{re.escape(heading)}`\n(.*?)(?=^## |\Z)", readme, re.MULTILINE | re.DOTALL)
    assert match, f"data/README.md has no section '## `{heading}`'"
    return match[1]


@pytest.mark.parametrize("folder", SHOW_FOLDERS, ids=lambda p: p.name)
def test_every_data_file_and_column_is_documented(folder: Path):
    readme = DATA_README.read_text(encoding="utf-8")
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(DATA_FILES), "only the documented files belong in a show folder"
    for name in DATA_FILES:
        block = _block(readme, f"{folder.name}/{name}")
        if name in COLUMNS:
            for column in COLUMNS[name]:
                assert f"| `{column}` |" in block, f"{name}: column {column} undocumented"
        if name == SHOW_FILE:
            for key in _toml_keys(Show):
                assert f"`{key}`" in block, f"{name}: key {key} undocumented"


def test_rubric_and_second_pass_are_documented():
    readme = DATA_README.read_text(encoding="utf-8")
    assert "## Verdict rubric" in readme
    lower = readme.lower()
    for verdict in VERDICTS:
        assert f"`{verdict}`" in readme
    for case in ("misspelt name", "right about who but wrong about how", "too strongly"):
        assert case in lower
    assert "Second pass" in readme
