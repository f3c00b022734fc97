"""Packing measured items into pages: in order, each page within its budget, a tall item alone."""

from __future__ import annotations

from showdeck.pagination import pack


def test_items_fill_a_page_before_the_next_starts():
    assert pack([("a", 3), ("b", 3), ("c", 3), ("d", 1)], 7) == [["a", "b"], ["c", "d"]]


def test_an_item_that_exactly_fills_the_budget_stays():
    assert pack([("a", 4), ("b", 3)], 7) == [["a", "b"]]


def test_an_item_taller_than_a_page_gets_a_page_of_its_own():
    assert pack([("a", 1), ("tall", 20), ("b", 1)], 5) == [["a"], ["tall"], ["b"]]
    assert pack([("tall", 20), ("b", 1)], 5) == [["tall"], ["b"]]  # no empty page before it


def test_nothing_to_pack_is_one_empty_page():
    assert pack([], 5) == [[]]


def test_order_is_kept_and_every_item_placed_once():
    items = [(i, (i * 7) % 5 + 1) for i in range(30)]
    pages = pack(items, 9)
    assert [i for page in pages for i in page] == list(range(30))
    heights = dict(items)
    assert all(sum(heights[i] for i in page) <= 9 for page in pages)
