"""One source that facts point at (sources.csv)."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    Field,
    HttpUrl,
    model_validator,
)

from showdeck.dates import Precision
from showdeck.record_types import (
    MAX_TEXT,
    IsoDate,
    Record,
    Slug,
    Text,
    check_precision,
)


class Source(Record):
    """One source that facts point at (sources.csv)."""

    id: Slug
    title: Text
    url: HttpUrl
    publisher: Text
    published: IsoDate | None = None
    #: How much of `published` is known: a page that gives only a month ("November 2025") or a
    #: year ("as of early 2026") is dated by the first day of it. None only without a date.
    published_precision: Precision | None = None
    accessed: IsoDate
    note: Annotated[str, Field(max_length=MAX_TEXT)] = ""

    @model_validator(mode="after")
    def _date_fits_precision(self) -> Source:
        if self.published is None:
            if self.published_precision is not None:
                msg = "published_precision is set but published is empty"
                raise ValueError(msg)
            return self
        check_precision(self.published, self.precision, "published")
        return self

    @property
    def precision(self) -> Precision:
        """How precisely the page is dated: a full date unless the table says otherwise."""
        return self.published_precision or "day"

    @property
    def link(self) -> str:
        return str(self.url)
