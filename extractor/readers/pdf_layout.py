"""From page geometry to the text the pipeline expects (the shape of LibreOffice's text export).

Per page: ruled tables take their glyphs cell by cell; the other glyphs form visual lines. Page
numbers and running headers/footers are dropped. Lines in columns form a borderless grid
(pdf_grids), emitted row by row, one cell a line. Lines are joined into
paragraphs unless the geometry says a paragraph ends: a blank line or a wide gap, a line that is
short (the next line's first word would have fit on it), a first-line indent or a list marker
after a sentence end. A paragraph or table going on over a page break is joined.
"""
from __future__ import annotations

import re

from extractor.readers.limits import Budget
from extractor.readers.pdf_geometry import Glyph, VLine, find_tables, visual_lines
from extractor.readers.pdf_grids import Grid, grids

Box = tuple[int, int, int, float, float, float, float]
_PAGE_NO = re.compile(r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:стр\.?|страница|page)\s*\d+(?:\s*(?:из|/)\s*\d+)?|\d+\s*(?:из|/)\s*\d+)$", re.I)


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
            if rows and _continues(rows[0], prev.rows) and len(rows[0]) == len(prev.rows[-1]):
                for cell, more in zip(prev.rows[-1], rows[0]):
                    cell.extend(more)
                rows, bounds = rows[1:], bounds[1:]
            prev.rows += rows
            prev.bounds += bounds
            prev.end_page = it.page
            continue
        out.append(it)
    return out


_ROW_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*[.)]?(?:\s|$)")


def _continues(row: list[list[VLine]], above: list[list[list[VLine]]]) -> bool:
    """Is the first row of a table's next page the rest of the row the page cut? Its first cell is
    empty, goes on in lower case ("школы к электрическим сетям …"), or lacks the row number every
    row above starts with ("3.2. Обеспечить …")."""
    first = " ".join(ln.text for ln in row[0]).strip()
    if not first or first[:1].islower():
        return True
    numbered = [bool(_ROW_NUMBER.match(" ".join(ln.text for ln in r[0]).strip())) for r in above[1:] if r and r[0]]
    return len(numbered) >= 2 and all(numbered) and not _ROW_NUMBER.match(first)


def _text(row: list[list[VLine]]) -> str:
    return "|".join(" ".join(ln.text for ln in cell) for cell in row)


def assemble(pages, budget: Budget) -> tuple[str, list[int], list[Box]]:
    """Text, offsets where pages 2, 3, ... start, and a box per line piece."""
    from extractor.readers.pdf_paragraphs import Writer, metrics

    pages_items = [_page_items(p, budget) for p in pages]
    _drop_furniture(pages_items)
    items = _merge_tables([it for page_items in pages_items for _, it in page_items])
    left, right, pitch, size, justified = metrics([it for it in items if isinstance(it, VLine)])
    items = grids(items, left, pitch)
    writer = Writer(left, right, pitch, size, justified)
    for it in items:
        budget.check()
        if isinstance(it, Grid):
            writer.grid(it)
        else:
            writer.line(it)
    return writer.finish(len(pages))
