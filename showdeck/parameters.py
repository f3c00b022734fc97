"""Inject build-time values into a notebook after its `parameters` cell (papermill's convention)."""

from __future__ import annotations

import ast
import copy
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nbformat import NotebookNode

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
#: The injected cell is left out of the slides like the parameters cell it overrides.
INJECTED_METADATA = {
    "tags": [INJECTED_TAG],
    "slideshow": {"slide_type": "skip"},
}

Value = str | int | float | bool | None


def _tags(cell: NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def declared_parameters(nb: NotebookNode) -> list[str]:
    """The names the notebook's `parameters` cell assigns, in order."""
    cell = nb.cells[_parameters_index(nb)]
    names: list[str] = []
    for node in ast.parse(cell.source).body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        names.extend(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _parameters_index(nb: NotebookNode) -> int:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and PARAMETERS_TAG in _tags(cell):
            return index
    msg = f"the notebook has no code cell tagged {PARAMETERS_TAG!r}"
    raise ValueError(msg)


def _literal(name: str, value: object) -> str:
    if isinstance(value, date):
        value = value.isoformat()
    if value is not None and not isinstance(value, str | int | float | bool):
        msg = f"parameter {name}: cannot inject a {type(value).__name__}; use str, number or None"
        raise TypeError(msg)
    return repr(value)


def inject_parameters(nb: NotebookNode, **params: Value | date) -> NotebookNode:
    """A copy of `nb` with a cell assigning `params` right after its `parameters` cell.

    A previously injected cell is replaced. The new cell has a fixed id, so injecting the
    same values twice gives the same notebook. Unknown names are refused: a typo would
    otherwise be silently ignored by the notebook.
    """
    declared = declared_parameters(nb)
    unknown = [name for name in params if name not in declared]
    if unknown:
        msg = (f"unknown notebook parameter(s) {', '.join(unknown)}; "
               f"the parameters cell defines {', '.join(declared) or 'nothing'}")
        raise ValueError(msg)
    result = copy.deepcopy(nb)
    result.cells = [c for c in result.cells if INJECTED_TAG not in _tags(c)]
    source = "# Injected parameters\n" + "".join(
        f"{name} = {_literal(name, value)}\n" for name, value in params.items()
    )
    # nbformat here, not at the top: an unchanged rebuild imports this module and never needs it.
    from nbformat.v4 import new_code_cell

    cell = new_code_cell(source.rstrip("\n"),
                                     metadata=copy.deepcopy(INJECTED_METADATA))
    cell.id = INJECTED_TAG
    result.cells.insert(_parameters_index(result) + 1, cell)
    return result
