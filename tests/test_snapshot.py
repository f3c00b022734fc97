"""The build's snapshot of its inputs: the cache key covers the data, the as-of date and reveal.js."""

from __future__ import annotations

import shutil

from showdeck.snapshot import input_key, snapshot_inputs
from tests.conftest import write_sample_notebook


def test_the_cache_key_covers_data_as_of_and_reveal_js_contents(tmp_path, broken_copy,
                                                                 reveal_dist):
    data = broken_copy()
    notebook = write_sample_notebook(tmp_path / "deck.ipynb")
    reveal = tmp_path / "reveal.js"
    shutil.copytree(reveal_dist.parent, reveal, ignore=shutil.ignore_patterns("node_modules"))

    def key(as_of: str = "2025-01-02") -> str:
        return input_key(snapshot_inputs(notebook, data, reveal), as_of)

    first = key()
    assert first == key()
    assert first != key("2025-01-03")
    with (data / "article.md").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert key() != first
    second = key()
    # Same version, other bytes: a patched reveal.js is a different deck.
    with (reveal / "dist" / "reveal.js").open("a", encoding="utf-8") as handle:
        handle.write("\n// patched")
    assert key() != second
