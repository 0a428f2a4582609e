"""Assignment tables, as text exports of DOCX/PDF write them: one cell a line, row by row, empty
cells leaving no line. The header row names the columns (`table_columns`: any order, combined
"Ответственный, срок" cells, ignored "Примечание"); a row starts at its № cell (or at a number
that opens its text cell); full-width section rows ("I. По первому вопросу: О …") set the question
and restart the numbering; the lines of a row are shared out among its cells by what they say
(`table_columns.fit`), so an empty or "–" cell never shifts the row."""
from __future__ import annotations

import re

from extractor import trace
from extractor.structure.lines import Line
from extractor.structure.table_chunks import BandReader
from extractor.structure.table_columns import (
    TABLE_HEAD,
    deadline_tail,
    fit,
    header_roles,
    is_dash,
    looks,
)
from extractor.structure.table_rows import (
    BEYOND,
    NAMED,
    SIGNED,
    STOP,
    assign,
    best_split,
    successor,
    who_spans,
)
from extractor.structure.tree import Item, Question, Span, Structure, question_by_id

__all__ = ["TABLE_HEAD", "assign", "is_table_head", "parse_table"]

_ROW_NUM = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")
# a row number that opens the text cell when there is no № column: "1.2. Обеспечить …"
_ROW_LEAD = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(?:\.\s*|\)\s*|\s+)(?=[^\d\s.])")
_SECTION = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,2})\.?\s+(?:по\s+[а-яё]+\s+вопросу|вопрос)", re.I)
def _head(text: str, lines: list[Line], i: int) -> tuple[list[str] | None, int]:
    cells = []
    while i < len(lines) and TABLE_HEAD.match(text[lines[i].start:lines[i].end].strip()):
        cells.append(text[lines[i].start:lines[i].end].strip())
        i += 1
    return header_roles(cells), i


def is_table_head(text: str, lines: list[Line], i: int) -> bool:
    """A run of header cells with a text column and a responsible or deadline column
    (a lone "№" under the title is the protocol number, not a table)."""
    return _head(text, lines, i)[0] is not None


