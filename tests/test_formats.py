"""Every nbconvert format a user reaches for, run on the real notebook in the project's
environment: the reading view (--to html), --to webpdf with Debian's Chromium, --to markdown,
and --to pdf, which needs TeX and says so in nbconvert's own words."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nbconvert.exporters import HTMLExporter, MarkdownExporter
from nbformat import v4
from pypdf import PdfReader

from showdeck.export import NotebookNotRun, environment_config
from showdeck.to_markdown import html_to_markdown
from showdeck.webpdf import ENV, system_browsers, use_system_chromium
from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "akudama_drive_season2.ipynb"
AS_OF = "2026-11-24"
BIN = Path(sys.executable).parent
#: A line only the speaker notes say: never in the reading view's main text.
NOTES_ONLY = "of the article, quoted as published"
#: Code the notebook's cells hold: never in any format's text.
CODE = ("Presentation.open", "deck.title()", "deck.notes(", "import ")
MAX_MARKDOWN_BYTES = 100_000
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
AXE_JS = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})
    .then(r => r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target).join(', ')))"""


def nbconvert(to: str, folder: Path, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
    """`jupyter nbconvert --to TO --execute` of the real notebook, from the repository root."""
    env = {**os.environ, "SHOWDECK_AS_OF": AS_OF}
    env.pop(ENV, None)
    result = subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", "--to", to, "--execute", str(NOTEBOOK),
         "--output-dir", str(folder), *extra],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def reading(tmp_path_factory) -> Path:
    """The reading view: `jupyter nbconvert --to html --execute` of the real notebook."""
    folder = tmp_path_factory.mktemp("html")
    nbconvert("html", folder)
    [page] = folder.glob("*.html")
    return page


# The reading view (--to html).

@pytest.mark.slow
def test_the_reading_view_has_no_code_prompts_or_scripts(reading):
    html = reading.read_text(encoding="utf-8")
    body = html[html.index("<body"):]
    # The one script is the explorable chart's own, inside its figure (showdeck.chart_html).
    assert html.count("<script") == len(re.findall(r'<figure [^>]*class="sd-chart"', html)) == 1
    assert "<link" not in html
    for code in CODE:
        assert code not in body, code
    for prompt in ("In&nbsp;[", "Out[", "jp-InputPrompt", "jp-OutputPrompt", "jp-InputArea"):
        assert prompt not in body, prompt
    assert not re.search(r"""(src|href)=["']?(https?:)?//[^"' >]*\.(js|css)""", html)


@pytest.mark.slow
def test_the_reading_view_carries_the_stylesheet_and_fonts_in_its_head(reading):
    html = reading.read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert "@font-face" in head
    assert "data:font/woff2;base64," in head
    assert ".sd-columns" in head  # the slides' own stylesheet
    assert "body.sd-reading" in head  # the reading theme
    assert "<title>Akudama Drive Season 2: Will It Come Back Soon?</title>" in head


