"""Put an addressee phrase into the nominative: only its leading agreeing group
(adjectives + head noun) changes; the genitive tail, quoted names and
abbreviations stay exactly as written.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from typing import Callable

from extractor.language import morph
from extractor.language.lexicon import Tok, is_abbrev, overrides, tokenize, words

DEFAULT_CASES = ("datv", "ablt", "gent")
_NAME_TAGS = {"Surn", "Name", "Patr"}
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIALS = r"[А-ЯЁ]\.(?:\s?[А-ЯЁ]\.)?"
PERSON_RE = re.compile(rf"(?:(?P<s1>{_SURNAME})\s+(?P<i1>{_INITIALS})|(?P<i2>{_INITIALS})\s?(?P<s2>{_SURNAME}))")
_PERSON_FULL = re.compile(rf"\s*{PERSON_RE.pattern}\s*")
_PERSON_TAIL = re.compile(rf"\s(?P<p>{PERSON_RE.pattern})\s*$")
# Surname endings pymorphy3 does not know: (oblique ending, nominative ending).
_SURNAME_SUFFIXES = (("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ову", "ов"), ("еву", "ев"),
                     ("ёву", "ёв"), ("ину", "ин"), ("овым", "ов"), ("евым", "ев"), ("иным", "ин"),
                     ("ова", "ов"), ("ева", "ев"))


def _fix_form(model: str, form: str) -> str:
    """Capitalisation and ё of the original, protocol spellings of a few plurals."""
    if "ё" not in model.lower():
        form = form.replace("ё", "е")
    form = "-".join(overrides().get(part, part) for part in form.split("-"))
    return morph.match_case(model, form)


def surname_nominative(word: str, cases: tuple[str, ...] = ("nomn",) + DEFAULT_CASES) -> str:
    """A surname put into the nominative, gender kept ("Лукьяновой" -> "Лукьянова")."""
    ps = morph.parses(word)
    for kind in ("Surn", "NOUN"):
        for case in cases:
            for p in ps:
                if p.tag.case != case or (kind == "Surn" and "Surn" not in p.tag) or p.tag.POS != "NOUN":
                    continue
                if p.tag.number == "plur" and any(q.tag.number == "sing" and q.tag.case == case for q in ps):
                    continue
                if case == "nomn":
                    return word
                form = p.inflect({"nomn", "sing"} if "Surn" in p.tag else {"nomn"})
                if form:
                    return _fix_form(word, form.word)
    low = word.lower()
    for old, new in _SURNAME_SUFFIXES[:10]:
        if low.endswith(old):
            return word[: len(word) - len(old)] + new
    return word


def person_nominative(text: str, cases: tuple[str, ...] = ("nomn",) + DEFAULT_CASES) -> str | None:
    """ "Д.А. Орлову" -> "Орлов Д.А."; "Лукьяновой О.С." -> "Лукьянова О.С."; None if not a person."""
    m = _PERSON_FULL.fullmatch(text)
    if not m:
        return None
    surname = m.group("s1") or m.group("s2")
    initials = (m.group("i1") or m.group("i2")).replace(" ", "")
    return f"{surname_nominative(surname, cases)} {initials}"


PersonNorm = Callable[[str], "str | None"]


def norm_person(text: str, person_norm: PersonNorm | None, cases: tuple[str, ...],
                context_free: PersonNorm | None = None) -> str:
    """A person mention in the nominative. The document-aware `person_norm` wins; otherwise
    the case the context demands ("возложить на ... Галиева И.М." is accusative, so "Галиев")
    beats the `context_free` normalizer (persons.normalize_person, injected by the caller: language
    knows nothing of the persons stage), which is used where the context is itself nominative (a
    bracket, an "Ответственный:" line)."""
    text = text.strip()
    out = _safe(person_norm, text)
    if out:
        return out
    mine = person_nominative(text, cases)
    module = _safe(context_free, text)
    if module and (cases[0] == "nomn" or not mine):
        return module
    return mine or module or text


# Failures of a person-name helper, by exception type: a bug shows here and in the log instead of
# vanishing into an addressee left as written.
HELPER_FAILURES: Counter[str] = Counter()
_log = logging.getLogger("protokol.extractor")


def _safe(fn: Callable[[str], str | None] | None, text: str) -> str | None:
    """`fn(text)`; a failure is logged and counted (HELPER_FAILURES), and the mention kept as written
    by the caller, so one odd name does not cost the whole document."""
    if fn is None:
        return None
    try:
        return fn(text)
    except Exception as exc:
        HELPER_FAILURES[type(exc).__name__] += 1
        _log.warning("person name helper %s failed on %r: %s: %s", getattr(fn, "__name__", fn), text[:80],
                     type(exc).__name__, exc, exc_info=True)
        return None


# --- the agreeing group --------------------------------------------------------

def _words_from(toks: tuple[Tok, ...], i: int) -> list[int]:
    out = []
    while i < len(toks) and toks[i].kind == "word" and not is_abbrev(toks[i]):
        out.append(i)
        i += 1
    return out


def _agrees(p, number: str, gender: str | None) -> bool:
    if p.tag.number != number:
        return False
    return number == "plur" or gender is None or p.tag.gender in (gender, None)


def _substantive(word: str) -> bool:
    low = word.lower()
    return any(low.startswith(stem) for stem in words("substantive_heads.txt"))


_FUNCTION_POS = {"PREP", "CONJ", "PRCL", "INTJ"}


def nominal_parses(word: str) -> tuple:
    """Parses that can be part of a noun phrase: no abbreviation readings of ordinary
    words ("по", "в" are not "ПО", "В"), nothing for function words."""
    ps = morph.parses(word)
    if not ps or ps[0].tag.POS in _FUNCTION_POS:
        return ()
    upper = word.isupper() and len(word) > 1
    return tuple(p for p in ps if upper or "Abbr" not in p.tag)


def head_group(toks: tuple[Tok, ...], i: int, case: str, noun_head: bool = True):
    """(modifier parses, head index, head parse) of the group starting at i in `case`, or None.
    With noun_head=False a substantivised adjective/participle may be the head."""
    idx = _words_from(toks, i)
    for n, k in enumerate(idx):
        ps = nominal_parses(toks[k].text)
        adjs = [p for p in ps if p.tag.case == case and p.tag.POS in ("ADJF", "PRTF")]
        nouns = [p for p in ps if p.tag.case == case and p.tag.POS == "NOUN"
                 and not (adjs and _NAME_TAGS & set(p.tag.grammemes))]  # "Сокольским" is no surname here
        nxt = idx[n + 1] if n + 1 < len(idx) else None
        nxt_parses = [q for q in nominal_parses(toks[nxt].text) if q.tag.case == case] if nxt is not None else []
        agreeing = any(q.tag.POS == "NOUN" and any(_agrees(a, q.tag.number, q.tag.gender) for a in adjs)
                       for q in nxt_parses)
        # a substantive participle still modifies an agreeing noun ("управляющим организациям")
        if adjs and (not _substantive(toks[k].text) or agreeing) and (
                (not nouns and any(q.tag.POS in ("NOUN", "ADJF", "PRTF") for q in nxt_parses)) or agreeing):
            continue  # an adjective waiting for its noun ("Ответственному секретарю", "главным бухгалтером")
        heads = nouns or ([] if noun_head and not _substantive(toks[k].text) else adjs)
        if not heads:
            return None
        for hp in heads:
            mods = []
            for m in idx[:n]:
                mp = next((p for p in nominal_parses(toks[m].text) if p.tag.case == case
                           and p.tag.POS in ("ADJF", "PRTF", "NUMR")
                           and _agrees(p, hp.tag.number, hp.tag.gender)), None)
                if mp is None:
                    break
                mods.append((m, mp))
            else:
                return mods, k, hp
        return None
    return None


def _inflect(tok: Tok, p, number: str, gender: str | None) -> str | None:
    gram = {"nomn", number}
    if number == "sing" and p.tag.POS != "NOUN" and gender:
        gram.add(gender)
    form = _inflected(p, frozenset(gram))
    return _fix_form(tok.text, form) if form else None


_INFLECTED: dict[tuple, str | None] = {}


def _inflected(p, gram: frozenset[str]) -> str | None:
    """p's form in `gram` (falling back to plain nominative), cached: pymorphy3 builds a lexeme per call."""
    key = (p.word, str(p.tag), p.normal_form, gram)
    if key not in _INFLECTED:
        if len(_INFLECTED) > 65536:
            _INFLECTED.clear()
        form = p.inflect(set(gram)) or p.inflect({"nomn"})
        _INFLECTED[key] = form.word if form else None
    return _INFLECTED[key]


