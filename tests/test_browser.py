"""Finding Chromium and keeping its pages offline, checked without starting it (the browser
tests drive it: test_deck_browser, test_chart_browser, test_accessibility...)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from showdeck import browser
from showdeck.errors import ShowdeckError


def test_chromium_named_by_the_environment_is_used(monkeypatch, tmp_path):
    chromium = tmp_path / "my-chromium"
    chromium.write_text("")
    monkeypatch.setenv("CHROMIUM", str(chromium))
    assert browser.find_chromium() == chromium


def test_a_chromium_override_that_does_not_exist_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "nope"))
    with pytest.raises(browser.BrowserMissing, match=r"^\$CHROMIUM points at .*nope, which does"):
        browser.find_chromium()


def test_no_chromium_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(browser.BrowserMissing) as caught:
        browser.find_chromium()
    assert isinstance(caught.value, ShowdeckError)
    assert "sudo apt-get install chromium" in str(caught.value)


class FakeContext:
    """Records the route handler a Playwright context would be given."""

    def route(self, pattern, handler):
        assert pattern == "**/*"
        self.handler = handler

    def request(self, url: str) -> str:
        done = []
        self.handler(SimpleNamespace(request=SimpleNamespace(url=url),
                                     continue_=lambda: done.append("continued"),
                                     abort=lambda: done.append("aborted")))
        return done[0]


def test_only_local_urls_and_the_allowed_host_go_through():
    context, blocked = FakeContext(), []
    browser.block_network(context, blocked, allow_http_host="127.0.0.1:8888")
    assert context.request("file:///tmp/deck.html") == "continued"
    assert context.request("data:image/png;base64,AAAA") == "continued"
    assert context.request("http://127.0.0.1:8888/lab") == "continued"
    assert context.request("http://127.0.0.1:9999/lab") == "aborted"
    assert context.request("https://cdn.example.org/reveal.js") == "aborted"
    assert blocked == ["http://127.0.0.1:9999/lab", "https://cdn.example.org/reveal.js"]


def test_without_an_allowed_host_every_http_request_is_blocked():
    context, blocked = FakeContext(), []
    browser.block_network(context, blocked)
    assert context.request("http://127.0.0.1:8888/lab") == "aborted"
    assert blocked == ["http://127.0.0.1:8888/lab"]
