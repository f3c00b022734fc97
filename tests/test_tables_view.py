"""The timeline as tables: every episode and event, as row headers with a caption."""

from __future__ import annotations

from datetime import date

from showdeck import (
    tables_view,
)

AS_OF = date(2026, 11, 24)


def test_timeline_tables_list_every_episode_and_event(data):
    pages = tables_view.timeline_tables(data, AS_OF)
    rows = [row for page in pages for row in page.rows]
    assert [r[0] for r in rows[:len(data.episodes)]] == [str(e.number) for e in data.episodes]
    html = tables_view.timeline_table_slide(data, AS_OF)
    assert html.count('<th scope="row">') == len(rows)
    assert "<caption>" in html
