"""The grammatical hints around a person mention, extra evidence for its case and gender:
"информацию Соколова А.С." (genitive), "Соколова А.С. – директор" (nominative), "…, которая" (female)."""
from __future__ import annotations

import re

from extractor.language.morph import is_known, parses
from extractor.language.names import STRONG_F, STRONG_M

SP = r"[ \t\u00a0\u2009\u202f\u2007]"   # a space that is not a line break
_SP = SP

# Nouns that put the following name in the genitive: "информацию Соколова", "в составе Петрова".
_GENITIVE_GOVERNORS = frozenset(
    "составе информацию информации информация доклад доклада сообщение сообщения выступление "
    "кандидатуру кандидатуры отчет отчёт предложение предложению".split())
_WORD_BEFORE = re.compile(rf"([а-яё]+)[\s\u00a0]*(?:(?:тов|т\.{_SP}?т|тт|т)\.{_SP}*)?$")

_AFTER_WORD = re.compile(rf"{_SP}*(?:\([^()\n]{{0,40}}\){_SP}*)?(?P<punct>[,–—:-]?)\s*(?P<w>[а-яё]+)")
_LINE_START = re.compile(r"(?:^|\n)[\s\d.)•·-]*$")
_VERB_COLON_BEFORE = re.compile(r"([а-яё]+)\s*[:–—-]\s*$", re.I)


def governor_hint(text: str, start: int) -> str:
    """"ga" after "информацию", "в составе" or an animate noun in the genitive ("профессора")."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if not before:
        return ""
    word = before.group(1).lower()
    if word in _GENITIVE_GOVERNORS:
        return "ga"
    # "профессора" is also a plural nominative, which cannot stand beside one person
    ps = [p for p in parses(word) if p.tag.number != "plur"]
    if ps and all(p.tag.POS == "NOUN" and p.tag.animacy == "anim" and p.tag.case in ("gent", "accs")
                  for p in ps):
        return "ga"
    return ""


def apposition_hint(text: str, start: int, end: int) -> str:
    """"Соколова А.С. – директор" (nominative) vs "– директора" (genitive) at a line start."""
    if not _LINE_START.search(text, max(0, start - 20), start):
        return ""
    m = _AFTER_WORD.match(text, end)
    if not m or m.group("punct") not in "–—-" or not m.group("punct"):
        return ""
    word = m.group("w")
    ps = [p for p in parses(word) if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.number != "plur"]
    if not ps or not is_known(word):
        return ""
    cases = {p.tag.case for p in ps}
    if "nomn" in cases and "gent" not in cases:
        return "nom"  # "– директор", "– первый заместитель"
    if "nomn" not in cases and cases & {"gent", "accs"}:
        return "ga"   # "– начальника отдела"
    return ""


def gender_hint(text: str, start: int, end: int) -> str:
    """M/F from "…, которая" / "– сообщил" after the mention or "Председательствовала:" before it."""
    m = _AFTER_WORD.match(text, end)
    if m and m.group("punct") in ",–—-":
        g = _word_gender(m.group("w"))
        if g:
            return g
    before = _VERB_COLON_BEFORE.search(text, max(0, start - 40), start)
    return _word_gender(before.group(1)) if before else ""


def _word_gender(word: str) -> str:
    """Gender of a past-tense verb or of "который" in the singular, else ""."""
    for p in parses(word):
        tag = p.tag
        if (tag.POS == "VERB" and tag.tense == "past") or p.normal_form == "который":
            if tag.number == "sing" and tag.gender in ("masc", "femn"):
                return STRONG_M if tag.gender == "masc" else STRONG_F
            return ""
    return ""
