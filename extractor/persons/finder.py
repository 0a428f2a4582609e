"""Finding person mentions: the patterns and the grammatical hints around each mention.

Pattern based: "Фамилия И.О.", "И.О. Фамилия", full names checked against the dictionary's first
names and patronymics, and bare surnames only where the genre makes them certain ("тт. Андреева,
Постышева", "Члены ЦК – Ворошилов, Калинин"). Public names are re-exported by `extractor.persons`; the hints are in `hints`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from extractor.persons.hints import SP as _SP, apposition_hint, gender_hint, governor_hint
from extractor.language.names import (
    is_first_name, is_patronymic, surname_plausibility, surname_readings,
    surname_shaped,
)


@dataclass(frozen=True)
class PersonMention:
    """One person mention; offsets index the text it was found in."""

    start: int
    end: int
    text: str       # as written: "Неумывакина В.С.", "В.С. Неумывакин", "Воробьёва Ирина Геннадьевна"
    surname: str    # as written, e.g. "Неумывакина"
    initials: str   # "В.С." (no spaces), "" when absent
    # Grammatical context seen by the finder, used by PersonIndex as extra gender evidence:
    # "ga" when the mention must be genitive/accusative ("информацию Соколова А.С."); mentions
    # with the same chain >= 0 are coordinated ("тт. Андреева, Постышева и Фушмана").
    hint: str = field(default="", compare=False)
    chain: int = field(default=-1, compare=False)


_CAPW = r"(?:[А-ЯЁ][а-яё]+|[А-ЯЁ]{2,}(?![а-яё]))"
_SURNAME = rf"{_CAPW}(?:-{_CAPW})?"
_INIT2 = rf"[А-ЯЁ]\.{_SP}?[А-ЯЁ](?:\.|(?![А-ЯЁа-яё]))(?!{_SP}?[А-ЯЁ]\.)"
_NOT_AFTER_WORD = r"(?<![А-ЯЁа-яё\-])"

_SURNAME_INITIALS = re.compile(rf"{_NOT_AFTER_WORD}(?P<s>{_SURNAME}){_SP}+(?P<i>{_INIT2})")
# A line break between surname and initials (OCR, narrow table cells), unless the initials
# open the next person's "И.О. Фамилия".
_SURNAME_BREAK_INITIALS = re.compile(
    rf"{_NOT_AFTER_WORD}(?P<s>{_SURNAME}){_SP}*(?:\r?\n{_SP}*){{1,3}}(?P<i>{_INIT2})(?!{_SP}*[А-ЯЁ][а-яё])")
_INITIALS_SURNAME = re.compile(rf"(?<![А-ЯЁа-яё.])(?P<i>{_INIT2}){_SP}*(?P<s>{_SURNAME})")
_INITIAL_SURNAME = re.compile(rf"(?<![А-ЯЁа-яё.])(?P<i>[А-ЯЁ]\.){_SP}?(?P<s>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)")
_SURNAME_INITIAL = re.compile(
    rf"{_NOT_AFTER_WORD}(?P<s>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?){_SP}+(?P<i>[А-ЯЁ][а-яё]?\.)(?!{_SP}?[А-ЯЁ]\.)(?![А-ЯЁа-яё])")
# OCR drops the inner dot: "Романчикова НН."
_SURNAME_OCR_INITIALS = re.compile(
    rf"{_NOT_AFTER_WORD}(?P<s>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?){_SP}+(?P<i>[А-ЯЁ]{{2}})\.(?![А-ЯЁа-яё])")
CAP_WORD = re.compile(r"(?<![А-ЯЁа-яё\-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?![А-ЯЁа-яё])")
_SPACES_ONLY = re.compile(rf"{_SP}+")

# Bare surnames: after "тов./т./тт./т.т." or as a list after a dash, colon or bracket.
_HONORIFIC = re.compile(rf"(?<![А-ЯЁа-яё])(?:тов|т\.{_SP}?т|тт|т|г-н|г-жа|гг)\.{_SP}*(?=[А-ЯЁ])")
_LIST_START = re.compile(rf"(?:^|[–—:(]|{_SP}-){_SP}*(?=[А-ЯЁ][а-яё])", re.M)
_LIST_ITEM = re.compile(rf"(?P<s>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)(?:{_SP}+(?P<i>[А-ЯЁ][а-яё]?\.(?:{_SP}?[А-ЯЁ]\.)?))?(?![А-ЯЁа-яё])")
_LIST_TAIL = re.compile(rf"{_SP}*(?:\([^()\n]{{1,40}}\))?{_SP}*(?:(?P<sep>,|{_SP}и{_SP}|\n)|(?P<end>[.;)]|$))", re.M)
_LIST_SEP = re.compile(rf"{_SP}*(?:,|и(?={_SP})|;)?{_SP}*")
_COORDINATION_GAP = re.compile(rf"^{_SP}*(?:\([^()\n]{{1,40}}\))?{_SP}*(?:,|и|;)?{_SP}*$")



@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    s_start: int
    s_end: int
    initials: str
    priority: float


def find_person_mentions(text: str, extra_spans: Iterable[tuple[int, int]] = ()) -> list[PersonMention]:
    """Person mentions in text, in order, without overlaps."""
    candidates = [*_initialed(text), *_full_names(text), *_bare_surname_lists(text)]
    chosen: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (-c.priority, c.start)):
        if not any(c.start < e and s < c.end for s, e in taken):
            chosen.append(c)
            taken.append((c.start, c.end))
    for c in _from_extra_spans(text, extra_spans):
        if not any(c.start < e and s < c.end for s, e in taken):
            chosen.append(c)
            taken.append((c.start, c.end))
    chosen.sort(key=lambda c: c.start)
    return _with_context(text, chosen)


def _initialed(text: str) -> Iterable[_Candidate]:
    """Surname with initials on either side; a dictionary word can't be a surname before initials."""
    rules = (
        (_SURNAME_INITIALS, 30.0, 1),
        (_SURNAME_BREAK_INITIALS, 24.0, 1),
        (_INITIALS_SURNAME, 30.5, 1),
        (_SURNAME_OCR_INITIALS, 22.0, 2),
        (_INITIAL_SURNAME, 20.5, 2),
        (_SURNAME_INITIAL, 20.0, 2),
    )
    for rx, base, min_plausibility in rules:
        for m in rx.finditer(text):
            surname = m.group("s")
            plausibility = surname_plausibility(surname)
            if plausibility < min_plausibility or (min_plausibility > 1 and surname.isupper()):
                continue
            yield _Candidate(m.start(), m.end(), m.start("s"), m.end("s"),
                             _norm_initials(m.group("i")), base + plausibility)


