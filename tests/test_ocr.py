"""Scans: OCR with tesseract (extractor/readers/ocr.py). The scans here are drawn at test time with
Pillow from text written for the tests; the shared corpus scans are read when ../shared is there."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from extractor.errors import ProtokolError
from extractor.readers import Limits, read_document, sniff
from tests._docmake import image_pdf, text_pdf

SHARED_REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
SCANS = {"snt_orbita_2023_08_30_protokol4": 5, "tsj_erino_oss_2024_04_11": 4, "tsj_erino_pravlenie_2024_04_14": 1}

have_tesseract = pytest.mark.usefixtures("tesseract")   # conftest: skip with the install line, fail in CI

PROTOCOL = [
    "ПРОТОКОЛ № 7",
    "заседания рабочей группы по благоустройству",
    "г. Тверь 12 марта 2025 г.",
    "Председатель: Соколов И.П.",
    "Секретарь: Белова Н.А.",
    "",
    "ПОВЕСТКА ДНЯ:",
    "1. О ремонте кровли здания.",
    "",
    "СЛУШАЛИ: Соколова И.П.",
    "",
    "РЕШИЛИ:",
    "1. Поручить Беловой Н.А. подготовить смету ремонта",
    "кровли здания в срок до 15.04.2025.",
    "2. Информацию о состоянии кровли принять к сведению.",
]


def _font(size: int):
    from PIL import ImageFont

    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    pytest.skip("no TrueType font with Cyrillic (apt-get install fonts-dejavu-core)")


def scan_image(lines: list[str] = PROTOCOL):
    """An A4 page at 300 dpi with the lines in 12 pt type, as a scanner gives it."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    font = _font(50)
    y = 250
    for line in lines:
        draw.text((250, y), line, font=font, fill=0)
        y += 80
    return img


def png_bytes(img) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(300, 300))
    return buf.getvalue()


def mixed_pdf() -> bytes:
    """Page 1 with a text layer, page 2 a scanned image (no text layer)."""
    import pypdfium2 as pdfium

    buf = io.BytesIO()
    scan_image().save(buf, "PDF", resolution=300)
    doc = pdfium.PdfDocument(text_pdf([["Cover letter of the working group, page one of two.",
                                        "The protocol itself follows on the next page."]]))
    doc.import_pages(pdfium.PdfDocument(buf.getvalue()))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def code(data: bytes, **kw) -> str:
    with pytest.raises(ProtokolError) as exc:
        read_document(data, **kw)
    return exc.value.code


# -- formats and errors ---------------------------------------------------------------------------------
def test_images_are_sniffed():
    img = scan_image(["x"])
    for fmt, kind in (("PNG", "png"), ("JPEG", "jpeg"), ("TIFF", "tiff")):
        buf = io.BytesIO()
        img.save(buf, fmt)
        assert sniff(buf.getvalue()) == kind


def test_scan_with_ocr_turned_off_is_e013():
    assert code(image_pdf(), limits=Limits(ocr=False)) == "E013"
    assert code(png_bytes(scan_image(["x"])), limits=Limits(ocr=False)) == "E013"


