"""Person mentions in protocol text and their normalization to «Фамилия И.О.» (nominative).

Finding lives in person_finder, surname morphology in person_names; here gender, and so the
nominative, is decided once per person from all mentions of a document (PersonIndex).
"""
from __future__ import annotations

from typing import Iterable

from extractor.persons.finder import CAP_WORD, PersonMention, find_person_mentions
from extractor.language.names import (
    AMBIGUOUS, GEN_ACC, NOM, NO_GENDER, STRONG_F, STRONG_M, WEAK_F, WEAK_M, Reading, fold,
    is_first_name, name_gender, surname_plausibility, surname_readings,
)

__all__ = ["PersonIndex", "PersonMention", "find_person_mentions", "normalize_person"]


class PersonIndex:
    """All mentions of one document; decides each person's nominative surname and gender once."""

    def __init__(self, mentions: Iterable[PersonMention]) -> None:
        self._mentions = list(mentions)
        self._groups = _group(self._mentions)
        self._norms: dict[int, str] = {}
        extra: dict[int, str] = {}
        resolved: dict[int, tuple[str, Reading]] = {}
        for members in self._groups.values():
            _, gender, readings = _resolve(self._mentions, members, extra)
            resolved.update({i: (gender, r) for i, r in readings.items()})
        extra.update(_coordination_evidence(self._mentions, resolved))
        self._genders: dict[int, str] = {}
        for members in self._groups.values():
            norm, gender, _ = _resolve(self._mentions, members, extra)
            for i in members:
                self._norms[i] = norm
                self._genders[i] = gender
        self._position: dict[PersonMention, int] = {}
        for i, m in enumerate(self._mentions):
            self._position.setdefault(m, i)

    def norm(self, mention: PersonMention) -> str:
        """«Фамилия И.О.» of a mention given to the index (or of a lone lookalike)."""
        i = self._position.get(mention)
        if i is not None:
            return self._norms[i]
        return PersonIndex([mention]).norm(mention)

    def gender(self, mention: PersonMention) -> str | None:
        """"male" or "female" as the surname's form and its context decided it, None if undecided."""
        i = self._position.get(mention)
        decided = self._genders[i] if i is not None else ""
        return {STRONG_M: "male", STRONG_F: "female"}.get(decided)

    def persons(self) -> list[str]:
        """Distinct norms in order of first mention."""
        seen: dict[str, None] = {}
        for i in sorted(range(len(self._mentions)), key=lambda i: self._mentions[i].start):
            seen.setdefault(self._norms[i], None)
        return list(seen)


def mention_readings(mention: PersonMention) -> tuple[Reading, ...]:
    """Readings of a mention's surname (hyphenated parts agree), with first-name gender applied."""
    parts = mention.surname.split("-")
    readings = surname_readings(parts[-1].lower())
    if len(parts) == 2:
        first = surname_readings(parts[0].lower())
        joined = []
        for r in readings:
            f = next((x for x in first if x.evidence in (r.evidence, NO_GENDER) or r.evidence == NO_GENDER),
                     first[0])
            joined.append(Reading(f"{f.masc}-{r.masc}", f"{f.fem}-{r.fem}", r.evidence or f.evidence,
                                  r.case, r.prio + f.prio))
        readings = tuple(joined)
    gender = _given_name_gender(mention)
    if gender:
        readings = tuple(Reading(r.masc, r.fem, gender, r.case, r.prio) for r in readings)
    return readings


def _given_name_gender(mention: PersonMention) -> str:
    """M/F from a written first name or patronymic ("Ирина Геннадьевна"), else ""."""
    for w in CAP_WORD.findall(mention.text):
        if w != mention.surname and len(w) > 1:
            g = name_gender(w)
            if g:
                return STRONG_M if g == "masc" else STRONG_F
    return NO_GENDER


def _group(mentions: list[PersonMention]) -> dict[int, list[int]]:
    """Mentions of one person: same initials (or fewer) and a shared surname lexeme."""
    groups: dict[int, list[int]] = {}
    keys: dict[int, set[str]] = {}
    initials: dict[int, str] = {}
    order = sorted(range(len(mentions)), key=lambda i: (-len(mentions[i].initials), mentions[i].start))
    for i in order:
        m = mentions[i]
        mine = {r.key for r in mention_readings(m)}
        ini = fold(m.initials)
        fits = [g for g in groups if keys[g] & mine and
                (initials[g] == ini if len(ini) >= 4 else initials[g].startswith(ini))]
        if len(ini) >= 4 and fits or len(fits) == 1:
            g = fits[0]
        elif fits and any(initials[g] == ini for g in fits):
            g = next(g for g in fits if initials[g] == ini)
        else:
            g, initials[i], keys[i] = i, ini, set()
            groups[g] = []
        groups[g].append(i)
        keys[g] |= mine
    return groups


