"""The article: text as given plus its metadata. Pure data, no analysis."""

from __future__ import annotations

from dataclasses import dataclass, field

from retold.text.tokens import word_count


@dataclass(frozen=True)
class Article:
    """A news article. Offsets everywhere in retold index into `text`.

    `title_span` is where the title line sits in `text` when it was read from the text
    (a .txt file's first line); those characters are not part of the body.
    """

    text: str
    id: str = ""
    title: str = ""
    date: str = ""
    url: str = ""
    publisher: str = ""
    title_span: tuple[int, int] = (0, 0)
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def words(self) -> int:
        start, end = self.title_span
        return word_count(self.text) - word_count(self.text, start, end)

    def meta(self) -> dict[str, str]:
        """Non-empty metadata fields, for reports."""
        fields = {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "publisher": self.publisher,
        }
        return {k: v for k, v in fields.items() if v}
