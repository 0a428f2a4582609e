"""Readers: format sniffing, encodings, Word numbering, and every bad input with its own code."""
from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import blank_scan_code
from _docmake import docx, empty_pages_pdf, encrypted_pdf, image_pdf, level, para, text_pdf
from extractor.errors import ProtokolError
from extractor.readers import Document, Limits, read_document, sniff
from extractor.readers.numbering import format_number

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TEXT = "ПРОТОКОЛ заседания совета\nРЕШИЛИ:\n1. Принять информацию к сведению.\n"


def code(data: bytes, **kw) -> str:
    with pytest.raises(ProtokolError) as exc:
        read_document(data, **kw)
    return exc.value.code


# -- text encodings ------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r", "cp866", "utf-16-le"])
def test_text_encodings(encoding):
    doc = read_document(TEXT.encode(encoding))
    assert doc.format == "txt" and doc.pages is None
    assert doc.text.lstrip("\ufeff") == TEXT


def test_read_file_still_returns_text(tmp_path):
    from extractor.readers.files import decode, read_file

    p = tmp_path / "p.txt"
    p.write_bytes(TEXT.encode("cp1251"))
    assert read_file(p) == TEXT == decode(TEXT.encode("koi8_r"))


# -- format by content -----------------------------------------------------------------------
def test_sniff_by_content_not_name():
    assert sniff(text_pdf([["x"]])) == "pdf"
    assert sniff(docx(para("x"))) == "docx"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100) == "doc"
    assert sniff(b"{\\rtf1\\ansi hello}") == "rtf"
    assert sniff(TEXT.encode()) == "txt"
    assert read_document(docx(para("Протокол")), name="protocol.txt").format == "docx"


@pytest.mark.parametrize("data", [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, b"{\\rtf1\\ansi \\u1055?}"])
def test_doc_and_rtf_refused_unless_libreoffice(data, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert code(data) == "E010"


def test_plain_zip_is_unsupported():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    assert code(buf.getvalue()) == "E010"


# -- DOCX and Word numbering -------------------------------------------------------------------
def test_number_formats():
    assert [format_number(n, "russianLower") for n in (1, 2, 6, 9, 10, 28, 29)] == ["а", "б", "е", "и", "к", "я", "аа"]
    assert format_number(4, "upperRoman") == "IV" and format_number(3, "lowerLetter") == "c"
    assert format_number(14, "upperRoman") == "XIV" and format_number(5, "decimalZero") == "05"


def _numbering(levels: str, nums: str) -> str:
    return f'<w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum>{nums}'


def test_docx_numbering_levels_and_restart():
    levels = level(0, "decimal", "%1.") + level(1, "decimal", "%1.%2.") + level(2, "russianLower", "%3)")
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    body = (para("Принять информацию к сведению.", 1) + para("Поручить:", 1) + para("Первое.", 1, 1)
            + para("Второе.", 1, 1) + para("буква", 1, 2) + para("буква", 1, 2) + para("Третье.", 1)
            + para("Снова.", 1, 1) + para("Без номера."))
    doc = read_document(docx(body, _numbering(levels, nums)))
    assert doc.format == "docx" and doc.pages is None
    assert doc.text.splitlines() == ["1. Принять информацию к сведению.", "2. Поручить:", "2.1. Первое.", "2.2. Второе.",
                                     "а) буква", "б) буква", "3. Третье.", "3.1. Снова.", "Без номера."]


def test_docx_numbering_start_roman_and_override():
    levels = level(0, "upperRoman", "%1.", start=3)
    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="1"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>')
    body = para("a", 1) + para("b", 1) + para("c", 2) + para("d", 2) + para("e", 3)
    lines = read_document(docx(body, _numbering(levels, nums))).text.splitlines()
    assert lines == ["III. a", "IV. b", "I. c", "II. d", "III. e"]   # instances of one list continue it


def test_docx_tables_in_place():
    cell = lambda t: f"<w:tc>{para(t)}</w:tc>"  # noqa: E731
    table = ("<w:tbl>" + "<w:tr>" + cell("№ п/п") + cell("Поручение") + "</w:tr>"
             + "<w:tr>" + cell("1.") + f"<w:tc>{para('Обеспечить.')}{para('Доложить.')}</w:tc>" + "</w:tr></w:tbl>")
    doc = read_document(docx(para("До") + table + para("После")))
    assert doc.text.splitlines() == ["До", "№ п/п", "Поручение", "1.", "Обеспечить.", "Доложить.", "После"]


def test_docx_not_a_zip():
    assert code(b"PK\x03\x04" + b"garbage" * 50) == "E016"


def test_docx_zip_without_document_part():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/styles.xml", "<x/>")
    assert code(buf.getvalue()) == "E016"


def test_docx_zip_bomb():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * 300_000_000)   # 300 MB of spaces pack into ~300 KB
    data = buf.getvalue()
    assert len(data) < 2_000_000
    start = time.monotonic()
    assert code(data) == "E017"
    assert time.monotonic() - start < 2


