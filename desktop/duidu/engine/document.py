"""What the engine knows of a document: its stored text, structure and key form."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from duidu.text.keyform import KeyForm, key_form


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, eq=False)
class EngineDocument:
    """One document as the engine reads it. ``key`` leaves out the excluded furniture."""

    id: int
    title: str
    region: str | None
    text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...] = ()
    excluded: tuple[Span, ...] = ()
    key: KeyForm | None = field(default=None, repr=False)

    @classmethod
    def from_text(cls, id: int, text: str, *, title: str = "", region: str | None = None,
                  excluded: tuple[Span, ...] = ()) -> "EngineDocument":
        """A document made straight from a text (tests, benchmarks, queries)."""
        from duidu.text.clean import clean

        c = clean(text)
        if c.text != text:  # callers hand in stored (already clean) text
            raise ValueError("from_text expects a stored text (pinyin readings already removed)")
        return cls(id, title, region, text,
                   tuple(Span(p.start, p.end) for p in c.paragraphs),
                   tuple(Span(s.start, s.end) for s in c.sentences),
                   excluded or tuple(Span(e.start, e.end) for e in c.excluded))

    @cached_property
    def keyform(self) -> KeyForm:
        """The comparison key form (computed once; the library caches it at import)."""
        return self.key or key_form(self.text, [(e.start, e.end) for e in self.excluded])
