"""Morphology of Russian personal names: which nominative surname a written form can come from.

A written surname form is ambiguous on its own ("Соколова" is a woman in the nominative or a
man in the genitive), so each form yields *readings*: candidate (masculine, feminine) nominatives
with the gender evidence that form carries. persons.PersonIndex pools the readings of every
mention of one person in a document and picks one.

Surname paradigms are mostly regular, so they are handled by ending rules; pymorphy3 is asked
only about first names / patronymics and about fleeting vowels ("Кравцу" → "Кравец").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.language.morph import is_known, parses

# Gender evidence of one form: strong M/F decide; weak m ("-ову": dative man or accusative woman)
# and f ("-ова": nominative woman or genitive man) only break ties.
STRONG_M, STRONG_F, WEAK_M, WEAK_F, NO_GENDER = "M", "F", "m", "f", ""

# Case of the form as far as the ending tells: "ga" = genitive/accusative (a coordinated
# "-ова" neighbour must then be a man), "amb" = nominative or genitive.
NOM, GEN_ACC, OBLIQUE, AMBIGUOUS = "nom", "ga", "obl", "amb"


@dataclass(frozen=True)
class Reading:
    """One hypothesis about a written surname form (all lower-case)."""

    masc: str
    fem: str
    evidence: str
    case: str
    prio: int = 0  # lower is more likely when nothing else in the document decides

    @property
    def key(self) -> str:
        """Lexeme identity for linking mentions: ё-folded masculine nominative."""
        return fold(self.masc)


def fold(word: str) -> str:
    """Lower-case with ё→е, the spelling-insensitive identity of a name."""
    return word.lower().replace("ё", "е")


_VOWELS = set("аеёиоуыэюя")

# "-ов/-ев/-ин" possessive surnames: ending → (evidence, case).
_POSSESSIVE = re.compile(r"^(.+?(?:ов|ев|ёв|ин|ын))(|а|у|ым|е|ой|ою)$")
_POSSESSIVE_ENDINGS = {
    "": (STRONG_M, NOM),
    "а": (WEAK_F, AMBIGUOUS),
    "у": (WEAK_M, OBLIQUE),
    "ым": (STRONG_M, OBLIQUE),
    "е": (STRONG_M, OBLIQUE),
    "ой": (STRONG_F, OBLIQUE),
    "ою": (STRONG_F, OBLIQUE),
}

# "-ский/-цкий/-ской" adjectival surnames.
_SKIY = re.compile(r"^(.+[сц]к)(ий|ой|ая|ого|ому|им|ом|ую|ою)$")
# Other adjectival surnames ("Толстой", "Белый", "Рыжий") only in clearly adjectival oblique forms.
_ADJ_OBLIQUE = re.compile(r"^(.{3,}?)(ого|его|ому|ему)$")
_ADJ_FEM = re.compile(r"^(.{3,}?)(ая|яя|ую|юю)$")

# Endings that never decline: Шевченко, Дурново, Черных, Горгиашвили, Енукидзе.
_INDECLINABLE = re.compile(r"(?:о|их|ых|и|э|ё|швили|дзе|ия|уа|иа)$")

# A consonant-final stem with these endings is surely a declined man's surname (Мкртчяна,
# Гуревичу, Шевчука), not an "-а" nominative like Заика or Щербина.
_FOREIGN_STEM = re.compile(r"(?:ян|ич|ук|юк|чик|ман|ер|берг|штейн|ц|рт|дт|ст|нт|ль|рь|нь|ай|ей|ой|ий)$")

_OBLIQUE_CONSONANT = re.compile(r"^(.{2,}?)(а|я|у|ю|ом|ем|ём|е|ы)$")


@lru_cache(maxsize=65536)
def surname_readings(word: str) -> tuple[Reading, ...]:
    """Every reading of one written surname form (a single word, no hyphen), best first."""
    w = word.lower()
    out: list[Reading] = []
    m = _POSSESSIVE.match(w)
    if m and len(m.group(1)) >= 4:
        stem, ending = m.groups()
        evidence, case = _POSSESSIVE_ENDINGS[ending]
        out.append(Reading(stem, stem + "а", evidence, case))
        if ending == "ой":
            # Горовой, Лановой: a man's adjectival surname in the nominative (rare, so last)
            out.append(Reading(w, stem + "ая", STRONG_M, NOM, prio=2))
        if ending == "у":
            # "Соколову" is also a woman in the accusative ("избрать Соколову").
            out.append(Reading(stem, stem + "а", WEAK_F, GEN_ACC, prio=2))
        return tuple(out)
    m = _SKIY.match(w)
    if m:
        return tuple(_skiy_readings(*m.groups()))
    m = _ADJ_FEM.match(w)
    if m:
        stem, ending = m.groups()
        masc = stem + ("ий" if stem[-1] in "гкхжшчщ" or ending in ("яя", "юю") else "ый")
        fem = stem + ("яя" if ending in ("яя", "юю") else "ая")
        return (Reading(masc, fem, STRONG_F, NOM if ending in ("ая", "яя") else GEN_ACC),)
    m = _ADJ_OBLIQUE.match(w)
    if m and not w.endswith("ово"):
        masc = _adjective_lemma(w) or m.group(1) + ("ий" if m.group(1)[-1] in "гкхжшчщ" else "ый")
        out.append(Reading(masc, masc[:-2] + "ая", STRONG_M, GEN_ACC if m.group(2) in ("ого", "его") else OBLIQUE))
    if (_INDECLINABLE.search(w) and not _declined_consonant_stem(w)) or _known_indeclinable(w):
        out.append(Reading(w, w, NO_GENDER, NOM, prio=1 if out else 0))
        return tuple(out)
    if len(w) > 5 and w[-2:] in ("ом", "ем", "ём"):
        # a man's instrumental: Бондарем, Ткачом; the word as written stays a weaker reading
        out.extend(_oblique_consonant_readings(w))
        out.append(Reading(w, w, NO_GENDER, NOM, prio=1))
        return tuple(sorted(out, key=lambda r: r.prio))
    if w[-1] not in _VOWELS:
        # Бондарь, Ткач, Мкртчян: a man or an (indeclinable) woman in any case.
        out.append(Reading(w, w, NO_GENDER, NOM))
        return tuple(out)
    out.extend(_oblique_consonant_readings(w))
    if not any(r.masc == w for r in out):
        out.append(Reading(w, w, NO_GENDER, NOM, prio=1))
    return tuple(sorted(out, key=lambda r: r.prio))


def _skiy_readings(stem: str, ending: str) -> list[Reading]:
    """-ский / -ской: "Ланской" is a man, "Тверской" may be a woman in an oblique case."""
    skiy, skoy, fem = stem + "ий", stem + "ой", stem + "ая"
    if ending == "ий":
        return [Reading(skiy, fem, STRONG_M, NOM)]
    if ending == "ой":
        return [Reading(skoy, fem, STRONG_M, NOM), Reading(skiy, fem, STRONG_F, OBLIQUE, prio=1)]
    if ending in ("ая", "ую", "ою"):
        case = NOM if ending == "ая" else GEN_ACC if ending == "ую" else OBLIQUE
        return [Reading(skiy, fem, STRONG_F, case), Reading(skoy, fem, STRONG_F, case, prio=1)]
    case = GEN_ACC if ending == "ого" else OBLIQUE
    return [Reading(skiy, fem, STRONG_M, case), Reading(skoy, fem, STRONG_M, case, prio=1)]


def _declined_consonant_stem(w: str) -> bool:
    """True for "Мкртчяну", "Гуревичем": an indeclinable-looking ending on a foreign stem."""
    m = _OBLIQUE_CONSONANT.match(w)
    return bool(m) and m.group(2) != "ы" and _FOREIGN_STEM.search(m.group(1)) is not None


def _oblique_consonant_readings(w: str) -> list[Reading]:
    """A man's consonant-stem surname in an oblique case: Бондаря, Ткачу, Фушмана, Ягоды."""
    m = _OBLIQUE_CONSONANT.match(w)
    if not m:
        return []
    stem, ending = m.groups()
    if ending == "ы":
        # a-declension genitive (Ягоды ← Ягода), same for both genders.
        return [Reading(stem + "а", stem + "а", NO_GENDER, GEN_ACC)]
    case = GEN_ACC if ending in ("а", "я") else OBLIQUE
    out: list[Reading] = []
    lemma = _noun_lemma(w)
    if lemma:
        # the dictionary restores fleeting vowels the rules cannot: Кравцу → Кравец, Орла → Орёл
        out.append(Reading(lemma, lemma, STRONG_M, case))
    prio = 0 if _FOREIGN_STEM.search(stem) or ending not in ("а", "е") else 2
    prio += 1 if lemma else 0
    candidates: list[str] = []
    if stem[-1] in _VOWELS:
        if ending in ("я", "ю", "ем", "ём", "е"):
            candidates.append(stem + "й")
    elif ending in ("я", "ю", "ем", "ём", "е") and stem[-1] not in "жшчщц":
        candidates.append(stem[:-1] + "ей" if stem.endswith("ь") else stem + "ь")  # Соловья → Соловей
    if len(stem) > 3 and stem[-1] == "ц" and stem[-2] not in _VOWELS:
        candidates.append(stem[:-1] + "ец")  # Кравца → Кравец; Швеца keeps it, caught below
    if stem[-1] not in _VOWELS and stem[-1] != "ь" and ending in ("а", "у", "ом", "е", "ем"):
        candidates.append(stem)
    for i, masc in enumerate(candidates):
        if masc != lemma:
            out.append(Reading(masc, masc, STRONG_M, case, prio + i))
    return out


