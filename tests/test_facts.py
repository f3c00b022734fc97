"""The show's facts: which sources the deck cites is one rule, and it misses no citing field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from pydantic import BaseModel

from showdeck import facts
from showdeck.loader import load_show
from showdeck.outlook import compute_outlook
from showdeck.presentation import ParameterError, read_parameters
from tests.conftest import FIXTURE_SHOW, REAL_SHOW


@pytest.fixture(scope="module")
def real():
    return load_show(REAL_SHOW)


def citing_values(record: BaseModel) -> Iterator[str]:
    """Every source id a record holds, found by field name (`source`, `sources`,
    `*_source`, `*_sources`) at any depth: a field added to the model later is found too."""
    for name in type(record).model_fields:
        value = getattr(record, name)
        items = value if isinstance(value, list | tuple) else [value]
        if name == "source" or name == "sources" or name.endswith(("_source", "_sources")):
            yield from (v for v in items if isinstance(v, str))
        for item in items:
            if isinstance(item, BaseModel):
                yield from citing_values(item)


@pytest.mark.parametrize("folder", [REAL_SHOW, FIXTURE_SHOW], ids=["real", "fixture"])
def test_cited_sources_are_every_source_any_record_names(folder):
    data = load_show(folder)
    named = {sid for record in (data.show, *data.episodes, *data.milestones, *data.claims)
             for sid in citing_values(record)}
    assert named, "the walk found no citation at all"
    assert facts.cited_source_ids(data) == named


def test_the_article_and_its_provenance_note_are_cited(real):
    ids = facts.cited_source_ids(real)
    assert real.show.article.source in ids
    provenance = set(real.show.article.provenance_sources)
    assert {"netflixlovers-it", "cultureweeb-akudama-drive", "asapland-season-2"} <= provenance
    assert provenance <= ids


def test_cited_sources_keep_the_order_of_sources_csv_and_are_numbered_from_one(real):
    cited = facts.cited_sources(real)
    order = list(real.sources)
    assert [order.index(s.id) for s in cited] == sorted(order.index(s.id) for s in cited)
    assert facts.source_numbers(real) == {s.id: n for n, s in enumerate(cited, start=1)}
    assert len(cited) == len(real.sources)  # every row of sources.csv is cited


def test_newest_dated_source_skips_undated_and_unknown_ids(real):
    dated = [s for s in real.sources.values() if s.published is not None]
    undated = [s for s in real.sources.values() if s.published is None]
    ids = [s.id for s in dated[:3]] + [s.id for s in undated[:1]] + ["no-such-source"]
    newest = facts.newest_dated_source(ids, real.sources)
    assert newest is not None
    assert newest.published == max(s.published for s in dated[:3])
    assert facts.newest_dated_source([s.id for s in undated], real.sources) is None


def test_the_as_of_date_may_be_the_finale_but_not_before(real):
    finale = real.finale.air_date
    assert facts.as_of_problem(real, finale) is None
    assert facts.as_of_problem(real, finale + timedelta(days=1)) is None
    problem = facts.as_of_problem(real, finale - timedelta(days=1))
    assert problem == (f"{finale - timedelta(days=1)} is before the finale ({finale}) of "
                       "Akudama Drive; choose a date after the run ended")


def test_the_outlook_the_notebook_and_the_build_state_the_one_rule(real):
    day = real.finale.air_date - timedelta(days=1)
    sentence = facts.as_of_problem(real, day)
    with pytest.raises(ValueError, match=re.escape(f"as_of {sentence}")):
        compute_outlook(real, day)
    with pytest.raises(ParameterError, match=re.escape(f"as_of {sentence}")):
        read_parameters(REAL_SHOW, day.isoformat())
