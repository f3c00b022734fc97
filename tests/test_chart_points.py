"""The chart's points: every episode and event in time order, each with its name and sources."""

from __future__ import annotations

from datetime import date

from showdeck.chart_points import chart_points, episode_point


def test_episodes_and_events_are_in_time_order_episodes_first_on_a_shared_day(data):
    points = chart_points(data, data.milestones)
    assert [p.key for p in points] == [
        "ev-announced", "ep-1", "ev-premiere", "ep-2", "ep-3", "ev-finale"]
    assert [p.day for p in points] == sorted(p.day for p in points)


def test_a_point_is_named_by_its_date_its_precision_and_its_text(data):
    announced, first = chart_points(data, data.milestones)[:2]
    assert announced.name == "Oct 2018 (month only): Series announced. Kind: announcement"
    assert first.name == ("5 Apr 2019 (exact date): Episode 1 · The First Lamp. "
                          "No film reference recorded")


def test_a_point_links_to_its_first_source(data):
    first = chart_points(data, [])[0]
    assert first.url == "https://example.org/lantern-line"
    assert [s.publisher for s in first.sources] == ["Example Guide"]


def test_an_inferred_film_reference_says_so(data):
    episode = data.episodes[0].model_copy(update={
        "film_reference": "Lamplight", "film_reference_inferred": True,
        "title_english": "The Very First Lamp"})
    point = episode_point(data, episode)
    assert point.detail == "Refers to the film Lamplight (our inference)"
    assert point.heading == "Episode 1 · The First Lamp (The Very First Lamp)"
    assert point.day == date(2019, 4, 5)
