"""Tokens and vocabularies shared by the addressee finder and `nominative()`.

Quoted names («...», nested) and brackets are single tokens, so a comma or an
infinitive inside «Центр занятости населения» never splits an addressee and
offsets always point back into the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.data import entries, read_data
from extractor.language import morph



@dataclass(frozen=True)
class Tok:
    kind: str   # word | initials | title | num | quote | bracket | dash | punct
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


def _title_pattern() -> str:
    """Titles from person_titles.txt, a space allowed after an inner dot ("т. т.")."""
    alts = []
    for word in read_data("person_titles.txt"):
        alts.append(r"\.\s?".join(re.escape(part) for part in word.rstrip(".").split(".")) + r"\.")
    return "|".join(sorted(alts, key=len, reverse=True))


_TOKEN_RE = re.compile(
    rf"(?P<title>(?:{_title_pattern()})(?=\s))"
    r"|(?P<initials>[А-ЯЁ]\.(?:\s?[А-ЯЁ]\.)?)"
    r"|(?P<word>[А-Яа-яЁёA-Za-z][А-Яа-яЁёA-Za-z0-9]*(?:-[А-Яа-яЁёA-Za-z0-9]+)*)"
    r"|(?P<num>\d+(?:[.,/:–—-]\d+)*(?:-[а-яё]+)?)"
    r"|(?P<dash>[–—]|-(?=\s))"
    r"|(?P<punct>\S)"
)
_PAIRS = {"«": "»", "(": ")", "„": "“", "“": "”", '"': '"'}


def _balanced_end(text: str, i: int) -> int:
    """Index after the bracket/quote opened at i (nesting-aware); len(text) if unclosed."""
    open_, close = text[i], _PAIRS[text[i]]
    if open_ == close:
        j = text.find(close, i + 1)
        return j + 1 if j > 0 else len(text)
    depth, first_close = 0, None
    for j in range(i, len(text)):
        if text[j] == open_:
            depth += 1
        elif text[j] == close:
            depth -= 1
            first_close = j + 1 if first_close is None else first_close
            if depth == 0:
                return j + 1
    # typography often prints one » for nested quotes: ООО «Агрофирма «Ворона»
    return first_close if first_close is not None else len(text)


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Tok, ...]:
    """Tokens of `text` with offsets; quotes and brackets are atomic."""
    out: list[Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace() or ch == "\ufeff":
            i += 1
            continue
        if ch in _PAIRS:
            j = _balanced_end(text, i)
            out.append(Tok("quote" if ch != "(" else "bracket", i, j, text[i:j]))
            i = j
            continue
        m = _TOKEN_RE.match(text, i)
        kind = m.lastgroup
        out.append(Tok(kind, i, m.end(), m.group()))
        i = m.end()
    return tuple(out)


@lru_cache(maxsize=None)
def assignment_verbs() -> dict[str, tuple[str | None, str]]:
    """verb lemma -> (required preposition or None, case of the addressee)."""
    out = {}
    for row in entries("assignment_verbs.txt"):
        out[row[0]] = (row[1], row[2]) if len(row) == 3 else (None, row[1])
    return out


@lru_cache(maxsize=None)
def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """Multi-word entries of a data file as lower-case word tuples, longest first."""
    return tuple(sorted((tuple(r) for r in entries(name)), key=len, reverse=True))


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """Single-word entries of a data file."""
    return frozenset(" ".join(r) for r in entries(name))


@lru_cache(maxsize=None)
def overrides() -> dict[str, str]:
    return {r[0]: r[1] for r in entries("nominative_overrides.txt")}


def matches_at(toks: tuple[Tok, ...], k: int, phrase: tuple[str, ...]) -> bool:
    """True when the words of `phrase` start at token k (a last '.' may be glued)."""
    if k + len(phrase) > len(toks):
        return False
    return all(toks[k + i].low == w for i, w in enumerate(phrase))


def phrase_at(toks: tuple[Tok, ...], k: int, name: str) -> tuple[str, ...] | None:
    for ph in phrases(name):
        if matches_at(toks, k, ph):
            return ph
    return None


# --- morphology on tokens ---------------------------------------------------

_NOMINAL = {"NOUN", "ADJF", "PRTF", "NUMR", "NPRO"}


def is_abbrev(tok: Tok) -> bool:
    """ООО, ФГБОУ, ОИВ, МВД: an upper-case word of 2+ letters."""
    t = tok.text.replace("-", "")
    return tok.kind == "word" and len(t) >= 2 and t.isupper()


@lru_cache(maxsize=65536)
def is_infinitive(word: str) -> bool:
    w = word.lower()
    if w in words("not_infinitives.txt"):
        return False
    return any(p.tag.POS == "INFN" for p in morph.parses(w))


@lru_cache(maxsize=65536)
def pos_set(word: str) -> frozenset[str]:
    return frozenset(p.tag.POS for p in morph.parses(word) if p.tag.POS)


def noun_cases(word: str) -> frozenset[str]:
    """Cases the word can take as a noun (substantivised participles count)."""
    return frozenset(p.tag.case for p in morph.parses(word)
                     if p.tag.case and (p.tag.POS == "NOUN" or "Subx" in p.tag))


def is_adjectival(word: str) -> bool:
    return bool(pos_set(word) & {"ADJF", "PRTF"}) and "NOUN" not in pos_set(word)


def is_adverb_only(word: str) -> bool:
    ps = pos_set(word)
    return bool(ps) and ps <= {"ADVB", "PRED", "CONJ", "PRCL", "COMP", "INTJ"}
