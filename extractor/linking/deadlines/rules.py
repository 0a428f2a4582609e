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
from extractor.linking.deadlines.more_builders import (b_day_range, b_recurring_next, b_relative_before, b_relative_from_meeting,
                                              b_scheduled_date, b_scheduled_datetime)


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


def _first_letters(name: str) -> str:
    """A lookahead on the letters a vocabulary's phrases can start with: a cheap test that spares
    trying every phrase at every word of an item (empty when a phrase starts with a slot)."""
    chars: set[str] = set()
    for line in read_data(name):
        for tok in line.split(":", 1)[-1].split():
            if tok.rstrip("?") in _SLOTS or tok == "...":
                return ""
            chars.update(a[0].lower() for a in tok.rstrip("?").split("|"))
            if not tok.endswith("?"):
                break
    return "(?=[" + re.escape("".join(sorted(chars))) + "])"


# --- the grammar, in priority order: on overlapping matches the earlier rule wins -------------
def _rx(src: str) -> re.Pattern:
    return re.compile(src, re.IGNORECASE)


UNIT = r"(?P<unit>дн(?:я|ей|ь)|сут(?:ок|ки)|недел[ьиюя]|месяц(?:а|ев)?)" + E
REL_CORE = rf"(?P<n>{NUM})\s+(?:(?P<kind>календарн\w+|рабоч\w+)\s+)?{UNIT}{ANCHOR}"
YEAR_END = rf"(?:\s+(?P<y1>\d{{4}}){YEAR_SUFFIX_SRC})?"
# Pieces of the rows added for phrases the first grammar missed (builders in more_builders).
# "10.00 час.", "10 час. 00 мин.", "10 часов 30 минут", then the shapes TIME knows.
DATE_FIRST = r'(?=[\d«"“])'                        # a cheap test before trying every date shape
HOUR = r"(?:[01]?\d|2[0-3])"
HOURS = r"(?:час(?:ов|а)(?![\w])|час\.?(?![\w])|ч\.?(?![\w]))"      # the dot only after an abbreviation
TIME_AT = (rf"(?:{HOUR}[:.][0-5]\d(?:\s*{HOURS})?|{HOUR}-[0-5]\d(?![\d])(?:\s*{HOURS})?|{HOUR}\s*{HOURS}(?:\s*[0-5]\d\s*(?:минут[аы]?(?![\w])|мин\.?(?![\w])))?|"
           rf"{TIME})")
REL_OPEN = r"(?:в\s+течение|в\s+срок(?:\s+(?:не\s+более|до)|,?\s+не\s+превышающий,?)?|в\s+пределах|(?:в\s+срок\s+)?не\s+(?:позднее|позже)(?:,?\s+чем)?|через)"
MEETING = rf"(?P<anchor>\s+(?:{_vocab('meeting_anchors.txt')})(?:\s+{GEN}){{0,3}})"      # + "комиссии"
REL_MEETING = rf"(?P<n>{NUM})\s+(?:(?P<kind>календарн\w+|рабоч\w+)\s+)?{UNIT}{MEETING}"
DAY_RANGE_END = (rf"(?:\d{{1,2}}(?:-?го)?\s*{MONTH_SRC}(?:\s+\d{{4}}{YEAR_SUFFIX_SRC})?|"
                 rf"\d{{1,2}}\.\d{{2}}\.\d{{4}}{YEAR_SUFFIX_SRC}(?![\d]))")

