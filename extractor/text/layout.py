"""Layout cleaning: from raw document text to paragraphs, with a map back to the source.

Text pulled from PDFs is wrapped at every line, has blank lines inside sentences, letter-spaced
headings and words split across lines. Text exported from Word has one paragraph a line. We
detect which kind we have, rebuild paragraphs, and keep `offsets[i]` = index in the original text
of cleaned character i, so that every extracted value can point at its source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.data import label_start
from extractor.language import morph
from extractor.text.table_layout import gaps_before, header_cuts, header_lines, is_running_header

# Characters that carry no text: BOM, soft hyphen, zero-width marks.
_DROP = dict.fromkeys(map(ord, "\ufeff\u00ad\u200b\u200c\u200d\u2060"), None)
# Space-like characters folded to a plain space.
_SPACES = "\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u200a\t\f\v"
_HYPHENS = "\u2010\u2011"

PAGE_MARK = re.compile(r"\[\[PAGEBREAK\]\]|^\s*(?:стр\.|страница)\s*\d+(?:\s*из\s*\d+)?\s*$|^\s*[-–—]\s*\d{1,3}\s*[-–—]\s*$", re.I)
# A bare number on its own line is a page number only in wrapped text; elsewhere it is a table's № cell.
BARE_NUMBER = re.compile(r"^\d{1,3}$")
# A line that starts a new paragraph whatever precedes it.
_STARTS_BLOCK = re.compile(
    r"""^(?:
        (?:\d{1,2}\.){1,4}(?:\d{1,2}\.?)?\s |   # 1.  2.1.  2.1.3
        \d{1,2}\)\s | [а-я]\)\s |               # 1)  а)
        [IVXLC]{1,6}\.\s |                      # III.
        \(.*\)\s*$ |                            # (Неумывакин В.С.)
        [•·]\s |                                # • bullet
        [Пп]о\ [а-яё]+\ вопросу | (?:РЕШИЛИ|ПОСТАНОВИЛИ|СЛУШАЛИ|ВЫСТУПИЛИ|РЕШЕНИЕ|ПРИНЯЛИ|ПОВЕСТКА|Повестка|Присутствовал|
           Приглашен|Председател|Секретар|Срок|Ответственн|Голосова|Заслушав|Докладчик|Протокол\ в[её]л)
    )""" + "|^" + label_start().replace(" ", r"\ "),
    re.X,
)
_DATE_LINE = re.compile(r"^(?:«\s*\d{1,2}\s*»|\d{1,2})\s*[а-я]+\s+\d{4}|^\d{2}\.\d{2}\.\d{4}")
_INITIALS_END = re.compile(r"\s[А-ЯЁ]\.\s?[А-ЯЁ]\.$")
_SURNAME_LINE = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\.?$")
_LETTER_SPACED = re.compile(r"^(?:\S ){2,}\S$")


@dataclass
class Layout:
    """Cleaned text (paragraphs joined by "\\n") and its map back to the original."""

    original: str
    text: str
    offsets: list[int]  # len(text) + 1 entries; the last one maps the end
    wrapped: bool

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the cleaned span [start, end)."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of every paragraph of the cleaned text."""
        spans, pos = [], 0
        for line in self.text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        return spans


class _Builder:
    """Accumulates cleaned characters with their source offsets."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []

    def add(self, text: str, offsets: list[int]) -> None:
        self.chars.extend(text)
        self.offsets.extend(offsets)

    def add_sep(self, sep: str, offset: int) -> None:
        self.chars.append(sep)
        self.offsets.append(offset)


_SPECIAL = re.compile("\r\n?|[" + "".join(map(chr, _DROP)) + _SPACES + _HYPHENS + "]")


def _normalize_chars(raw: str) -> tuple[str, list[int]]:
    """Drop invisible characters, fold spaces and line endings; keep each char's source index."""
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _SPECIAL.finditer(raw):
        out.append(raw[pos:m.start()])
        offs.extend(range(pos, m.start()))
        c = m.group()
        if c[0] == "\r":
            out.append("\n")
            offs.append(m.start())
        elif ord(c) not in _DROP:
            out.append(" " if c in _SPACES else "-")
            offs.append(m.start())
        pos = m.end()
    out.append(raw[pos:])
    offs.extend(range(pos, len(raw)))
    return "".join(out), offs


def _lines(text: str, offs: list[int]) -> list[tuple[str, list[int]]]:
    """Stripped non-furniture lines with their offsets; blank lines kept as ("", [])."""
    result, pos = [], 0
    for raw_line in text.split("\n"):
        start, end = pos, pos + len(raw_line)
        pos = end + 1
        lead = len(raw_line) - len(raw_line.lstrip())
        line = raw_line.strip()
        if not line:
            result.append(("", []))
            continue
        if PAGE_MARK.search(line):
            continue
        line_offs = offs[start + lead : start + lead + len(line)]
        line, line_offs = _unspace(line, line_offs)
        line, line_offs = _squeeze(line, line_offs)
        result.append((line, line_offs))
    return result


def _unspace(line: str, offs: list[int]) -> tuple[str, list[int]]:
    """ "П Р О Т О К О Л" -> "ПРОТОКОЛ"; words of a letter-spaced line are split by 2+ spaces."""
    groups = re.split(r"(\s{2,})", line)
    words = groups[::2]
    if not all(_LETTER_SPACED.match(w) or len(w) == 1 for w in words) or not any(
        len(w) >= 5 for w in words
    ):
        return line, offs
    out, out_offs, pos = [], [], 0
    for k, g in enumerate(groups):
        if k % 2:  # separator between words
            out.append(" ")
            out_offs.append(offs[pos])
        else:
            for j, ch in enumerate(g):
                if ch != " ":
                    out.append(ch)
                    out_offs.append(offs[pos + j])
        pos += len(g)
    return "".join(out), out_offs


