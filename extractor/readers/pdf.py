"""PDF (text layer) with pdfminer.six: limits first (size, then the page count from the page tree,
before any page is read), then glyphs and rules page by page under the time budget, then the
layout rebuilt from geometry (pdf_layout) into paragraphs and table rows.

Pages without a usable text layer (scans) are rendered and recognized with tesseract (readers/ocr.py),
page by page, so a PDF with some scanned pages reads too; the text of a run of text-layer pages is
laid out as before and the runs are joined in page order.

Refused with a code: damaged or truncated (E011), encrypted (E012), a scan while OCR is turned off
(E013), too many pages (E014), too slow (E018), a scan without tesseract installed (E021).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from .. import errors
from .limits import Budget, Limits
from .pdf_geometry import Glyph

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    hs: list[tuple[float, float, float]] = field(default_factory=list)   # (y, x0, x1)
    vs: list[tuple[float, float, float]] = field(default_factory=list)   # (x, y0, y1)
    images: int = 0


def _open(data: bytes):
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    if b"%%EOF" not in data[-4096:]:
        raise errors.corrupt_pdf("the file is incomplete: it does not end as a PDF must (truncated download?)")
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise errors.encrypted_pdf() from None
    except errors.ProtokolError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        if "crypt" in type(exc).__name__.lower() or "password" in str(exc).lower():
            raise errors.encrypted_pdf() from None
        raise errors.corrupt_pdf(f"{type(exc).__name__}: {exc}"[:160]) from None


def page_count(doc, limit: int) -> int:
    """Pages of the document from the page tree's /Count, without reading any page."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.pdfpage import PDFPage

    try:
        count = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
        if isinstance(count, int) and count >= 0:
            return count
    except Exception:
        pass
    n = 0
    try:
        for _ in PDFPage.create_pages(doc):
            n += 1
            if n > limit:
                break
    except Exception:  # a damaged page tree: read_pages reads what it can and says why it stopped
        pass
    return n


def _device(budget: Budget):
    from pdfminer.converter import PDFPageAggregator

    class Device(PDFPageAggregator):
        """Checks the time budget every few hundred glyphs, so one huge page cannot hang us."""

        ops = 0

        def render_char(self, *args, **kwargs):
            self.ops += 1
            if self.ops % 512 == 0:
                budget.check()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args, **kwargs):
            self.ops += 1
            if self.ops % 512 == 0:
                budget.check()
            return super().paint_path(*args, **kwargs)

    from pdfminer.pdfinterp import PDFResourceManager

    rsrc = PDFResourceManager(caching=True)
    return rsrc, Device(rsrc, laparams=None)


def _collect(obj, page: PageContent) -> None:
    from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage

    for o in obj:
        if isinstance(o, LTChar):
            if o.get_text() and o.upright and o.width > 0:
                page.glyphs.append(Glyph(o.get_text(), o.x0, o.y0, o.x1, o.y1, o.size))
        elif isinstance(o, LTImage):
            page.images += 1
        elif isinstance(o, LTFigure):
            _collect(o, page)
        elif isinstance(o, LTCurve):      # LTLine and LTRect are curves too
            w, h = o.x1 - o.x0, o.y1 - o.y0
            if h <= 2.5 and w > 5:
                page.hs.append(((o.y0 + o.y1) / 2, o.x0, o.x1))
            elif w <= 2.5 and h > 5:
                page.vs.append(((o.x0 + o.x1) / 2, o.y0, o.y1))
            elif getattr(o, "stroke", False) and w > 5 and h > 5 and len(getattr(o, "pts", [])) in (4, 5):
                page.hs += [(o.y0, o.x0, o.x1), (o.y1, o.x0, o.x1)]
                page.vs += [(o.x0, o.y0, o.y1), (o.x1, o.y0, o.y1)]


