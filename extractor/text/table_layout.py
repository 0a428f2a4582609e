"""Assignment tables in text exported from a PDF by a generic converter: the header row comes out
as one line with its cells apart by runs of spaces ("№ п/п   Поручение   Ответственный   Срок"), and
the cells below come out column chunk by column chunk, wrapped. The layout step must not glue those
lines into paragraphs: from such a header on, every line stays a paragraph of its own (the structure
step shares them out among the cells), until prose comes back after a blank line."""
from __future__ import annotations

import re

from extractor.language.columns import header_roles

_NAME = re.compile(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.")


def header_cuts(line: str, offs: list[int]) -> list[int] | None:
    """Positions of the spaces between header cells (where the source had a run of two or more
    spaces) when the line is an assignment table's header row; else None."""
    cuts = [k for k in range(len(line) - 1) if line[k] == " " and offs[k + 1] - offs[k] >= 2]
    if not cuts:
        return None
    bounds = [-1, *cuts, len(line)]
    cells = [line[bounds[k] + 1:bounds[k + 1]] for k in range(len(bounds) - 1)]
    return cuts if header_roles(cells) is not None else None


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
