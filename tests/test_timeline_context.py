"""The context chart: milestones around the run, the wait since the finale, the legend."""

from __future__ import annotations

from datetime import date

from showdeck import timeline, timeline_style
from showdeck.loader import load_show
from tests.conftest import as_dates, by_gid, crowded_show, xlim_dates

AS_OF = date(2026, 11, 24)


def test_context_x_limits_cover_milestones_run_and_as_of(data):
    ax = timeline.context_timeline(data, AS_OF)
    low, high = xlim_dates(ax)
    assert low <= min(m.date for m in data.milestones)
    assert high > AS_OF
    line = by_gid(ax, "as-of")
    assert set(as_dates(line.get_xdata())) == {AS_OF}


def test_context_shows_the_wait_since_the_finale(data):
    ax = timeline.context_timeline(data, AS_OF)
    gap = by_gid(ax, "gap-label").get_text()
    assert gap == "7 years and 7 months (2,776 days) since the finale"
    assert as_dates(by_gid(ax, "run-bar").get_xdata()) == [date(2019, 4, 5), date(2019, 4, 19)]


def test_context_labels_milestones_but_not_the_runs_own_broadcasts(data):
    ax = timeline.context_timeline(data, AS_OF)
    gids = {a.get_gid() for a in ax.get_children()}
    assert "label-ev-announced" in gids
    assert "label-ev-premiere" not in gids
    assert "label-ev-finale" not in gids
    label = by_gid(ax, "label-ev-announced").get_text()
    assert label.replace("\n", " ") == "Oct 2018 · Series announced"


def test_context_leaves_out_what_happened_after_the_as_of_date(broken_copy):
    folder = broken_copy()
    with (folder / "milestones.csv").open("a") as f:
        f.write("sequel,2025-03-01,day,announcement,Season 2 announced,fixture-guide\n")
    ax = timeline.context_timeline(load_show(folder), date(2024, 6, 1))
    assert "point-ev-sequel" not in {a.get_gid() for a in ax.get_children()}
    assert xlim_dates(ax)[1] < date(2025, 3, 1)


def test_crowded_context_still_marks_every_milestone(broken_copy):
    data = crowded_show(broken_copy)
    ax = timeline.context_timeline(data, AS_OF)
    gids = {a.get_gid() for a in ax.get_children()}
    for milestone in timeline.context_milestones(data, AS_OF):
        assert f"point-ev-{milestone.id}" in gids
    numbered = sorted(g for g in gids if g and g.startswith("number-"))
    labelled = [g for g in gids if g and g.startswith("label-")]
    # Crowded: every event is numbered (none keeps a label the others lack).
    assert len(numbered) == len(timeline.context_milestones(data, AS_OF))
    assert labelled == []
    assert "manga-bar" in gids


def test_every_kind_of_marker_is_in_the_legend(broken_copy):
    data = crowded_show(broken_copy)
    ax = timeline.context_timeline(data, AS_OF)
    legend = ax.get_legend()
    assert legend.get_gid() == "legend"
    names = [t.get_text() for t in legend.get_texts()]
    kinds = {m.kind for m in timeline.context_milestones(data, AS_OF)}
    assert {timeline_style.KIND_NAMES[kind] for kind in kinds} <= set(names)
    # Only kinds the chart draws are explained.
    assert len(names) - ("hollow: month or year only" in names) == len(kinds)


def test_every_marker_has_a_dark_edge_or_is_hollow(data):
    ax = timeline.context_timeline(data, AS_OF)
    for milestone in timeline.context_milestones(data, AS_OF):
        marker = by_gid(ax, f"point-ev-{milestone.id}")
        if milestone.precision == "day":
            assert marker.get_markeredgecolor() == timeline_style.FOREGROUND
        else:
            assert marker.get_markerfacecolor() == timeline_style.BACKGROUND