def test_missing_tesseract_is_a_coded_error_with_the_install_command(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/bin/tesseract")
    for data in (image_pdf(), png_bytes(scan_image(["x"]))):
        with pytest.raises(ProtokolError) as exc:
            read_document(data)
        assert exc.value.code == "E021"
        assert "apt-get install tesseract-ocr tesseract-ocr-rus" in exc.value.message


def test_text_pdf_does_not_need_tesseract(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/bin/tesseract")
    doc = read_document(text_pdf([["Protocol 5.", "Decided: approve the plan of works."]]))
    assert doc.ocr_words is None and "approve" in doc.text


@have_tesseract
def test_blank_scan_is_e013():
    assert code(image_pdf()) == "E013"


# -- recognition ------------------------------------------------------------------------------------------
@have_tesseract
@pytest.mark.slow
def test_png_scan_extracts_decision_and_deadline(pipeline):
    from extractor.pipeline import Doc

    data = png_bytes(scan_image())
    document = read_document(data)
    assert document.format == "png" and document.pages == []
    assert "Поручить Беловой" in document.text
    assert all(0 <= w[-1] <= 100 and w[2] == 1 for w in document.ocr_words)
    protocol = pipeline.process(Doc.from_bytes(data, "scan.png")).protocol
    assert protocol.header.date.norm == "2025-03-12"
    first = protocol.decisions[0]
    assert first.kind == "assignment" and "смету ремонта" in first.text
    assert first.deadline is not None and str(first.deadline.date) == "2025-04-15"
    assert [a.norm for a in first.addressees] == ["Белова Н.А."]
    for value in (first, first.deadline, first.addressees[0]):
        assert value.source == "ocr" and value.page == 1 and 0 <= value.confidence <= 100
    assert protocol.decisions[1].kind == "note"


@have_tesseract
@pytest.mark.slow
def test_mixed_pdf_reads_page_by_page(pipeline):
    from extractor.pipeline import Doc

    data = mixed_pdf()
    document = read_document(data)
    assert document.format == "pdf" and len(document.pages) == 1
    assert document.text.index("Cover letter") < document.pages[0] <= document.text.index("ПРОТОКОЛ")
    assert {w[2] for w in document.ocr_words} == {2}                 # only the scanned page was recognized
    assert min(w[0] for w in document.ocr_words) >= document.pages[0]
    assert [b[2] for b in document.boxes][:2] == [1, 1]
    doc = Doc(document.text, "mixed.pdf", document.format, document.pages, ocr_words=document.ocr_words)
    protocol = pipeline.process(doc).protocol
    deadline = protocol.decisions[0].deadline
    assert str(deadline.date) == "2025-04-15" and deadline.page == 2 and deadline.source == "ocr"
    cover = [w for w in protocol.warnings if "Cover" in w.message]
    assert not cover


@have_tesseract
@pytest.mark.slow
def test_pages_in_parallel_give_the_same_text():
    img = scan_image()
    buf = io.BytesIO()
    img.save(buf, "TIFF", save_all=True, append_images=[scan_image(PROTOCOL[9:])], dpi=(300, 300))
    one = read_document(buf.getvalue(), limits=Limits(ocr_workers=1))
    two = read_document(buf.getvalue(), limits=Limits(ocr_workers=2))
    assert one.text == two.text and one.ocr_words == two.ocr_words
    assert one.format == "tiff" and len(one.pages) == 1
    assert {w[2] for w in one.ocr_words if w[0] >= one.pages[0]} == {2}


@have_tesseract
def test_page_timeout_skips_the_page_with_a_warning():
    from extractor.readers.ocr import assemble_scans
    from extractor.readers.limits import Budget

    limits = Limits(ocr_page_seconds=0.001)
    pages, warnings = assemble_scans([scan_image()], [1], [842.0], [72 / 300], limits, Budget(limits))
    assert pages[1].text == "" and any("page 1 could not be recognized" in w for w in warnings)


# -- the scans of the shared corpus -------------------------------------------------------------------------
@have_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not SHARED_REAL.exists(), reason="../shared/corpus is not here")
@pytest.mark.parametrize("doc_id", sorted(SCANS))
def test_shared_scans_are_read_with_right_pages(doc_id):
    from extractor.pipeline import Doc, Pipeline

    data = (SHARED_REAL / f"{doc_id}.pdf").read_bytes()
    document = read_document(data)
    assert len(document.pages) == SCANS[doc_id] - 1
    assert {w[2] for w in document.ocr_words} == set(range(1, SCANS[doc_id] + 1))
    doc = Doc(document.text, doc_id, document.format, document.pages, ocr_words=document.ocr_words)
    protocol = Pipeline(ner=False).process(doc).protocol
    word_page = {}
    for s, e, page, *_ in document.ocr_words:
        for k in range(s, e):
            word_page[k] = page
    values = [v for d in protocol.decisions for v in [d, d.deadline, *d.addressees] if v is not None]
    values += [m for p in protocol.persons for m in p.mentions]
    assert values
    for v in values:
        assert v.source == "ocr" and v.confidence is not None
        assert document.text[v.start:v.end].split()[:1] == v.text.split()[:1]
        assert v.page == word_page.get(v.start, v.page)   # the page of the word the value starts on
    if SCANS[doc_id] > 1:
        assert protocol.decisions and max(v.page for v in values) >= 2
        assert [d.page for d in protocol.decisions] == sorted(d.page for d in protocol.decisions)
