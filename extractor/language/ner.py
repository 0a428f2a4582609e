"""natasha (slovnet) named entities, adapted into our own records at the boundary.

The models ship inside natasha's wheel, so this works offline. Loading takes ~1 s: build one
`NerTagger` per process and inject it.

Two savings against natasha's documented `Doc.segment` + `Doc.tag_ner` path, with the same spans:
we call slovnet's tagger on the text directly (we do not need natasha's own token and sentence
records), and slovnet's CRF decoding is replaced, on our tagger's CRF alone, by an equivalent vectorized
Viterbi step (`_viterbi`), which drops a fancy-indexing round per token. tests/test_ner.py checks both give
exactly natasha's spans.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Entity:
    """A named entity: PER, ORG or LOC, with offsets into the tagged text."""

    start: int
    end: int
    type: str
    text: str


def _viterbi(self, emissions, mask):
    """slovnet's CRF.decode with max() in place of argmax + np.indices fancy indexing."""
    batch_size, seq_len, _ = emissions.shape
    emissions = emissions.swapaxes(1, 0)
    mask = mask.swapaxes(1, 0)
    transitions = self.transitions.array
    history = []
    score = emissions[0]
    for index in range(1, seq_len):
        total = score[:, :, None] + transitions + emissions[index][:, None, :]
        history.append(total.argmax(1))
        score = np.where(mask[index][:, None], total.max(1), score)
    sizes = mask.sum(0) - 1
    batch = []
    for b in range(batch_size):
        best = score[b].argmax()
        tags = [best]
        for indexes in reversed(history[:sizes[b]]):
            best = indexes[b][best]
            tags.append(best)
        tags.reverse()
        batch.append(np.array(tags))
    return batch


def _use_viterbi(tagger) -> None:
    """Our decoding on this tagger's own CRF instance only: slovnet's class, and so every other
    natasha tagger of the process, keeps slovnet's decoding."""
    import types

    crf = tagger.infer.model.head.crf
    crf.decode = types.MethodType(_viterbi, crf)


class NerTagger:
    """natasha's news NER tagger, loaded once."""

    def __init__(self) -> None:
        try:
            from natasha import NewsEmbedding, NewsNERTagger
        except ImportError as exc:  # pragma: no cover - natasha is a hard dependency
            raise ImportError("protokol needs natasha: pip install 'natasha==1.6.0' 'setuptools<82'") from exc
        self._tagger = NewsNERTagger(NewsEmbedding())
        _use_viterbi(self._tagger)

    def __call__(self, text: str) -> list[Entity]:
        """Entities of `text`, in order."""
        if not text.strip():
            return []
        return [adapt_span(s, text) for s in self._tagger(text).spans]


def adapt_span(span, text: str) -> Entity:
    """slovnet's Span -> our Entity."""
    return Entity(span.start, span.stop, span.type, text[span.start:span.stop])
