"""print_pdf: reveal.js's print view in headless Chromium, one PDF page per page."""

from __future__ import annotations

import pytest

from showdeck.pdf import PdfError, pdf_page_count, print_pdf
from tests.conftest import SAMPLE_PAGES


@pytest.mark.slow
@pytest.mark.browser
def test_the_pdf_has_one_page_per_slide(built_deck, tmp_path):
    output = tmp_path / "handout.pdf"
    lines: list[str] = []
    result = print_pdf(built_deck, output, progress=lines.append)
    payload = output.read_bytes()
    assert payload.startswith(b"%PDF-")
    assert result.pages == pdf_page_count(payload) == SAMPLE_PAGES
    assert any(line.startswith("write") for line in lines)


def test_a_missing_deck_names_the_command_that_builds_it(tmp_path):
    with pytest.raises(PdfError, match="make slides"):
        print_pdf(tmp_path / "nope.html", tmp_path / "out.pdf", progress=lambda _line: None)


@pytest.mark.browser
def test_a_page_that_is_not_a_deck_fails_cleanly(tmp_path, monkeypatch):
    monkeypatch.setattr("showdeck.pdf.READY_TIMEOUT_MS", 1500)
    page = tmp_path / "plain.html"
    page.write_text("<!doctype html><title>not a deck</title><p>hello</p>", encoding="utf-8")
    output = tmp_path / "out.pdf"
    with pytest.raises(PdfError, match="never reported its print view ready"):
        print_pdf(page, output, progress=lambda _line: None)
    assert not output.exists()


@pytest.mark.browser
def test_a_page_whose_reveal_never_prints_fails_after_the_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr("showdeck.pdf.READY_TIMEOUT_MS", 500)
    page = tmp_path / "stuck.html"
    page.write_text("<!doctype html><title>stuck</title><script>window.Reveal = {};</script>",
                    encoding="utf-8")
    with pytest.raises(PdfError, match=r"never reported its print view ready \(no script errors"):
        print_pdf(page, tmp_path / "out.pdf", progress=lambda _line: None)