@pytest.mark.slow
def test_the_reading_view_keeps_the_chart_s_alt_text(reading):
    html = reading.read_text(encoding="utf-8")
    images = re.findall(r"<img [^>]*>", html)
    assert all(re.search(r'alt="[^"]{20,}"', img) for img in images), images
    # The explorable chart is a figure named by the alt text (its SVG is inline).
    (figure,) = re.findall(r'<figure [^>]*class="sd-chart"[^>]*>', html)
    assert 'aria-label="Timeline of Akudama Drive' in figure


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_reading_view_is_one_offline_document_at_phone_and_desktop_width(reading, width,
                                                                        screenshots):
    """0 requests but the file itself, nothing axe-core finds, no horizontal overflow, no page
    counters or notes in the text, fact-checks beside their paragraph on a desktop and under it
    on a phone."""
    from showdeck.browser import offline_page

    requests: list[str] = []
    with offline_page(viewport=(width, 900)) as (page, log):
        page.on("request", lambda request: requests.append(request.url))
        page.goto(reading.resolve().as_uri())
        page.wait_for_load_state("load")
        page.evaluate("() => document.fonts.ready")
        state = page.evaluate("""() => {
            const main = document.querySelector('main');
            const text = main.querySelector('.sd-article .sd-text p');
            const callout = main.querySelector('.sd-article .sd-callout');
            const box = node => node.getBoundingClientRect().toJSON();
            const framed = node => {
                for (let up = node.parentElement; up && up !== main; up = up.parentElement) {
                    if (['auto', 'scroll'].includes(getComputedStyle(up).overflowX)) return true;
                }
                return false;
            };
            return {
                scrollWidth: document.documentElement.scrollWidth,
                clientWidth: document.documentElement.clientWidth,
                // Wider than the window, unless inside a frame that scrolls.
                wider: [...main.querySelectorAll('*')].filter(node =>
                    node.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                    && !framed(node)).map(node => node.tagName + '.' + node.className).slice(0, 5),
                chartFrame: box([...main.querySelectorAll('.sd-chart svg.sd-chart-svg')]
                    .find(svg => svg.getBoundingClientRect().width > 0)),
                chartText: (() => {
                    const svg = [...main.querySelectorAll('.sd-chart svg.sd-chart-svg')]
                        .find(s => s.getBoundingClientRect().width > 0);
                    const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                    return Math.min(...[...svg.querySelectorAll('text')].map(t =>
                        parseFloat(getComputedStyle(t).fontSize) * k));
                })(),
                mainText: main.innerText,
                notesOpen: document.querySelector('.sd-reading-notes details').open,
                notesAfterMain: !!document.querySelector('main ~ .sd-reading-notes'),
                images: [...document.images].map(img => [img.naturalWidth, img.alt.length]),
                agenda: [...document.querySelectorAll('.sd-agenda a')].map(a =>
                    !!document.getElementById(a.getAttribute('href').slice(1))),
                text: box(text), callout: box(callout),
            };
        }""")
        page.screenshot(path=str(screenshots / f"reading-{width}.png"))
        loaded = list(requests)
        page.add_script_tag(path=str(AXE))  # injected inline, after the count
        violations = page.evaluate(AXE_JS, AXE_TAGS)
    assert loaded == [reading.resolve().as_uri()]
    assert violations == []
    assert log.blocked == []
    assert log.console_errors == []
    assert log.page_errors == []
    assert state["scrollWidth"] <= state["clientWidth"], state["wider"]
    assert state["wider"] == []
    assert state["chartFrame"]["right"] <= state["clientWidth"]
    # The chart fits (on a phone its narrow drawing) and its text stays legible.
    assert state["chartText"] >= 10, state["chartText"]
    text = state["mainText"]
    assert "Introduction" in text
    assert "Will it come back?" in text
    assert "Sources" in text
    assert not re.search(r"\b\d+/\d+\b", text), re.search(r".{30}\b\d+/\d+\b.{10}", text)
    assert NOTES_ONLY not in text
    for code in CODE:
        assert code not in text
    assert state["notesAfterMain"]
    assert not state["notesOpen"]
    assert all(natural > 0 and alt > 20 for natural, alt in state["images"])
    # The agenda is a table of contents: each line an anchor in this page.
    assert len(state["agenda"]) >= 6
    assert all(state["agenda"])
    paragraph, callout = state["text"], state["callout"]
    if width >= 1024:
        assert callout["left"] >= paragraph["right"], (paragraph, callout)
        assert abs(callout["top"] - paragraph["top"]) < 40, (paragraph, callout)
    else:
        assert callout["top"] >= paragraph["bottom"], (paragraph, callout)


# --to webpdf, --to markdown, --to pdf.

@pytest.mark.slow
@pytest.mark.browser
def test_webpdf_prints_the_reading_view_with_debian_s_chromium(tmp_path):
    nbconvert("webpdf", tmp_path)
    [pdf] = tmp_path.glob("*.pdf")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    texts = [page.extract_text() or "" for page in reader.pages]
    assert len(texts) >= 5
    assert all(text.strip() for text in texts)
    joined = " ".join(" ".join(texts).split())
    assert "Will It Come Back Soon?" in " ".join(texts[0].split())
    for heading in ("Introduction", "Airing timeline", "Will it come back?", "Sources"):
        assert heading in joined
    for code in CODE:
        assert code not in joined
    assert NOTES_ONLY not in joined


