"""Our NER adapter gives exactly the spans of natasha's documented Doc.segment + Doc.tag_ner path."""
from __future__ import annotations

import pytest

from conftest import OWN_CORPUS
from extractor.readers.files import read_file

DOCS = [p for p in sorted(OWN_CORPUS.glob("*.txt")) if p.name != "sample.txt"][:4]


@pytest.fixture(scope="module")
def natasha_spans(pipeline):
    """natasha as shipped: its segmenter, its tagger, slovnet's own CRF decoding."""
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    out = {}
    for path in DOCS:
        doc = Doc(read_file(path))
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        out[path.name] = [(s.start, s.stop, s.type) for s in doc.spans]
    return out


def test_slovnet_is_left_alone(pipeline):
    """Our decoding is set on our tagger's CRF only: slovnet's class and other taggers keep theirs."""
    import slovnet.exec.model
    from natasha import NewsEmbedding, NewsNERTagger

    from extractor.language import ner

    assert slovnet.exec.model.CRF.decode is not ner._viterbi
    other = NewsNERTagger(NewsEmbedding())
    assert other.infer.model.head.crf.decode.__func__ is slovnet.exec.model.CRF.decode
    assert pipeline.tagger._tagger.infer.model.head.crf.decode.__func__ is ner._viterbi


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_same_entities_as_natasha(pipeline, natasha_spans, path):
    ours = [(e.start, e.end, e.type) for e in pipeline.tagger(read_file(path))]
    assert ours == natasha_spans[path.name]
    assert ours, "the document has named entities"
