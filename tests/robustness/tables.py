"""Rewrites of assignment tables given one cell per line (№ | Поручение | Ответственный | Срок),
as a word processor's text export writes them (see corpus/org_molkombinat_planerka_2025_05.txt)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

HEAD_NUM = re.compile(r"^\s*№(?:\s*п/п)?\s*$")
NUM_CELL = re.compile(r"^\s*(?P<n>\d{1,2}(?:\.\d{1,2}){0,2})(?P<dot>\.?)\s*$")
# A full-width row grouping the rows below it: "I. По первому вопросу", "2. По второму вопросу: О …"
SECTION = re.compile(r"^\s*(?:[IVXLC]{1,6}|\d{1,2})\.\s+\S")
COLUMNS = (("due", re.compile(r"^\s*срок", re.I)), ("resp", re.compile(r"^\s*(?:ответствен|исполнител)", re.I)),
           ("text", re.compile(r"^\s*(?:поручени|решени|мероприяти|содержани|наименовани)", re.I)))
ROMAN = ["I", "II", "III", "IV"]
ORDINALS = ["первому", "второму", "третьему", "четвёртому"]


@dataclass
class Table:
    """Line indices [start, end) of a table, its header lines and columns, and its rows: either
    (number line, {column: cell lines}) or a section line (str)."""

    start: int
    end: int
    number_head: list[str]
    columns: list[str]
    rows: list = field(default_factory=list)


def _column(line: str) -> str | None:
    for name, rx in COLUMNS:
        if rx.match(line):
            return name
    return None


def parse_table(lines: list[str], h: int) -> Table | None:
    """The four-column table whose "№" header cell is line h, or None where any row is ambiguous."""
    if not HEAD_NUM.match(lines[h]):
        return None
    i, number_head = h + 1, [lines[h]]
    if i < len(lines) and lines[i].strip() == "п/п":
        number_head.append(lines[i])
        i += 1
    columns = [_column(x) for x in lines[i:i + 3]]
    if columns[:1] != ["text"] or sorted(c or "" for c in columns) != ["due", "resp", "text"]:
        return None
    table = Table(h, i + 3, number_head, columns)
    i += 3
    while i < len(lines) and lines[i].strip():
        if NUM_CELL.match(lines[i]):
            cells, j = {}, i + 1
            for col in columns:
                if j >= len(lines) or not lines[j].strip() or NUM_CELL.match(lines[j]):
                    return None  # a missing cell: the row cannot be told apart
                cell = [lines[j]]
                while cell[-1].rstrip().endswith(",") and j + 1 < len(lines) and lines[j + 1].strip() \
                        and not NUM_CELL.match(lines[j + 1]):
                    j += 1
                    cell.append(lines[j])  # "Коновалов Д.А.," + "Шевченко И.Н.": one cell
                cells[col] = cell
                j += 1
            table.rows.append((lines[i], cells))
            i = j
        elif SECTION.match(lines[i]) and i + 1 < len(lines) and NUM_CELL.match(lines[i + 1]):
            table.rows.append(lines[i])
            i += 1
        else:
            break
    table.end = i
    return table if any(not isinstance(r, str) for r in table.rows) else None


def tables(lines: list[str]) -> list[Table]:
    """Every parsable assignment table of the text's lines."""
    return [t for h in range(len(lines)) if HEAD_NUM.match(lines[h]) for t in [parse_table(lines, h)] if t]


def table_spans(text: str) -> list[tuple[int, int]]:
    """Line index ranges [start, end) of every table that opens with a header row, parsable or not
    (kept one cell per line by the layout rewrites): up to a blank line not followed by a row."""
    lines, spans = text.split("\n"), []
    for h, line in enumerate(lines):
        # "№ п/п", or a table without a № column: "Поручение" over "Ответственный, срок"
        if not (HEAD_NUM.match(line) or _column(line) == "text" and len(line) < 40 and h + 1 < len(lines)
                and _column(lines[h + 1]) in ("resp", "due")):
            continue
        if spans and h < spans[-1][1]:
            continue  # the column headers under a "№" cell
        i = h + 1
        while i < len(lines):
            if not lines[i].strip():
                j = i
                while j < len(lines) and not lines[j].strip():
                    j += 1
                if j >= len(lines) or not (NUM_CELL.match(lines[j]) or SECTION.match(lines[j])):
                    break  # a blank cell of a row goes on; a blank line before the signature ends it
            i += 1
        spans.append((h, i))
    return spans


_HEADS = {"text": "Поручение", "resp": "Ответственный", "due": "Срок исполнения"}


def _render(t: Table, lines: list[str], columns: list[str], rows: list) -> list[str]:
    head = lines[t.start + len(t.number_head):t.start + len(t.number_head) + 3]
    by_col = dict(zip(t.columns, head))
    out = list(t.number_head) + [by_col[c] for c in columns]
    for row in rows:
        if isinstance(row, str):
            out.append(row)
        else:
            out.append(row[0])
            for c in columns:
                out.extend(row[1][c])
    return out


def _rewrite(text: str, change) -> str:
    lines = text.split("\n")
    for t in reversed(tables(lines)):
        new = change(t, lines)
        if new is not None:
            lines[t.start:t.end] = new
    return "\n".join(lines)


def table_columns_swapped(text: str, seed: int = 0) -> str:
    """The Ответственный and Срок columns of an assignment table change places (header and every
    row). Why it preserves meaning: each row keeps its own cells, and the header still names them."""
    def change(t: Table, lines: list[str]) -> list[str]:
        cols = list(t.columns)
        a, b = cols.index("resp"), cols.index("due")
        cols[a], cols[b] = cols[b], cols[a]
        return _render(t, lines, cols, t.rows)
    return _rewrite(text, change)


def table_sections(text: str, seed: int = 0) -> str:
    """Full-width section rows ("I. По первому вопросу повестки дня", "II. …") are inserted into a
    table of at least four plain-numbered rows, splitting it in two halves, and the row numbers restart
    under each. Why it preserves meaning: every row keeps its cells; the rows only gain a grouping
    heading, which no scored field (decision text, addressees, deadline) depends on."""
    def change(t: Table, lines: list[str]) -> list[str] | None:
        rows = t.rows
        if any(isinstance(r, str) for r in rows) or len(rows) < 4 or any("." in NUM_CELL.match(r[0]).group("n")
                                                                         for r in rows):
            return None
        half = (len(rows) + 1) // 2
        new: list = []
        for s, part in enumerate((rows[:half], rows[half:])):
            new.append(f"{ROMAN[s]}. По {ORDINALS[s]} вопросу повестки дня")
            for n, (num, cells) in enumerate(part, 1):
                m = NUM_CELL.match(num)
                new.append((num[:m.start("n")] + str(n) + m.group("dot"), cells))
        return _render(t, lines, t.columns, new)
    return _rewrite(text, change)