@lru_cache(maxsize=65536)
def _known_indeclinable(w: str) -> bool:
    """A surname the dictionary itself lists as indeclinable (Шойгу)."""
    return is_known(w) and any("Surn" in p.tag and "Fixd" in p.tag for p in parses(w))


@lru_cache(maxsize=65536)
def _noun_lemma(w: str) -> str | None:
    """A masculine consonant-final noun lemma pymorphy3 gives an oblique form, if any."""
    for p in parses(w):
        nf = p.normal_form
        if (p.tag.POS == "NOUN" and p.tag.case not in (None, "nomn") and p.tag.number != "plur"
                and nf[-1] not in _VOWELS and nf[:2] == w[:2] and nf != w):
            return nf
    return None


@lru_cache(maxsize=65536)
def _adjective_lemma(w: str) -> str | None:
    """The surname lemma pymorphy3 knows for an adjectival oblique form (Толстого → толстой)."""
    for p in parses(w):
        if "Surn" in p.tag and p.tag.gender == "masc":
            return p.normal_form
    return None


@lru_cache(maxsize=65536)
def name_gender(word: str) -> str | None:
    """'masc'/'femn' when the word is a known first name or patronymic, else None."""
    for p in parses(word):
        if ("Name" in p.tag or "Patr" in p.tag) and p.tag.gender in ("masc", "femn"):
            return p.tag.gender
    return None