def _squeeze(line: str, offs: list[int]) -> tuple[str, list[int]]:
    """Collapse runs of spaces inside a line."""
    if "  " not in line:
        return line, offs
    out, out_offs, prev_space = [], [], False
    for ch, o in zip(line, offs):
        if ch == " " and prev_space:
            continue
        prev_space = ch == " "
        out.append(ch)
        out_offs.append(o)
    return "".join(out), out_offs


def is_wrapped(lines: list[str]) -> bool:
    """True for text wrapped at a fixed width (PDF text layers, OCR), not one paragraph a line."""
    lines = [l for l in lines if l]
    if len(lines) < 10 or max(map(len, lines)) > 130:
        return False
    continued = sum(
        1 for a, b in zip(lines, lines[1:]) if re.search(r"[а-яё,\-]$", a) and re.match(r"[а-яё]", b)
    )
    return continued / len(lines) >= 0.12


def _breaks(prev: str, nxt: str, width: int) -> bool:
    """In wrapped text: does a paragraph end between these two lines?"""
    if _STARTS_BLOCK.match(nxt) or re.match(r"^\(.*\)$", prev):
        return True
    if re.search(r"\w-$", prev):
        return False  # a word or number split across lines ("№Д05-" / "103/05пр")
    starts_upper = bool(re.match(r"[A-ZА-ЯЁ0-9«\"]", nxt))
    if _DATE_LINE.match(nxt):
        return True  # the dated line of a header: "«30» августа 2023 года", "09.09.2024"
    if prev.endswith(":") and starts_upper:
        return True
    if re.match(r"[–—•-]\s", nxt) and re.search(r"[.;:]$", prev):
        return True  # the next item of a dashed list ("…;" / "– управлению …")
    if prev.isupper() and len(prev) > 3 and starts_upper:
        return True
    if len(prev) < 0.6 * width and starts_upper:
        return True
    return bool(re.search(r"[.;!?]$", prev)) and starts_upper and len(prev) < 0.9 * width


def _may_be_surname(word: str) -> bool:
    """Not a common word the dictionary knows ("Руководитель" under a table is a signature)."""
    w = word.rstrip(".")
    return not morph.is_known(w) or any({"Surn", "Name"} & set(str(p.tag).replace(" ", ",").split(","))
                                        for p in morph.parses(w))


def clean(raw: str) -> Layout:
    """Rebuild paragraphs of `raw`, keeping offsets into it."""
    text, offs = _normalize_chars(raw)
    lines = _lines(text, offs)
    wrapped = is_wrapped([l for l, _ in lines])
    content = [(l, o) for l, o in lines if l and not (wrapped and BARE_NUMBER.match(l))]
    b = _Builder()
    if wrapped:
        width = sorted(len(l) for l, _ in content)[int(len(content) * 0.9)] if content else 80
        prev = ""
        table = False   # inside an assignment table: one line a paragraph (see table_layout)
        prose = width
        gaps = gaps_before(lines, lambda l: not BARE_NUMBER.match(l))
        seen: set[str] = set()   # lines before the table: a page's running header repeats one of them
        heads = header_lines([l for l, _ in content])
        for k, ((line, line_offs), gap) in enumerate(zip(content, gaps)):
            cuts = None if table else [] if k in heads else header_cuts(line, line_offs)
            # prose comes back after a blank line: a line as wide as the text before the table
            table = table and not (gap and len(line) >= 0.9 * prose and not line[:1].islower())
            if table and is_running_header(line, seen):
                continue
            if not table:
                seen.add(line)
            if not prev:
                pass
            elif (cuts is not None or table) and not re.search(r"\w-$", prev):
                b.add_sep("\n", b.offsets[-1] + 1)   # a table cell's word split by a hyphen is glued below
            elif _breaks(prev, line, width):
                b.add_sep("\n", b.offsets[-1] + 1)
            elif prev.endswith("-") and re.search(r"\w-$", prev):
                if morph.hyphen_joins(prev, line):
                    b.chars.pop()
                    b.offsets.pop()
            else:
                b.add_sep(" ", b.offsets[-1] + 1)
            if cuts is not None:   # the header row: one column name a paragraph
                table = True
                prose = sorted(map(len, seen))[int(len(seen) * 0.9)] if seen else width
                line = "".join("\n" if x in cuts else c for x, c in enumerate(line))
            b.add(line, line_offs)
            prev = line
    else:
        prev = ""
        for line, line_offs in lines:
            if not line:
                prev = ""   # a blank line ends a paragraph: "Лыков П.С." / "" / "Руководитель" stay apart
                continue
            if b.chars:
                # "... А.В." / "Климова": a name cut after its initials goes on in the next paragraph
                joined = _INITIALS_END.search(prev) and _SURNAME_LINE.match(line) and _may_be_surname(line)
                b.add_sep(" " if joined else "\n", b.offsets[-1] + 1)
            b.add(line, line_offs)
            prev = line
    end = (b.offsets[-1] + 1) if b.offsets else 0
    return Layout(raw, "".join(b.chars), b.offsets + [end], wrapped)
