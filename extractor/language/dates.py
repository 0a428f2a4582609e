"""Calendar dates in Russian protocol text, with offsets.

Hand-written instead of natasha's DatesExtractor: that one reads "13.11.23" as
1923 and gives no offsets for quoted days («12» марта). The regex sources are
exported (DATE_SRC, MONTH_SRC) so deadline rules can embed them and re-parse
the matched span with `parse_date`.
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.data import read_data


def _load_months() -> dict[str, int]:
    forms: dict[str, int] = {}
    for line in read_data("months.txt"):
        number, *names = line.split()
        forms.update((name, int(number)) for name in names)
    return forms


MONTH_FORMS = _load_months()
NUMBER_WORDS = {w: int(v) for w, v in (line.split() for line in read_data("number_words.txt"))}
_ORDINAL_STEMS = [(s, int(v)) for s, v in (line.split() for line in read_data("ordinals.txt"))]
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}

# Longest first so that "марта" is tried before "март".
MONTH_SRC = "(?:" + "|".join(sorted(map(re.escape, MONTH_FORMS), key=len, reverse=True)) + r")(?![а-яё])"
NUMBER_WORD_SRC = "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
# "г.", "года", "году", "гг." after a year belong to the date as written.
YEAR_SUFFIX_SRC = r"(?:\s*(?:года|году|год|гг?\.|г(?![а-яё])))?"

_DMY = rf"(?P<d>\d{{1,2}})\s?\.\s?(?P<m>\d{{1,2}})\s?\.\s?(?P<y>\d{{4}}){YEAR_SUFFIX_SRC}"
# A two-digit year only in the strict dd.mm.yy shape: "2.5.6" is a section number, not a date.
_DMY2 = rf"(?P<d2>\d{{2}})\.(?P<m2>\d{{2}})\.(?P<y2>\d{{2}})(?!\d){YEAR_SUFFIX_SRC}"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
_VERBAL = (
    r"(?:[«\"“]\s*(?P<vqd>\d{1,2})\s*[»\"”]|(?P<vd>\d{1,2})(?:-?го)?)\s*"
    rf"(?P<vm>{MONTH_SRC})"
    rf"(?:\s+(?P<vy>\d{{4}}|\d{{2}}(?=\s*г(?:\.|од|(?![а-яё])))){YEAR_SUFFIX_SRC})?"
)
DATE_SRC_NAMED = rf"(?<![\d.])(?:{_DMY2}|{_DMY}|{_ISO}|{_VERBAL})(?![\d])"
DATE_SRC = re.sub(r"\(\?P<\w+>", "(?:", DATE_SRC_NAMED)
_DATE_RE = re.compile(DATE_SRC_NAMED, re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    start: int          # offsets into the given text
    end: int
    text: str
    value: datetime.date
    year_given: bool    # False when the year was filled from default_year


def expand_year(year: str) -> int:
    """A printed year as a number; two-digit years are 20YY ("13.11.23" is 2023)."""
    return 2000 + int(year) if len(year) == 2 else int(year)


def month_number(word: str) -> int | None:
    """Month number for a month name in any case ("марте", "Декабря"); None if not a month."""
    word = word.lower().strip(".")
    if word in MONTH_FORMS:
        return MONTH_FORMS[word]
    # Abbreviations ("сент.", "окт") are prefixes of a listed form; "мартовский" is not.
    hits = {n for form, n in MONTH_FORMS.items() if len(word) >= 3 and form.startswith(word)}
    return hits.pop() if len(hits) == 1 else None


def ordinal_number(word: str) -> int | None:
    """Number of a quarter/half-year: roman "IV", arabic "4" or ordinal "четвёртом"."""
    word = word.lower().strip(".-")
    if word.isdigit():
        return int(word)
    if word in _ROMAN:
        return _ROMAN[word]
    word = word.replace("ё", "е")
    return next((n for stem, n in _ORDINAL_STEMS if word.startswith(stem)), None)


def quarter_number(word: str) -> int | None:
    """Quarter 1–4 named by a roman/arabic numeral or ordinal word; None otherwise."""
    n = ordinal_number(word)
    return n if n is not None and 1 <= n <= 4 else None


def number_value(word: str) -> int | None:
    """A cardinal written as digits ("10", "2-х") or words ("пяти", "сорока пяти")."""
    word = word.lower().strip()
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    parts = [NUMBER_WORDS.get(p) for p in word.split()]
    return sum(parts) if parts and None not in parts else None


def last_day(year: int, month: int) -> datetime.date:
    """The last calendar day of a month."""
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _value(m: re.Match, default_year: int | None) -> tuple[datetime.date, bool] | None:
    g = m.groupdict()
    if g["d2"]:
        day, month, year, given = int(g["d2"]), int(g["m2"]), expand_year(g["y2"]), True
    elif g["d"]:
        day, month, year, given = int(g["d"]), int(g["m"]), int(g["y"]), True
    elif g["iy"]:
        day, month, year, given = int(g["id"]), int(g["im"]), int(g["iy"]), True
    else:
        day, month = int(g["vqd"] or g["vd"]), MONTH_FORMS[g["vm"].lower()]
        given = g["vy"] is not None
        year = expand_year(g["vy"]) if given else default_year
        if year is None:
            return None
    try:
        return datetime.date(year, month, day), given
    except ValueError:      # 31.02.2024 and the like
        return None


def find_dates(text: str, default_year: int | None = None) -> list[DateMatch]:
    """Every calendar date in text, in order (a missing year is default_year; skipped if None)."""
    out = []
    for m in _DATE_RE.finditer(text):
        parsed = _value(m, default_year)
        if parsed:
            out.append(DateMatch(m.start(), m.end(), m.group(), parsed[0], parsed[1]))
    return out


@lru_cache(maxsize=4096)
def parse_date(text: str, default_year: int | None = None) -> DateMatch | None:
    """The first date in a short span (a rule's matched group), or None."""
    found = find_dates(text, default_year)
    return found[0] if found else None
