"""One row of an assignment table: is a number the next row's, and which of the row's lines goes to
which column (the split whose lines fit their columns best, `table_columns.fit`)."""
from __future__ import annotations

import re
from itertools import combinations_with_replacement

from extractor.structure.table_columns import EMPTY, fit

Span = tuple[int, int]
# paragraphs that end a table whatever the row looks like
STOP = {"annexes", "heard", "decided", "decided_intro", "agenda", "attendees", "absent", "spoke"}
# a position opening a line ("Генеральный директор Общества Лаптев Р.С.") is a signature below the
# table, but inside a row it is the responsible cell: it ends the table only once the row is full
SIGNED = {"signature", "chair", "secretary"}
# what follows a table and is never a cell: "Приложение: форма отчёта на 1 л."
BEYOND = re.compile(r"^(?:приложени[ея]|прилагается)(?![а-яё])", re.I)
NAMED = re.compile(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.")
_MAX_ENUM = 12          # lines of one row shared out by trying every split (more: the text takes the rest)


def successor(prev: list[int] | None, cur: list[int]) -> bool:
    """Is row number `cur` a plausible next row after `prev` (1 -> 2, 1.2 -> 1.3, 1.3 -> 2.1, 2 -> 2.1)?"""
    if prev is None:
        return cur[-1] == 1 or len(cur) == 1 and cur[0] <= 2
    for depth in range(min(len(prev), len(cur)), 0, -1):
        if cur[:depth - 1] == prev[:depth - 1] and cur[depth - 1] == prev[depth - 1] + 1:
            return all(x == 1 for x in cur[depth:])
    return cur[:len(prev)] == prev and len(cur) == len(prev) + 1 and cur[-1] == 1


def best_split(cols: list[str], cells: list[str]) -> tuple[float, list[int]]:
    """The best split of a row's lines among its columns: (score, cell bounds)."""
    k, n = len(cells), len(cols)
    extra = max(0, k - _MAX_ENUM)   # a very long row: its first lines are the text
    best, best_cuts = float("-inf"), [0] * n + [k]
    for cuts in combinations_with_replacement(range(extra, k + 1), n - 1):
        bounds = [0, *cuts, k]
        score = 0.0
        for c, role in enumerate(cols):
            lo, hi = bounds[c], bounds[c + 1]
            if lo == hi:
                score += EMPTY[role]
            else:
                score += sum(fit(cells[x], role, x == lo) for x in range(lo, hi)) - 0.01 * (hi - lo - 1)
                if role == "text":   # after a finished sentence the text goes on only in sentences
                    score -= sum(1.0 for x in range(lo + 1, hi) if cells[x - 1].rstrip().endswith(".")
                                 and not cells[x].rstrip().endswith((".", ";", ":")))
        if score > best:
            best, best_cuts = score, bounds
    return best, best_cuts


def assign(cols: list[str], cells: list[str]) -> list[list[int]]:
    """Share the lines of one row out among its columns, in order, each column taking zero or more
    consecutive lines: the split whose lines fit their columns best."""
    bounds = best_split(cols, cells)[1]
    return [list(range(bounds[c], bounds[c + 1])) for c in range(len(cols))]


def who_spans(cells: list[str], spans: list[Span], idx: list[int]) -> list[Span]:
    """The responsible cell's lines, one span a line (each line names its own body or person),
    a line ending with "," or a hyphen going on in the next one ("Иванов И.И.," / "Петров П.П.")."""
    out: list[Span] = []
    for k, x in enumerate(idx):
        if k and cells[idx[k - 1]].rstrip().endswith((",", "-")):
            out[-1] = (out[-1][0], spans[x][1])
        else:
            out.append(spans[x])
    return out
