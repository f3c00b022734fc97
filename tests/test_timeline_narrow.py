"""The narrow chart: every point listed in time order, nothing overlapping."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from showdeck import timeline
from showdeck.loader import load_show
from tests.conftest import by_gid, drawn_texts
from tests.support.decks import SHOWS

AS_OF = date(2026, 11, 24)


@pytest.mark.parametrize("show", sorted(SHOWS))
def test_the_narrow_chart_lists_every_point_in_time_order_without_overlaps(show):
    from showdeck import chart_points, timeline_narrow
    data = load_show(SHOWS[show])
    points = chart_points.chart_points(data, timeline.context_milestones(data, AS_OF))
    fig = timeline_narrow.narrow_figure(data, AS_OF, points)
    assert fig.get_size_inches()[0] * 96 == 360
    texts = drawn_texts(fig)
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        assert not box_a.overlaps(box_b), (a.get_text(), b.get_text())
    ax = fig.axes[0]
    ys = [by_gid(ax, f"point-{p.key}").get_ydata()[0] for p in points]
    assert ys == sorted(ys)
    assert [p.day for p in points] == sorted(p.day for p in points)
