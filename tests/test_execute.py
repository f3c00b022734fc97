"""Running the notebook's kernel: a file that is not a notebook never starts one."""

from __future__ import annotations

import json

import pytest

from showdeck.build import BuildError
from showdeck.execute import running_kernel


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("not json {", "not a notebook: not valid JSON"),
        ("[1, 2]", "not an nbformat 4 notebook"),
        (json.dumps({"nbformat": 4, "cells": [3]}), "not an nbformat 4 notebook"),
    ],
)
def test_a_kernel_is_never_started_for_a_file_that_is_not_a_notebook(tmp_path, text, problem):
    notebook = tmp_path / "deck.ipynb"
    notebook.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=f"deck.ipynb is {problem}"), \
            running_kernel(notebook):
        pass
