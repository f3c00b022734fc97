"""The reveal.js files the deck inlines, read from the npm install (package-lock.json)."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from showdeck.errors import ShowdeckError

#: Where `npm ci` puts reveal.js, for an editable install run from the repository.
REPO_ROOT = Path(__file__).resolve().parent.parent
REVEAL_FILES = {
    "reset_css": "dist/reset.css",
    "reveal_css": "dist/reveal.css",
    "reveal_js": "dist/reveal.js",
    "notes_js": "plugin/notes/notes.js",
}
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)
#: A pointer to a source map the file does not carry: DevTools (and Lighthouse) would ask a web
#: server for it.
_SOURCE_MAP = re.compile(r"^\s*(//[#@] sourceMappingURL=\S*|/\*[#@] sourceMappingURL=.*?\*/)\s*$",
                         re.MULTILINE)

# reveal.css styles every feature reveal.js has; the deck uses a few. A rule (or one selector of
# a rule's list) that needs a class or attribute below never matches in the deck, so it is left
# out. Selectors inside :not(...) do not count: `.fragment:not(.custom)` is the rule for every
# fragment. tests/test_assets.py holds the rules the deck needs.
UNUSED_CLASSES = frozenset({
    # Slide and background transitions other than fade and none (showdeck.js picks one of them).
    "slide", "convex", "concave", "zoom", "cube", "page", "linear", "default",
    # Fragment styles: pages use the default fade-in and fade-out (and current-visible).
    "grow", "shrink", "strike", "zoom-in", "fade-up", "fade-down", "fade-left", "fade-right",
    "semi-fade-out", "fade-in-then-semi-out", "custom", "highlight-red", "highlight-green",
    "highlight-blue", "highlight-current-red", "highlight-current-green", "highlight-current-blue",
    # The controls' bouncing tutorial (controlsTutorial: false).
    "highlight",
    # The scroll view (scrollActivationWidth: null).
    "reveal-scroll", "loading-scroll-mode", "scroll-page", "scroll-page-content",
    "scroll-page-sticky", "scrollbar", "scrollbar-inner", "scrollbar-playhead", "scrollbar-slide",
    "scrollbar-trigger", "has-triggers",
    # Previews of links, images and videos (the help overlay stays).
    "r-overlay-preview", "r-overlay-spinner", "r-overlay-external", "r-overlay-content-inner",
    "r-overlay-error", "x-frame-error",
    # Plugins the deck does not load, right-to-left, auto-slide, parallax, layout helpers.
    "hljs", "hljs-ln-code", "hljs-ln-numbers", "has-highlights", "highlight-line", "roll", "zoomed",
    "rtl", "playback", "has-parallax-background", "r-fit-text", "r-stretch", "stretch", "r-stack",
    "r-hstack", "r-vstack", "items-stretch", "items-start", "items-center", "items-end",
    "justify-between", "justify-around", "justify-start", "justify-center", "justify-end",
})
_TRANSITIONS = ("slide", "convex", "concave", "zoom", "default", "linear")
#: Attribute selectors that never match: (name, value), value None for any value.
UNUSED_ATTRIBUTES = frozenset({
    *(("data-transition", f"{name}{end}") for name in _TRANSITIONS for end in ("", "-in", "-out")),
    *(("data-background-transition", name) for name in _TRANSITIONS),
    ("data-transition-speed", "fast"), ("data-transition-speed", "slow"),
    ("data-controls-layout", "edges"), ("data-navigation-mode", "linear"),
    ("data-preview-fit", None), ("data-preview-image", None), ("data-preview-link", None),
    ("data-preview-video", None), ("data-auto-animate", None), ("data-auto-animate-target", None),
    ("data-scrollbar", None),
})
_NOT = re.compile(r":not\([^()]*\)")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ATTRIBUTE = re.compile(r"\[([\w-]+)(?:[~|^$*]?=[\"']?([^\]\"']*)[\"']?)?\]")


class AssetsMissing(ShowdeckError):
    """reveal.js is not installed where the exporter looks; the message says how to install it."""


@dataclass(frozen=True)
class RevealAssets:
    """The reveal.js files the deck inlines, read from an npm install."""

    folder: Path
    version: str
    files: dict[str, str]

    def as_resources(self) -> dict[str, str]:
        inlined = {}
        for name, text in self.files.items():
            text = _SOURCE_MAP.sub("", text)
            if name == "reveal_css":
                text = prune_css(text)
            if name.endswith("_js"):
                # A literal "</script" inside inlined code would end the <script> element early.
                text = _SCRIPT_END.sub(r"<\\/\1", text)
            inlined[name] = text
        return {"version": self.version, **inlined}


def _selector_unused(selector: str) -> bool:
    """Whether a selector needs a class or attribute the deck never has (see UNUSED_CLASSES)."""
    required = _NOT.sub("", selector)
    if any(name in UNUSED_CLASSES for name in _CLASS.findall(required)):
        return True
    return any((name, value) in UNUSED_ATTRIBUTES or (name, None) in UNUSED_ATTRIBUTES
               for name, value in _ATTRIBUTE.findall(required))


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    parts.append(prelude[start:])
    return [part.strip() for part in parts]


def _prune_rules(rules) -> list[str]:
    import tinycss2

    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(tinycss2.serialize(rule.prelude))
                         if not _selector_unused(s)]
            if selectors:
                kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in (
                "media", "supports"):
            inner = _prune_rules(tinycss2.parse_blocks_contents(rule.content))
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{"
                            + "".join(inner) + "}")
        elif rule.type in ("qualified-rule", "at-rule"):
            kept.append(tinycss2.serialize([rule]))
    return kept


@functools.lru_cache(maxsize=4)
def prune_css(css: str) -> str:
    """reveal.css without the rules for features the deck does not use, nor the keyframes
    that no remaining rule animates."""
    import tinycss2

    rules = _prune_rules(tinycss2.parse_stylesheet(css, skip_comments=True,
                                                   skip_whitespace=True))
    text = "".join(rules)
    used = set(re.findall(r"animation(?:-name)?\s*:\s*([\w-]+)", text))
    banner = re.match(r"\s*/\*.*?\*/", css, re.DOTALL)  # reveal.js's copyright and licence
    return ((banner[0].strip() + "\n" if banner else "")
            + "".join(rule for rule in rules
                      if not (m := re.match(r"@keyframes\s+([\w-]+)", rule)) or m[1] in used)
            + "\n")


def default_reveal_dir() -> Path:
    """node_modules/reveal.js of the repository the package runs from, else of the cwd."""
    for root in (REPO_ROOT, Path.cwd()):
        candidate = root / "node_modules" / "reveal.js"
        if candidate.is_dir():
            return candidate
    return REPO_ROOT / "node_modules" / "reveal.js"


def load_reveal(folder: str | Path | None = None) -> RevealAssets:
    """Read the reveal.js files to inline; raise AssetsMissing naming the install command."""
    folder = Path(folder) if folder else default_reveal_dir()
    fix = "run `npm ci` in the repository (or `make setup`) to install reveal.js from package-lock.json"
    try:
        package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        files = {
            name: (folder / rel).read_text(encoding="utf-8") for name, rel in REVEAL_FILES.items()
        }
    except FileNotFoundError as exc:
        msg = f"reveal.js assets missing: {exc.filename} not found; {fix}"
        raise AssetsMissing(msg) from None
    version = str(package.get("version", ""))
    if package.get("name") != "reveal.js" or not version.startswith("5."):
        msg = f"{folder} holds {package.get('name')} {version}, expected reveal.js 5.x; {fix}"
        raise AssetsMissing(msg)
    return RevealAssets(folder=folder, version=version, files=files)