def _full_names(text: str) -> Iterable[_Candidate]:
    """"Фамилия Имя Отчество", "Имя Отчество Фамилия" and "Имя Фамилия" (the last strictly)."""
    words = list(CAP_WORD.finditer(text))
    for k, w in enumerate(words):
        nxt = [x for x in words[k + 1:k + 3]]
        if len(nxt) >= 1 and not _adjacent(text, w, nxt[0]):
            continue
        if len(nxt) == 2 and _adjacent(text, nxt[0], nxt[1]):
            a, b, c = w.group(), nxt[0].group(), nxt[1].group()
            if is_first_name(b) and is_patronymic(c) and _surname_by_position(a):
                yield _Candidate(w.start(), nxt[1].end(), w.start(), w.end(), f"{b[0]}.{c[0]}.", 50)
                continue
            if is_first_name(a) and is_patronymic(b) and _surname_by_position(c):
                yield _Candidate(w.start(), nxt[1].end(), nxt[1].start(), nxt[1].end(), f"{a[0]}.{b[0]}.", 50)
                continue
        if nxt and is_first_name(w.group(), strict=True) and _surname_like(nxt[0].group(), strict=True):
            s = nxt[0]
            yield _Candidate(w.start(), s.end(), s.start(), s.end(), f"{w.group()[0]}.", 18)


def _adjacent(text: str, a: re.Match, b: re.Match) -> bool:
    return _SPACES_ONLY.fullmatch(text, a.end(), b.start()) is not None


def _surname_like(word: str, strict: bool = False) -> bool:
    """A word that can be the surname next to a first name (strict: dictionary or surname shape)."""
    if is_first_name(word) or is_patronymic(word):
        return False
    plausibility = surname_plausibility(word)
    if strict:
        return plausibility == 3 or (plausibility == 2 and any(r.evidence for r in surname_readings(word.lower())))
    return plausibility >= 1


def _surname_by_position(word: str) -> bool:
    """Beside a first name and a patronymic a word is the surname even when it also reads as a first
    name's genitive plural, as surnames made from first names do ("Трофимов", "Корнилов", "Аксёнов")."""
    return _surname_like(word) or (not is_patronymic(word) and surname_plausibility(word) >= 2)


