"""The explorable timeline in a real JupyterLab, as a notebook output: it fits the output area
with the file browser open, at 1280 and 1024 px, legibly, and its own script shows the details.

(Its own module: JupyterLab's page is driven by its own Playwright, which cannot run beside
the module-wide Chromium of tests/test_chart_browser.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.decks import SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.mark.slow
def test_in_jupyterlab_the_chart_fits_the_output_area_and_explores(tmp_path: Path) -> None:
    from showdeck.browser import offline_page
    from tests.support.jupyterlab import NOTEBOOK, copy_project, jupyter_lab, run_all_cells

    root = copy_project(tmp_path / "project")
    with (
        jupyter_lab(root, tmp_path / "state") as lab,
        offline_page(viewport=(1280, 900), allow_http_host=lab.host) as (page, log),
    ):
        run_all_cells(page, lab, NOTEBOOK)
        # The file browser open beside the notebook, as a person has it.
        if not page.locator(".jp-FileBrowser").is_visible():
            page.keyboard.press("Control+Shift+f")
        assert page.locator(".jp-FileBrowser").is_visible()
        chart = page.locator(".jp-OutputArea-output .sd-chart").first
        chart.scroll_into_view_if_needed()
        assert chart.get_attribute("data-sd-ready") == "ready"  # its own script ran
        for width, height in ((1280, 900), (1024, 768)):
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(800)
            chart.scroll_into_view_if_needed()
            box = page.evaluate("""() => {
              const fig = document.querySelector('.jp-OutputArea-output .sd-chart');
              const area = fig.closest('.jp-OutputArea-output');
              const layer = [...fig.querySelectorAll('.sd-chart-wide, .sd-chart-narrow')]
                .find(l => getComputedStyle(l).display !== 'none');
              const svg = layer.querySelector('svg');
              const r = svg.getBoundingClientRect(), a = area.getBoundingClientRect();
              const k = r.width / svg.viewBox.baseVal.width;
              let smallest = Infinity;
              svg.querySelectorAll('text').forEach(t => {
                smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * k); });
              return {layer: layer.className, right: r.right, areaRight: a.right,
                      left: r.left, areaLeft: a.left, smallest,
                      scrolls: area.scrollWidth > area.clientWidth + 1};
            }""")
            assert box["left"] >= box["areaLeft"] - 0.5, box
            assert box["right"] <= box["areaRight"] + 0.5, box
            assert not box["scrolls"], box
            assert box["smallest"] >= 10, box
            # Hover a point: its details show in the output itself.
            chart.locator(".sd-chart-wide a.sd-point, .sd-chart-narrow a.sd-point").locator(
                "visible=true").nth(3).focus()
            assert chart.locator(".sd-chart-card").is_visible()
            page.screenshot(path=str(SCREENSHOTS / f"chart-jupyterlab-{width}.png"))
        assert log.blocked == []
