"""The schedule of a recurring deadline and its due dates.

    rule = parse_rule("ежеквартально, до 10 числа месяца, следующего за отчётным кварталом", "quarterly")
    first_due(rule, date(2024, 12, 26))     ->  (date(2025, 1, 10), frozenset())

`parse_rule` reads what the phrase names: the weekdays ("по пятницам"), the day of the month
("до 5 числа") or its working day ("не позднее 3-го рабочего дня месяца"), the month of the quarter
("следующего за отчётным кварталом", "первого/последнего месяца квартала") and, for a yearly term,
the month ("до 1 февраля года, следующего за отчетным"). `first_due` gives the first due date after
a day (the protocol date): the first day after it that fits the schedule; a schedule that names no
day counts one period from that day (daily +1 day, weekly +7 days, monthly +1 month, quarterly +3
months, yearly +1 year), as "в течение месяца" does. A quarterly day without the month of the quarter
is in the month after the quarter, where quarterly reports fall due.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractor.language.dates import MONTH_SRC, last_day, month_number
from extractor.language.workdays import add_term, add_working_days

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# "по пятницам", "каждую пятницу", "каждый понедельник": stems in the order of WEEKDAY_CODES
_WEEKDAY_STEMS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")
_WEEKDAY = re.compile(rf"(?:по|кажд\w*)\s+({'|'.join(_WEEKDAY_STEMS)})\w*")
_WORKING_DAY = re.compile(r"(\d{1,2})\s*(?:-?го\s+)?рабоч\w+\s+дн")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*(?:-?го\s+)?числа")
_DAY_MONTH = re.compile(rf"(\d{{1,2}})\s*(?:-?го\s+)?({MONTH_SRC})")
_QUARTER_MONTH = [(re.compile(r"следующ\w*\s+за\s+отч[её]тн\w*\s+квартал|перв\w*\s+месяц\w*\s+квартал"), 1),
                  (re.compile(r"втор\w*\s+месяц\w*\s+квартал"), 2),
                  (re.compile(r"(?:последн|трет)\w*\s+месяц\w*\s+квартал"), 3)]
_PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


@dataclass(frozen=True)
class Rule:
    """A recurring deadline's schedule; the field names are those of models.Deadline."""
    freq: str                                   # daily | weekly | monthly | quarterly | yearly
    weekdays: tuple[str, ...] | None = None     # "MO".."SU"
    day_of_month: int | None = None
    working_day_of_month: int | None = None
    month_of_quarter: int | None = None         # 1..3
    month: int | None = None                    # yearly: 1..12


def parse_rule(phrase: str, freq: str) -> Rule:
    """The schedule a recurring deadline's phrase names (only what it names)."""
    text = " ".join(phrase.lower().split())
    days = {WEEKDAY_CODES[_WEEKDAY_STEMS.index(s)] for s in _WEEKDAY.findall(text)}
    weekdays = tuple(c for c in WEEKDAY_CODES if c in days) if freq == "weekly" and days else None
    working = _WORKING_DAY.search(text)
    monthday = _MONTH_DAY.search(text)
    named = _DAY_MONTH.search(text) if freq == "yearly" else None
    wd = int(working.group(1)) if working and freq in ("monthly", "quarterly") else None
    day = int(monthday.group(1)) if monthday and freq in ("monthly", "quarterly") and not wd else None
    month = None
    if named:
        day, month = int(named.group(1)), month_number(named.group(2))
    if not (wd and 1 <= wd <= 23):            # a month has at most 23 working days
        wd = None
    if not (day and 1 <= day <= 31):
        day = None
    moq = next((n for rx, n in _QUARTER_MONTH if rx.search(text)), None) if freq == "quarterly" else None
    if freq == "quarterly" and moq is None and (day or wd):
        moq = 1
    return Rule(freq, weekdays, day, wd, moq, month)


def _in_month(rule: Rule, year: int, month: int) -> tuple[dt.date | None, frozenset[int]]:
    """The due day of a month, or None when the schedule skips that month."""
    if rule.freq == "quarterly" and rule.month_of_quarter and (month - 1) % 3 + 1 != rule.month_of_quarter:
        return None, frozenset()
    if rule.freq == "yearly" and rule.month != month:
        return None, frozenset()
    if rule.working_day_of_month:
        start = dt.date(year, month, 1) - dt.timedelta(days=1)
        return add_working_days(start, rule.working_day_of_month)
    end = last_day(year, month)
    return end.replace(day=min(rule.day_of_month, end.day)), frozenset()


def first_due(rule: Rule, after: dt.date) -> tuple[dt.date, frozenset[int]]:
    """The first due date of the schedule after the day `after`, and the years whose working days
    were counted Monday to Friday (see workdays.add_working_days)."""
    if rule.freq == "daily":
        return after + dt.timedelta(days=1), frozenset()
    if rule.freq == "weekly":
        day = after + dt.timedelta(days=1)
        while rule.weekdays and WEEKDAY_CODES[day.weekday()] not in rule.weekdays:
            day += dt.timedelta(days=1)
        return (day if rule.weekdays else after + dt.timedelta(days=7)), frozenset()
    if not (rule.day_of_month or rule.working_day_of_month):
        return add_term(after, _PERIOD_MONTHS[rule.freq], "month")
    for i in range(14):            # a yearly day is at most 12 months ahead, +1 for "after" itself
        ref = add_term(after.replace(day=1), i, "month")[0]
        due, unknown = _in_month(rule, ref.year, ref.month)
        if due and due > after:
            return due, unknown
    raise AssertionError(f"no due date for {rule}")   # unreachable: every schedule has a month in 14
