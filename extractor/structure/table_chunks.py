"""Table rows that come out column chunk by column chunk, as a generic converter exports a PDF's
table: the numbers of a band of rows first ("1." "2." "3."), then the wrapped text cells of those
rows, then their responsible cells, then their deadlines. The lines are cut into cells by a dynamic
programme: each column takes as many cells as there are rows, and a cut is placed where a cell may
end (a finished sentence, a name's initials, a "–") and never inside a hyphenated word."""
from __future__ import annotations

import re

from extractor.language.morph import hyphen_joins
from extractor.structure.table_columns import EMPTY, fit, is_dash, looks
from extractor.structure.table_rows import BEYOND, NAMED, SIGNED, STOP

Span = tuple[int, int]

_MAX_CELL = 8      # lines of one wrapped cell
_INITIALS_END = re.compile(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.\)?[,;]?$")
_UPPER = re.compile(r"^[«\"(]?[А-ЯЁA-Z]")
# a line that starts a name or a body: "Мухаметзянов Р.Ф. …", "ООО «Инжиниринговый …"
_ENTITY = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.|^[А-ЯЁ]{2,5}\s[«\"]")
# a line that cannot end a cell: a preposition, "совместно с", a comma, an opening bracket or quote
_OPEN_END = re.compile(r"(?:^|\s)(?:до|в|во|к|с|со|по|и|на|от|за|о|об|при|для|не)$|[,(«]$", re.I)


def joined(lines: list[str]) -> str:
    """The lines of one cell as one text, words split by a hyphen at a line end joined again."""
    out = ""
    for line in lines:
        line = line.strip()
        if re.search(r"\w-$", out) and line[:1].islower():
            out = (out[:-1] if hyphen_joins(out, line) else out) + line
        else:
            out = f"{out} {line}" if out else line
    return out


def _cell_score(lines: list[str], a: int, b: int, role: str) -> float:
    """How well lines[a:b] make one cell of `role`, cuts before and inside it included."""
    if a == b:
        return EMPTY[role] - 1.0      # the converter writes a "–" for an empty cell, rarely nothing
    cell = lines[a:b]
    if any(is_dash(x) for x in cell) and b - a > 1:
        return -10.0                  # a "–" is a cell of its own
    text = joined(cell)
    score = fit(text, role)
    if a > 0 and lines[a - 1].rstrip().endswith("-") and cell[0][:1].islower():
        score -= 4.0                  # a cut inside a hyphenated word
    if a > 0 and not is_dash(lines[a - 1]) and _OPEN_END.search(lines[a - 1].rstrip()):
        score -= 3.0                  # a cell never ends on "до", "совместно с", a comma: "ежедневно, до" / "09:00"
    if role == "responsible" and a > 0 and cell[0][:1].islower() \
            and not re.search(r"[.;)»]$|^[–—-]$", lines[a - 1].rstrip()):
        score -= 1.5                  # "Ступак О.Н., начальники" / "цехов": the name list goes on
    if role in ("responsible", "combined") and re.match(r"\(|совместно\s", cell[0]):
        score -= 3.0                  # "(Шамсутдинов И.Р.)", "совместно с …" go on a name
    if role == "deadline" and re.match(r"(?:19|20)\d\d\s*г|г\.|года", cell[0]):
        score -= 3.0                  # "во II квартале" / "2025 г.": the year goes on a deadline
    if role == "text":
        score += 1.0 if text.rstrip().endswith((".", ".»", ")")) else -1.0
        if cell[0][:1].islower():
            score -= 3.0
    for x in range(a + 1, b):
        prev, cur = lines[x - 1].rstrip(), lines[x]
        if role == "text" and prev.endswith(".") and _UPPER.match(cur) and not re.search(r"\s[А-ЯЁ]\.$", prev):
            score -= 1.5              # a finished sentence: most likely the next row's text
        elif role in ("responsible", "combined") and _INITIALS_END.search(prev) and _UPPER.match(cur):
            score -= 1.5              # a finished name and a new one
        elif role in ("responsible", "combined") and _ENTITY.match(cur) and not _OPEN_END.search(prev):
            score -= 1.5              # "Начальники цехов" / "Мухаметзянов Р.Ф.", "ООО «…»": a new cell
        elif role in ("responsible", "combined") and _UPPER.match(cur) and not _OPEN_END.search(prev) \
                and not re.search(r"\s[а-яё]+$", prev):
            score -= 0.7              # "Начальники цехов" / "ООО «…»": probably the next row's
        elif role == "deadline" and (looks(cur)[1] and not cur[:1].isdigit() or _UPPER.match(cur)):
            score -= 1.5              # "до 19.05.25" / "до 16:00": a new deadline; a capital: not one
    return score


