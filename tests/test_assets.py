"""The reveal.js files the deck inlines: reveal.css keeps every rule the deck uses and loses the
features it does not use; nothing points at a file the deck does not carry."""

from __future__ import annotations

import re

import pytest

from showdeck.assets import AssetsMissing, RevealAssets, load_reveal, prune_css


@pytest.fixture(scope="module")
def assets(reveal_dist):
    return load_reveal(reveal_dist.parent)


@pytest.fixture(scope="module")
def pruned(assets) -> str:
    return assets.as_resources()["reveal_css"]


#: Rules the deck relies on: slides, pages (fragments), controls, progress, slide number,
#: overview, the help and pause overlays, speaker notes and the print view of the handout.
NEEDED = (
    ".reveal .slides>section.present",
    ".reveal .fragment:not(.custom){opacity:0",
    ".reveal .fragment.visible{opacity:1",
    ".reveal .fragment.fade-out.visible{opacity:0",
    ".reveal .fragment.current-visible.current-fragment",
    ".reveal .controls .enabled{",
    ".reveal:not(.rtl) .controls[data-controls-back-arrows=faded] .navigate-left.enabled",
    ".reveal .progress span{",
    ".reveal .slide-number{",
    ".reveal.overview .slides",
    ".r-overlay-help .r-overlay-help-content",
    ".reveal .pause-overlay",
    ".reveal.fade .slides section:not([data-transition])",
    "html.reveal-print .reveal .slides .pdf-page{",
    "html.reveal-print .reveal .speaker-notes-pdf[data-layout=separate-page]",
    "@media print{",
    "@keyframes fade-in",
)

#: Features the deck does not use, by a selector only they have.
UNUSED = (
    ".reveal.slide .slides",
    "[data-transition=zoom]",
    "[data-background-transition=convex]",
    ".fragment.grow",
    ".fragment.highlight-red",
    ".reveal-scroll",
    ".scrollbar",
    ".r-overlay-spinner",
    ".hljs",
    ".reveal.rtl",
    ".r-stack",
    "bounce-right",
)


@pytest.mark.parametrize("rule", NEEDED)
def test_pruned_reveal_css_keeps_what_the_deck_uses(pruned, rule) -> None:
    assert rule in pruned


@pytest.mark.parametrize("selector", UNUSED)
def test_pruned_reveal_css_drops_what_the_deck_does_not_use(assets, pruned, selector) -> None:
    assert selector in assets.files["reveal_css"]  # the test still means something
    assert selector not in pruned


def test_pruned_reveal_css_is_less_than_half_and_keeps_the_licence(assets, pruned) -> None:
    assert len(pruned) < len(assets.files["reveal_css"]) / 2
    assert pruned.startswith("/**\n * reveal.js ")
    assert "MIT licensed" in pruned[:200]


def test_a_selector_list_loses_only_its_unused_selectors() -> None:
    css = ".a,.reveal.zoom .b,.c:not(.custom){color:red}.slide{x:y}@media print{.rtl{x:y}.d{x:y}}"
    assert prune_css(css).strip() == ".a,.c:not(.custom){color:red}@media print{.d{x:y}}"


def test_keyframes_no_rule_animates_are_dropped() -> None:
    css = (".a{animation:kept 1s}.highlight{animation:gone 1s}"
           "@keyframes kept{0%{x:y}}@keyframes gone{0%{x:y}}")
    assert prune_css(css).strip() == ".a{animation:kept 1s}@keyframes kept{0%{x:y}}"


def test_inlined_files_point_at_no_source_map(assets) -> None:
    resources = assets.as_resources()
    assert "sourceMappingURL" in assets.files["reveal_js"]  # reveal.js ships one
    for name in ("reveal_js", "notes_js", "reveal_css", "reset_css"):
        assert not re.search(r"sourceMappingURL", resources[name]), name


def test_inlined_scripts_cannot_close_their_script_element(tmp_path):
    files = {"reset_css": "a</script>b", "reveal_css": "c", "reveal_js": "a</script>b",
             "notes_js": "x</SCRIPT >y"}
    resources = RevealAssets(folder=tmp_path, version="5.2.1", files=files).as_resources()
    assert resources["reveal_js"] == "a<\\/script>b"
    assert resources["notes_js"] == "x<\\/SCRIPT >y"
    assert resources["reset_css"] == "a</script>b"  # CSS goes in <style>, not <script>
    assert resources["version"] == "5.2.1"


def test_missing_reveal_names_the_install_command(tmp_path):
    with pytest.raises(AssetsMissing, match=r"npm ci.*make setup"):
        load_reveal(tmp_path)
