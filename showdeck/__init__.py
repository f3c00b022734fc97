"""showdeck: sourced show data, a fact-checked notebook, and a self-contained reveal.js deck."""

from showdeck.loader import DataError, Problem, ShowData, load_show

__all__ = ["DataError", "Problem", "ShowData", "load_show"]