def read_pages(data: bytes, limits: Limits, budget: Budget) -> tuple[list[PageContent], list[str]]:
    """Glyphs and rules of every page; pages that fail to render are skipped with a warning."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdfpage import PDFPage

    doc = _open(data)
    count = page_count(doc, limits.max_pages)
    if count > limits.max_pages:
        raise errors.too_many_pages(count, limits.max_pages)
    rsrc, device = _device(budget)
    interpreter = PDFPageInterpreter(rsrc, device)
    pages, warnings, failed = [], [], 0
    try:
        for n, page in enumerate(PDFPage.create_pages(doc), start=1):
            budget.check()
            if n > limits.max_pages:
                raise errors.too_many_pages(n, limits.max_pages)
            x0, y0, x1, y1 = (float(v) for v in page.mediabox) if len(page.mediabox) == 4 else (0, 0, 595, 842)
            content = PageContent(n, x1 - x0, y1 - y0)
            try:
                interpreter.process_page(page)
                _collect(device.get_result(), content)
            except errors.ProtokolError:
                raise
            except Exception as exc:
                failed += 1
                warnings.append(f"page {n} could not be read: {type(exc).__name__}")
            pages.append(content)
    except errors.ProtokolError:
        raise
    except Exception as exc:
        if not pages:
            raise errors.corrupt_pdf(f"{type(exc).__name__}: {exc}"[:160]) from None
        warnings.append(f"reading stopped after page {len(pages)}: {type(exc).__name__}")
    if not pages or failed == len(pages):
        raise errors.corrupt_pdf("no page could be read")
    return pages, warnings


def _unusable(glyphs: list[Glyph], pages: int = 1) -> bool:
    text = "".join(g.text for g in glyphs)
    letters = len(_LETTER.findall(text))
    return letters < 20 * pages or len(_CYRILLIC.findall(text)) < 0.3 * letters


def scanned_pages(pages: list[PageContent]) -> list[int]:
    """Numbers of the pages that are scans: an image and no usable text (few letters, or letters
    that are not Russian: the garbage of a bad text layer). A document whose text layer as a whole
    is unusable is a scan on every page with an image."""
    if any(p.images for p in pages) and _unusable([g for p in pages for g in p.glyphs], len(pages)):
        return [p.number for p in pages if p.images]
    return [p.number for p in pages if p.images and _unusable(p.glyphs)]


def check_text_layer(pages: list[PageContent]) -> None:
    """A scan (images, no or unusable text) is E013; a PDF with neither text nor images is E001."""
    if scanned_pages(pages):
        raise errors.scanned_pdf(len(pages))
    if not any(_LETTER.search(g.text) for p in pages for g in p.glyphs):
        raise errors.empty_document()


def _renumbered(run: list[PageContent]) -> list[PageContent]:
    return [PageContent(k, p.width, p.height, p.glyphs, p.hs, p.vs, p.images) for k, p in enumerate(run, start=1)]


def read_mixed(data: bytes, pages: list[PageContent], scans: list[int], limits: Limits, budget: Budget):
    """Text-layer pages laid out run by run, scanned pages recognized; joined in page order."""
    from . import Document
    from .ocr import assemble_scans, check_available, render_pdf
    from .pdf_layout import assemble

    check_available(limits.ocr_lang)
    images = render_pdf(data, scans, limits.ocr_dpi)
    by_number = {p.number: p for p in pages}
    scanned, warnings = assemble_scans(images, scans, [by_number[n].height for n in scans],
                                       [72 / limits.ocr_dpi] * len(scans), limits, budget)
    parts: list[str] = []
    starts: list[int] = []
    boxes: list = []
    words: list = []
    pos = 0
    k = 0

    def shifted(spans: list, by: int, first_page: int = 0) -> list:
        return [(s + by, e + by, pg + first_page, *rest) for s, e, pg, *rest in spans]

    while k < len(pages):
        page = pages[k]
        if page.number in scanned:
            run, k = [page], k + 1
            piece = scanned[page.number]
            text, run_starts, run_boxes, run_words = piece.text, [], piece.lines, piece.words
        else:
            j = k
            while j < len(pages) and pages[j].number not in scanned:
                j += 1
            run, k = pages[k:j], j
            budget.check()
            text, run_starts, run_boxes, run_words = "", [], [], []
            if any(_LETTER.search(g.text) for p in run for g in p.glyphs):
                text, run_starts, local = assemble(_renumbered(run), budget)
                run_boxes = shifted(local, 0, run[0].number - 1)
        if parts and text:
            parts.append("\n")          # a blank line: a page of another kind starts a paragraph
            pos += 1
        if run[0].number > 1:
            starts.append(pos)
        starts += [s + pos for s in run_starts]
        boxes += shifted(run_boxes, pos)
        words += shifted(run_words, pos)
        parts.append(text)
        pos += len(text)
    text = "".join(parts)
    if not text.strip():
        raise errors.scan_without_text(f"the PDF ({len(pages)} page(s))")
    return Document(text, "pdf", starts, boxes=boxes, warnings=warnings, ocr_words=words)


def read_pdf(data: bytes, limits: Limits, budget: Budget):
    """The Document of a PDF."""
    from . import Document
    from .pdf_layout import assemble

    pages, warnings = read_pages(data, limits, budget)
    scans = scanned_pages(pages)
    if scans and not limits.ocr:
        raise errors.scanned_pdf(len(pages))
    if scans:
        document = read_mixed(data, pages, scans, limits, budget)
        document.warnings[:0] = warnings
    else:
        check_text_layer(pages)
        budget.check()
        text, starts, boxes = assemble(pages, budget)
        document = Document(text, "pdf", starts, boxes=boxes, warnings=warnings)
    if len(document.text) > limits.max_chars:
        raise errors.too_large(len(document.text), limits.max_chars, "the text of the document")
    return document
