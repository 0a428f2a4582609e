"""Where addressees stand besides the dative before the infinitive: co-executors after
"совместно с" (opening an item, "Совместно с X:", or after the action verb, "проводить совместно с
X рейды") and where a dative addressee ends when the infinitive's object comes before the verb
("Руководителям подразделений информацию … направлять")."""
from __future__ import annotations

from typing import Callable

from extractor.language import morph
from extractor.language.lexicon import Tok, is_abbrev, is_infinitive
from extractor.language.nominative import nominal_parses
from extractor.linking.addressees.segments import Seg, segments


def opens_co(toks: tuple[Tok, ...], k: int) -> bool:
    """Does "совместно с/со" start at token k?"""
    return toks[k].low == "совместно" and k + 1 < len(toks) and toks[k + 1].low in ("с", "со")


def object_at(toks: tuple[Tok, ...], k: int, end: int) -> int:
    """Where the object of the infinitive starts when it stands before it: the first noun (or its
    adjective) that can only be nominative or accusative and that no preposition or participle governs ("за работу",
    "осуществляющим управление" stay); `end` when there is none or a comma comes first."""
    governed = False
    for m in range(k, end):
        t = toks[m]
        if t.text == ",":
            return end  # a clause or a list: segments decide
        if t.kind != "word" or is_abbrev(t) or t.text[:1].isupper():
            governed = False
            continue
        ps = nominal_parses(t.text)
        if not ps:
            governed = any(p.tag.POS == "PREP" for p in morph.parses(t.text)[:1])
            continue
        pos = {p.tag.POS for p in ps}
        named = m + 1 < end and (toks[m + 1].kind == "quote" or toks[m + 1].text[:1].isupper())
        if not governed and not named and pos <= {"NOUN", "ADJF"} and all(p.tag.case in ("nomn", "accs") for p in ps):
            return m  # ("округа город Выкса", "учреждению центр «Семья»" name the addressee)
        governed = bool(pos & {"PRTF", "GRND", "VERB"}) or governed and bool(pos & {"ADJF", "NUMR"})
    return end


def co_after_verb(toks: tuple[Tok, ...], after: int, region_end: Callable[[tuple[Tok, ...], int], int]) -> list[Seg]:
    """Co-executors named after the action verb that follows the lead addressees (which end at
    character offset `after`): "… (Зотов И.Г.) проводить совместно с пожарной частью № 28 рейды"."""
    f = next((m for m, t in enumerate(toks) if t.start >= after and t.kind == "word"
              and not is_abbrev(t) and is_infinitive(t.text)), None)
    if f is None:
        return []
    end = region_end(toks, f + 1)
    for c in range(f + 1, end):
        if toks[c].kind == "bracket":
            continue
        if opens_co(toks, c):
            return segments(toks, c + 2, object_at(toks, c + 2, end), "co", "ablt")
    return []


def later_sentence(toks: tuple[Tok, ...], opens: Callable[[int], bool]) -> list[Seg]:
    """An item that starts with an infinitive may name its executor in a later sentence of its own:
    "Провести ремонт дороги. Правлению ТСН (Лаптев Г.А.) заключить договор подряда ..." (one
    proposal of an owners' meeting); [] when no later sentence opens with a dative + infinitive."""
    for b in range(1, len(toks) - 1):
        s = b + 1
        if toks[b].text != "." or toks[b].kind != "punct" or not toks[s].text[:1].isupper() or not opens(s):
            continue
        f = next((m for m in range(s + 1, len(toks)) if toks[m].text == "." or (
            toks[m].kind == "word" and not is_abbrev(toks[m]) and is_infinitive(toks[m].text))), None)
        if f is not None and toks[f].text != ".":
            return segments(toks, s, object_at(toks, s + 1, f), "lead", "datv")
    return []


__all__ = ["co_after_verb", "later_sentence", "object_at", "opens_co"]