RULES: list[DeadlineRule] = [
    # "ежедневно к 06:00 и 18:00", "ежедневно в 08:00": the times belong to the schedule.
    DeadlineRule("recurring-at-times", _rx(rf"{B}{_first_letters('recurring.txt')}(?:{_recurring_src()})(?:\s*,?\s*по\s+{WEEKDAYS_PL})?\s*,?\s*"
                                   rf"(?:к|в|с|до|не\s+позднее)\s+{TIME}"
                                   rf"(?:\s*(?:,|и|до|[-–—])\s*{TIME})*(?:\s*{TZ})?"), b_recurring),
    DeadlineRule("recurring", _rx(rf"{B}{_first_letters('recurring.txt')}(?:{_recurring_src()}){RECUR_TAIL}"), b_recurring),
    # "до 10 числа месяца, следующего за отчётным кварталом", "не позднее 20 января года, следующего за отчётным"
    DeadlineRule("recurring-next-period", _rx(rf"{B}{BY}\s+(?:\d{{1,2}}(?:-?го)?\s+(?:числа|рабочего\s+дня)\s+"
                                      rf"(?P<within>месяца|квартала)|\d{{1,2}}\s+{MONTH_SRC}\s+(?P<within2>года))"
                                      rf"\s*,?\s*следующ\w+\s+за\s+отч[её]тн\w+(?:\s+(?P<period>[а-яё]+))?"), b_recurring_next),
    # "не позднее чем за 7 дней до даты заседания": counted back from an event, so no date;
    # before "event", which would take "до очередного заседания" out of "за 7 дней до очередного заседания"
    DeadlineRule("relative-before-event", _rx(rf"{B}(?:в\s+срок\s+)?не\s+(?:позднее|позже|менее)(?:,?\s+чем)?\s+за\s+"
                                      rf"(?P<n>{NUM})\s+(?:(?P<kind>календарн\w+|рабоч\w+)\s+)?{UNIT}\s+до"
                                      rf"(?:\s+(?!{INF})[\w«»\"-]+){{1,5}}"), b_relative_before),
    DeadlineRule("as-established", _rx(rf"{B}(?:{_vocab('as_established.txt')})"), constant("as_established")),
    DeadlineRule("event", _rx(rf"{B}(?:{_vocab('event_deadlines.txt')})(?:\s+{GEN}){{0,4}}"), constant("event")),
    DeadlineRule("ongoing", _rx(rf"{B}(?:{_vocab('ongoing.txt')})(?!\s*[-–]?\s*действующ)"), constant("ongoing")),
    DeadlineRule("datetime-time-first", _rx(rf"{B}{BY}\s+(?P<time>{TIME})(?:\s*(?P<tz>{TZ}))?\s*,?\s*"
                                    rf"(?P<date>{DATE_SRC})(?:\s*(?P<tz2>{TZ}))?"), b_datetime),
    DeadlineRule("datetime-date-first", _rx(rf"{B}{BY}\s+(?P<date>{DATE_SRC})\s*,?\s*(?:до\s+|в\s+)?"
                                    rf"(?P<time>{TIME})(?:\s*(?P<tz>{TZ}))?"), b_datetime),
    # "провести заседание 25 июня 2025 г. в 14:00", "назначить собрание на 25.06.2025 в 10.00 час."
    DeadlineRule("datetime-scheduled", _rx(rf"{B}{DATE_FIRST}(?P<date>{DATE_SRC})\s*,?\s*(?P<po>\(\s*)?(?:начало\s+|с\s+)?в\s+"
                                   rf"(?P<time>{TIME_AT})(?:\s*(?P<tz>{TZ}))?(?(po)(?:\s*\))?)"), b_scheduled_datetime),
    DeadlineRule("date-end-of", _rx(rf"{B}(?:в\s+срок\s+)?до\s+(?:конца|окончания)\s+(?:(?P<q>{ORD})\s*(?:-?го\s+)?"
                            rf"квартала|(?P<mon>{MONTH_SRC})|(?:(?:текущего|этого|(?P<y0>\d{{4}}))\s+)?"
                            rf"(?P<unit>года|месяца){E})(?:\s+{YEAR})?"), b_end_of),
    DeadlineRule("range-from-to", _rx(rf"{B}(?:в\s+(?:период|срок)\s+)?с\s+(?P<a>{DATE_SRC}|\d{{1,2}}(?:\.\d{{1,2}})?)"
                              rf"\s+(?:по|до)\s+(?P<b>{DATE_SRC})"), b_from_to),
    # "провести совещание в 10:00 25 июня 2025 г."
    DeadlineRule("datetime-scheduled-time-first", _rx(rf"{B}в\s+(?P<time>{TIME_AT})(?:\s*(?P<tz>{TZ}))?\s*,?\s*"
                                              rf"(?P<date>{DATE_SRC})"), b_scheduled_datetime),
    # "24–28 марта 2025 года", "в период 10 – 15 апреля", "28 февраля – 3 марта 2025 г."
    DeadlineRule("range-day-dash", _rx(rf"{B}(?=[\dвс])(?:в\s+(?:период|срок)\s+)?(?:с\s+)?(?<![\d.,])(?P<a>\d{{1,2}}(?:\s*{MONTH_SRC}|\.\d{{2}}(?:\.\d{{4}})?)?){DASH}"
                               rf"(?P<b>{DAY_RANGE_END})"), b_day_range),
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
    # "в течение 10 дней со дня проведения общего собрания", "не позднее 5 рабочих дней после заседания"
    DeadlineRule("relative-from-meeting", _rx(rf"{B}{REL_OPEN}\s+{REL_MEETING}"), b_relative_from_meeting),
    # "в 10-дневный срок с даты проведения совещания", "в месячный срок после заседания"
    DeadlineRule("relative-n-day-term-from-meeting", _rx(rf"{B}в\s+(?:(?P<n>\d+)\s*(?:-\s*х)?\s*-?\s*|"
                                                 rf"(?P<w>{NUMBER_WORD_SRC}))?(?P<unit>дневн|недельн|месячн)\w*"
                                                 rf"\s+срок{E}{MEETING}"), b_relative_from_meeting),
    # "в течение месяца после проведения собрания"
    DeadlineRule("relative-within-one-from-meeting", _rx(rf"{B}в\s+течение\s+(?:(?P<kind>рабочего|календарного)\s+)?"
                                                 rf"(?P<unit>недели|месяца|суток|дня){E}{MEETING}"), b_relative_from_meeting),
    # "в срок 10 рабочих дней с даты подписания договора", "в срок, не превышающий 30 дней"
    DeadlineRule("relative-in-term", _rx(rf"{B}в\s+срок(?:,?\s+не\s+превышающий)?,?\s+{REL_CORE}"), b_relative),
    DeadlineRule("relative-within", _rx(rf"{B}(?:в\s+течение|в\s+срок\s+(?:не\s+более|до)|в\s+пределах|не\s+позднее|"
                                rf"не\s+позже|через)\s+{REL_CORE}"), b_relative),
    DeadlineRule("relative-within-one", _rx(rf"{B}в\s+течение\s+(?:(?P<kind>рабочего|календарного)\s+)?"
                                    rf"(?P<unit>недели|месяца|суток|дня){E}{ANCHOR}"), b_relative),
    DeadlineRule("relative-n-day-term", _rx(rf"{B}в\s+(?:(?P<n>\d+)\s*(?:-\s*х)?\s*-?\s*|(?P<w>{NUMBER_WORD_SRC}))?"
                                    rf"(?P<unit>дневн|недельн|месячн)\w*\s+срок{E}{ANCHOR}"), b_relative),
    DeadlineRule("date-by", _rx(rf"{B}{BY}\s+(?P<date>{DATE_SRC})"), b_date),
    # "обеспечить проведение концерта на площади Победы 9 мая 2025 г." (a full date ending the item)
    DeadlineRule("date-scheduled-end", _rx(rf"{B}{DATE_FIRST}(?P<date>{DATE_SRC})(?=\s*[.;]?\s*$)"), b_scheduled_date),
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