def _resolve(mentions: list[PersonMention], members: list[int],
             extra: dict[int, str]) -> tuple[str, str, dict[int, Reading]]:
    """The group's norm, gender ("M"/"F"/"") and each mention's chosen reading."""
    support: dict[str, list[tuple[int, Reading]]] = {}
    for i in members:
        best: dict[str, Reading] = {}
        for r in _readings_in_context(mentions[i]):
            if r.key not in best or r.prio < best[r.key].prio:
                best[r.key] = r
        for key, r in best.items():
            support.setdefault(key, []).append((i, r))
    key = min(support, key=lambda k: (-len(support[k]), sum(r.prio for _, r in support[k]),
                                      min(mentions[i].start for i, _ in support[k])))
    chosen = support[key]
    gender = _decide_gender([_evidence(r, mentions[i].hint.split(), extra.get(i)) for i, r in chosen])
    spelled = [r for _, r in chosen if "ё" in r.masc] or [r for _, r in chosen]
    surname = spelled[0].fem if gender == STRONG_F else spelled[0].masc
    ini = max((mentions[i].initials for i in members), key=len)
    surname = "-".join(p[:1].upper() + p[1:] for p in surname.split("-"))
    return (f"{surname} {ini}" if ini else surname), gender, dict(chosen)


def _readings_in_context(mention: PersonMention) -> tuple[Reading, ...]:
    """Readings agreeing with the case the context shows, when any do."""
    readings = mention_readings(mention)
    hints = mention.hint.split()
    wanted = {NOM, AMBIGUOUS} if "nom" in hints else {GEN_ACC, AMBIGUOUS} if "ga" in hints else None
    if wanted:
        fitting = tuple(r for r in readings if r.case in wanted)
        return fitting or readings
    return readings


def _evidence(r: Reading, hints: list[str], extra: str | None) -> str:
    """A verb's or pronoun's gender decides; a case hint settles the ambiguous "-ова"/"-ову"."""
    for g in (STRONG_M, STRONG_F):
        if g in hints:
            return g
    if extra and r.evidence in (WEAK_F, WEAK_M):
        return extra
    if r.evidence == WEAK_F and r.case == AMBIGUOUS:
        if "ga" in hints:
            return STRONG_M  # "информацию Соколова А.С." is a man's genitive
        if "nom" in hints:
            return STRONG_F  # "Соколова А.С. – директор" is a woman
    return r.evidence


def _decide_gender(evidence: list[str]) -> str:
    """Strong endings decide; then "-ова" (a woman) beats a lone "-ову" (a man's dative)."""
    strong_m, strong_f = evidence.count(STRONG_M), evidence.count(STRONG_F)
    if strong_m or strong_f:
        return STRONG_M if strong_m > strong_f else STRONG_F
    # A man would show his nominative "-ов" somewhere; "-ова" beside "-ову" is a woman
    # in the nominative and the accusative ("СЛУШАЛИ: Ракитину Н.Г.").
    if WEAK_F in evidence:
        return STRONG_F
    if WEAK_M in evidence:
        return STRONG_M
    return NO_GENDER


def _coordination_evidence(mentions: list[PersonMention],
                           resolved: dict[int, tuple[str, Reading]]) -> dict[int, str]:
    """In "Андреева, Ягоды и Фушмана" one unambiguous genitive makes every "-ова" a man."""
    chains: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.chain >= 0:
            chains.setdefault(m.chain, []).append(i)
    out: dict[int, str] = {}
    for members in chains.values():
        if len(members) < 2:
            continue
        genitive = False
        for i in members:
            gender, r = resolved[i]
            if r.case == GEN_ACC and r.evidence not in (WEAK_F, WEAK_M) or (r.case == AMBIGUOUS and gender == STRONG_M):
                genitive = True
        kinds = {resolved[i][1].evidence for i in members}
        if WEAK_F in kinds and WEAK_M in kinds:
            # "избрать Филатова А.Р. и Чистякову Г.В.": only the accusative fits both endings
            out.update({i: STRONG_M if resolved[i][1].evidence == WEAK_F else STRONG_F for i in members})
        elif genitive:
            out.update({i: STRONG_M for i in members})
    return out


def normalize_person(text: str) -> str | None:
    """The norm of a single mention string on its own (no document context), or None."""
    stripped = text.strip().strip(".,;:()«»\"")
    mentions = find_person_mentions(text)
    if len(mentions) == 1 and len(mentions[0].text) >= len(stripped) - 1:
        return PersonIndex(mentions).norm(mentions[0])
    if not mentions and CAP_WORD.fullmatch(stripped) and surname_plausibility(stripped) >= 2 \
            and not is_first_name(stripped):
        m = PersonMention(0, len(stripped), stripped, stripped, "")
        return PersonIndex([m]).norm(m)
    return None
