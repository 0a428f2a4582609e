"""From page geometry to the text the pipeline expects (the shape of LibreOffice's text export).

Per page: ruled tables take their glyphs cell by cell; the other glyphs form visual lines. Page
numbers and running headers/footers are dropped. Lines split by a wide empty gap form a borderless
grid (the "Присутствовали" table), emitted row by row, one cell a line. Lines are joined into
paragraphs unless the geometry says a paragraph ends: a blank line or a wide gap, a line that is
short (the next line's first word would have fit on it), a first-line indent or a list marker
after a sentence end. A paragraph or table going on over a page break is joined.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .limits import Budget
from .pdf_geometry import Glyph, Table, VLine, find_tables, visual_lines

Box = tuple[int, int, int, float, float, float, float]
_MARKER = re.compile(r"^(?:(?:\d{1,2}\.){1,4}\d{0,2}\s|\d{1,2}\)\s|[а-яё]\)\s|[IVXLC]{1,6}\.\s|[-–—•]\s)")
_PAGE_NO = re.compile(r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:стр\.?|страница|page)\s*\d+(?:\s*(?:из|/)\s*\d+)?|\d+\s*(?:из|/)\s*\d+)$", re.I)


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


def _page_items(page, budget: Budget) -> list[tuple[float, object]]:
    """(top y, item) of one page: visual lines outside tables, and tables as Grids."""
    tables = find_tables(page.hs, page.vs, page.number)
    cells: dict[int, dict[tuple[int, int], list[Glyph]]] = {id(t): {} for t in tables}
    free: list[Glyph] = []
    for g in page.glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        for t in tables:
            if t.contains(cx, cy):
                rc = t.cell(cx, cy)
                if rc is not None:
                    cells[id(t)].setdefault(rc, []).append(g)
                break
        else:
            free.append(g)
    items: list[tuple[float, object]] = [(ln.y1, ln) for ln in visual_lines(free, page=page.number)]
    for t in tables:
        budget.check()
        rows = []
        for r in range(len(t.ys) - 1):
            bounds = t.row_xs[r]
            rows.append([visual_lines(cells[id(t)].get((r, k), []), page=page.number)
                         for k in range(len(bounds) - 1)])
        bounds = [[(b[k], b[k + 1]) for k in range(len(b) - 1)] for b in t.row_xs]
        items.append((t.top + 0.01, Grid(rows, t.xs, page.number, True, bounds)))
    items.sort(key=lambda it: -it[0])
    return items


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _drop_furniture(pages_items: list[list[tuple[float, object]]]) -> None:
    """Remove page numbers and running headers/footers: the first or last line of a page that is a
    page number, or whose text (digits aside) comes back at the same height on other pages."""
    ends = []
    for p, items in enumerate(pages_items):
        lines = [(k, it) for k, (_, it) in enumerate(items) if isinstance(it, VLine) and it.text]
        for k, it in {k: it for k, it in (lines[:1] + lines[-1:])}.items():
            ends.append((p, items, k, it))
    pages_of: dict[tuple[str, int], set[int]] = {}
    for p, _, _, it in ends:
        pages_of.setdefault((_norm(it.text), round(it.y0 / 6)), set()).add(p)
    drop = []
    for _, items, k, it in ends:
        repeated = len(pages_of[(_norm(it.text), round(it.y0 / 6))]) >= 2
        if _PAGE_NO.match(it.text.strip()) or repeated:
            drop.append((items, k))
    for items, k in sorted(drop, key=lambda d: -d[1]):
        if k < len(items):
            items.pop(k)


def _merge_tables(items: list[object]) -> list[object]:
    """A ruled table continued on the next page: rows appended; a continued row (empty first
    cell) merged into the last row; a repeated header row dropped."""
    out: list[object] = []
    for it in items:
        prev = out[-1] if out else None
        if (isinstance(it, Grid) and isinstance(prev, Grid) and it.ruled and prev.ruled
                and it.page == prev.end_page + 1 and len(it.xs) == len(prev.xs)
                and all(abs(a - b) < 3 for a, b in zip(it.xs, prev.xs))):
            rows, bounds = list(it.rows), list(it.bounds)
            if rows and _text(rows[0]) == _text(prev.rows[0]):
                rows, bounds = rows[1:], bounds[1:]
            if rows and not rows[0][0] and len(rows[0]) == len(prev.rows[-1]):
                for cell, more in zip(prev.rows[-1], rows[0]):
                    cell.extend(more)
                rows, bounds = rows[1:], bounds[1:]
            prev.rows += rows
            prev.bounds += bounds
            prev.end_page = it.page
            continue
        out.append(it)
    return out


def _text(row: list[list[VLine]]) -> str:
    return "|".join(" ".join(ln.text for ln in cell) for cell in row)


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


def _grids(items: list[object], left: float, pitch: float) -> list[object]:
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


def assemble(pages, budget: Budget) -> tuple[str, list[int], list[Box]]:
    """Text, offsets where pages 2, 3, ... start, and a box per line piece."""
    from .pdf_paragraphs import Writer, metrics

    pages_items = [_page_items(p, budget) for p in pages]
    _drop_furniture(pages_items)
    items = _merge_tables([it for page_items in pages_items for _, it in page_items])
    left, right, pitch, size, justified = metrics([it for it in items if isinstance(it, VLine)])
    items = _grids(items, left, pitch)
    writer = Writer(left, right, pitch, size, justified)
    for it in items:
        budget.check()
        if isinstance(it, Grid):
            writer.grid(it)
        else:
            writer.line(it)
    return writer.finish(len(pages))
