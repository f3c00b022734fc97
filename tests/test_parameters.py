"""Injecting parameters as papermill does: after the parameters cell, reproducible, only known
names, dates as ISO strings."""

from __future__ import annotations

import nbformat
import pytest

from showdeck.parameters import INJECTED_TAG, inject_parameters
from tests.conftest import kind, tags


def test_injected_parameters_follow_the_parameters_cell(notebook):
    nb = inject_parameters(notebook, data_dir="/data/x", as_of="2026-11-24")
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in tags(c))
    injected = nb.cells[index + 1]
    assert injected.source == ('# Injected parameters\ndata_dir = \'/data/x\'\n'
                               "as_of = '2026-11-24'")
    assert INJECTED_TAG in tags(injected)
    assert kind(injected) == "skip"
    assert len(nb.cells) == len(notebook.cells) + 1  # the original is untouched


def test_injecting_twice_replaces_and_is_reproducible(notebook):
    once = inject_parameters(notebook, as_of=None)
    twice = inject_parameters(once, as_of=None)
    assert nbformat.writes(once) == nbformat.writes(twice)


def test_injecting_an_unknown_parameter_is_refused(notebook):
    with pytest.raises(ValueError, match=r"unknown notebook parameter.*data_dir, as_of"):
        inject_parameters(notebook, data_folder="x")


def test_injecting_a_date_writes_its_iso_string(notebook):
    from datetime import date

    nb = inject_parameters(notebook, as_of=date(2026, 11, 24))
    assert "as_of = '2026-11-24'" in nb.cells[[c.id for c in nb.cells].index(INJECTED_TAG)].source
