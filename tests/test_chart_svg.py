"""The chart as SVG: a standalone file carrying its own fonts, and an inline element whose
markers are named links to each point's details."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from showdeck import chart_svg, timeline
from showdeck.chart_points import chart_points

AS_OF = date(2026, 11, 24)


@pytest.fixture(scope="module")
def drawn(data):
    """The fixture show's chart, rendered once, with the points it draws."""
    points = chart_points(data, timeline.context_milestones(data, AS_OF))
    return chart_svg.render(timeline.timeline_figure(data, AS_OF)), points


def test_the_standalone_svg_carries_its_fonts_under_the_charts_own_names(drawn):
    svg = chart_svg.standalone_svg(drawn[0])
    assert svg.startswith("<?xml")
    assert svg.count("@font-face") >= 2
    assert f'font-family: "{chart_svg.CHART_FAMILY_PREFIX}Noto Sans"' in svg
    assert "font-family: 'SD Chart Noto Sans'" in svg
    assert "<dc:date>" not in svg


def test_the_charts_text_is_every_character_its_text_elements_show():
    svg = '<svg><text x="1">A &amp; B</text><g><text><tspan>第2期</tspan></text></g></svg>'
    assert chart_svg.chart_text(svg) == "A & B第2期"


def test_the_inline_svg_prefixes_its_ids_and_scales_to_its_box(drawn):
    svg = chart_svg.inline_svg(drawn[0], "wide", drawn[1])
    assert svg.startswith("<svg")
    assert 'id="sd-chart-wide"' in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert all(i == "sd-chart-wide" or i.startswith("wide-") for i in ids), ids
    assert 'class="sd-chart-svg" role="group" aria-label="wide chart"' in svg
    head = svg[:svg.index(">")]
    assert ' width="' not in head
    assert " viewBox=" in head


def test_each_marker_is_a_link_named_by_its_point(drawn):
    svg = chart_svg.inline_svg(drawn[0], "wide", drawn[1])
    for point in drawn[1]:
        assert f'data-sd-point="{point.key}"' in svg
    assert 'aria-label="5 Apr 2019 (exact date): Episode 1 · The First Lamp. ' in svg


def test_a_point_without_a_marker_is_an_error_naming_it(drawn):
    ghost = replace(drawn[1][0], key="ev-ghost")
    with pytest.raises(ValueError, match=r"the narrow chart draws no marker for \['ev-ghost'\]"):
        chart_svg.inline_svg(drawn[0], "narrow", [*drawn[1], ghost])


def test_on_an_exported_page_the_chart_takes_the_pages_faces(data):
    from showdeck import chart_html, fonts

    html = chart_html.chart_html(data, AS_OF)
    assert html.count(f'font-family: "{chart_svg.CHART_FAMILY_PREFIX}') >= 2  # its own copies
    shared = chart_svg.with_page_fonts(html)
    assert chart_svg.CHART_FAMILY_PREFIX not in shared
    assert "@font-face" not in shared
    assert fonts.FONT_STACK.replace('"', "'") in shared
    # Everything else is as it was: the same drawing, text and script.
    assert chart_svg.chart_text(shared) == chart_svg.chart_text(html)
    assert shared.count("<text") == html.count("<text")
    assert chart_svg.with_page_fonts("<p>no chart</p>") == "<p>no chart</p>"
