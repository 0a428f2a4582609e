"""Assignment tables flattened one cell a line (№ | Поручение | Ответственный | Срок), as text exports
of DOCX and our PDF reader write them."""
from __future__ import annotations

import re

from extractor.structure.lines import Line
from extractor.structure.tree import Item, Question, Span, Structure

TABLE_HEAD = re.compile(r"^(?:№(?:\s*п/п)?|п/п|поручени[ея]|содержание\s+поручения|мероприяти[ея]|"
                         r"решени[ея](?:\s*\(\s*поручени[ея]\s*\))?|"
                         r"ответственн\w*(?:\s+исполнител\w*)?|исполнител\w*|срок\w*(?:\s+исполнения)?)$", re.I)
_ROW_NUM = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")


def _successor(prev: list[int] | None, cur: list[int]) -> bool:
    """Is row number `cur` a plausible next row after `prev` (1 -> 2, 1.2 -> 1.3, 1.3 -> 2.1, 2 -> 2.1)?"""
    if prev is None:
        return cur[-1] == 1 or len(cur) == 1 and cur[0] <= 2
    for depth in range(min(len(prev), len(cur)), 0, -1):
        if cur[:depth - 1] == prev[:depth - 1] and cur[depth - 1] == prev[depth - 1] + 1:
            return all(x == 1 for x in cur[depth:])
    return cur[:len(prev)] == prev and len(cur) == len(prev) + 1 and cur[-1] == 1


def is_table_head(text: str, lines: list[Line], i: int) -> bool:
    """A run of header cells with an assignment column and a responsible or deadline column
    (a lone "№" under the title is the protocol number, not a table)."""
    heads = []
    while i < len(lines) and TABLE_HEAD.match(text[lines[i].start:lines[i].end].strip()):
        heads.append(text[lines[i].start:lines[i].end].strip().lower())
        i += 1
    has_text = any(h.startswith(("поруч", "содерж", "меропр", "решен")) for h in heads)
    return has_text and any(h.startswith(("ответ", "исполн", "срок")) for h in heads)


def parse_table(text: str, lines: list[Line], i: int, st: Structure, q: Question | None) -> int:
    """An assignment table flattened one cell a line: № | Поручение | Ответственный | Срок."""
    heads: list[str] = []
    while i < len(lines) and TABLE_HEAD.match(text[lines[i].start:lines[i].end].strip()):
        h = text[lines[i].start:lines[i].end].strip().lower()
        if h != "п/п":
            heads.append(h)
        i += 1
    cols = {"text": None, "resp": None, "deadline": None}
    for n, h in enumerate(heads):
        if h.startswith(("поруч", "содерж", "меропр", "решен")):
            cols["text"] = n
        elif h.startswith(("ответ", "исполн")):
            cols["resp"] = n
        elif h.startswith("срок"):
            cols["deadline"] = n
    ncols = len(heads)

    def row_number(j: int, prev: list[int] | None) -> list[int] | None:
        m = _ROW_NUM.match(text[lines[j].start:lines[j].end].strip())
        if not m:
            return None
        num = [int(x) for x in m.group(1).split(".")]
        return num if _successor(prev, num) else None

    prev: list[int] | None = None
    while i < len(lines):
        num = row_number(i, prev)
        if num is None:
            # a section row ("1. О результатах ...") spans the table between rows
            if lines[i].kind == "item" and i + 1 < len(lines) and row_number(i + 1, prev):
                i += 1
                continue
            break
        j, cells = i + 1, []
        while j < len(lines) and row_number(j, num) is None and len(cells) < 3 * ncols:
            nxt = lines[j]
            if lines[j].kind == "item" and j + 1 < len(lines) and row_number(j + 1, num):
                break
            if nxt.kind in ("signature", "annexes", "heard", "question", "decided"):
                break
            cells.append((nxt.start, nxt.end))
            j += 1
            if len(cells) == ncols - 1 and (j >= len(lines) or row_number(j, num) is None):
                if not _more_row(text, lines, j, num, row_number):
                    break
        row = [(lines[i].start, lines[i].end)] + _fit(text, cells, ncols - 1)
        path = [str(x) for x in num]
        parent = next((it for it in reversed(st.items) if it.path == path[:-1] and it.table_text), None)
        item = Item(path, row[0][0], row[-1][1], q, parent)
        if parent is not None:
            parent.children.append(item)
        if cols["text"] is not None:
            item.table_text = row[cols["text"]]
        if cols["resp"] is not None:
            item.responsible.append(row[cols["resp"]])
        if cols["deadline"] is not None:
            item.deadline, item.deadline_cell = row[cols["deadline"]], True
        st.items.append(item)
        prev = num
        i = j
    return i


def _more_row(text: str, lines: list[Line], j: int, num: list[int], row_number) -> bool:
    """Does the row go on past a full set of cells? Only when a later line starts the next row."""
    for k in range(j, min(j + 3, len(lines))):
        if row_number(k, num):
            return True
    return False


def _fit(text: str, cells: list[Span], n: int) -> list[Span]:
    """Rebuild a row's n cells from its lines: a line ending with ',' goes on in the next one,
    other extra lines belong to the text cell (the second column)."""
    merged: list[Span] = []
    for c in cells:
        if merged and text[merged[-1][0]:merged[-1][1]].rstrip().endswith(",") and len(cells) > n:
            merged[-1] = (merged[-1][0], c[1])
        else:
            merged.append(c)
    if len(merged) < n:
        tail = merged[-1][1] if merged else 0
        return merged + [(tail, tail)] * (n - len(merged))
    extra = len(merged) - n
    return [(merged[0][0], merged[extra][1])] + merged[extra + 1:]
