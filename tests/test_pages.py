"""The page contract: how pages are marked, and how a built deck is read back."""

import pytest

from showdeck.pages import PageMark, deck_structure, page_count, page_mark


def test_a_single_page_is_not_a_fragment():
    assert page_mark(1, 1) == PageMark("sd-page", None)


def test_pages_replace_each_other_one_step_at_a_time():
    marks = [page_mark(n, 4) for n in range(1, 5)]
    assert [m.fragment_index for m in marks] == [1, 1, 2, 3]
    assert "fade-out" in marks[0].classes
    assert all("fade-in-then-out" in m.classes for m in marks[1:3])
    assert marks[3].classes == "sd-page fragment"


@pytest.mark.parametrize(("number", "total"), [(0, 3), (4, 3), (1, 0)])
def test_impossible_pages_are_refused(number, total):
    with pytest.raises(ValueError, match="page"):
        page_mark(number, total)


DECK = """<div class="slides">
<section><section><div class="sd-slide"><div class="sd-pages">
<div class="sd-page"><h1>Title</h1></div></div></div>
<aside class="notes">say hello</aside></section></section>
<section><section><div class="sd-pages">
<div class="sd-page fragment fade-out"><h2>Intro <span>1/2</span></h2></div>
<div class="sd-page fragment"><h2 class="sd-continued">Intro <span>2/2</span></h2></div>
<div class="sd-page fragment"><h2>Plot</h2></div>
</div></section></section>
<section><section><h2>Chart</h2><img alt="x"></section></section>
</div>"""


def test_deck_structure_reads_slides_pages_and_notes():
    slides = deck_structure(DECK)
    assert [s.pages for s in slides] == [1, 3, 1]
    assert slides[0].headings == ["Title"]
    assert slides[1].headings == ["Intro 1/2", "Intro 2/2", "Plot"]
    assert [s.notes for s in slides] == [True, False, False]
    assert page_count(DECK) == 5