def cut(cols: list[str], rows: int, lines: list[str], whole: bool = True) -> tuple[list[tuple[int, int]], int] | None:
    """Cut `lines` into rows x len(cols) cells, column by column: ((first, end) line indices of each
    cell in column-major order, lines used). With whole=False the cells may leave lines over at the
    end (the last band of a table, before the signatures)."""
    n, cells = len(lines), rows * len(cols)
    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(cells + 1)]
    back = [[0] * (n + 1) for _ in range(cells + 1)]
    best[0][0] = 0.0
    for c in range(cells):
        role = cols[c // rows]
        for a in range(n + 1):
            if best[c][a] == neg:
                continue
            for b in range(a, min(n, a + _MAX_CELL) + 1):
                s = best[c][a] + _cell_score(lines, a, b, role)
                if s > best[c + 1][b]:
                    best[c + 1][b], back[c + 1][b] = s, a
    ends = [n] if whole else range(n + 1)
    end = max(ends, key=lambda j: (best[cells][j], j))
    if best[cells][end] == neg:
        return None
    out, b = [], end
    for c in range(cells, 0, -1):
        a = back[c][b]
        out.append((a, b))
        b = a
    return out[::-1], end


class BandReader:
    """The part of the table reader (`tables._Reader`) that reads bands of chunked rows; it uses
    the reader's `lines`, `cols`, `furniture`, `line`, `start`, `section` and `_item`."""

    def _band(self, i: int, prev: list[int] | None) -> tuple[list[tuple[int, list[int]]], int]:
        """Row numbers on consecutive lines ("1." "2." "3."): their cells follow column by column."""
        band: list[tuple[int, list[int]]] = []
        while i < len(self.lines):
            if self.line(i) in self.furniture:
                i += 1
                continue
            row = self.start(i, prev)
            if row is None or row[1] != self.lines[i].end:
                break
            band.append((i, row[0]))
            prev, i = row[0], i + 1
        return band, i

    def _ends_band(self, j: int, last: list[int]) -> bool:
        ln = self.lines[j]
        if ln.kind in STOP or BEYOND.match(self.line(j)) or self.start(j, last) or self.section(j, last):
            return True
        if ln.kind in SIGNED and not NAMED.search(self.line(j)):
            return True
        nxt = j + 1   # a position over a signature line ("Главный инженер" / "____________")
        return nxt < len(self.lines) and self.lines[nxt].kind == "signature" and not re.search(r"\w", self.line(nxt))

    def _read_band(self, band: list[tuple[int, list[int]]], j: int) -> int | None:
        """Read the cells of a band of rows written column chunk by column chunk; the line after."""
        idx: list[int] = []
        while j < len(self.lines) and len(idx) < 12 * len(band) * len(self.cols):
            if self.line(j) not in self.furniture:
                if self._ends_band(j, band[-1][1]):
                    break
                idx.append(j)
            j += 1
        last = not (j < len(self.lines) and (self.start(j, band[-1][1]) or self.section(j, band[-1][1])))
        got = cut(self.cols, len(band), [self.line(x) for x in idx], whole=not last)
        if got is None:
            return None
        cells, used = got
        for r, (line_i, num) in enumerate(band):
            spans, texts, parts = [], [], []
            for c in range(len(self.cols)):
                a, b = cells[c * len(band) + r]
                parts.append([len(spans)] if a < b else [])
                if a < b:
                    spans.append((self.lines[idx[a]].start, self.lines[idx[b - 1]].end))
                    texts.append(joined([self.line(x) for x in idx[a:b]]))
            self._item(num, line_i, line_i + 1, spans, texts, parts)
        return j if used == len(idx) else idx[used]
