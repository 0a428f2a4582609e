"""Addressees of one decision item: who must act, as written and in the nominative.

The genre puts the addressee in the dative before the infinitive ("Отделу кадров
(Панова С.Ю.) оформить ..."), or after an assignment verb ("Рекомендовать органам
... учитывать ..."). Ordered rules (RULES) pick the region of the item that names
addressees; `segments` cuts that region into addressees. Set PROTOKOL_DEBUG=addressees
(or call `explain`) to see which rule fired.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from extractor import trace
from extractor.language import morph
from extractor.language.lexicon import Tok, assignment_verbs, is_abbrev, is_infinitive, noun_cases, phrase_at, tokenize
from extractor.linking.addressees import regions, register
from extractor.linking.addressees.segments import Seg, opens_addressee, segments
from extractor.language import nominative as nom
from extractor.language.nominative import DEFAULT_CASES, surname_nominative
from extractor.persons import normalize_person

PersonNorm = Callable[[str], "str | None"]
_CO_CASES = ("ablt", "datv", "nomn")
_RESP_CASES = ("nomn", "datv", "ablt")
_BRACKET_PERSON_CASES = ("nomn", "datv", "ablt", "gent")


@dataclass(frozen=True)
class FoundAddressee:
    """One addressee of a decision item; text[start:end] == text."""

    start: int      # offsets into the text given
    end: int
    text: str       # as written
    norm: str       # head in the nominative
    role: str       # "lead" | "co" | "responsible"
    is_person: bool  # a named person (alone or after a position: "проректору ... Королёву А.Д.")


@dataclass(frozen=True)
class ItemTokens:
    text: str
    toks: tuple[Tok, ...]
    inf: int | None  # index of the first infinitive token


@dataclass(frozen=True)
class AddresseeRule:
    """A named step: returns the addressee segments, [] for "nobody", None to pass."""

    name: str
    why: str
    apply: Callable[[ItemTokens], "list[Seg] | None"]  # None: the rule does not apply


# --- rules ---------------------------------------------------------------------

def _note(item: ItemTokens) -> "list[Seg] | None":
    """"Информацию ... принять к сведению", "Принять информацию Бондарь О.А. к сведению"."""
    if item.inf is None:
        return None
    window = range(item.inf + 1, len(item.toks) if item.toks[item.inf].low == "принять" else item.inf + 2)
    return [] if any(phrase_at(item.toks, k, "note_markers.txt") for k in window) else None


def _assignment_verb(item: ItemTokens) -> "list[Seg] | None":
    if item.inf is None:
        return None
    verb = morph.lemma(item.toks[item.inf].text)
    entry = assignment_verbs().get(verb)
    if entry is None:
        return None
    prep, case = entry
    k = item.inf + 1
    if prep is not None:
        if k >= len(item.toks) or item.toks[k].low != prep:
            return None
        k += 1
    if k < len(item.toks) and not (item.toks[k].kind == "title" or opens_addressee(item.toks, k, case)):
        # "Рекомендовать к изданию монографию ...": the verb has no addressee here; "Главам ...
        # рекомендовать организовать ...": the addressee stands before it (dative_first)
        return [] if item.inf == _first_content(item.toks) else None
    end = _region_end(item.toks, k)
    return segments(item.toks, k, end, "lead", case)


def _co_first(item: ItemTokens) -> "list[Seg] | None":
    k = _first_content(item.toks)
    if k is None or not regions.opens_co(item.toks, k):
        return None
    end = item.inf if item.inf is not None else _region_end(item.toks, k + 2)
    return segments(item.toks, k, end, "lead", "ablt")


def _leading_infinitive(item: ItemTokens) -> "list[Seg] | None":
    first = _first_content(item.toks)
    if item.inf is None or item.inf != first:
        return None
    return regions.later_sentence(item.toks, lambda k: _opens_addressee(item.toks, k))


def _dative_first(item: ItemTokens) -> "list[Seg] | None":
    k = _first_content(item.toks)
    if k is None or not _opens_addressee(item.toks, k):
        return None
    end = item.inf if item.inf is not None else _region_end(item.toks, k)
    return segments(item.toks, k, regions.object_at(item.toks, k + 1, end), "lead", "datv")


def _object_first(item: ItemTokens) -> "list[Seg] | None":
    """ "Информацию об исполнении ... органам исполнительной власти ... направить":
    the dative chain right before the infinitive."""
    if item.inf is None:
        return []
    toks, f = item.toks, item.inf
    k = f - 1
    while k >= 0 and toks[k].kind == "word" and (is_abbrev(toks[k]) or (
            "PREP" not in {p.tag.POS for p in morph.parses(toks[k].text)}
            and morph.cases(toks[k].text) & {"gent", "datv"})):
        k -= 1
    chain = range(k + 1, f)
    head = next((h for h in chain if noun_cases(toks[h].text) == {"datv"}), None)
    if head is None:
        head = f - 1 if chain and is_abbrev(toks[f - 1]) else None
    if head is None:
        return []
    while head - 1 > k and "datv" in morph.cases(toks[head - 1].text) \
            and {"ADJF", "PRTF"} & {p.tag.POS for p in morph.parses(toks[head - 1].text)}:
        head -= 1
    return segments(toks, head, f, "lead", "datv")


RULES: tuple[AddresseeRule, ...] = (
    AddresseeRule("note", "принять к сведению: nobody must act", _note),
    AddresseeRule("assignment_verb", "Поручить/Рекомендовать/Просить X ...: X after the verb", _assignment_verb),
    AddresseeRule("co_first", "Совместно с X + infinitive (or ':'): X are co-executors", _co_first),
    AddresseeRule("leading_infinitive", "the item starts with an infinitive: nobody, unless a later sentence opens with dative + infinitive", _leading_infinitive),
    AddresseeRule("dative_first", "X (dative) + infinitive: X before the first infinitive", _dative_first),
    AddresseeRule("object_first", "object first, the dative right before the infinitive", _object_first),
)


# --- helpers -------------------------------------------------------------------

def _first_content(toks: tuple[Tok, ...]) -> int | None:
    """First token after any item numbering ("2.1.", "б)", "–")."""
    for k, t in enumerate(toks):
        if t.kind in ("punct", "dash", "num"):
            continue
        if t.kind == "word" and len(t.text) == 1 and k + 1 < len(toks) and toks[k + 1].text == ")":
            continue
        if t.kind == "word" and t.text.strip("IVX") == "" and k + 1 < len(toks) and toks[k + 1].text == ".":
            continue
        return k
    return None


def _first_infinitive(toks: tuple[Tok, ...]) -> int | None:
    return next((k for k, t in enumerate(toks)
                 if t.kind == "word" and not is_abbrev(t) and is_infinitive(t.text)), None)


def _region_end(toks: tuple[Tok, ...], k: int) -> int:
    """The next infinitive, ':' or the end of the sentence."""
    for j in range(k, len(toks)):
        t = toks[j]
        if t.kind == "word" and not is_abbrev(t) and is_infinitive(t.text):
            return j
        if t.text == ":" or (t.text == "." and (j + 1 == len(toks) or toks[j + 1].text[:1].isupper())):
            return j
    return len(toks)


def _opens_addressee(toks: tuple[Tok, ...], k: int) -> bool:
    return toks[k].kind == "title" or opens_addressee(toks, k, "datv")


def _to_addressee(text: str, toks: tuple[Tok, ...], seg: Seg, person_norm: PersonNorm | None,
                  cases: tuple[str, ...]) -> FoundAddressee:
    a, b = seg.start, seg.end
    phrase = text[a:b]
    if seg.kind == "surname":
        norm, is_person = surname_nominative(phrase, cases + ("nomn",)), True
    elif seg.kind == "person":
        pc = _BRACKET_PERSON_CASES if seg.in_bracket else cases + ("nomn",)
        norm, is_person = nom.norm_person(phrase, person_norm, pc, normalize_person), True
    else:
        norm = nominative(phrase, cases, person_norm)
        is_person = seg.ends_with_person
    return FoundAddressee(a, b, phrase, norm, seg.role, is_person)


def _cases_for(role: str, lead_case: str) -> tuple[str, ...]:
    if role == "co":
        return _CO_CASES
    if role == "responsible":
        return _RESP_CASES
    return (lead_case,) + tuple(c for c in DEFAULT_CASES if c != lead_case)


def _run(text: str) -> tuple[str, list[Seg], str]:
    toks = tokenize(text)
    item = ItemTokens(text, toks, _first_infinitive(toks))
    for rule in RULES:
        segs = rule.apply(item)
        if segs is not None:
            case = "datv"
            if rule.name == "assignment_verb":
                case = assignment_verbs()[morph.lemma(toks[item.inf].text)][1]
            if segs and all(sg.role == "lead" for sg in segs):  # "… проводить совместно с X рейды"
                segs = segs + regions.co_after_verb(toks, segs[-1].end, _region_end)
            return rule.name, segs, case
    return "none", [], "datv"


# --- public API ----------------------------------------------------------------

def nominative(phrase: str, cases: tuple[str, ...] | None = None, person_norm: PersonNorm | None = None) -> str:
    """`language.nominative` with the persons stage's normalizer for names out of context."""
    return nom.nominative(phrase, cases, person_norm, normalize_person)