@pytest.mark.slow
def test_markdown_is_the_article_verdicts_tables_and_chart_as_a_file(tmp_path):
    nbconvert("markdown", tmp_path)
    [md] = tmp_path.glob("*.md")
    payload = md.read_bytes()
    text = payload.decode("utf-8")
    assert len(payload) < MAX_MARKDOWN_BYTES
    for embedded in ("@font-face", "base64", "<style", "<div", "<span", "<table", "<details"):
        assert embedded not in text, embedded
    for code in CODE:
        assert code not in text
    assert text.count("\n# ") + text.startswith("# ") >= 1
    assert "\n## Introduction\n" in text
    # The agenda links to the headings as Markdown renderers name them.
    assert "1. [Introduction](#introduction)" in text
    assert "[Will it come back?](#will-it-come-back)" in text
    assert "\n## Sources\n" in text
    # Claims in bold with their number; each fact-check a quote block naming its verdict.
    assert re.search(r"\*\*[^*]+\*\*¹", text)
    assert re.search(r"^> ¹ \*\*✓ Correct\*\*", text, re.MULTILINE)
    assert re.search(r"^> \S+ \*\*✗ Incorrect\*\*", text, re.MULTILINE)
    # The tables as Markdown tables, each once although the deck splits them over pages.
    assert "| No. | Aired | Title | Japanese title |" in text
    assert text.count("**Dated events around the run**") == 1
    assert re.search(r"^\| 12 \| 24 Dec 2020 \|", text, re.MULTILINE)
    # The chart: an image file beside the Markdown, described by its alt text.
    image = re.search(r"!\[(Timeline of Akudama Drive[^\]]+)\]\(([^)]+\.svg)\)", text)
    assert image, "no chart image"
    assert (tmp_path / image[2]).is_file()
    # No page counters and no speaker notes.
    prose = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are URLs, with slashes
    assert not re.search(r"\b\d+/\d+\b", prose), re.search(r".{30}\b\d+/\d+\b", prose)
    assert NOTES_ONLY not in text


@pytest.mark.slow
def test_pdf_without_tex_fails_with_nbconvert_s_own_message(tmp_path):
    result = nbconvert("pdf", tmp_path, check=False)
    if shutil.which("xelatex") and shutil.which("inkscape"):
        assert result.returncode == 0, result.stderr[-2000:]
        return
    assert result.returncode != 0
    assert re.search(r"(Inkscape|xelatex)[^\n]*not found", result.stderr), result.stderr[-2000:]
    assert not list(tmp_path.glob("*.pdf"))


# The pieces, in memory.

def showdeck_notebook(*cells):
    nb = v4.new_notebook(metadata={"showdeck": {"version": 1}})
    nb.cells = list(cells)
    return nb


def output_cell(html: str, slide_type: str = "slide", source: str = "deck.show()"):
    cell = v4.new_code_cell(source, metadata={"slideshow": {"slide_type": slide_type}})
    cell.execution_count = 1
    cell.outputs = [v4.new_output("display_data", data={"text/html": html, "text/plain": ""})]
    return cell


SLIDE = ('<div class="sd-slide sd-article" aria-label="MARKER-SLIDE" role="group">'
         '<div class="sd-pages"><div class="sd-page fragment fade-out">'
         '<h2>Intro <span class="sd-page-count">1/2</span></h2><div class="sd-columns">'
         '<div class="sd-text"><p><mark class="sd-claim">a *claim*</mark>&#8288;'
         '<sup class="sd-claim-ref">1</sup> and more.</p></div><div class="sd-callouts">'
         '<aside class="sd-callout"><p class="sd-callout-head"><span class="sd-claim-ref">1</span> '
         '<span class="sd-verdict">✗ Incorrect</span> <span class="sd-topic">topic</span></p>'
         '<p>Sources: <a href="https://example.org/a b">Ex</a></p></aside></div></div></div>'
         '<div class="sd-page fragment"><h2 class="sd-continued">Intro '
         '<span class="sd-page-count">2/2</span></h2><table><caption>T</caption><thead><tr>'
         '<th>A</th><th>B</th></tr></thead><tbody><tr><th>1</th><td>x|y</td></tr></tbody></table>'
         '<table><caption>T</caption><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr>'
         '<th>2</th><td>z</td></tr></tbody></table></div></div></div>')


def test_slide_html_becomes_markdown_read_as_one_text():
    assert html_to_markdown(SLIDE) == (
        "## Intro\n\n"
        "**a \\*claim\\***¹ and more.\n\n"
        "> ¹ **✗ Incorrect** *topic*\n>\n> Sources: [Ex](<https://example.org/a b>)\n\n"
        "**T**\n\n| A | B |\n| --- | --- |\n| 1 | x\\|y |\n| 2 | z |")


