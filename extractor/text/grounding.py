"""Grounding: a span of the cleaned text -> where it stands in the source.

Offsets into the original text always; for paged documents the page and the bounding box (PDF points,
origin at the bottom left of the page, as pdfminer gives them: the union of the boxes of the text
lines, or of the OCR words, that the value covers); for OCR'd text `source="ocr"` and the lowest word
confidence, so a clerk knows what to double-check.
"""
from __future__ import annotations

import bisect

from extractor.text.layout import Layout


class _Boxes:
    """Boxes (start, end, page, x0, y0, x1, y1, ...) sorted by start, searchable by offset range."""

    def __init__(self, boxes: list[tuple] | None) -> None:
        self.items = sorted(boxes or [], key=lambda b: b[0])
        self.starts = [b[0] for b in self.items]

    def over(self, s: int, e: int) -> list[tuple]:
        i = max(0, bisect.bisect_right(self.starts, s) - 1)
        out = []
        while i < len(self.items) and self.items[i][0] < max(e, s + 1):
            if self.items[i][1] > s:
                out.append(self.items[i])
            i += 1
        return out


class Grounder:
    """Maps cleaned-text spans to original offsets, pages, boxes and OCR confidence."""

    def __init__(self, layout: Layout, pages: list[int] | None = None, ocr_words: list[tuple] | None = None,
                 boxes: list[tuple] | None = None) -> None:
        self.layout = layout
        self.pages = pages  # original offsets where pages 2, 3, ... start
        self.ocr = _Boxes(ocr_words)
        self.lines = _Boxes(boxes)

    def span(self, start: int, end: int) -> dict:
        """text, start, end (original offsets), page, and bbox/source/confidence when known."""
        s, e = self.layout.source_span(start, end)
        page = 1 + bisect.bisect_right(self.pages, s) if self.pages is not None else None
        out = {"text": " ".join(self.layout.text[start:end].split()), "start": s, "end": e, "page": page}
        words = self.ocr.over(s, e)
        if words:
            out.update(source="ocr", confidence=min(w[-1] for w in words))
        covered = words or self.lines.over(s, e)
        if covered:
            # the boxes know the page for sure (a table running over a page break is one block of text)
            first_page = out["page"] = covered[0][2]
            same = [b for b in covered if b[2] == first_page]
            out["bbox"] = [round(min(b[3] for b in same), 1), round(min(b[4] for b in same), 1),
                           round(max(b[5] for b in same), 1), round(max(b[6] for b in same), 1)]
        return out
