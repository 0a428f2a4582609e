"""Documents cited by an item: "протоколов от 05 июля 2023 г. № Д05-84/05пр, от 26 октября ...".

A reference is a date introduced by "от" and/or a number introduced by "№" that belong together;
annexes ("приложение № 2") and the item's own deadline are not references.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from extractor.language.dates import find_dates

_NUMBER = re.compile(r"№\s*(?P<num>[A-Za-zА-Яа-яЁё0-9](?:[\w/.\-]*[\w/])?)")
_ANNEX = re.compile(r"(?:приложени\w*|пункт\w*|п\.|раздел\w*|стать\w*|ст\.)\s*$", re.I)
_DOC_TYPE = re.compile(
    r"(протокол|приказ|постановлени|распоряжени|решени|письм|предписани|поручени|указ|закон|"
    r"договор|соглашени|план|регламент|положени)\w*", re.I)
_SEP = r"[\s,г.года]*"


@dataclass(frozen=True)
class Reference:
    start: int
    end: int
    text: str
    date: datetime.date | None
    number: str | None
    doc_type: str | None


def _doc_type(text: str, start: int) -> str | None:
    """The kind of document named just before a reference ("протокола" -> "протокол")."""
    window = text[max(0, start - 60):start]
    found = list(_DOC_TYPE.finditer(window))
    return found[-1].group(1).lower() if found else None


def find_references(text: str, default_year: int | None = None,
                    exclude: tuple[int, int] | None = None) -> list[Reference]:
    """Cited documents in text, in order; `exclude` is the deadline's span."""
    refs: list[Reference] = []
    used: set[int] = set()
    numbers = [m for m in _NUMBER.finditer(text) if not _ANNEX.search(text[max(0, m.start() - 15):m.start()])]
    for d in find_dates(text, default_year):
        if exclude and exclude[0] <= d.start < exclude[1]:
            continue
        before = text[max(0, d.start - 4):d.start]
        num = next((m for m in numbers if 0 <= m.start() - d.end <= 20
                    and re.fullmatch(r"[\s,г.годаи]*(?:\(\s*(?:протокол\w*\s*)?)?", text[d.end:m.start()])), None)
        num_before = next((m for m in numbers if 0 <= d.start - m.end() <= 6
                           and re.fullmatch(r"\s*от\s*", text[m.end():d.start])), None)
        if num is None and num_before is None and not re.search(r"от\s*$", before):
            continue
        if num is None and num_before is None and _doc_type(text, d.start) is None:
            continue
        n = num or num_before
        start, end = (min(d.start, n.start()), max(d.end, n.end())) if n else (d.start, d.end)
        if n:
            used.add(n.start())
        refs.append(Reference(start, end, text[start:end], d.value, _clean(n.group("num")) if n else None,
                              _doc_type(text, start)))
    for m in numbers:
        # a bare number cites a document only right after its type: "протокола № 5", "приказом № 12"
        if m.start() in used or not _DOC_TYPE.search(text[max(0, m.start() - 25):m.start()]):
            continue
        if exclude and exclude[0] <= m.start() < exclude[1]:
            continue
        refs.append(Reference(m.start(), m.end(), m.group(), None, _clean(m.group("num")), _doc_type(text, m.start())))
    refs.sort(key=lambda r: r.start)
    return refs


def _clean(number: str) -> str:
    return number.rstrip(".,;")