class _Reader(BandReader):
    def __init__(self, text: str, lines: list[Line], roles: list[str], st: Structure, q: Question | None,
                 head: int = 0):
        self.text, self.lines, self.st = text, lines, st
        self.numbered = roles[0] == "number"
        self.cols = [r for r in roles if r != "number"]
        self.roles = roles
        # rows belong to the question under discussion only if the table is its decision block
        self.q = q if q is not None and not any(it.question is q for it in st.items) else None
        self.section_q: Question | None = None
        self.chunked = False     # rows come out column chunk by column chunk (table_chunks)
        self.plain = False       # rows without any number
        # a page's running header repeats a line from before the table ("Протокол № ПС-19")
        self.furniture = {self.line(k) for k in range(head) if not NAMED.search(self.line(k))
                          and not is_dash(self.line(k)) and not _ROW_NUM.match(self.line(k))}

    def line(self, j: int) -> str:
        return self.text[self.lines[j].start:self.lines[j].end].strip()

    def start(self, j: int, prev: list[int] | None) -> tuple[list[int], int] | None:
        """(row number, where its first cell's text starts) if line j starts the next row."""
        if j >= len(self.lines) or self.lines[j].kind in STOP:
            return None
        s = self.line(j)
        if self.plain:   # no numbers at all: a row starts with its text ("Обеспечить …")
            if fit(s, "text") < 1.5 or _SECTION.match(s) or self.lines[j].kind in SIGNED:
                return None
            return [prev[-1] + 1 if prev else 1], self.lines[j].start
        m = _ROW_NUM.match(s) if self.numbered else _ROW_LEAD.match(s)
        if not m or (not self.numbered and _SECTION.match(s)):
            return None
        num = [int(x) for x in m.group(1).split(".")]
        if not successor(prev, num):
            return None
        return num, (self.lines[j].end if self.numbered else self.lines[j].start + m.end())

    def section(self, j: int, prev: list[int] | None) -> tuple[str, Span] | None:
        """(question id, title) if line j is a full-width section row ("I. По первому вопросу: О …",
        "2. О втором …" over rows numbered afresh)."""
        if j >= len(self.lines):
            return None
        ln, s = self.lines[j], self.line(j)
        if ln.kind in ("question", "question_ref") and ln.marker:
            return ln.marker, (ln.content_start, ln.end)
        if ln.kind == "item" and "." not in ln.marker and not s.endswith(":") and (
                _SECTION.match(s) or self.start(j, prev) is None or self.numbered):
            nxt = self.start(j + 1, None)
            if nxt and (nxt[0] == [1] or nxt[0][:-1] == [int(ln.marker)]) and ln.marker.isdigit():
                return ln.marker, (ln.content_start, ln.end)
        return None

    def repeated_head(self, j: int) -> int:
        """Index after a header row repeated on a new page, or j."""
        roles, end = _head(self.text, self.lines, j)
        return end if roles == self.roles else j

    def read(self, i: int) -> int:
        prev: list[int] | None = None
        first = self._title_end(i + 1) if self.section(i, None) else i
        if not self.numbered and first < len(self.lines) and self.start(first, None) is None:
            self.plain = True
            self.plain = self.start(first, None) is not None
        while i < len(self.lines):
            i = self.repeated_head(i)
            sec = self.section(i, prev)
            if sec is not None:
                self.section_q = question_by_id(self.st, sec[0])
                self.st.roman = self.st.roman or not sec[0].isdigit()
                if self.section_q.title is None:
                    self.section_q.title = sec[1]
                prev, i = None, self._title_end(i + 1)
                continue
            row = self.start(i, prev)
            if row is None:
                break
            band, j = self._band(i, prev) if self.numbered else ([], i)
            done = self._read_band(band, j) if len(band) >= 2 or band and self.chunked else None
            if done is not None:
                self.chunked, i, prev = True, done, band[-1][1]
                continue
            i = self.row(i, *row)
            prev = row[0]
        return i

    def _title_end(self, j: int) -> int:
        """After a section row wrapped onto more lines ("… за март и I квартал" / "2025 года")."""
        for _ in range(2):
            if j < len(self.lines) and self.start(j, None) is None and self.section(j, None) is None \
                    and self.lines[j].kind == "text" and len(self.line(j)) <= 60 and not is_dash(self.line(j)) \
                    and looks(self.line(j))[3] is None:
                j += 1
        return j

    def row(self, i: int, num: list[int], content: int) -> int:
        """Read the row starting at line i; return the line after it."""
        spans: list[Span] = [] if self.numbered else [(content, self.lines[i].end)]
        j = i + 1
        while j < len(self.lines) and len(spans) < 4 * len(self.cols) + 4:
            # without numbers, a text line is the next row's only after this row's other cells
            nxt = self.start(j, num) and (not self.plain or fit(self.line(j), "text") >= 2.5 and self.text[
                slice(*spans[-1])].rstrip().endswith(".") or any(fit(self.text[a:b], "text") < 1.5 for a, b in spans[1:]))
            if self.lines[j].kind in STOP or BEYOND.match(self.line(j)) or nxt or self.section(j, num):
                break
            if self.lines[j].kind in SIGNED and (len(spans) >= len(self.cols)
                                                  or not NAMED.search(self.line(j))):
                break
            if self.repeated_head(j) != j:
                break
            spans.append((self.lines[j].start, self.lines[j].end))
            j += 1
        if j >= len(self.lines) or not (self.start(j, num) or self.section(j, num)
                                         or self.repeated_head(j) != j):
            keep = self._last_row(spans)
            j -= len(spans) - keep
            spans = spans[:keep]
        cells = [self.text[s:e] for s, e in spans]
        parts = assign(self.cols, cells) if spans else [[] for _ in self.cols]
        self._item(num, i, j, spans, cells, parts)
        return j

    def _last_row(self, spans: list[Span]) -> int:
        """How many of the lines after the last row's start are its cells: as many as fit best
        (what follows the table - an annex line, a signature - fits no column)."""
        cells = [self.text[s:e] for s, e in spans]
        least = 0 if self.numbered else 1
        top = min(len(cells), len(self.cols) + 3)
        if top <= least:
            return top
        scores = [(best_split(self.cols, cells[:n])[0], -n) for n in range(max(least, 1), top + 1)]
        return -max(scores)[1]

    def _item(self, num: list[int], i: int, j: int, spans: list[Span], cells: list[str],
              parts: list[list[int]]) -> None:
        trace("tables", lambda: ".".join(map(str, num)) + ": " + " | ".join(
            f"{role}={' / '.join(cells[x] for x in idx)!r}" for role, idx in zip(self.cols, parts)))
        q = self.section_q or self.q
        if self.section_q is None and len(num) > 1:
            q = next((x for x in self.st.questions if x.id == str(num[0])), q)
        path = [str(x) for x in num]
        parent = next((it for it in reversed(self.st.items) if it.path == path[:-1] and it.table_text
                       and it.question is q), None)
        end = spans[-1][1] if spans else self.lines[i].end
        item = Item(path, self.lines[i].start, end, q, parent)
        if parent is not None:
            parent.children.append(item)
        deadline: list[int] = []
        for role, idx in zip(self.cols, parts):
            idx = [x for x in idx if not is_dash(cells[x])]
            if not idx:
                continue
            if role == "text":
                item.table_text = (spans[idx[0]][0], spans[idx[-1]][1])
            elif role == "responsible":
                item.responsible += who_spans(cells, spans, idx)
            elif role == "deadline":
                deadline += idx
            elif role == "combined":
                dl = [x for x in idx if fit(cells[x], "deadline") > fit(cells[x], "responsible")]
                who = [x for x in idx if x not in dl]
                cut = deadline_tail(cells[who[-1]]) if who and not dl else None
                if cut is not None:   # "АО «Альфа» (Иванов И.И.) в течение 10 рабочих дней" on one line
                    spans[who[-1]], tail = (spans[who[-1]][0], spans[who[-1]][0] + cut - 1), \
                        (spans[who[-1]][0] + cut, spans[who[-1]][1])
                    item.deadline, item.deadline_cell = tail, True
                item.responsible += who_spans(cells, spans, who)
                deadline += dl
        if deadline:
            item.deadline, item.deadline_cell = (spans[deadline[0]][0], spans[deadline[-1]][1]), True
        if item.table_text is None:
            item.table_text = (end, end)   # a row without text: kept for its number, never a decision
        self.st.items.append(item)


def parse_table(text: str, lines: list[Line], i: int, st: Structure, q: Question | None) -> int:
    """Read the assignment table whose header starts at line i into `st.items`; return the index of
    the first line after the table."""
    start = i
    roles, i = _head(text, lines, i)
    if roles is None:
        return i
    trace("tables", lambda: f"header {' | '.join(roles)} at paragraph {start}")
    end = _Reader(text, lines, roles, st, q, start).read(i)
    trace("tables", lambda: f"table ends before paragraph {end}")
    return end
