"""showdeck: sourced show data, a fact-checked notebook, and a self-contained reveal.js deck."""

__all__ = ["DataError", "Problem", "ShowData", "load_show"]


def __getattr__(name: str):
    # The loader is imported on first use, not with the package: `python -m showdeck build`
    # answers an unchanged deck from its cache key without loading pydantic.
    if name in __all__:
        from showdeck import loader

        return getattr(loader, name)
    msg = f"module 'showdeck' has no attribute {name!r}"
    raise AttributeError(msg)
