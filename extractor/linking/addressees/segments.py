"""Cut the addressee region of an item into addressees.

Separators: a comma before a new dative phrase ("Членам комиссии, органам ..."),
"а также", "и" before a phrase with its own tail ("Членам товарищества и
правообладателям ..."), "совместно с" (the rest is `co`, instrumental), and a
bracket of persons ("(Лебедева О.Н.)", same role). A comma before a genitive
continues the phrase ("Курганской, Псковской областей"); a short participle or
"в которых" clause is kept, a long one is left out (as the annotators did).
"""
from __future__ import annotations

from dataclasses import dataclass

from extractor.language import morph
from extractor.language.lexicon import Tok, is_abbrev, is_adverb_only, phrase_at, words
from extractor.language.nominative import _PERSON_FULL, nominal_parses, _PERSON_TAIL, _substantive, head_group

MAX_CLAUSE_WORDS = 8  # "осуществляющим полномочия в сфере содействия занятости населения" is 7


@dataclass
class Seg:
    start: int          # character offsets
    end: int
    role: str
    kind: str = "phrase"  # phrase | person | surname
    in_bracket: bool = False
    ends_with_person: bool = False


def _noun_cases_ahead(toks: tuple[Tok, ...], k: int, j: int) -> frozenset[str] | None:
    """Cases of the first noun among the next few words (None: a preposition or nothing)."""
    for m in range(k, min(k + 8, j)):
        t = toks[m]
        if t.text == "," or t.low == "и":  # "Андреапольского, Бельского и Оленинского округов"
            continue
        if t.kind != "word" or is_abbrev(t):
            return None
        ps = nominal_parses(t.text)
        if not ps:
            return None
        cs = frozenset(p.tag.case for p in ps if p.tag.POS == "NOUN" and p.tag.case)
        if cs:
            return cs
    return None


def _gen_continuation(toks: tuple[Tok, ...], prev: int, k: int, j: int, case: str) -> bool:
    """", Псковской областей", ", Чукотского автономного округа": the next noun is genitive and
    either cannot be in the addressee's case or follows a genitive word."""
    if prev < 0 or toks[prev].kind != "word":
        return False
    cs = _noun_cases_ahead(toks, k, j)
    if not cs or "gent" not in cs:
        return False
    return case not in cs or "gent" in morph.cases(toks[prev].text)


def _person_at(toks: tuple[Tok, ...], k: int) -> int | None:
    """Index of the surname token when a person mention starts at k."""
    if k + 1 < len(toks) and toks[k].kind == "word" and toks[k].text[:1].isupper() \
            and toks[k + 1].kind == "initials":
        return k
    if k + 1 < len(toks) and toks[k].kind == "initials" and toks[k + 1].kind == "word" \
            and toks[k + 1].text[:1].isupper():
        return k + 1
    return None


def opens_addressee(toks: tuple[Tok, ...], k: int, case: str, titles: bool = False) -> bool:
    """Can a new addressee in `case` start at token k?"""
    if k >= len(toks):
        return False
    t = toks[k]
    if titles and t.kind == "word" and t.text[:1].isupper():
        return True
    s = _person_at(toks, k)
    if s is not None:
        sn = toks[s].text
        return case in morph.cases(sn) or not morph.is_known(sn) or case == "nomn"
    if is_abbrev(t):
        return True
    if t.kind != "word":
        return False
    return head_group(toks, k, case, noun_head=not _substantive(t.text)) is not None


def _clause_at(toks: tuple[Tok, ...], k: int, case: str) -> str | None:
    """'relative' | 'participle' (with the case it agrees in: '+' / '-') | None."""
    if phrase_at(toks, k, "relative_openers.txt"):
        return "relative"
    if toks[k].low == "не":
        k += 1
    if k >= len(toks) or toks[k].kind != "word":
        return None
    ps = morph.parses(toks[k].text)
    if any(p.tag.POS == "NOUN" for p in ps):
        return None
    if any(p.tag.POS in ("PRTF", "ADJF") and p.tag.case == case for p in ps):
        return None if head_group(toks, k, case) else "participle+"
    if any(p.tag.POS == "PRTF" for p in ps):
        return "participle-"
    return None


def _clause_end(toks: tuple[Tok, ...], k: int, j: int) -> int:
    for m in range(k, j):
        if toks[m].text in ",;" or (toks[m].low == "совместно" and m + 1 < j and toks[m + 1].low in ("с", "со")):
            return m
    return j


def _dropped(tok: Tok) -> bool:
    inner = tok.text[1:-1].strip().lower()
    return any(inner.startswith(w) for w in words("dropped_brackets.txt"))


def _bracket_persons(tok: Tok) -> list[tuple[int, int]] | None:
    """Character spans of the persons listed in a bracket, or None if it is not a list of persons."""
    inner_start = tok.start + 1
    spans, pos = [], 0
    inner = tok.text[1:-1]
    for piece in inner.split(","):
        m = _PERSON_FULL.fullmatch(piece)
        if not m or not piece.strip():
            return None
        lead = len(piece) - len(piece.lstrip())
        spans.append((inner_start + pos + lead, inner_start + pos + len(piece.rstrip())))
        pos += len(piece) + 1
    return spans


