"""Columns of an assignment table: which role each header cell names (data/table_columns.txt), and
how well a line of a row fits each role, so that a row is read by what its cells say, not by
counting lines (an empty cell leaves no line at all in a text export).

Roles: number (№), text (the decision), responsible, deadline, combined (responsible and deadline
in one cell, on lines of their own), ignore (notes, execution marks).
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.data import entries
from extractor.language.columns import TABLE_HEAD, cell_role, header_roles, is_mark

__all__ = [
    "EMPTY",
    "TABLE_HEAD",
    "cell_role",
    "deadline_tail",
    "fit",
    "header_roles",
    "is_dash",
    "is_mark",
    "looks",
]


def _month_forms() -> str:
    forms = [w for row in entries("months.txt") for w in row[1:]]
    return "|".join(sorted(forms, key=len, reverse=True))


_DASH = re.compile(r"^[–—−-]+$|^(?:нет|х|x)$", re.I)
_DATEISH = re.compile(
    rf"\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|\d{{1,2}}:\d{{2}}|(?<![а-яё])(?:{_month_forms()})(?![а-яё])|"
    r"квартал|полугоди|(?<!\d)(?:19|20)\d\d\s*(?:г\.|год)", re.I)
_DEADLINE_OPENER = re.compile(
    r"^(?:до|к|не\s+позднее|не\s+реже|в\s+течение|в\s+срок|в\s+установленн\w*|в\s+соответствии\s+с|"
    r"согласно|по\s+мере|при\s+\w+|после|весь\s+период|на\s+постоянной|в\s+постоянном|постоянно|"
    r"ежедневно|еженедельно|ежемесячно|ежеквартально|ежегодно|ежесменно|регулярно|систематически|"
    r"в\s+(?:I|II|III|IV)\s|в\s+\w+\s+(?:19|20)\d\d|с\s+\d|по\s+\d|по\s+(?:понедельникам|вторникам|"
    r"средам|четвергам|пятницам|субботам)|в\s+период|в\s+ходе|в\s+течени\w+)(?![а-яё])", re.I)
_INITIALS = re.compile(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.(?:\s?[А-ЯЁ][а-яё]+)?|[А-ЯЁ][а-яё]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.")
_ORG = re.compile(r"«|(?<![А-ЯЁ])(?:[А-ЯЁ]{2,6})(?![а-яё])")
_WORD = re.compile(r"[А-ЯЁа-яё]+")


def is_dash(line: str) -> bool:
    """An empty cell written as "–" (or "нет")."""
    return bool(_DASH.match(line.strip()))


def _infinitive_at(line: str) -> int | None:
    """Index of the first infinitive among the line's words, or None."""
    from extractor.language.lexicon import is_infinitive

    for k, w in enumerate(_WORD.findall(line)[:12]):
        if len(w) > 3 and w[-2:] in ("ть", "ти", "чь") and is_infinitive(w):
            return k
    return None


@lru_cache(maxsize=4096)
def looks(line: str) -> tuple[bool, bool, bool, int | None]:
    """(dash, deadline-like, names-like, index of the first infinitive) of one line of a row."""
    s = line.strip()
    inf = _infinitive_at(s)
    dash = is_dash(s)
    deadline = (not dash and len(s) <= 90 and inf != 0
                and bool(_DEADLINE_OPENER.match(s) or (_DATEISH.search(s) and not _INITIALS.search(s))))
    names = bool(_INITIALS.search(s) or _ORG.search(s))
    return dash, deadline, names, inf


def deadline_tail(line: str) -> int | None:
    """Where a deadline begins at the end of a responsible line, when a PDF reader ran the two lines
    of a combined cell together ("все застройщики ежемесячно, до 5 числа" -> 16); None if none."""
    for m in re.finditer(r"(?<=\s)(?=[а-яё\d])", line):
        tail = line[m.start():]
        if len(tail) < len(line) - 2 and _DEADLINE_OPENER.match(tail) and looks(tail)[1]:
            return m.start()
    return None


_GOES_ON = re.compile(r"\s*(?:в|во|на|по|с|со|для|и|а|к|ко|о|об|от|до|за|при|из|без|через)\s")


def fit(line: str, role: str, first: bool = True) -> float:
    """How well a line fits a cell of `role` (higher is better); `first` is False for the second
    and later lines of one cell."""
    dash, deadline, names, inf = looks(line)
    n = len(line.strip())
    sentence = line.rstrip().endswith(".") and len(_WORD.findall(line)) >= 5 and not names
    mark = is_mark(line)
    if role == "ignore":   # "Исполнено", "На контроле": short notes; anything else only if nothing fits
        return 1.5 if mark else 0.5 if n <= 25 and not (names or deadline) else 0.0
    # "на всех детских площадках.": a line that opens with a lower-case preposition or conjunction
    # carries on the sentence above it (a responsible cell opens with a position, a body or a name)
    goes_on = bool(_GOES_ON.match(line))
    if role == "text":
        if dash or deadline:
            return -4.0
        score = 2.5 if inf == 0 else 1.5 if inf is not None else 1.0 if goes_on and not first else 0.0
        score += 1.0 if n >= 60 else 0.0
        if names and inf is None and n < 100:
            score -= 1.5
        return score if first else max(score, -0.5)
    if role == "deadline":
        return 1.0 if dash else 3.0 if deadline else -3.0
    if role in ("responsible", "combined"):
        if dash:
            return 1.0 if first else -2.0
        if deadline:
            return 3.0 if role == "combined" else -3.0
        if inf == 0 or mark or (goes_on and not names):
            return -3.0
        score = 2.0 if names else -1.0 if sentence else 0.3
        return score - (2.0 if n > 150 else 0.0) - (1.0 if inf is not None else 0.0)
    raise ValueError(role)


EMPTY = {"text": -6.0, "responsible": -0.5, "deadline": -0.5, "combined": -0.5, "ignore": 0.0}
