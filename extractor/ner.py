"""natasha (slovnet) named entities, adapted into our own records at the boundary.

The models ship inside natasha's wheel, so this works offline. Loading takes ~1 s: build one
`NerTagger` per process and inject it.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entity:
    """A named entity: PER, ORG or LOC, with offsets into the tagged text."""

    start: int
    end: int
    type: str
    text: str


class NerTagger:
    """natasha's segmenter + NER tagger, loaded once."""

    def __init__(self) -> None:
        try:
            from natasha import NewsEmbedding, NewsNERTagger, Segmenter
        except ImportError as exc:  # pragma: no cover - natasha is a hard dependency
            raise ImportError("protokol needs natasha: pip install 'natasha==1.6.0' 'setuptools<82'") from exc
        self._segmenter = Segmenter()
        self._tagger = NewsNERTagger(NewsEmbedding())

    def __call__(self, text: str) -> list[Entity]:
        """Entities of `text`, in order."""
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self._segmenter)
        doc.tag_ner(self._tagger)
        return [adapt_span(s, text) for s in doc.spans]


def adapt_span(span, text: str) -> Entity:
    """natasha's DocSpan -> our Entity."""
    return Entity(span.start, span.stop, span.type, text[span.start:span.stop])
