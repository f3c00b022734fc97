"""The numbered key: every event has its label or a number in the key, and no two overlap."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from showdeck import timeline
from showdeck.loader import load_show
from tests.conftest import drawn_texts
from tests.support.decks import SHOWS

AS_OF = date(2026, 11, 24)


@pytest.mark.parametrize("show", sorted(SHOWS))
def test_no_two_labels_overlap_and_every_event_has_its_label_or_a_numbered_key(show):
    data = load_show(SHOWS[show])
    fig = timeline.timeline_figure(data, AS_OF)
    texts = drawn_texts(fig)
    events = [t for t, _box in texts if (t.get_gid() or "").startswith(
        ("label-ev-", "number-ev-", "key-ev-", "keynumber-ev-"))]
    boxes = [(t, box) for t, box in texts if t in events]
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), (a.get_gid(), a.get_text(), b.get_gid(), b.get_text())
    figure_box = fig.bbox
    for text, box in boxes:
        assert figure_box.contains(box.x0, box.y0), text.get_gid()
        assert figure_box.contains(box.x1, box.y1), text.get_gid()
    gids = {t.get_gid() for t in events}
    for milestone in timeline.context_milestones(data, AS_OF):
        labelled = f"label-ev-{milestone.id}" in gids
        keyed = {f"number-ev-{milestone.id}", f"key-ev-{milestone.id}"} <= gids
        assert labelled != keyed, milestone.id  # one or the other, never neither
        if keyed:
            (entry,) = [t for t in events if t.get_gid() == f"key-ev-{milestone.id}"]
            assert entry.get_text().replace("\n", " ") == milestone.label
