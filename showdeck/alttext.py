"""The one alt-text policy: the build refuses a deck with an undescribed image, the browser
checks report it."""

from __future__ import annotations

import re

#: Alt text shorter than this says too little to stand in for a picture.
MIN_ALT_LENGTH = 10
#: Alt texts that tools write when nobody described the image (nbconvert's is the first).
GENERIC_ALT = frozenset(
    {
        "no description has been provided for this image",
        "image",
        "img",
        "picture",
        "photo",
        "figure",
        "chart",
        "plot",
        "graph",
        "output",
        "untitled",
        "placeholder",
        "alt",
        "alt text",
    }
)
_FILE_NAME = re.compile(r"\.(png|jpe?g|gif|svg|webp|avif)$", re.IGNORECASE)
_REPR = re.compile(r"^<.*>$|^(figure|fig\.?|image|chart|plot)\s*\d+$", re.IGNORECASE)

def alt_problem(alt: str | None) -> str | None:
    """Why an alt text does not describe its image, or None when it does.

    The one alt-text policy: the build refuses a deck with such an image, the browser checks
    report it.
    """
    if alt is None:
        return "has no alt attribute"
    text = " ".join(alt.split())
    if not text:
        return "has an empty alt text"
    if text.lower().rstrip(".") in GENERIC_ALT or _REPR.match(text):
        return f"has a placeholder alt text {text!r}"
    if _FILE_NAME.search(text) or text.startswith(("data:", "http:", "https:", "file:")):
        return f"has a file name for alt text {text!r}"
    if len(text) < MIN_ALT_LENGTH:
        return f"has an alt text too short to describe it {text!r}"
    return None
