"""The chart's style: Okabe-Ito colours, a distinct marker per kind, dark text on light paper."""

from __future__ import annotations

from datetime import date

from showdeck import timeline, timeline_style

AS_OF = date(2026, 11, 24)


def test_colours_are_okabe_ito_and_every_kind_has_a_distinct_style():
    colours = {colour for colour, _marker in timeline_style.KIND_STYLE.values()}
    assert colours <= set(timeline_style.OKABE_ITO.values())
    assert len(set(timeline_style.KIND_STYLE.values())) == len(timeline_style.KIND_STYLE)
    # Shapes alone tell the kinds apart, for readers who cannot tell the colours apart.
    assert len({marker for _colour, marker in timeline_style.KIND_STYLE.values()}) == len(
        timeline_style.KIND_STYLE)


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
            assert contrast(text.get_color(), timeline_style.BACKGROUND) >= 4.5, text.get_text()
    # No yellow: it vanishes on white.
    assert "#F0E442" not in {c.upper() for c in timeline_style.OKABE_ITO.values()}
