"""Visual lines into paragraphs, and the final text with page offsets and line boxes.

A paragraph ends between two lines when: a blank line or a wide vertical gap separates them; the
upper line is short (the lower line's first word would have fit on it, so the writer broke the
line); the lower line is indented further after a sentence end; it starts with a list marker after
a sentence end; or the font size changes.
"""
from __future__ import annotations

import re

from extractor.readers.pdf_geometry import VLine
from extractor.data import label_start
from extractor.language.morph import hyphen_joins

Box = tuple[int, int, int, float, float, float, float]
_MARKER = re.compile(r"^(?:(?:\d{1,2}\.){1,4}\d{0,2}\s|\d{1,2}\)\s|[а-яё]\)\s|[IVXLC]{1,6}\.\s|[-–—•]\s)")
_LABEL = re.compile(r"^(?:ПОВЕСТКА|ПРИСУТСТВОВАЛИ|ГОЛОСОВАЛИ|" + label_start() + ")")
_CAPS = re.compile(r"[А-ЯЁA-Z]{2}")
_END = re.compile(r"[.;:!?»)]$")


def _pct(values: list[float], q: float, default: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else default


def metrics(lines: list[VLine]) -> tuple[float, float, float, float, bool]:
    """Text column left and right edges, line pitch, body font size of the free text, and
    whether the text is justified (most long lines end exactly at the right edge)."""
    lines = [ln for ln in lines if ln.text]
    size = _pct([ln.size for ln in lines], 0.5, 12.0)
    pitches = [a.y0 - b.y0 for a, b in zip(lines, lines[1:])
               if a.page == b.page and abs(a.size - b.size) < 0.5 and 0.8 * a.size < a.y0 - b.y0 < 2.5 * a.size]
    pitch = _pct(pitches, 0.5, 1.2 * size)
    left, right = _pct([ln.x0 for ln in lines], 0.05, 72.0), _pct([ln.x1 for ln in lines], 0.95, 520.0)
    long = [ln for ln in lines if ln.x1 > left + 0.8 * (right - left)]
    justified = sum(abs(ln.x1 - right) < 1.5 for ln in long) > 0.6 * len(long) if long else False
    return left, right, pitch, size, justified


class Writer:
    """Collects paragraphs (lists of visual lines) and writes the text."""

    def __init__(self, left: float, right: float, pitch: float, size: float, justified: bool) -> None:
        self.left, self.right, self.pitch, self.size = left, right, pitch, size
        self.justified = justified
        self.paras: list[list[VLine]] = []
        self.open: list[VLine] = []

    def _breaks(self, para: list[VLine], cur: VLine, left: float, right: float) -> bool:
        prev = para[-1]
        scale = cur.size / self.size if self.size else 1.0
        if abs(prev.size - cur.size) > 1.5:
            return True
        if prev.page == cur.page and prev.y0 - cur.y0 > 1.45 * self.pitch * scale:
            return True
        if prev.page == cur.page and prev.y0 - cur.y0 < 0.3 * cur.size:
            return True            # side by side: not the same flow
        if _LABEL.match(cur.text):
            return True
        if _CAPS.search(prev.text) and _CAPS.search(cur.text) and prev.text.isupper() != cur.text.isupper():
            return True            # a heading in capitals and a line that is not
        end = prev.x1
        if prev.x0 > left + 5 and abs((prev.x0 - left) - (right - prev.x1)) < 3:
            end = left + (prev.x1 - prev.x0)     # a centred line: would the word fit in its width?
        if end + 0.3 * cur.size + cur.first_word < right - 1:
            return True
        ended = bool(_END.search(prev.text))
        cont = para[1].x0 if len(para) > 1 else (None if _MARKER.match(prev.text) else prev.x0)
        if ended and (_MARKER.match(cur.text) or (cont is not None and cur.x0 > cont + 0.7 * cur.size)):
            return True
        if ended and self.justified and right == self.right and prev.x1 < right - 2:
            return True            # justified text: only the last line of a paragraph is short
        return False

    def _close(self) -> None:
        if self.open:
            self.paras.append(self.open)
            self.open = []

    def line(self, ln: VLine) -> None:
        """The next free line of the page flow."""
        if not ln.text:
            self._close()
        elif self.open and not self._breaks(self.open, ln, self.left, self.right):
            self.open.append(ln)
        else:
            self._close()
            self.open = [ln]

    def cell(self, lines: list[VLine], x0: float, x1: float, ruled: bool = True) -> None:
        """The lines of one table cell, as its paragraphs (a borderless cell's right edge is its
        longest line)."""
        lines = [ln for ln in lines if ln.text]
        if not lines:
            return
        left = min(ln.x0 for ln in lines)
        right = x1 - max(0.0, left - x0) if ruled else x1
        cur = [lines[0]]
        for ln in lines[1:]:
            if self._breaks(cur, ln, left, right) or (not ruled and _END.search(cur[-1].text)):
                self.paras.append(cur)
                cur = []
            cur.append(ln)
        self.paras.append(cur)

    def grid(self, grid) -> None:
        self._close()
        for row, bounds in zip(grid.rows, grid.bounds):
            for cell, (x0, x1) in zip(row, bounds):
                self.cell(cell, x0, x1, grid.ruled)

    def finish(self, n_pages: int) -> tuple[str, list[int], list[Box]]:
        self._close()
        out: list[str] = []
        boxes: list[Box] = []
        first: dict[int, int] = {}
        pos = 0
        for para in self.paras:
            text = ""
            for ln in para:
                piece = ln.text
                if text:
                    if re.search(r"\w-$", text) and re.match(r"\w", piece):
                        if hyphen_joins(text, piece):
                            text = text[:-1]   # a word hyphenated at the line end
                    else:
                        text += " "
                start = pos + len(text)
                text += piece
                first.setdefault(ln.page, start)
                boxes.append((start, start + len(piece), ln.page, ln.x0, ln.y0, ln.x1, ln.y1))
            out.append(text)
            pos += len(text) + 1
        starts, nxt = [], pos
        for page in range(n_pages, 1, -1):
            nxt = min(nxt, first.get(page, nxt))
            starts.append(nxt)
        return "\n".join(out) + ("\n" if out else ""), starts[::-1], boxes
