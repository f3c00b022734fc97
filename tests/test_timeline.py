"""The airing timeline: one marker per episode, the cadence, a figure the slide's width, stable
SVG."""

from __future__ import annotations

import itertools
from datetime import date

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

from showdeck import timeline
from showdeck.loader import load_show
from tests.conftest import as_dates, by_gid, crowded_show, xlim_dates

AS_OF = date(2026, 11, 24)


def test_airing_timeline_returns_its_axes_on_a_new_figure(data):
    ax = timeline.airing_timeline(data)
    assert isinstance(ax, Axes)
    assert isinstance(ax.figure, Figure)


def test_airing_timeline_draws_on_the_axes_it_is_given(data):
    ax = Figure().add_subplot()
    assert timeline.airing_timeline(data, ax=ax) is ax


def test_one_marker_per_episode_at_its_air_date_linking_its_source(data):
    ax = timeline.airing_timeline(data)
    for episode in data.episodes:
        marker = by_gid(ax, f"point-ep-{episode.number}")
        assert as_dates(marker.get_xdata()) == [episode.air_date]
        assert list(marker.get_ydata()) == [episode.number]
        assert marker.get_url() == data.cited(episode.sources)[0].link


def test_every_episode_is_labelled_with_number_and_title(data):
    ax = timeline.airing_timeline(data)
    for episode in data.episodes:
        label = by_gid(ax, f"label-ep-{episode.number}")
        assert label.get_text() == f"{episode.number} · {episode.title}"


def test_premiere_and_finale_are_annotated_and_nothing_else(data):
    ax = timeline.airing_timeline(data)
    annotations = [a for a in ax.texts if isinstance(a, Annotation)]
    assert len(annotations) == len(data.episodes) + 2
    premiere, finale = by_gid(ax, "premiere"), by_gid(ax, "finale")
    assert "Premiere" in premiere.get_text()
    assert "5 Apr 2019" in premiere.get_text()
    assert "Finale" in finale.get_text()
    assert "19 Apr 2019" in finale.get_text()
    assert as_dates([premiere.xy[0], finale.xy[0]]) == [date(2019, 4, 5), date(2019, 4, 19)]


def test_x_limits_cover_the_first_and_last_episode(data):
    low, high = xlim_dates(timeline.airing_timeline(data))
    assert low < data.premiere.air_date
    assert high > data.finale.air_date
    assert (high - low).days < 40  # the run, not the years around it


def test_weekly_grid_falls_on_the_broadcast_weekday(data):
    ax = timeline.airing_timeline(data)
    ticks = as_dates(ax.get_xticks())
    assert {t.weekday() for t in ticks} == {data.premiere.air_date.weekday()}
    assert {(b - a).days for a, b in itertools.pairwise(ticks)} == {7}
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["5 Apr", "12 Apr", "19 Apr"]


def test_title_states_the_cadence(data):
    title = timeline.airing_timeline(data).get_title(loc="left")
    assert "3 episodes, weekly on Fridays" in title


def test_cadence_notices_a_break_and_irregular_runs(data, broken_copy):
    folder = broken_copy()
    episodes = folder / "episodes.csv"
    episodes.write_text(episodes.read_text().replace("2019-04-12", "2019-04-08"))
    assert timeline.cadence(load_show(folder)) == "irregularly"
    assert timeline.cadence(data) == "weekly on Fridays"


def test_labels_never_overlap_even_when_crowded(broken_copy):
    data = crowded_show(broken_copy)
    fig = timeline.timeline_figure(data, AS_OF)
    fig.draw_without_rendering()
    for ax in fig.axes:
        texts = [t for t in ax.texts if t.get_text()]
        boxes = [Text.get_window_extent(t) for t in texts]  # the text, not its arrow
        for (a, box_a), (b, box_b) in itertools.combinations(zip(texts, boxes, strict=True), 2):
            assert not box_a.overlaps(box_b), (a.get_text(), b.get_text())
        axes_box = ax.get_window_extent().expanded(1.02, 1.02)
        for text, box in zip(texts, boxes, strict=True):
            if text.get_gid() != "as-of-label":  # it may sit in the right margin
                assert axes_box.contains(box.x0, box.y0), text.get_text()
                assert axes_box.contains(box.x1, box.y1), text.get_text()


def test_figure_is_the_slides_content_width(data):
    fig = timeline.timeline_figure(data, AS_OF)
    width, height = fig.get_size_inches() * 96  # CSS px at the figure's own size
    assert width == 864  # 960 less the slide's padding
    assert height <= 524  # what the slide leaves under its heading
    assert len(fig.axes) == 2  # the fixture's one event keeps its label: no key


def test_svg_is_identical_across_renders_and_undated(data):
    first = timeline.figure_svg(timeline.timeline_figure(data, AS_OF))
    second = timeline.figure_svg(timeline.timeline_figure(data, AS_OF))
    assert first == second
    assert b"<dc:date>" not in first


def test_japanese_titles_render_without_missing_glyph_warnings(broken_copy):
    folder = broken_copy()
    episodes = folder / "episodes.csv"
    episodes.write_text(episodes.read_text().replace("The First Lamp", "最初のランプ"))
    # pytest turns any "Glyph missing" warning into an error.
    svg = timeline.figure_svg(timeline.timeline_figure(load_show(folder), AS_OF))
    assert svg.startswith(b"<?xml")


def test_alt_text_describes_run_context_and_wait(data):
    text = timeline.describe_timeline(data, AS_OF)
    assert text.startswith("Timeline of Lantern Line: 3 episodes aired weekly on Fridays "
                           "from 5 April 2019 to 19 April 2019")
    assert "“The First Lamp”" in text
    assert "“The Last Lamp”" in text
    assert "Oct 2018, Series announced" in text
    assert "7 years and 7 months (2,776 days) have passed since the finale" in text


def test_the_charts_text_is_real_text_in_fonts_the_svg_carries():
    import re
    import xml.dom.minidom

    from tests.conftest import REAL_SHOW

    data = load_show(REAL_SHOW)
    svg = timeline.figure_svg(timeline.timeline_figure(data, AS_OF)).decode("utf-8")
    xml.dom.minidom.parseString(svg.encode("utf-8"))  # still well-formed XML
    texts = re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.DOTALL)
    assert any("RESERVOIR DOGS" in t for t in texts)  # searchable, not drawn as paths
    assert "font-family: 'SD Chart Noto Sans'" in svg
    assert svg.count("@font-face") >= 2
    assert 'url("data:font/woff2;base64,' in svg
    assert "url(http" not in svg  # the fonts travel inside it: nothing is fetched
    assert "@import" not in svg  # (its markers link to their sources: links, not fetches)
    # The same inputs give the same bytes.
    again = timeline.figure_svg(timeline.timeline_figure(data, AS_OF)).decode("utf-8")
    assert again == svg
