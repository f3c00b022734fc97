"""nbconvert's webpdf with the system Chromium: a Playwright browsers folder of links to it,
made once, and never over a folder the user chose."""

from __future__ import annotations

import os
import platform
import sys

import pytest

from showdeck import webpdf

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or platform.machine() not in webpdf.LAYOUTS["chromium"],
    reason="Playwright's browser layouts are known here for Linux on x86_64 and aarch64")


@pytest.fixture
def chromium(monkeypatch, tmp_path):
    path = tmp_path / "chromium"
    path.write_text("")
    monkeypatch.setenv("CHROMIUM", str(path))
    return path


def test_each_browser_playwright_wants_is_a_link_to_the_system_chromium(chromium, tmp_path):
    folder = webpdf.system_browsers(tmp_path / "browsers")
    assert folder == tmp_path / "browsers"
    revisions = webpdf.playwright_revisions()
    assert set(revisions) == set(webpdf.LAYOUTS)
    for name, revision in revisions.items():
        subdir, executable = webpdf.LAYOUTS[name][platform.machine()]
        link = folder / f"{name.replace('-', '_')}-{revision}" / subdir / executable
        assert link.is_symlink()
        assert os.readlink(link) == str(chromium)


def test_a_stale_link_is_replaced(chromium, tmp_path, monkeypatch):
    webpdf.system_browsers(tmp_path / "browsers")
    newer = tmp_path / "newer-chromium"
    newer.write_text("")
    monkeypatch.setenv("CHROMIUM", str(newer))
    folder = webpdf.system_browsers(tmp_path / "browsers")
    links = [p for p in folder.rglob("*") if p.is_symlink()]
    assert len(links) == len(webpdf.LAYOUTS)
    assert {os.readlink(p) for p in links} == {str(newer)}


def test_without_chromium_nothing_is_made(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "nope"))
    assert webpdf.system_browsers(tmp_path / "browsers") is None
    assert not (tmp_path / "browsers").exists()


def test_a_browsers_folder_the_user_chose_is_kept(chromium, monkeypatch, tmp_path):
    monkeypatch.setenv(webpdf.ENV, "/home/me/browsers")
    webpdf.use_system_chromium()
    assert os.environ[webpdf.ENV] == "/home/me/browsers"


def test_otherwise_playwright_is_pointed_at_the_links(chromium, monkeypatch, tmp_path):
    monkeypatch.delenv(webpdf.ENV, raising=False)
    monkeypatch.setattr(webpdf, "default_folder", lambda: tmp_path / "env-browsers")
    webpdf.use_system_chromium()
    assert os.environ[webpdf.ENV] == str(tmp_path / "env-browsers")
