"""Packing measured items into pages, and the view of a slide made of pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class PagedView:
    name: str
    pages: list


def pack(items: Iterable[tuple[T, float]], budget: float) -> list[list[T]]:
    """Items (each with the height it takes) split, in order, into pages of at most `budget`;
    an item taller than a page gets a page of its own. Always at least one page."""
    groups: list[list[T]] = [[]]
    used = 0.0
    for item, height in items:
        if groups[-1] and used + height > budget:
            groups.append([])
            used = 0.0
        groups[-1].append(item)
        used += height
    return groups
