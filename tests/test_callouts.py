"""The fact-check callouts: measured with their evidence quote where it fits, their view, and
runs of callouts that fit one column."""

from __future__ import annotations

from showdeck import callouts, geometry, located_claims


def located(data):
    return [c for run in located_claims.numbered_claims(data).values() for c in run]


def test_a_callout_shows_its_evidence_quote_when_it_fits(data):
    claim = data.claims[0]
    size = callouts.callout_size(claim, 1, data)
    assert size.quote > 0
    assert size.shows_evidence
    assert callouts.callout_height(claim, 1, data) == size.base + size.quote


def test_a_quote_that_would_take_too_much_of_the_page_is_left_to_the_notes(data):
    claim = data.claims[0].model_copy(update={"evidence": "A long quote, said again. " * 40})
    size = callouts.callout_size(claim, 1, data)
    assert not size.shows_evidence
    assert size.height == size.base
    assert size.base + size.quote > geometry.PAGE_BODY_HEIGHT * callouts.EVIDENCE_FITS


def test_a_disagreement_makes_the_callout_taller(data):
    claim = data.claims[0]
    disputed = claim.model_copy(update={"disagreement": "One guide says four episodes."})
    assert callouts.callout_size(disputed, 1, data).base > callouts.callout_size(
        claim, 1, data).base


def test_the_view_names_verdict_sources_and_evidence(data):
    first = located(data)[0]
    view = callouts.callout(first, data)
    assert view.number == 1
    assert view.anchor == "sd-claim-1"
    assert view.verdict_class == first.claim.verdict.replace(" ", "-")
    assert view.evidence == first.claim.evidence
    assert [link.label for link in view.sources] == [
        f"Source: {s.publisher}, {s.title}" for s in data.cited(first.claim.sources)]


def test_callouts_are_grouped_into_runs_that_fit_a_column(data):
    claims = located(data) * 12
    runs = callouts.callout_groups(claims, data, taken=100)
    assert len(runs) > 1
    assert [c for run in runs for c in run] == claims
    budget = (geometry.PAGE_BODY_HEIGHT - 100) * (1 - geometry.SAFETY)
    for run in runs:
        assert sum(callouts.callout_height(c.claim, c.number, data) for c in run) <= budget