def _own_tail(toks: tuple[Tok, ...], a: int, k: int, j: int, case: str) -> bool:
    """"управляющим организациям и товариществам собственников жилья": the conjunct after "и" has a
    genitive tail of its own, so a modified head before it ("управляющим организациям") is a separate
    addressee (a bare head keeps sharing the tail: "органам и учреждениям культуры"; after a
    preposition the "и" joins its objects: "группе по спорам и иным вопросам выборов")."""
    if any(morph.parses(toks[m].text)[:1] and morph.parses(toks[m].text)[0].tag.POS == "PREP" for m in range(a, k)):
        return False
    m = k
    while m < j and toks[m].kind == "word" and "ADJF" in {p.tag.POS for p in morph.parses(toks[m].text)}:
        m += 1
    return m + 1 < j and toks[m].kind == "word" and toks[m + 1].kind == "word" \
        and "gent" in morph.cases(toks[m + 1].text) and case not in morph.cases(toks[m + 1].text)


def _repeats_head(toks: tuple[Tok, ...], head: int, k: int, j: int) -> bool:
    """"работодателями и объединениями работодателей": the second conjunct's tail names the first."""
    lem = morph.lemma(toks[head].text)
    end = _clause_end(toks, k, j)
    return any(toks[m].kind == "word" and morph.lemma(toks[m].text) == lem for m in range(k, end))


def segments(toks: tuple[Tok, ...], i: int, j: int, role: str, case: str, stops: bool = True) -> list[Seg]:
    """Addressees found in toks[i:j]; `case` is the case the lead addressees are written in."""
    out: list[Seg] = []
    cur: list[int] | None = None  # [first token, last token + 1]
    frozen = False  # after a dropped clause nothing continues until a new addressee opens
    titles = i < j and toks[i].kind == "title"
    k = i + 1 if titles else i

    def close() -> None:
        nonlocal cur
        if cur is not None:
            a, b = cur
            while b > a and toks[b - 1].kind in ("punct", "dash"):
                b -= 1
            if b > a:
                out.append(_make_seg(toks, a, b, role, titles))
        cur = None

    while k < j:
        t = toks[k]
        if t.low == "совместно" and k + 1 < j and toks[k + 1].low in ("с", "со"):
            close()
            role, case, frozen, k = "co", "ablt", False, k + 2
            continue
        if t.text in ",;" or (t.low == "а" and k + 1 < j and toks[k + 1].low == "также"):
            nk = k + 1
            while nk < j and (toks[nk].low in ("а", "также")):
                nk += 1
            if nk >= j:
                break
            if cur is not None and not frozen and not titles and _person_at(toks, nk) is None \
                    and _gen_continuation(toks, k - 1, nk, j, case):
                cur[1] = nk
                k = nk
                continue
            clause = _clause_at(toks, nk, case)
            if clause:
                e = _clause_end(toks, nk, j)
                n_words = sum(1 for m in range(nk, e) if toks[m].kind == "word")
                if cur is not None and not frozen and clause != "participle-" and n_words <= MAX_CLAUSE_WORDS:
                    stop = next((m for m in range(nk, e) if toks[m].kind == "bracket" and _dropped(toks[m])), e)
                    cur[1] = stop
                    if stop < e:
                        close()
                        frozen = True
                else:
                    close()
                    frozen = True
                k = e
                continue
            close()
            frozen = not opens_addressee(toks, nk, case, titles)
            k = nk
            continue
        if t.low == "и" and cur is not None and not frozen and opens_addressee(toks, k + 1, case, titles) \
                and not _gen_continuation(toks, k - 1, k + 1, j, case):
            bare = cur[1] - cur[0] == 1 or all(
                toks[m].kind == "word" and case in morph.cases(toks[m].text) for m in range(cur[0], cur[1])) \
                and not _own_tail(toks, cur[0], k + 1, j, case)
            if not bare or _repeats_head(toks, cur[1] - 1, k + 1, j) or _person_at(toks, k + 1) is not None:
                close()
                k += 1
                continue
        if t.kind == "bracket":
            persons = _bracket_persons(t)
            if _dropped(t) or persons:
                close()
                frozen = True
                out.extend(Seg(a, b, role, "person", in_bracket=True) for a, b in persons or ())
                k += 1
                continue
        if t.text in (":", ".") and t.kind == "punct":
            break
        if stops and t.kind == "word" and cur is not None and (
                phrase_at(toks, k, "addressee_stops.txt") or is_adverb_only(t.text)):
            break
        if not frozen:
            if cur is None:
                cur = [k, k + 1]
            else:
                cur[1] = k + 1
        k += 1
    close()
    return out


def _make_seg(toks: tuple[Tok, ...], a: int, b: int, role: str, titles: bool) -> Seg:
    start, end = toks[a].start, toks[b - 1].end
    text = "".join(t.text if n == 0 else " " + t.text for n, t in enumerate(toks[a:b]))
    if _PERSON_FULL.fullmatch(text):
        return Seg(start, end, role, "person")
    if titles and b - a == 1 and toks[a].kind == "word":
        return Seg(start, end, role, "surname")
    return Seg(start, end, role, ends_with_person=bool(_PERSON_TAIL.search(text)))


__all__ = ["Seg", "segments", "opens_addressee"]