@lru_cache(maxsize=65536)
def is_first_name(word: str, strict: bool = False) -> bool:
    """A known first name; `strict` also asks that the name reading be likely (not "Надежда")."""
    if not is_known(word):
        return False
    for p in parses(word):
        if "Name" in p.tag and "Abbr" not in p.tag and "Fixd" not in p.tag:
            return not strict or p.score >= 0.45
    return False


@lru_cache(maxsize=65536)
def is_patronymic(word: str) -> bool:
    """A known patronymic (Геннадьевна, Михайловича)."""
    return is_known(word) and any("Patr" in p.tag for p in parses(word))


# Genre words that stand before initials or in capitalised lists but are never surnames.
STOP_LEMMAS = frozenset("""
    председатель председательствующий председательствовать секретарь член докладчик
    ответственный присутствовать слушать выступить решить постановить принять информация
    приложение протокол решение заседание совещание повестка вопрос пункт глава директор
    заместитель начальник руководитель министр ректор проректор губернатор мэр
    управление департамент министерство комитет комиссия совет отдел служба администрация
    организация фио поручить рекомендовать предложить утвердить избрать голосовать срок итог
    россия федерация область край район город республика москва
    """.split())


_NOT_NAME_POS = frozenset("VERB INFN PREP CONJ PRCL NPRO ADVB PRED GRND INTJ NUMR COMP".split())


def is_stop_word(word: str) -> bool:
    """Genre words (Председатель, Информацию, России) that never name a person."""
    return any(p.normal_form in STOP_LEMMAS for p in parses(word.lower()))


@lru_cache(maxsize=65536)
def surname_plausibility(word: str) -> int:
    """3: known surname; 2: unknown word (rare surnames are); 1: common noun; 0: not a surname."""
    w = word.lower()
    if len(w) < 2 or "-" in w and not all(surname_plausibility(p) for p in w.split("-")):
        return 0
    if "-" in w:
        return min(surname_plausibility(p) for p in w.split("-"))
    ps = parses(w)
    if any(p.normal_form in STOP_LEMMAS for p in ps):
        return 0
    if not is_known(w):
        return 2
    if any("Surn" in p.tag for p in ps):
        return 3
    if _POSSESSIVE.match(w) or _SKIY.match(w) or w.endswith(("ых", "их")):
        return 2  # Зарецкий, Зябликова, Пятых: a surname's shape beats a town or an adjective
    top = ps[0].tag
    if any(t in top for t in ("Geox", "Orgn", "Abbr", "Trad")) or top.POS in _NOT_NAME_POS:
        return 0
    return 1  # a common noun (Ткач, Заика) or a first name (Рейнгольд) can be a surname too


_FOREIGN_SURNAME = re.compile(r"(?:ич|ман|ер|он|ян|ук|юк|як|ак|дзе|швили|енко|ко|ых|их|ц|дт|ихт)$")


@lru_cache(maxsize=65536)
def surname_shaped(word: str) -> bool:
    """A word whose ending is typical of surnames (Угаров, Стецкий, Рухимович, Ройзенман)."""
    w = word.lower().split("-")[-1]
    return bool(_POSSESSIVE.match(w) or _SKIY.match(w) or _FOREIGN_SURNAME.search(w))
