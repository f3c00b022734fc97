"""jupyterlab-rise, driven as a presenter does: a full RISE tab (`/rise/<path>`) or the "Render
as slides" panel (Alt+R), stepped with the right arrow, reading what is on screen at each step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.support.jupyterlab import LAB_LOAD_MS, Lab

READY = "body.rise-enabled .reveal.ready"
#: More steps than any deck of ours has pages: stepping stops here whatever happens.
MAX_STEPS = 200

#: What one step shows: the slide on screen, its visible pages (a page is visible when a reader
#: sees it, whatever marks it; a slide without pages shows its outputs), the box around all that
#: each of them draws, and the window.
STEP_JS = """() => {
  const section = document.querySelector('.reveal .slides > section.present');
  const visible = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const pages = [...section.querySelectorAll('.sd-page')].filter(visible);
  const shown = pages.length ? pages
    : [...section.querySelectorAll('.jp-OutputArea-output')].filter(visible);
  const extent = el => [el, ...el.querySelectorAll('*')]
    .map(e => e.getBoundingClientRect()).filter(r => r.width * r.height > 0)
    .reduce((a, r) => a === null ? {left: r.left, top: r.top, right: r.right, bottom: r.bottom}
      : {left: Math.min(a.left, r.left), top: Math.min(a.top, r.top),
         right: Math.max(a.right, r.right), bottom: Math.max(a.bottom, r.bottom)}, null);
  return {
    slide: [...section.parentNode.children].indexOf(section),
    slides: section.parentNode.querySelectorAll(':scope > section').length,
    text: section.innerText,
    pages: pages.map(p => p.dataset.sdPage || '?'),
    page_count: section.querySelectorAll('.sd-page').length,
    boxes: shown.map(extent),
    viewport: [innerWidth, innerHeight],
  };
}"""
#: Run every transition on the slides (reveal's slide and fragment fades) to its end, so a step
#: is read as it rests once the fade is over, without waiting for it.
SETTLE_JS = """() => document.getAnimations()
  .filter(a => a instanceof CSSTransition && a.effect.target.closest('.reveal .slides'))
  .forEach(a => a.finish())"""


@dataclass(frozen=True)
class Step:
    """What one step of the slideshow shows."""

    slide: int
    slides: int
    text: str
    pages: list[str]
    page_count: int
    boxes: list[dict[str, float] | None]
    viewport: list[int]

    @property
    def where(self) -> str:
        return f"slide {self.slide + 1} page {'/'.join(self.pages) or '-'}"

    def cut_off(self) -> list[str]:
        """Each visible page (or output, on a slide without pages) not wholly on screen."""
        width, height = self.viewport
        problems = []
        for box in self.boxes:
            if box is None:
                problems.append(f"{self.where}: draws nothing")
            # Half a pixel for the scale's rounding.
            elif (box["left"] < -0.5 or box["top"] < -0.5 or box["right"] > width + 0.5
                  or box["bottom"] > height + 0.5):
                problems.append(
                    f"{self.where}: box {round(box['left'])},{round(box['top'])} to "
                    f"{round(box['right'])},{round(box['bottom'])} is not inside the "
                    f"{width}x{height} window")
        if not self.boxes:
            problems.append(f"{self.where}: nothing on screen")
        return problems


def settle(frame) -> None:
    frame.evaluate(SETTLE_JS)


def open_tab(page, lab: Lab, notebook: Path):
    """The saved notebook in a full RISE tab, as its /rise/<path> page shows it."""
    page.goto(f"{lab.url}/rise/{notebook.as_posix()}?token={lab.token}")
    page.wait_for_selector(READY, timeout=LAB_LOAD_MS)
    settle(page)
    return page.main_frame


def open_panel(page):
    """"Render as slides" (Alt+R) on the notebook open in JupyterLab; returns the panel's frame."""
    page.locator(".jp-NotebookPanel .jp-Notebook").first.focus()
    page.keyboard.press("Escape")  # command mode, where Alt+R is bound
    page.keyboard.press("Alt+r")
    handle = page.wait_for_selector(".jp-MainAreaWidget iframe[src*='/rise/']",
                                    timeout=LAB_LOAD_MS)
    frame = handle.content_frame()
    frame.wait_for_selector(READY, timeout=LAB_LOAD_MS)
    settle(frame)
    return frame


#: Resolves once the window and the slides (or the panel's frame) have kept their size for five
#: drawn frames: JupyterLab lays its panels out over a few frames after a resize, and reveal.js
#: scales the slides when the resize reaches the page that shows them.
STILL_JS = """async selector => {
  const frame = () => new Promise(r => requestAnimationFrame(r));
  let last = '', same = 0;
  while (same < 5) {
    await frame();
    const now = [innerWidth, innerHeight, ...[...document.querySelectorAll(selector)]
      .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })]
      .join();
    same = now === last ? same + 1 : 0;
    last = now;
  }
}"""


def resize(page, frame, size: tuple[int, int]) -> None:
    """The browser window at `size`, once JupyterLab has laid out its panels again and reveal.js
    has scaled the slides in `frame` (the page's own, or the panel's) to the new size."""
    page.bring_to_front()  # a page in the background draws no frames
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.evaluate(STILL_JS, "iframe, .reveal .slides")
    frame.evaluate(STILL_JS, ".reveal .slides")


def first_slide(frame) -> None:
    """Back to the first slide by its link (RISE keeps Home for the notebook), every later page
    hidden again."""
    frame.evaluate("() => { location.hash = '#/0'; }")
    frame.wait_for_function(
        "() => document.querySelector('.reveal .slides > section.present')"
        " === document.querySelector('.reveal .slides > section')", timeout=10_000)
    settle(frame)


def click_slide(page, frame) -> None:
    """Click the middle of the slideshow, as a presenter does to give it the keyboard."""
    if frame.parent_frame is None:
        size = page.viewport_size
        page.mouse.click(size["width"] / 2, size["height"] / 2)
    else:
        box = frame.frame_element().bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def step_through(frame, keyboard) -> list[Step]:
    """From where the slideshow is, press the right arrow until three presses in a row change
    nothing (the last page, or a slideshow that stopped turning); each step once, in order."""
    steps = [Step(**frame.evaluate(STEP_JS))]
    unchanged = 0
    while unchanged < 3 and len(steps) < MAX_STEPS:
        keyboard.press("ArrowRight")
        settle(frame)
        step = Step(**frame.evaluate(STEP_JS))
        unchanged = unchanged + 1 if step == steps[-1] else 0
        if not unchanged:
            steps.append(step)
    return steps
