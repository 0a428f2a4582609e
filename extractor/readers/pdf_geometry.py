"""PDF page geometry: glyphs into visual lines (split where a wide gap or a rule separates two
cells), and ruled tables found from the page's lines and rectangles.

Coordinates are PDF points with y growing upwards, as pdfminer gives them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Glyph:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float


@dataclass
class VLine:
    """One visual line (or one cell-separated segment of it): glyphs left to right."""

    glyphs: list[Glyph]
    page: int = 0
    text: str = ""
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    size: float = 0.0
    first_word: float = 0.0          # width of its first word (would it have fit on the line above?)
    segments: list["VLine"] = field(default_factory=list)

    @property
    def base(self) -> float:
        return self.y0


def _finish(line: VLine) -> VLine:
    g = line.glyphs
    line.x0, line.x1 = min(c.x0 for c in g), max(c.x1 for c in g)
    line.y0, line.y1 = min(c.y0 for c in g), max(c.y1 for c in g)
    sizes = sorted(c.size for c in g if c.text.strip())
    line.size = sizes[len(sizes) // 2] if sizes else g[0].size
    parts: list[str] = []
    prev: Glyph | None = None
    for c in g:
        if prev is not None and c.text != " " and prev.text != " " and c.x0 - prev.x1 > 0.2 * line.size:
            parts.append(" ")
        parts.append(c.text)
        prev = c
    line.text = " ".join("".join(parts).split())
    tokens = line.text.split(" ")
    if len(tokens) >= 5 and all(len(t) == 1 and t.isalpha() for t in tokens):
        line.text = _unspace([c for c in g if c.text.strip()])
    words = [c for c in g if c.text.strip()]
    end = words[0].x1 if words else line.x0
    for a, b in zip(words, words[1:]):
        if b.x0 - a.x1 > 0.2 * line.size or any(c.text == " " and a.x1 <= c.x0 + 0.1 < b.x0 for c in g):
            break
        end = b.x1
    line.first_word = end - line.x0
    return line


def _unspace(letters: list[Glyph]) -> str:
    """A letter-spaced heading ("П Р О Т О К О Л") as words: word gaps are the wide ones."""
    gaps = [b.x0 - a.x1 for a, b in zip(letters, letters[1:])]
    m = sorted(gaps)[len(gaps) // 2]
    out = [letters[0].text]
    for gap, c in zip(gaps, letters[1:]):
        if gap > 1.5 * m + 0.5:
            out.append(" ")
        out.append(c.text)
    return "".join(out)


def visual_lines(glyphs: list[Glyph], cuts: list[float] = (), page: int = 0) -> list[VLine]:
    """Glyphs grouped into lines top to bottom; each line split into segments at wide gaps
    (2 font sizes without a glyph) and at the vertical rules `cuts` (x positions)."""
    rows: list[list[Glyph]] = []
    for c in sorted(glyphs, key=lambda c: (-(c.y0 + c.y1) / 2, c.x0)):
        mid = (c.y0 + c.y1) / 2
        for row in reversed(rows[-3:]):
            ref = row[0]
            if abs(mid - (ref.y0 + ref.y1) / 2) < 0.35 * max(ref.size, c.size, 1.0):
                row.append(c)
                break
        else:
            rows.append([c])
    out = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        if not any(c.text.strip() for c in row):
            blank = VLine(row, page, x0=row[0].x0, y0=row[0].y0, x1=row[-1].x1, y1=row[0].y1, size=row[0].size)
            out.append(blank)   # a blank line (spaces only): a paragraph break
            continue
        size = sorted(c.size for c in row)[len(row) // 2]
        segs, cur = [], [row[0]]
        for a, b in zip(row, row[1:]):
            cut = any(a.x1 - 1 <= x <= b.x0 + 1 for x in cuts)
            if cut or (b.x0 - a.x1 > 2.0 * size):
                segs.append(cur)
                cur = []
            cur.append(b)
        segs.append(cur)
        segs = [_finish(VLine(s, page)) for s in segs if any(c.text.strip() for c in s)]
        line = _finish(VLine(row, page))
        line.segments = segs
        out.append(line)
    return out


@dataclass
class Table:
    """A ruled table: column boundaries, row boundaries (top to bottom), and per row the
    boundaries that really have a rule (merged cells have fewer)."""

    xs: list[float]
    ys: list[float]
    row_xs: list[list[float]]
    page: int = 0

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] - 1 <= x <= self.xs[-1] + 1 and self.ys[-1] - 1 <= y <= self.ys[0] + 1

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of a point, columns counted over the rules present in that row."""
        for r in range(len(self.ys) - 1):
            if self.ys[r + 1] - 1 <= y <= self.ys[r] + 1:
                bounds = self.row_xs[r]
                for k in range(len(bounds) - 1):
                    if bounds[k] - 1 <= x <= bounds[k + 1] + 1:
                        return r, k
        return None


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def find_tables(hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]],
                page: int = 0) -> list[Table]:
    """Tables from horizontal rules (y, x0, x1) and vertical rules (x, y0, y1): groups of rules
    that touch, with at least 3 vertical and 2 horizontal ones."""
    hs = [h for h in hs if h[2] - h[1] > 5]
    vs = [v for v in vs if v[2] - v[1] > 5]
    rules = [("h", h) for h in hs] + [("v", v) for v in vs]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (ki, a) in enumerate(rules):
        for j in range(i):
            kj, b = rules[j]
            if ki != kj:
                h, v = (a, b) if ki == "h" else (b, a)
                if v[1] - 2 <= h[0] <= v[2] + 2 and h[1] - 2 <= v[0] <= h[2] + 2:
                    parent[find(i)] = find(j)
    comps: dict[int, tuple[list, list]] = {}
    for i, (k, r) in enumerate(rules):
        comps.setdefault(find(i), ([], []))[0 if k == "h" else 1].append(r)
    groups = [g for g in comps.values() if g[0] and g[1]]
    tables = []
    for g_hs, g_vs in groups:
        x0, x1 = min(v[0] for v in g_vs), max(v[0] for v in g_vs)
        top, bottom = max(v[2] for v in g_vs), min(v[1] for v in g_vs)
        rows = [h for h in g_hs if h[1] <= x0 + 3 and h[2] >= x1 - 3]
        xs = _cluster([v[0] for v in g_vs])
        ys = sorted(set(_cluster([h[0] for h in rows] + [top, bottom])), reverse=True)
        if len(xs) < 3 or len(ys) < 2:
            continue
        row_xs = []
        for r in range(len(ys) - 1):
            mid = (ys[r] + ys[r + 1]) / 2
            row_xs.append([x for x in xs if x in (xs[0], xs[-1])
                           or any(abs(v[0] - x) <= 2 and v[1] - 1 <= mid <= v[2] + 1 for v in g_vs)])
        tables.append(Table(xs, ys, row_xs, page))
    return tables
