"""Assignment tables in text exported from a PDF by a generic converter: the header row comes out
as one line with its cells apart by runs of spaces ("№ п/п   Поручение   Ответственный   Срок"), and
the cells below come out column chunk by column chunk, wrapped. The layout step must not glue those
lines into paragraphs: from such a header on, every line stays a paragraph of its own (the structure
step shares them out among the cells), until prose comes back after a blank line."""
from __future__ import annotations

import re

from itertools import combinations

from extractor.language.columns import cell_role, header_roles

_NAME = re.compile(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.")


def _cells(line: str, cuts: list[int]) -> list[str]:
    bounds = [-1, *cuts, len(line)]
    return [line[bounds[k] + 1:bounds[k + 1]] for k in range(len(bounds) - 1)]


def header_cuts(line: str, offs: list[int]) -> list[int] | None:
    """Positions of the spaces between header cells when the line is an assignment table's header
    row: where the source had a run of two or more spaces, or else the fewest cuts at single spaces
    that leave only column names ("№ п/п Поручение Ответственный Срок исполнения"); None if not."""
    cuts = [k for k in range(len(line) - 1) if line[k] == " " and offs[k + 1] - offs[k] >= 2]
    if cuts:
        return cuts if header_roles(_cells(line, cuts)) is not None else None
    spaces = [k for k, c in enumerate(line) if c == " "]
    if not 1 <= len(spaces) <= 9 or len(line) > 120:
        return None
    words = line.split(" ")
    if not any(cell_role(" ".join(words[:n])) for n in (1, 2, 3)):
        return None       # a header row opens with a column name; prose is not tried any further
    for n in range(1, len(spaces) + 1):
        for chosen in combinations(spaces, n):
            if header_roles(_cells(line, list(chosen))) is not None:
                return list(chosen)
    return None


def header_lines(lines: list[str]) -> set[int]:
    """Indices of lines that are a header row written one column name a line ("№", "Поручение",
    "Ответственный", "Срок"), which wrapped-text cleaning would otherwise glue together."""
    out: set[int] = set()
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and cell_role(lines[j]) is not None:
            j += 1
        if j - k >= 2 and header_roles(lines[k:j]) is not None:
            out.update(range(k, j))
        k = max(j, k + 1)
    return out


def gaps_before(lines: list[tuple[str, list[int]]], kept) -> list[bool]:
    """For each kept non-blank line: was there a blank line right before it?"""
    out, gap = [], False
    for line, _ in lines:
        if not line:
            gap = True
            continue
        if kept(line):
            out.append(gap)
            gap = False
    return out


def is_running_header(line: str, before: set[str]) -> bool:
    """A line inside a table that repeats a line from before it ("Протокол № ПС-19" at the top of
    each page), not a name, a "–" or a row number that may well repeat."""
    return line in before and len(line) > 3 and not _NAME.search(line) and not re.fullmatch(r"[\d.–—-]+", line)
