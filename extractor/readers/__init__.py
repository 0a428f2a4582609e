"""Reading documents: bytes of a PDF (text layer, or scanned pages recognized by OCR), a scanned
image (PNG, JPEG, TIFF), DOCX, an HTML page or plain text in any Russian encoding ->
text in the shape the pipeline understands (the LibreOffice text export: one paragraph a line,
table cells one per line, list numbers in front of their paragraphs), with page positions.

    document = read_document(path.read_bytes(), name=path.name)
    doc = Doc(document.text, name=path.name, format=document.format, pages=document.pages)

The format is told by content, never by the name. Every failure is a ProtokolError with its own
code (see extractor/errors.py): E001 empty, E002 binary, E003 encoding, E010 .doc/.rtf/.odt,
E011 damaged PDF, E012 encrypted PDF, E013 scanned PDF, E014 too many pages, E015 too large,
E016 damaged DOCX, E017 zip bomb, E018 time limit, E021 a scan but tesseract is not installed,
E022 an HTML page without text. An e-mail holds several documents: `readers.mail.split_email` gives
its parts and `Pipeline.batch` reads each (E025 here).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor import errors
from extractor.readers.limits import Budget, Limits
from extractor.readers.sniff import DOC, DOCX, EML, HTML, JPEG, ODT, PDF, PNG, RTF, TIFF, ZIP, sniff
from extractor.readers.text import decode

__all__ = ["Document", "Limits", "read_document", "decode", "sniff"]

Box = tuple[int, int, int, float, float, float, float]
OcrWord = tuple[int, int, int, float, float, float, float, float]


@dataclass
class Document:
    """A document as text, ready for `pipeline.Doc`."""

    text: str
    format: str                       # "txt" | "pdf" | "docx" | "html" | "png" | "jpeg" | "tiff"
    pages: list[int] | None           # offsets into `text` where pages 2, 3, ... start
    boxes: list[Box] | None = None    # (start, end, page, x0, y0, x1, y1) per line of a PDF
    warnings: list[str] = field(default_factory=list)
    # words recognized by OCR: (start, end, page, x0, y0, x1, y1, confidence 0-100), boxes in points
    # from the page's bottom-left corner; None when no page was recognized
    ocr_words: list[OcrWord] | None = None


_NAMES = {DOC: "Word 97-2003 (.doc)", RTF: "RTF", ODT: "OpenDocument (.odt)", ZIP: "ZIP archive"}


def read_document(data: bytes, name: str | None = None, limits: Limits | None = None) -> Document:
    """Decode any supported document; raise extractor.errors.ProtokolError with a specific code otherwise.

    `name` is used only in messages; the format comes from the bytes.
    """
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise errors.too_large(len(data), limits.max_bytes)
    if not data.strip():
        raise errors.empty_document()
    budget = Budget(limits)
    kind = sniff(data)
    if kind in (DOC, RTF, ODT):
        from extractor.readers.convert import convert_to_docx

        converted = convert_to_docx(data, kind, limits, budget)
        if converted is None:
            raise errors.unsupported_format(_NAMES[kind])
        document = read_document(converted, name, limits)
        document.warnings.append(f"converted from {_NAMES[kind]} with LibreOffice")
        return document
    if kind == ZIP:
        raise errors.unsupported_format(_NAMES[ZIP])
    if kind == PDF:
        from extractor.readers.pdf import read_pdf

        return read_pdf(data, limits, budget)
    if kind in (PNG, JPEG, TIFF):
        from extractor.readers.image import read_image

        return read_image(data, kind, limits, budget)
    if kind == DOCX:
        from extractor.readers.docx import read_docx

        text, warnings = read_docx(data, limits, budget)
        return Document(text, "docx", None, warnings=warnings)
    if kind == HTML:
        from extractor.readers.html import read_html

        text, warnings = read_html(data, limits, budget)
        return Document(text, "html", None, warnings=warnings)
    if kind == EML:
        raise errors.several_documents("an e-mail message")
    text = decode(data)
    if len(text) > limits.max_chars:
        raise errors.too_large(len(text), limits.max_chars, "the text of the document")
    return Document(text, "txt", None)