def _group_repl(toks, i: int, case: str, noun_head: bool = True):
    """Replacements (token, nominative form) for the group at i, its head index and parse."""
    hg = head_group(toks, i, case, noun_head)
    if hg is None:
        return None
    mods, k, hp = hg
    number, gender = hp.tag.number, hp.tag.gender
    repl = [(toks[m], _inflect(toks[m], mp, number, gender)) for m, mp in mods]
    repl.append((toks[k], _inflect(toks[k], hp, number, gender)))
    return [(t, f) for t, f in repl if f], k, hp


def nominative(phrase: str, cases: tuple[str, ...] | None = None, person_norm: PersonNorm | None = None,
               context_free: PersonNorm | None = None) -> str:
    """The phrase with its head (and the head's agreeing adjectives) put in the nominative,
    number kept; appositions after "–", a conjunct after "и", a participle after a comma
    and a trailing person name follow the head. `cases`: the cases to read the head in,
    most likely first (a leading "nomn" leaves a nominative phrase untouched)."""
    cases = cases or DEFAULT_CASES
    if _PERSON_FULL.fullmatch(phrase):
        return norm_person(phrase, person_norm, cases, context_free)
    toks = tokenize(phrase)
    if not toks:
        return phrase
    repl: list[tuple[Tok, str]] = []
    tail = _PERSON_TAIL.search(phrase)
    limit = tail.start() if tail else len(phrase)
    found = None
    for noun_head in (True, False):  # a real noun head first: "Сокольским отделением" is instrumental
        for case in cases:
            found = _group_repl(toks, 0, case, noun_head)
            if found:
                break
        if found:
            break
    if found and case != "nomn":
        group, k, hp = found
        repl += group
        j = k + 1
        while j < len(toks) and toks[j].start < limit:
            t = toks[j]
            if t.kind == "dash" or (t.low == "и" and j == k + 1):
                more = _group_repl(toks, j + 1, case)
                if more and (t.kind == "dash" or more[2].tag.number == hp.tag.number):
                    repl += more[0]
                    j = more[1] + 1
                    continue
            if t.text == "," and j + 1 < len(toks):
                nxt = toks[j + 1]
                p = next((p for p in morph.parses(nxt.text) if p.tag.POS in ("PRTF", "ADJF")
                          and p.tag.case == case and _agrees(p, hp.tag.number, hp.tag.gender)), None)
                if p is not None and nxt.kind == "word":
                    f = _inflect(nxt, p, hp.tag.number, hp.tag.gender)
                    if f:
                        repl.append((nxt, f))
            j += 1
    out = phrase
    if tail:
        a, b = tail.span("p")
        cases_p = cases if found else ("nomn",) + DEFAULT_CASES
        out = out[:a] + norm_person(phrase[a:b], person_norm, cases_p, context_free) + out[b:]
    for tok, form in sorted(repl, key=lambda r: -r[0].start):
        out = out[:tok.start] + form + out[tok.end:]
    return out
