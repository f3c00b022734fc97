"""The alt-text policy: placeholders (file names, reprs, 'chart') are rejected, descriptions pass."""

from __future__ import annotations

import pytest

from showdeck.alttext import alt_problem

# Pure functions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "alt",
    [
        "",
        "   ",
        "image",
        "Chart",
        "Figure 2",
        "<Figure size 960x540 with 1 Axes>",
        "timeline.png",
        "data:image/png;base64,AAAA",
        "A chart",
    ],
)
def test_alt_problem_rejects_placeholders(alt: str) -> None:
    assert alt_problem(alt) is not None


@pytest.mark.parametrize(
    "alt",
    [
        "Timeline of Akudama Drive announcements, 2020 to 2024",
        "アクダマドライブ第二期の発表の年表",
    ],
)
def test_alt_problem_accepts_descriptions(alt: str) -> None:
    assert alt_problem(alt) is None