def find_addressees(text: str, person_norm: PersonNorm | None = None) -> list[FoundAddressee]:
    """Addressees named in a decision item (or in an item that only introduces sub-items,
    ending with ':'), in document order; [] when the item names nobody."""
    rule, segs, case = _run(text)
    toks = tokenize(text)
    out = [_to_addressee(text, toks, s, person_norm, _cases_for(s.role, case)) for s in segs]
    trace("addressees", lambda: f"{rule}: {[a.text for a in out]}")
    return out


def responsible_addressees(text: str, person_norm: PersonNorm | None = None,
                           role: str = "responsible") -> list[FoundAddressee]:
    """Addressees in an "Ответственный(е): ..." line's content or a table's Ответственный
    cell (already nominative); after "совместно с" the role is "co"."""
    toks = tokenize(text)
    if not any(t.kind in ("word", "initials", "quote") for t in toks):
        return []
    segs = segments(toks, 0, len(toks), role, "nomn", stops=False)
    return [_to_addressee(text, toks, s, person_norm, _cases_for(s.role, "nomn")) for s in segs]


def explain(text: str) -> str:
    """Which rule fired and the addressees it found (for debugging)."""
    rule, segs, case = _run(text)
    toks = tokenize(text)
    why = next((r.why for r in RULES if r.name == rule), "")
    rows = [f"rule {rule} ({why}); case {case}"]
    for s in segs:
        a = _to_addressee(text, toks, s, None, _cases_for(s.role, case))
        rows.append(f"  {a.role:<11} {s.kind:<8} {a.text!r} -> {a.norm!r}")
    for p in register.parts(text):  # "Исп.: ..." / "(ответственные: ...; срок: ...)"
        found = responsible_addressees(text[p.start:p.end], None, p.role)
        rows.append(f"part {p.rule} ({register.WHY[p.rule]}): {text[p.start:p.end]!r}")
        rows += [f"  {a.role:<11} {a.text!r} -> {a.norm!r}" for a in found]
    return "\n".join(rows)


__all__ = ["FoundAddressee", "RULES", "explain", "find_addressees", "nominative", "responsible_addressees"]