# -- bad inputs ------------------------------------------------------------------------------------
def test_empty_file():
    assert code(b"") == "E001" and code(b"  \n\r\n ") == "E001"


def test_binary_junk():
    rng = random.Random(1)
    assert code(bytes(rng.randrange(256) for _ in range(5000))) == "E002"
    assert code(b"\x01\x02\x03abc\x04\x05" * 100) == "E002"


def test_too_large():
    start = time.monotonic()
    assert code(b"a" * 50_000_000) == "E015"
    assert time.monotonic() - start < 1


def test_limits_are_settings():
    assert code(TEXT.encode(), limits=Limits(max_bytes=10)) == "E015"
    assert code(empty_pages_pdf(5), limits=Limits(max_pages=4)) == "E014"


def test_pdf_thousand_pages_refused_fast():
    data = empty_pages_pdf(1000)
    start = time.monotonic()
    assert code(data) == "E014"
    assert time.monotonic() - start < 2


def test_pdf_truncated():
    data = text_pdf([["Protocol number 5"]])
    assert code(data[: len(data) // 2]) == "E011"


def test_pdf_corrupt():
    assert code(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n") == "E011"


def test_pdf_encrypted():
    assert code(encrypted_pdf()) == "E012"


@pytest.mark.parametrize("limits,expected", [
    (Limits(ocr=False), "E013"),
    (Limits(), blank_scan_code()),        # E013 when tesseract reads nothing, E021 without tesseract
], ids=["ocr-off", "ocr-as-installed"])
def test_pdf_scan_without_text(limits, expected):
    assert code(image_pdf(), limits=limits) == expected


def test_pdf_time_limit():
    assert code(text_pdf([["Protocol line"] * 40] * 3), limits=Limits(max_seconds=0)) == "E018"


def test_pdf_text_pages_and_boxes():
    doc = read_document(text_pdf([["Protocol 5.", "Decided:"], ["Second page text.", "2"]]))
    assert doc.format == "pdf"
    assert doc.text.splitlines() == ["Protocol 5.", "Decided:", "Second page text."]   # page number dropped
    assert doc.pages == [doc.text.index("Second")]
    assert [b[2] for b in doc.boxes] == [1, 1, 2]
    s, e = doc.boxes[2][:2]
    assert doc.text[s:e] == "Second page text."


# -- robustness: random and mutated bytes ----------------------------------------------------------
def _seeds() -> list[bytes]:
    seeds = [text_pdf([["Protocol 5", "Decided"]]), docx(para("Протокол"))]
    for name in ("real/minpros_profi_2023_11.pdf", "real/minpros_profi_2023_11.docx"):
        if (SHARED / name).is_file():
            seeds.append((SHARED / name).read_bytes())
    return seeds


SEEDS = _seeds()
LIMITS = Limits(max_seconds=10)


def _read_within_limit(data: bytes) -> None:
    start = time.monotonic()
    try:
        assert isinstance(read_document(data, limits=LIMITS), Document)
    except ProtokolError as exc:
        assert exc.code.startswith("E0")
    assert time.monotonic() - start < LIMITS.max_seconds + 2


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes_never_crash(data):
    _read_within_limit(data)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEEDS))), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8),
       st.one_of(st.none(), st.floats(0.05, 1)))
def test_mutated_documents_never_crash(seed, flips, cut):
    data = bytearray(SEEDS[seed])
    for where, value in flips:
        data[min(len(data) - 1, int(where * len(data)))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    _read_within_limit(bytes(data))
