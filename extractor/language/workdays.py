"""Working days by the Russian production calendar.

    add_working_days(date(2024, 12, 26), 3)  ->  (date(2025, 1, 9), frozenset())

The calendar is the `holidays` package's Russia: public holidays (art. 112 of the Labour Code), the
days off moved by the Government's yearly decree and the working Saturdays. It is trusted only for
the years listed in data/production_calendar.txt (each checked against its decree in the tests);
any other year is counted Monday to Friday, and that year is returned so the caller can warn.

Counting convention (the same for every unit, see README): the first day counted is the day after
the start, so "within 3 working days" of Thursday 26 December 2024 is the third working day after it.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from extractor.data import read_data
from extractor.language.dates import last_day

KNOWN_YEARS = frozenset(int(line.split(":", 1)[0]) for line in read_data("production_calendar.txt"))
_ONE = dt.timedelta(days=1)
MAX_WORKING_DAYS = 2500         # about ten years: any longer term in a protocol is a misreading


@lru_cache(maxsize=64)
def _calendar(year: int):
    from holidays.countries.russia import Russia     # imported on first use: the package is large

    return Russia(years=year)


def _working(day: dt.date) -> bool:
    if day.year not in KNOWN_YEARS:
        return day.weekday() < 5
    return _calendar(day.year).is_working_day(day)


def add_working_days(start: dt.date, n: int) -> tuple[dt.date, frozenset[int]]:
    """The n-th working day after `start` (n >= 1), and the years counted Monday to Friday
    because the calendar does not know them (empty when the date is by the official calendar)."""
    if not 1 <= n <= MAX_WORKING_DAYS:      # "в течение 99999999 рабочих дней" must not loop for minutes
        raise ValueError(f"add_working_days needs 1 <= n <= {MAX_WORKING_DAYS}, got {n}")
    unknown: set[int] = set()
    day, left = start, n
    while left > 0:
        day += _ONE
        if day.year not in KNOWN_YEARS:
            unknown.add(day.year)
        if _working(day):
            left -= 1
    return day, frozenset(unknown)


def add_term(start: dt.date, amount: int, unit: str) -> tuple[dt.date, frozenset[int]]:
    """The last day of a term of `amount` units (day, working_day, week, month) counted from
    `start`: calendar days and weeks are added (the first day counted is the day after the start),
    months end on the same day of the month (the month's last day when it has no such day),
    working days by the calendar. Days off do not move a calendar-unit date. Raises ValueError
    (or OverflowError) for a term that runs past the year 9999 or too many working days."""
    if unit == "working_day":
        return add_working_days(start, amount)
    if unit == "month":
        y, m = divmod(start.month - 1 + amount, 12)
        end = last_day(start.year + y, m + 1)
        return end.replace(day=min(start.day, end.day)), frozenset()
    return start + dt.timedelta(days=amount * (7 if unit == "week" else 1)), frozenset()
