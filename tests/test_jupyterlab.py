"""The notebook in a real JupyterLab: run all cells, read it on the light and the dark theme.
(Presenting it with jupyterlab-rise is tests/test_rise.py.)

The server (tests/support/jupyterlab.py) runs on 127.0.0.1 with a token, on a copy of the
notebook and its data, and is stopped by its process id however the test ends.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from showdeck.browser import offline_page
from tests.support.decks import SCREENSHOTS
from tests.support.jupyterlab import (
    ERROR_OUTPUTS,
    NOTEBOOK,
    ROOT,
    copy_project,
    jupyter_lab,
    run_all_cells,
)

SCREENSHOT = SCREENSHOTS / "jupyterlab.png"

#: The chart: matplotlib's figure, inline SVG in its explorable HTML output.
CHART = ".jp-OutputArea-output .sd-chart-wide svg, .jp-OutputArea-output .sd-chart-narrow svg"
#: Contrast a reader needs (WCAG AA for body text).
MIN_CONTRAST = 4.5
CONTRAST_JS = """() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = el => { for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c; }
    return 'rgb(255, 255, 255)'; };
  const ratio = el => { const a = lum(getComputedStyle(el).color), b = lum(background(el));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  const texts = [...document.querySelectorAll('.jp-OutputArea-output .sd-text p, '
    + '.jp-OutputArea-output .sd-callout p, .jp-OutputArea-output .sd-slide h2')];
  return texts.map(ratio);
}"""



def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def set_theme(page, name: str) -> None:
    """Settings > Theme > `name`, from the menu as a person would, then wait for it to apply."""
    page.locator(".lm-MenuBar-item", has_text="Settings").first.click()
    page.locator(".lm-Menu-item:has(.lm-Menu-itemLabel:text-is('Theme'))").first.hover()
    page.locator(f".lm-Menu-item:has(.lm-Menu-itemLabel:text-is('{name}'))").first.click()
    light = "false" if "Dark" in name else "true"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'")
    page.wait_for_timeout(300)


@pytest.mark.slow
@pytest.mark.browser
def test_notebook_reads_in_jupyterlab(tmp_path: Path) -> None:
    committed = ROOT / NOTEBOOK
    before = digest(committed) if committed.exists() else None
    root = copy_project(tmp_path / "project")
    with (
        jupyter_lab(root, tmp_path / "state") as lab,
        offline_page(viewport=(1280, 900), allow_http_host=lab.host) as (page, log),
    ):
        run_all_cells(page, lab, NOTEBOOK)
        errors = page.locator(ERROR_OUTPUTS).all_inner_texts()
        assert errors == [], "cells wrote errors:\n" + "\n---\n".join(errors)

        # A document: no Out[] prompts, the speaker notes folded away, every slide shown once.
        prompts = page.locator(".jp-OutputArea-promptOverlay, .jp-OutputPrompt").all_inner_texts()
        assert not [p for p in prompts if p.strip()], prompts
        notes = page.locator(".jp-OutputArea-output details.sd-notes")
        assert notes.count() == 7
        assert page.locator(".jp-OutputArea-output details.sd-notes[open]").count() == 0
        assert not page.locator(".sd-notes li").first.is_visible()

        chart = page.locator(CHART).first
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box is not None
        assert box["width"] > 200, box
        assert box["height"] > 100, box
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))

        # Legible on both themes.
        page.locator(".sd-text p").first.scroll_into_view_if_needed()
        for theme in ("JupyterLab Light", "JupyterLab Dark"):
            set_theme(page, theme)
            ratios = page.evaluate(CONTRAST_JS)
            assert ratios, "no article text found"
            assert min(ratios) >= MIN_CONTRAST, (theme, min(ratios))
            page.screenshot(path=str(SCREENSHOT.with_name(
                f"jupyterlab-{theme.split()[-1].lower()}.png")))
        set_theme(page, "JupyterLab Light")

        assert log.blocked == [], "the notebook reached for the network"
    assert lab.process.poll() is not None, "jupyter lab is still running"
    assert (digest(committed) if committed.exists() else None) == before