def _bare_surname_lists(text: str) -> Iterable[_Candidate]:
    """Surnames without initials, only where the genre shows they are people."""
    for m in _HONORIFIC.finditer(text):
        items, _ = _parse_list(text, m.end())
        for c in items:
            # "Ер" is a surname cut off by the end of an excerpt, not a person we can name
            if c.s_end - c.s_start >= 3 and surname_plausibility(text[c.s_start:c.s_end]) >= 1:
                yield c
    for m in _LIST_START.finditer(text):
        items, closed = _parse_list(text, m.end())
        if len(items) < 2 or not closed:
            continue
        scores = [surname_plausibility(text[c.s_start:c.s_end]) for c in items]
        # Lists of towns or bodies also look like this; most items must be dictionary surnames.
        known = sum(s == 3 or s == 2 and surname_shaped(text[c.s_start:c.s_end]) for s, c in zip(scores, items))
        if min(scores) >= 1 and (all(s == 3 for s in scores) or len(scores) >= 3 and known * 2 >= len(scores)):
            yield from (_Candidate(c.start, c.end, c.s_start, c.s_end, c.initials, 12) for c in items)


def _parse_list(text: str, pos: int) -> tuple[list[_Candidate], bool]:
    """Items "Фамилия [И.]" separated by commas / "и"; True when the list ends cleanly."""
    items: list[_Candidate] = []
    while True:
        m = _LIST_ITEM.match(text, pos)
        if not m:
            return items, False
        initials = _norm_initials(m.group("i")) if m.group("i") else ""
        items.append(_Candidate(m.start(), m.end(), m.start("s"), m.end("s"), initials, 16))
        tail = _LIST_TAIL.match(text, m.end())
        if not tail:
            return items, False
        if tail.group("end") is not None:
            return items, True
        if tail.group("sep") == "\n":
            return items, True
        pos = tail.end()
        pos = _LIST_SEP.match(text, pos).end()


def _from_extra_spans(text: str, spans: Iterable[tuple[int, int]]) -> Iterable[_Candidate]:
    """NER PER spans the patterns missed: a lone surname, or "Имя Фамилия"."""
    for a, b in spans:
        words = list(CAP_WORD.finditer(text, a, b))
        if len(words) == 1 and _lone_surname(text, words[0]):
            w = words[0]
            yield _Candidate(w.start(), w.end(), w.start(), w.end(), "", 1)
        elif (len(words) == 2 and _adjacent(text, *words) and is_first_name(words[0].group(), strict=True)
              and _surname_like(words[1].group(), strict=True)):
            yield _Candidate(words[0].start(), words[1].end(), words[1].start(), words[1].end(),
                             f"{words[0].group()[0]}.", 1)


_LOWER_WORD_AFTER = re.compile(rf"{_SP}+[а-яё]")


def _lone_surname(text: str, w: re.Match) -> bool:
    """A capitalised word NER calls a person that is a surname, not a place adjective ("Сокольского округа")."""
    word = w.group()
    plausibility = surname_plausibility(word)
    if is_first_name(word) or plausibility < 2 or plausibility == 2 and not surname_shaped(word):
        return False
    return not (any(r.masc.endswith(("ий", "ой", "ый")) for r in surname_readings(word.lower()))
                and _LOWER_WORD_AFTER.match(text, w.end()))


def _norm_initials(raw: str) -> str:
    """"В. С" / "НН" / "Ст." → "В.С." / "Н.Н." / "С."."""
    letters = [ch for ch in raw if ch.isupper()]
    return "".join(f"{ch}." for ch in letters)


def _with_context(text: str, chosen: list[_Candidate]) -> list[PersonMention]:
    """Build mentions with the grammatical hints their neighbourhood gives."""
    out: list[PersonMention] = []
    chain, chain_hint = -1, ""
    for k, c in enumerate(chosen):
        coordinated = k > 0 and _COORDINATION_GAP.match(text[chosen[k - 1].end:c.start]) is not None
        if not coordinated:
            chain, chain_hint = c.start, governor_hint(text, c.start)
        hints = [h for h in (chain_hint, apposition_hint(text, c.start, c.end), gender_hint(text, c.start, c.end)) if h]
        out.append(PersonMention(c.start, c.end, text[c.start:c.end], text[c.s_start:c.s_end],
                                 c.initials, " ".join(hints), chain))
    return out