def test_the_reading_view_keeps_slides_in_order_and_sets_the_notes_apart():
    setup = output_cell("<p>SETUP-OUTPUT</p>", "skip", "import SECRET")
    notes = output_cell('<details class="sd-notes"><summary>Speaker notes</summary>'
                        "<ul><li>NOTE-MARKER</li></ul></details>", "notes")
    nb = showdeck_notebook(setup, output_cell(SLIDE, source="deck.article()"), notes)
    html, _ = HTMLExporter(config=environment_config()).from_notebook_node(nb)
    main = html[html.index("<main>"):html.index("</main>")]
    assert "SETUP-OUTPUT" not in html
    assert "SECRET" not in html
    assert "deck.article" not in html
    assert "a *claim*" in main
    assert "NOTE-MARKER" not in main
    notes_part = html[html.index("</main>"):]
    assert "<h3>MARKER-SLIDE</h3>" in notes_part
    assert "NOTE-MARKER" in notes_part
    assert "<details>" in notes_part
    assert "<details class" not in notes_part


def test_a_never_run_notebook_is_refused_naming_the_format():
    never = v4.new_code_cell("deck.title()", metadata={"slideshow": {"slide_type": "slide"}})
    for exporter, fmt in ((HTMLExporter, "html"), (MarkdownExporter, "markdown")):
        with pytest.raises(NotebookNotRun, match=f"--to {fmt} --execute"):
            exporter(config=environment_config()).from_notebook_node(showdeck_notebook(never))


@pytest.mark.parametrize("exporter", [HTMLExporter, MarkdownExporter])
def test_another_notebook_converts_as_without_the_config(exporter):
    nb = v4.new_notebook()
    code = v4.new_code_cell("print('CODE')", metadata={"slideshow": {"slide_type": "skip"}})
    code.outputs = [v4.new_output("stream", name="stdout", text="CODE\n")]
    nb.cells = [v4.new_markdown_cell("# PLAIN"), code]
    ours, _ = exporter(config=environment_config()).from_notebook_node(nb)
    plain, _ = exporter().from_notebook_node(nb)
    assert ours == plain
    assert "print" in ours


def test_webpdf_s_browser_folder_links_to_the_system_chromium(tmp_path, monkeypatch):
    from showdeck.browser import find_chromium

    folder = system_browsers(tmp_path / "browsers")
    assert folder == tmp_path / "browsers"
    links = [path for path in folder.rglob("*") if path.is_symlink()]
    assert {link.name for link in links} == {"chrome", "chrome-headless-shell"}
    assert all(link.resolve() == find_chromium().resolve() for link in links)
    assert system_browsers(folder) == folder  # again: already in place
    monkeypatch.setenv(ENV, "/the/user's/choice")
    use_system_chromium()
    assert os.environ[ENV] == "/the/user's/choice"


@pytest.mark.slow
@pytest.mark.parametrize("to", ["html", "markdown", "webpdf"])
def test_the_never_run_notebook_is_refused_in_one_line(to, tmp_path):
    """The committed notebook has no outputs: converting it without --execute says to add it,
    in one line, and writes nothing."""
    env = {**os.environ}
    env.pop(ENV, None)
    result = subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", "--to", to, str(NOTEBOOK), "--output-dir", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1
    assert f"--to {to} --execute NOTEBOOK" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_a_markdown_slide_a_user_adds_is_in_the_reading_view_and_names_its_notes():
    slide = v4.new_markdown_cell("## MY-SLIDE\n\nMY-TEXT", metadata={"slideshow": {"slide_type": "slide"}})
    notes = v4.new_markdown_cell("MY-NOTE", metadata={"slideshow": {"slide_type": "notes"}})
    nb = showdeck_notebook(output_cell(SLIDE, source="deck.article()"), slide, notes)
    html, _ = HTMLExporter(config=environment_config()).from_notebook_node(nb)
    main = html[html.index("<main>"):html.index("</main>")]
    assert "MY-TEXT" in main
    assert main.index("a *claim*") < main.index("MY-TEXT")
    assert "MY-NOTE" not in main
    assert re.search(r"<h3>MY-SLIDE</h3>\s*<p>MY-NOTE</p>", html)
