"""PDF (text layer) with pdfminer.six: limits first (size, then the page count from the page tree,
before any page is read), then glyphs and rules page by page under the time budget, then the
layout rebuilt from geometry (pdf_layout) into paragraphs and table rows.

Refused with a code: damaged or truncated (E011), encrypted (E012), a scan without a usable text
layer (E013), too many pages (E014), too slow (E018).
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
    for _ in PDFPage.create_pages(doc):
        n += 1
        if n > limit:
            break
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


def check_text_layer(pages: list[PageContent]) -> None:
    """A scan (images, no or unusable text) is E013; a PDF with neither text nor images is E001."""
    text = "".join(g.text for p in pages for g in p.glyphs)
    letters = len(_LETTER.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    if any(p.images for p in pages) and (letters < 20 * len(pages) or cyrillic < 0.3 * letters):
        raise errors.scanned_pdf(len(pages))
    if letters == 0:
        raise errors.empty_document()


def read_pdf(data: bytes, limits: Limits, budget: Budget):
    """The Document of a PDF."""
    from . import Document
    from .pdf_layout import assemble

    pages, warnings = read_pages(data, limits, budget)
    check_text_layer(pages)
    budget.check()
    text, starts, boxes = assemble(pages, budget)
    if len(text) > limits.max_chars:
        raise errors.too_large(len(text), limits.max_chars, "the text of the document")
    return Document(text, "pdf", starts, boxes=boxes, warnings=warnings)
