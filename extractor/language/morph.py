"""pymorphy3 behind a cache: lemmas, cases and inflection of single words.

Protocol vocabulary is Zipfian, so a process-wide lru_cache makes repeated
lookups ~1000x cheaper than asking the analyzer again.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3

_MORPH = pymorphy3.MorphAnalyzer()

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@lru_cache(maxsize=262144)
def parses(word: str) -> tuple:
    """All pymorphy3 parses of a word (lower-cased), best first."""
    return tuple(_MORPH.parse(word.lower()))


@lru_cache(maxsize=262144)
def lemma(word: str) -> str:
    """The normal form of the most likely parse."""
    return parses(word)[0].normal_form


def is_known(word: str) -> bool:
    """True when the dictionary itself knows the word (not a guess by suffix)."""
    return _MORPH.word_is_known(word.lower())


@lru_cache(maxsize=262144)
def cases(word: str) -> frozenset[str]:
    """Every grammatical case the word can be in."""
    return frozenset(p.tag.case for p in parses(word) if p.tag.case)


@lru_cache(maxsize=65536)
def inflect(word: str, grammemes: frozenset[str], pos: str | None = None) -> str | None:
    """The word put into `grammemes`, keeping its capitalisation; None if impossible."""
    for p in parses(word):
        if pos and p.tag.POS != pos:
            continue
        form = p.inflect(set(grammemes))
        if form is not None:
            return match_case(word, form.word)
    return None


def match_case(model: str, word: str) -> str:
    """Copy the capitalisation of `model` onto `word`."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def hyphen_joins(prev: str, nxt: str) -> bool:
    """Should a line-end hyphen be dropped? Only when the dictionary knows the joined word."""
    left = re.search(r"([А-Яа-яЁё]+)-$", prev)
    right = re.match(r"([А-Яа-яЁё]+)", nxt)
    if not left or not right:
        return False
    # a compound keeps its hyphen when both halves are words ("производственно-диспетчерский"); a
    # short piece ("не-дель", "производственно-му") is only a syllable, however the dictionary reads it
    halves = is_known(left.group(1)) and is_known(right.group(1)) and min(len(left.group(1)), len(right.group(1))) >= 4
    return is_known(left.group(1) + right.group(1)) and not halves
