"""Borderless grids in a PDF: the "Присутствовали" table (organisation | names), a date and a
number at both ends of a line. Found from a line split by a wide empty gap, or from a line that
starts away from the margin, when the columns' lines interleave; emitted row by row, one cell a
line, like a ruled table.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.readers.pdf_geometry import VLine


@dataclass
class Grid:
    """Rows of cells, each cell a list of visual lines; a ruled table or a borderless grid."""

    rows: list[list[list[VLine]]]
    xs: list[float] = field(default_factory=list)
    page: int = 0
    ruled: bool = True
    bounds: list[list[tuple[float, float]]] = field(default_factory=list)   # per row, cell (x0, x1)
    end_page: int = 0

    def __post_init__(self) -> None:
        self.end_page = self.end_page or self.page


def _aligned(x: float, cols: list[float], tol: float = 4.0) -> int | None:
    for k, c in enumerate(cols):
        if abs(x - c) <= tol:
            return k
    return None


def _run(items: list[object], k: int, left: float, pitch: float) -> tuple[int, list[float], list[VLine]]:
    """The lines from k on that sit in columns: each segment starts at a column position and stays
    left of the next column. Returns (end index, column starts, segments)."""
    first = items[k]
    cols = sorted(s.x0 for s in first.segments)
    extents = {c: (s.x0, s.x1) for c, s in zip(cols, sorted(first.segments, key=lambda s: s.x0))}
    segs, j = list(first.segments), k + 1
    while j < len(items):
        nxt, last = items[j], items[j - 1]
        if not isinstance(nxt, VLine) or not nxt.text or nxt.page != last.page or last.y0 - nxt.y0 > 2.2 * pitch:
            break
        new = []
        for s in nxt.segments:
            c = _aligned(s.x0, cols)
            if c is None and all(s.x1 < e[0] - 8 or s.x0 > e[1] + 8 for e in extents.values()):
                new.append(s)
            elif c is None or (c + 1 < len(cols) and s.x1 > cols[c + 1] - 4):
                return j, cols, segs
        for s in new:
            cols = sorted(cols + [s.x0])
            extents[s.x0] = (s.x0, s.x1)
        for s in nxt.segments:
            c = cols[_aligned(s.x0, cols)]
            extents[c] = (min(extents[c][0], s.x0), max(extents[c][1], s.x1))
        segs.extend(nxt.segments)
        j += 1
    return j, cols, segs


def _grid_rows(cols: list[float], segs: list[VLine], pitch: float) -> list[list[list[VLine]]]:
    """Rows of a borderless grid: blocks of close lines per column; blocks that overlap vertically
    are one row."""
    blocks: list[tuple[int, list[VLine]]] = []
    for c in range(len(cols)):
        mine = [s for s in segs if _aligned(s.x0, cols) == c]
        for s in mine:
            if blocks and blocks[-1][0] == c and blocks[-1][1][-1].y0 - s.y0 <= 1.2 * pitch:
                blocks[-1][1].append(s)
            else:
                blocks.append((c, [s]))
    blocks.sort(key=lambda b: -b[1][0].y1)
    rows: list[tuple[float, list[list[VLine]]]] = []
    for c, lines in blocks:
        top, bottom = lines[0].y1, lines[-1].y0
        if rows and top > rows[-1][0]:
            rows[-1][1][c].extend(lines)
            rows[-1] = (min(rows[-1][0], bottom), rows[-1][1])
        else:
            cells: list[list[VLine]] = [[] for _ in cols]
            cells[c].extend(lines)
            rows.append((bottom, cells))
    return [cells for _, cells in rows]


def grids(items: list[object], left: float, pitch: float) -> list[object]:
    """Borderless grids (the "Присутствовали" table): runs of lines in two or more columns, found
    from a line split by a wide gap, or from a line that starts away from the margin, when the
    columns' lines interleave. Emitted as Grids, row by row."""
    out: list[object] = []
    k = 0
    while k < len(items):
        it = items[k]
        if isinstance(it, VLine) and it.text and (len(it.segments) >= 2 or it.x0 > left + 20):
            j, cols, segs = _run(items, k, left, pitch)
            spans = [(max(s.y1 for s in segs if _aligned(s.x0, cols) == c),
                      min(s.y0 for s in segs if _aligned(s.x0, cols) == c)) for c in range(len(cols))]
            multi = any(len(items[i].segments) >= 2 for i in range(k, j))
            interleaved = len(cols) >= 2 and any(spans[a][1] < spans[b][0] and spans[b][1] < spans[a][0]
                                                 for a in range(len(cols)) for b in range(a))
            if len(cols) >= 2 and (multi or interleaved):
                rows = _grid_rows(cols, segs, pitch)
                right = [max(s.x1 for s in segs if _aligned(s.x0, cols) == c) for c in range(len(cols))]
                bounds = [(cols[c], right[c]) for c in range(len(cols))]
                out.append(Grid(rows, cols, it.page, False, [bounds] * len(rows)))
                k = j
                continue
        out.append(it)
        k += 1
    return out


