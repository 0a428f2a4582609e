"""The deadline grammar: small named rules, in priority order.

Each rule is one compiled regex plus a builder turning its match into deadline
fields. `deadlines.find_deadline` runs them, resolves overlaps by this order and
picks the winner. Date spans are re-parsed by `dates.parse_date`, so every date
shape dates.py knows is accepted here too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from extractor.data import read_data
from extractor.language.dates import DATE_SRC, MONTH_SRC, NUMBER_WORD_SRC, YEAR_SUFFIX_SRC
from extractor.linking.deadlines.builders import (Ctx, Fields, b_date, b_datetime, b_end_of, b_from_to, b_half,
                                         b_months, b_paren_months, b_quarter, b_recurring, b_relative,
                                         b_year, constant)


@dataclass(frozen=True)
class DeadlineRule:
    """One named grammar rule: where it matches and how the match becomes deadline fields."""
    name: str
    pattern: re.Pattern
    build: Callable[[re.Match, Ctx], Fields | None]
    bare: bool = False      # only right after a "Срок" label or at the start of a cell


# --- shared pieces --------------------------------------------------------------------------
B = r"(?<![\w])"                                   # a word starts here
E = r"(?![\w])"                                    # a word ends here
DASH = r"\s*[-–—]\s*"
BY = r"(?:(?:в\s+срок\s+)?(?:до|не\s+позднее|не\s+позже)|к)"
# "12:00", "18.00", "12 ч. 00 мин.", "17 часов"
TIME = (r"(?:(?:[01]?\d|2[0-4])[:.][0-5]\d(?:\s*ч\.?)?|"
        r"(?:[01]?\d|2[0-4])\s*(?:ч\.?|час(?:ов|а)?)(?:\s*[0-5]\d\s*мин\.?)?(?![\w]))")
TZ = r"\(?\s*(?:мск|по\s+московскому\s+времени|московское\s+время|время\s+московское)\s*\)?"
YEAR = rf"(?P<y>\d{{4}}){YEAR_SUFFIX_SRC}"
ORD = rf"(?:IV|I{{1,3}}|[1-4]|перв\w*|втор\w*|трет\w*|четв[её]рт\w*){E}"
# "10", "2-х", "пяти", "сорока пяти", "3 (трёх)"
NUM = (rf"(?:\d+(?:\s*-\s*(?:х|ти|ми))?(?:\s*\(\s*{NUMBER_WORD_SRC}(?:\s+{NUMBER_WORD_SRC})?\s*\))?|"
       rf"{NUMBER_WORD_SRC}(?:\s+{NUMBER_WORD_SRC})?){E}")
INF = r"[а-яё]+(?:ть|ться|чь)" + E                # an infinitive ends a phrase: "... совещанию подготовить"
ADJ = r"[а-яё-]+(?:ому|ему|ой|ей|ом|ем|ым|им|ого|его|ых|их)" + E
STOP = r"(?:и|в|во|на|по|с|со|для|о|об|за|к|не|или|а|до|при|от|из|у|согласно)" + E
GEN = rf"(?!{STOP})(?:[а-яё-]*(?:а|я|ы|и|ов|ев|ей|ой|ого|его|ых|их)|(?-i:[А-ЯЁ]{{2,}})){E}"
CLAUSE = r"(?:[^.;\n«]|\.(?=\S)|(?<=г)\.(?=\s+№))*"  # to ";", a quoted title or the end of the sentence
# The start of a relative term: a date the text names ("в течение 5 рабочих дней с 01.07.2025") or an
# event ("со дня подписания протокола", "со дня получения письма"; b_relative tells the meeting's own).
ANCHOR = (rf"(?P<anchor>\s+(?:(?:начиная\s+)?с|со\s+дня|с\s+даты)\s+(?P<since>{DATE_SRC})|"
          r"\s+(?:со\s+дня|с\s+даты|от\s+даты|с\s+момента|с\s+начала|после|по\s+(?:окончании|"
          rf"завершении|получении|итогам))(?:\s+(?!{INF}|(?:до|к|не){E})[\w«»\"-]+){{1,7}})?")
WEEKDAYS_PL = r"(?:понедельникам|вторникам|средам|четвергам|пятницам|субботам|воскресеньям)"
RECUR_TAIL = (rf"(?:,?\s*(?:по\s+{WEEKDAYS_PL}(?:\s+до\s+{TIME}(?:\s*{TZ})?)?|"
              rf"(?:в\s+срок\s+)?(?:до|не\s+позднее|не\s+позже)\s+(?:{TIME}(?:\s*{TZ})?|\d{{1,2}}(?:-?го)?\s+"
              rf"(?:числа|рабочего\s+дня|{MONTH_SRC}))"
              # "до 10 числа первого месяца квартала", "до 20 числа последнего месяца квартала"
              r"(?:\s+(?:(?:последнего|каждого|текущего|первого|второго|третьего)\s+)?"
              r"(?:месяца|квартала|года|полугодия))*(?:,?\s*следующ\w+\s+за\s+отч[её]тн\w+(?:\s+(?:месяцем|"
              r"кварталом|периодом|годом|полугодием))?)?))?")


_SLOTS = {"ADJ": ADJ, "WORD": r"[\w-]+" + E, "N": r"\d{1,2}(?:-?го)?" + E}


def phrase_src(phrase: str) -> str:
    """Regex source for one vocabulary phrase (syntax described in data/recurring.txt)."""
    out, sep = "", ""                          # sep: whitespace owed before the next word
    for tok in phrase.split():
        optional, tok = tok.endswith("?"), tok.rstrip("?")
        if tok == "...":
            out += CLAUSE
            continue
        if tok in _SLOTS:
            alt = _SLOTS[tok]
        else:
            alt = "|".join(re.escape(a[:-1]) + r"[а-яё]*" if a.endswith("*") else re.escape(a)
                           for a in tok.split("|"))
            alt = f"(?:{alt})" + (E if tok[-1] not in ",." else "")
        if not out:
            out, sep = (f"(?:{alt}\\s+)?", "") if optional else (alt, r"\s+")
        else:
            out += f"(?:{sep}{alt})?" if optional else f"{sep}{alt}"
            sep = r"\s+"
    return out


def _vocab(name: str) -> str:
    return "|".join(f"(?:{phrase_src(line)})" for line in read_data(name))


def _recurring_src() -> str:
    by_freq: dict[str, list[str]] = {}
    for line in read_data("recurring.txt"):
        freq, phrase = line.split(":", 1)
        by_freq.setdefault(freq.strip(), []).append(phrase_src(phrase.strip()))
    return "|".join(f"(?P<{f}>{'|'.join(p)})" for f, p in by_freq.items())


# --- the grammar, in priority order: on overlapping matches the earlier rule wins -------------
def _rx(src: str) -> re.Pattern:
    return re.compile(src, re.IGNORECASE)


UNIT = r"(?P<unit>дн(?:я|ей|ь)|сут(?:ок|ки)|недел[ьиюя]|месяц(?:а|ев)?)" + E
REL_CORE = rf"(?P<n>{NUM})\s+(?:(?P<kind>календарн\w+|рабоч\w+)\s+)?{UNIT}{ANCHOR}"
YEAR_END = rf"(?:\s+(?P<y1>\d{{4}}){YEAR_SUFFIX_SRC})?"

RULES: list[DeadlineRule] = [
    DeadlineRule("recurring", _rx(rf"{B}(?:{_recurring_src()}){RECUR_TAIL}"), b_recurring),
    DeadlineRule("as-established", _rx(rf"{B}(?:{_vocab('as_established.txt')})"), constant("as_established")),
    DeadlineRule("event", _rx(rf"{B}(?:{_vocab('event_deadlines.txt')})(?:\s+{GEN}){{0,4}}"), constant("event")),
    DeadlineRule("ongoing", _rx(rf"{B}(?:{_vocab('ongoing.txt')})(?!\s*[-–]?\s*действующ)"), constant("ongoing")),
    DeadlineRule("datetime-time-first", _rx(rf"{B}{BY}\s+(?P<time>{TIME})(?:\s*(?P<tz>{TZ}))?\s*,?\s*"
                                    rf"(?P<date>{DATE_SRC})(?:\s*(?P<tz2>{TZ}))?"), b_datetime),
    DeadlineRule("datetime-date-first", _rx(rf"{B}{BY}\s+(?P<date>{DATE_SRC})\s*,?\s*(?:до\s+|в\s+)?"
                                    rf"(?P<time>{TIME})(?:\s*(?P<tz>{TZ}))?"), b_datetime),
    DeadlineRule("date-end-of", _rx(rf"{B}(?:в\s+срок\s+)?до\s+(?:конца|окончания)\s+(?:(?P<q>{ORD})\s*(?:-?го\s+)?"
                            rf"квартала|(?P<mon>{MONTH_SRC})|(?:(?:текущего|этого|(?P<y0>\d{{4}}))\s+)?"
                            rf"(?P<unit>года|месяца){E})(?:\s+{YEAR})?"), b_end_of),
    DeadlineRule("range-from-to", _rx(rf"{B}(?:в\s+(?:период|срок)\s+)?с\s+(?P<a>{DATE_SRC}|\d{{1,2}}(?:\.\d{{1,2}})?)"
                              rf"\s+(?:по|до)\s+(?P<b>{DATE_SRC})"), b_from_to),
    DeadlineRule("range-months-in-brackets", _rx(rf"{B}в\s+течение\s+{NUM}\s+месяц\w*\s*\(\s*(?P<m1>{MONTH_SRC}){DASH}"
                                         rf"(?P<m2>{MONTH_SRC}){YEAR_END}\s*\)(?:\s*(?P<y2>\d{{4}}){YEAR_SUFFIX_SRC})?"),
         b_paren_months),
    DeadlineRule("range-month", _rx(rf"{B}(?:во?|в\s+течение)\s+(?P<m1>{MONTH_SRC})(?:{DASH}(?P<m2>{MONTH_SRC}))?"
                            rf"(?:\s+{YEAR})?"), b_months),
    DeadlineRule("range-quarter", _rx(rf"{B}(?:во?|в\s+течение)\s+(?P<q>{ORD})\s*(?:-?м\s+|-?го\s+)?квартал[ае]{E}"
                              rf"(?:\s+{YEAR})?"), b_quarter),
    DeadlineRule("range-half-year", _rx(rf"{B}(?:во?|в\s+течение)\s+(?P<q>{ORD})\s*(?:-?м\s+|-?го\s+)?полугоди[ия]{E}"
                                rf"(?:\s+{YEAR})?"), b_half),
    DeadlineRule("range-year", _rx(rf"{B}в\s+течение\s+(?P<y>\d{{4}})\s*(?:года|г\.)"), b_year),
    DeadlineRule("relative-within", _rx(rf"{B}(?:в\s+течение|в\s+срок\s+(?:не\s+более|до)|в\s+пределах|не\s+позднее|"
                                rf"не\s+позже|через)\s+{REL_CORE}"), b_relative),
    DeadlineRule("relative-within-one", _rx(rf"{B}в\s+течение\s+(?:(?P<kind>рабочего|календарного)\s+)?"
                                    rf"(?P<unit>недели|месяца|суток|дня){E}{ANCHOR}"), b_relative),
    DeadlineRule("relative-n-day-term", _rx(rf"{B}в\s+(?:(?P<n>\d+)\s*(?:-\s*х)?\s*-?\s*|(?P<w>{NUMBER_WORD_SRC}))?"
                                    rf"(?P<unit>дневн|недельн|месячн)\w*\s+срок{E}{ANCHOR}"), b_relative),
    DeadlineRule("date-by", _rx(rf"{B}{BY}\s+(?P<date>{DATE_SRC})"), b_date),
    # Bare phrases: only at the start of a "Срок" part or of a deadline cell.
    DeadlineRule("bare-datetime", _rx(rf"(?P<date>{DATE_SRC})\s*,?\s*(?:до\s+|в\s+)?(?P<time>{TIME})(?:\s*(?P<tz>{TZ}))?"),
         b_datetime, bare=True),
    DeadlineRule("bare-date", _rx(rf"(?:по\s+)?(?P<date>{DATE_SRC})"), b_date, bare=True),
    DeadlineRule("bare-relative", _rx(REL_CORE), b_relative, bare=True),
    DeadlineRule("bare-month", _rx(rf"(?P<m1>{MONTH_SRC})(?:{DASH}(?P<m2>{MONTH_SRC}))?(?:\s+{YEAR})?"), b_months, bare=True),
    DeadlineRule("bare-quarter", _rx(rf"(?:во?\s+)?(?P<q>{ORD})(?:{DASH}(?P<q2>{ORD}))?\s*(?:-?й\s+|-?м\s+)?квартал\w*"
                             rf"(?:\s+{YEAR})?"), b_quarter, bare=True),
    DeadlineRule("bare-year", _rx(rf"(?:в\s+(?:течение\s+)?)?{YEAR}"), b_year, bare=True),
]
