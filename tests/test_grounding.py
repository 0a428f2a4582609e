"""Every extracted value points at its source: original[start:end] is the value as written."""
from __future__ import annotations

import re

import pytest

from conftest import OWN_CORPUS, SHARED_CORPUS
from extractor.readers.files import read_file

# ID.pdftext.txt variants are left out: a value that runs across a page break spans the page number
# and running header in the original, which the cleaned text (and so the value) rightly leaves out
DOCS = [p for p in sorted(OWN_CORPUS.glob("*.txt")) if p.name != "sample.txt" and not p.name.endswith(".pdftext.txt")]
DOCS += [SHARED_CORPUS / "real" / "minpros_profi_2023_11.txt"] if SHARED_CORPUS.exists() else []


def _norm(s: str) -> str:
    # cleaning joins wrapped lines and decides line-end hyphens; compare letters and digits only
    return re.sub(r"[\W_]+", "", s.replace("\u00ad", ""))


def _values(p):
    for d in p.decisions:
        yield d
        yield from d.addressees
        yield from d.emails
        yield from d.urls
        yield from d.references
        if d.deadline:
            yield d.deadline
    for a in p.agenda:
        yield from a.speakers
    for person in p.persons:
        yield from person.mentions


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_values_are_grounded(pipeline, path):
    raw = read_file(path)
    protocol = pipeline(raw)
    checked = 0
    for v in _values(protocol):
        assert 0 <= v.start <= v.end <= len(raw)
        assert _norm(raw[v.start:v.end]) == _norm(v.text), (v.text, raw[v.start:v.end])
        checked += 1
    assert checked > 20


PDF = SHARED_CORPUS / "synthetic" / "org_zavod_proizv_soveshanie.pdf"


@pytest.mark.skipif(not PDF.exists(), reason="shared corpus not present")
def test_pdf_values_have_page_and_box(pipeline):
    """The text inside each value's box on its page is the value (checked with pdfium, not our reader)."""
    import pypdfium2 as pdfium

    from extractor.pipeline import Doc

    protocol = pipeline.process(Doc.from_bytes(PDF.read_bytes(), PDF.name)).protocol
    pdf = pdfium.PdfDocument(str(PDF))
    checked = 0
    for d in protocol.decisions:
        for v in [d.deadline, *d.addressees]:
            if v is None:
                continue
            assert v.page and v.bbox, v.text
            x0, y0, x1, y1 = v.bbox
            inside = pdf[v.page - 1].get_textpage().get_text_bounded(x0 - 1, y0 - 1, x1 + 1, y1 + 1)
            assert _norm(v.text) in _norm(inside)
            checked += 1
    assert checked > 10 and max(d.page for d in protocol.decisions) >= 2
