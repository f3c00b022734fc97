"""The airing timeline chart, tested on its artists."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import matplotlib.dates as mdates
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

from showdeck import timeline
from showdeck.loader import load_show
from tests.conftest import FIXTURE_SHOW

AS_OF = date(2026, 11, 24)


@pytest.fixture(scope="module")
def data():
    return load_show(FIXTURE_SHOW)


def by_gid(ax: Axes, gid: str):
    found = [a for a in ax.get_children() if a.get_gid() == gid]
    assert len(found) == 1, f"expected one artist {gid!r}, found {len(found)}"
    return found[0]


def xlim_dates(ax: Axes) -> tuple[date, date]:
    low, high = ax.get_xlim()
    return mdates.num2date(low).date(), mdates.num2date(high).date()


def as_dates(values) -> list[date]:
    return [v if isinstance(v, date) else mdates.num2date(v).date() for v in values]


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


def crowded_show(broken_copy):
    """The fixture with fifteen milestones crammed into two years, and a manga."""
    folder = broken_copy()
    kinds = ["announcement", "delay", "manga", "stage", "award", "release", "other"]
    rows = [
        f"event-{i},{date(2019, 5, 1) + timedelta(days=45 * i)},day,{kinds[i % len(kinds)]},"
        f"A fairly long milestone label number {i} for the test,fixture-guide\n"
        for i in range(15)
    ]
    with (folder / "milestones.csv").open("a") as f:
        f.writelines(rows)
    show = (folder / "show.toml").read_text().replace("[sequel]", (
        '[manga]\ntitle = "Lantern"\nartist = "A"\npublisher = "B"\nplatform = "C"\n'
        'start = 2019-06-01\nend = 2021-02-01\nsources = ["fixture-guide"]\n\n[sequel]'))
    (folder / "show.toml").write_text(show)
    return load_show(folder)


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


def test_colours_are_okabe_ito_and_every_kind_has_a_distinct_style():
    colours = {colour for colour, _marker in timeline.KIND_STYLE.values()}
    assert colours <= set(timeline.OKABE_ITO.values())
    assert len(set(timeline.KIND_STYLE.values())) == len(timeline.KIND_STYLE)
    # Shapes alone tell the kinds apart, for readers who cannot tell the colours apart.
    assert len({marker for _colour, marker in timeline.KIND_STYLE.values()}) == len(
        timeline.KIND_STYLE)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    from matplotlib.colors import to_rgb

    def luminance(colour: str) -> float:
        channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                    for c in to_rgb(colour)]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_chart_is_dark_text_on_its_own_light_paper(data):
    """It reads the same on the deck's dark canvas and in JupyterLab's light and dark themes."""
    fig = timeline.timeline_figure(data, AS_OF)
    assert contrast(fig.get_facecolor(), "#000000") > 15  # paper, not the page's colour
    fig.draw_without_rendering()
    for ax in fig.axes:
        assert contrast(ax.get_facecolor(), "#000000") > 15
        texts = [t for t in ax.texts if t.get_text()] + [ax.title]
        texts += ax.get_xticklabels()
        legend = ax.get_legend()
        texts += legend.get_texts() if legend else []
        for text in texts:
            assert contrast(text.get_color(), timeline.BACKGROUND) >= 4.5, text.get_text()
    # No yellow: it vanishes on white.
    assert "#F0E442" not in {c.upper() for c in timeline.OKABE_ITO.values()}


def test_every_kind_of_marker_is_in_the_legend(broken_copy):
    data = crowded_show(broken_copy)
    ax = timeline.context_timeline(data, AS_OF)
    legend = ax.get_legend()
    assert legend.get_gid() == "legend"
    names = [t.get_text() for t in legend.get_texts()]
    kinds = {m.kind for m in timeline.context_milestones(data, AS_OF)}
    assert {timeline.KIND_NAMES[kind] for kind in kinds} <= set(names)
    # Only kinds the chart draws are explained.
    assert len(names) - ("hollow: month or year only" in names) == len(kinds)


def test_every_marker_has_a_dark_edge_or_is_hollow(data):
    ax = timeline.context_timeline(data, AS_OF)
    for milestone in timeline.context_milestones(data, AS_OF):
        marker = by_gid(ax, f"point-ev-{milestone.id}")
        if milestone.precision == "day":
            assert marker.get_markeredgecolor() == timeline.FOREGROUND
        else:
            assert marker.get_markerfacecolor() == timeline.BACKGROUND


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


SHOW_FOLDERS = {
    "akudama-drive": "data/akudama-drive",
    "lantern-line": "tests/fixtures/lantern-line",
    "yozora-densha": "tests/fixtures/yozora-densha",
    "long-lines": "tests/fixtures/long-lines",
}


def drawn_texts(fig: Figure) -> list[tuple[Text, object]]:
    """Every drawn text of the figure with its box (the text, not its arrow)."""
    fig.draw_without_rendering()
    found = []
    for ax in fig.axes:
        for text in [t for t in ax.texts if t.get_text()]:
            found.append((text, Text.get_window_extent(text)))
    return found


@pytest.mark.parametrize("show", sorted(SHOW_FOLDERS))
def test_no_two_labels_overlap_and_every_event_has_its_label_or_a_numbered_key(show):
    from tests.conftest import REAL_SHOW

    data = load_show(REAL_SHOW.parent.parent / SHOW_FOLDERS[show])
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


@pytest.mark.parametrize("show", sorted(SHOW_FOLDERS))
def test_the_narrow_chart_lists_every_point_in_time_order_without_overlaps(show):
    from showdeck import chart_points, timeline_narrow
    from tests.conftest import REAL_SHOW

    data = load_show(REAL_SHOW.parent.parent / SHOW_FOLDERS[show])
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
