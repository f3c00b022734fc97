"""The slides' markup: data is escaped everywhere, only http(s) links survive, the stylesheet
is CSS."""

from __future__ import annotations

from datetime import date

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


def test_compiled_templates_are_kept_and_used_by_the_next_process(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    markup.template_cache.cache_clear()
    try:
        cache = markup.template_cache()
        assert cache is not None
        folder = tmp_path / "showdeck" / "templates"
        env = markup.environment.__wrapped__()  # a fresh environment, as a new process has
        first = env.get_template("slides.html.j2")
        kept = sorted(folder.iterdir())
        assert kept, "nothing was kept"
        # A fresh environment loads the kept code: Jinja's compile step is not run again.
        again = markup.environment.__wrapped__()
        monkeypatch.setattr(again, "compile", lambda *a, **k: pytest.fail("compiled again"))
        assert again.get_template("slides.html.j2").render() == first.render()
        assert sorted(folder.iterdir()) == kept
    finally:
        markup.template_cache.cache_clear()


def test_without_a_writable_cache_templates_are_compiled_each_time(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    markup.template_cache.cache_clear()
    try:
        assert markup.template_cache() is None
        env = markup.environment.__wrapped__()
        assert env.bytecode_cache is None
        assert hasattr(env.get_template("slides.html.j2").module, "title_slide")
    finally:
        markup.template_cache.cache_clear()
