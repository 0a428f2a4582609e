"""Rewrites of the page layout, as a generic PDF-to-text converter leaves it: hard-wrapped lines,
hyphenated words, justification spaces, blank lines inside paragraphs, page headers and numbers."""
from __future__ import annotations

import random
import re

from .tables import table_spans

VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
FOOTERS = ["– {n} –", "Страница {n} из {m}", "стр. {n}"]
_WORD = re.compile(r"^[А-ЯЁа-яё]{8,}[.,;:]?$")


def _in_tables(text: str) -> set[int]:
    return {i for s, e in table_spans(text) for i in range(s, e)}


def _hyphen_split(word: str, room: int) -> tuple[str, str] | None:
    """word split after a vowel as "head-" + "tail", head fitting in room characters (with its hyphen),
    both parts at least 3 letters, the tail holding a vowel; None where no such split exists."""
    if not _WORD.match(word):
        return None
    for p in range(min(len(word) - 3, room - 1), 2, -1):
        if word[p - 1] in VOWELS and word[p] not in VOWELS and word[p] not in "ьъйЬЪЙ" and word[p] != word[p + 1] \
                and any(c in VOWELS for c in word[p:]) \
                and word[p:].rstrip(".,;:").isalpha() and len(word[p:].rstrip(".,;:")) >= 3:
            return word[:p] + "-", word[p:]
    return None


def _wrap_line(line: str, width: int, hyphenate: bool) -> list[str]:
    indent = line[:len(line) - len(line.lstrip())]
    words, out, cur = line.split(), [], indent
    for w in words:
        sep = "" if cur == indent else " "
        if len(cur) + len(sep) + len(w) <= width:
            cur += sep + w
            continue
        split = _hyphen_split(w, width - len(cur) - len(sep)) if hyphenate and cur != indent else None
        if split:
            out.append(cur + sep + split[0])
            cur = split[1]
        else:
            if cur != indent:
                out.append(cur)
            cur = w if cur != indent else cur + w
    out.append(cur)
    return out


def _justify(line: str, width: int) -> str:
    """Spaces added between words, left to right, up to width (at most 3 extra per gap)."""
    indent = line[:len(line) - len(line.lstrip())]
    words = line.split()
    gaps = len(words) - 1
    need = width - len(line)
    if gaps < 1 or need <= 0 or need > 3 * gaps:
        return line
    spaces = [1 + need // gaps + (g < need % gaps) for g in range(gaps)]
    return indent + "".join(w + " " * s for w, s in zip(words, spaces + [0]))


def _wrap(text: str, seed: int, hyphenate: bool, justify: bool, blank_every: int = 0) -> str:
    rng = random.Random(seed)
    width = rng.randint(60, 90)
    keep = _in_tables(text)
    out = []
    for i, line in enumerate(text.split("\n")):
        if i in keep or len(line) <= width:
            out.append(line)
            continue
        parts = _wrap_line(line, width, hyphenate)
        for n, part in enumerate(parts):
            last = n == len(parts) - 1
            out.append(_justify(part, width) if justify and not last else part)
            if blank_every and not last and rng.randrange(blank_every) == 0:
                out.append("")  # a blank line inside the paragraph, as converters leave at column breaks
    return "\n".join(out)


def wrap(text: str, seed: int = 0) -> str:
    """Lines longer than a width of 60-90 characters (chosen by the seed) are hard-wrapped at spaces;
    table cells stay one per line. Why it preserves meaning: the words and their order are unchanged."""
    return _wrap(text, seed, hyphenate=False, justify=False)


def wrap_hyphenated_justified(text: str, seed: int = 0) -> str:
    """As wrap, and a long word that does not fit is split with a hyphen ("органи-" / "зации"), and
    wrapped lines are padded with spaces between words to the full width. Why it preserves meaning: a
    hyphen at a line end and extra spaces are how justified print looks; the words are the same."""
    return _wrap(text, seed, hyphenate=True, justify=True)


def wrap_blank_lines(text: str, seed: int = 0) -> str:
    """As wrap, and about one wrapped line break in six becomes a blank line inside the paragraph.
    Why it preserves meaning: the sentence runs on across the blank line (no full stop, lower case)."""
    return _wrap(text, seed, hyphenate=False, justify=False, blank_every=6)


def _header(text: str) -> str:
    """The running header: the protocol's first line where it is short (an organisation's name)."""
    first = next((x.strip().lstrip("\ufeff") for x in text.split("\n") if x.strip()), "")
    return first if 0 < len(first) <= 80 and not first[0].isdigit() else ""


def page_breaks(text: str, seed: int = 0, header: str | None = None) -> str:
    """Every 35-45 lines (35 + seed % 11; outside tables) a page footer with the page number (one of
    FOOTERS, by the seed) and the running header (the protocol's first line, where short) of the next
    page are inserted, each on its own line.
    Why it preserves meaning: page furniture repeats on every page and carries no protocol content."""
    lines = text.split("\n")
    header = _header(text) if header is None else header
    keep = _in_tables(text)
    form, every = FOOTERS[seed % len(FOOTERS)], 35 + seed % 11
    cuts, at = [], every
    for i in range(len(lines)):
        if i >= at and i not in keep:
            cuts.append(i)
            at = i + every
    m = len(cuts) + 1
    out, page = [], 1
    for i, line in enumerate(lines):
        if cuts and i == cuts[0]:
            cuts.pop(0)
            out.append(form.format(n=page, m=m))
            page += 1
            if header:
                out.append(header)
        out.append(line)
    return "\n".join(out)


def pdf_export(text: str, seed: int = 0) -> str:
    """wrap_hyphenated_justified with blank lines inside paragraphs, then page_breaks: the whole of a
    generic converter's output. Why it preserves meaning: each of its parts does."""
    return page_breaks(_wrap(text, seed, hyphenate=True, justify=True, blank_every=8), seed, _header(text))
