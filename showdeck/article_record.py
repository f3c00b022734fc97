"""The article as published (article.md): its title and its sections."""

from __future__ import annotations

from showdeck.record_types import (
    Record,
    Slug,
    Text,
)


class ArticleSection(Record):
    """One section of the article (article.md): heading None where the article had none."""

    id: Slug
    heading: str | None
    image_caption: str | None = None
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


class Article(Record):
    title: Text
    sections: tuple[ArticleSection, ...]

    def section(self, section_id: str) -> ArticleSection:
        for section in self.sections:
            if section.id == section_id:
                return section
        msg = f"the article has no section {section_id!r}"
        raise KeyError(msg)
