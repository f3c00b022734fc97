"""The slides' markup: data is escaped everywhere, only http(s) links survive, the stylesheet
is CSS."""

from __future__ import annotations

import shutil
from datetime import date

import jinja2
import pytest

from showdeck import (
    geometry,
    markup,
    slide_list,
)
from showdeck.loader import load_show
from showdeck.slide_list import SLIDES
from tests.conftest import write_article

AS_OF = date(2026, 11, 24)


def all_html(data) -> str:
    """Every slide of the slide list and its notes."""
    return "".join([*(slide.view(data, AS_OF) for slide in SLIDES),
                    *(slide_list.speaker_notes(data, slide.id, AS_OF) for slide in SLIDES)])


def test_data_text_is_escaped_everywhere(broken_copy):
    folder = broken_copy()
    evil = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"
    write_article(folder, [f"Before {evil} after."], [("evil", evil, "incorrect")])
    sources = (folder / "sources.csv").read_text().replace(
        "Lantern Line episode guide", '"Guide <b onclick=""x"">bold</b>"')
    (folder / "sources.csv").write_text(sources)
    html = all_html(load_show(folder))
    assert "<script" not in html
    assert "<img" not in html
    assert "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b onclick=&#34;x&#34;&gt;" in html


@pytest.mark.parametrize(("url", "safe"), [
    ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None),
    ("data:text/html,hi", None),
    ("//example.org", None),
])
def test_only_http_links_survive(url, safe):
    assert markup.safe_url(url) == safe


def test_a_quote_in_a_link_cannot_leave_its_attribute():
    link = markup.Link("x", 'https://example.org/"onmouseover="x')
    html = markup.render("link", link)
    assert 'href="https://example.org/&#34;onmouseover=&#34;x"' in html


def test_the_stylesheet_uses_the_geometry_pagination_measures():
    css = markup.stylesheet()
    assert f"font-size: {geometry.BODY.size_px}px" in css
    assert f"gap: {geometry.COLUMN_GAP}px" in css
    assert ".reveal .sd-pages > .sd-page { grid-area: 1 / 1;" in css


def test_the_stylesheet_is_css_not_escaped_html():
    css = markup.stylesheet()
    assert '"SD Noto Sans"' in css
    assert "&#34;" not in css
    assert "&gt;" not in css


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """$XDG_CACHE_HOME in a temporary folder, the template cache's folder looked up afresh."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    markup.template_cache_folder.cache_clear()
    yield tmp_path
    markup.template_cache_folder.cache_clear()


def test_compiled_templates_are_kept_and_used_by_the_next_process(cache_home, monkeypatch):
    folder = cache_home / "showdeck" / "templates"
    first = markup.environment.__wrapped__()  # a fresh environment, as a new process has
    module = first.get_template("slides.html.j2").module
    kept = sorted(folder.iterdir())
    assert kept, "nothing was kept"
    # A fresh environment loads the kept code: Jinja's compile step is not run again.
    again = markup.environment.__wrapped__()
    monkeypatch.setattr(again, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert dir(again.get_template("slides.html.j2").module) == dir(module)
    assert sorted(folder.iterdir()) == kept


def test_an_environment_set_up_differently_never_loads_anothers_code(cache_home, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.j2").write_text("{{ x }}", encoding="utf-8")

    def render(autoescape: bool) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=autoescape)
        return markup.use_template_cache(env).get_template("t.j2").render(x="<b>")

    assert render(True) == "&lt;b&gt;"
    assert render(False) == "<b>"
    assert render(True) == "&lt;b&gt;"


def test_a_cache_folder_that_goes_away_mid_run_costs_only_the_cache(cache_home):
    env = markup.environment.__wrapped__()
    shutil.rmtree(cache_home / "showdeck")  # as `rm -rf ~/.cache/showdeck` while a kernel runs
    assert hasattr(env.get_template("slides.html.j2").module, "title_slide")
    assert not (cache_home / "showdeck").exists()


def test_without_a_writable_cache_templates_are_compiled_each_time(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    markup.template_cache_folder.cache_clear()
    try:
        assert markup.template_cache_folder() is None
        env = markup.environment.__wrapped__()
        assert env.bytecode_cache is None
        assert hasattr(env.get_template("slides.html.j2").module, "title_slide")
    finally:
        markup.template_cache_folder.cache_clear()
