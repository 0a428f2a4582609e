"""The production calendar against the Government's decrees on moving days off, day by day.

Each row is one year as the decree and art. 112 of the Labour Code make it: the weekdays (Mon-Fri)
that are days off and the weekend days that are working days. Every other Mon-Fri is a working day
and every other Saturday and Sunday a day off; the test checks all 365 days of each year.
"""
from __future__ import annotations

import datetime as dt

import pytest

from extractor.language.dates import read_data
from extractor.language.workdays import KNOWN_YEARS, add_term, add_working_days


def days(year: int, *month_days: str) -> set[dt.date]:
    """"1.3-5" -> 3..5 January; "2.23" -> 23 February."""
    out = set()
    for md in month_days:
        month, spec = md.split(".")
        first, _, last = spec.partition("-")
        out |= {dt.date(year, int(month), d) for d in range(int(first), int(last or first) + 1)}
    return out


DECREES = [
    # year, weekdays off, working weekend days
    pytest.param(2022, days(2022, "1.3-7", "2.23", "3.7-8", "5.2-3", "5.9-10", "6.13", "11.4"), days(2022, "3.5"),
                 id="2022-ПП-1564"),
    pytest.param(2023, days(2023, "1.2-6", "2.23-24", "3.8", "5.1", "5.8-9", "6.12", "11.6"), set(),
                 id="2023-ПП-1505"),
    pytest.param(2024, days(2024, "1.1-5", "1.8", "2.23", "3.8", "4.29-30", "5.1", "5.9-10", "6.12", "11.4",
                            "12.30-31"), days(2024, "4.27", "11.2", "12.28"), id="2024-ПП-1314"),
    pytest.param(2025, days(2025, "1.1-3", "1.6-8", "5.1-2", "5.8-9", "6.12-13", "11.3-4", "12.31"),
                 days(2025, "11.1"), id="2025-ПП-1335"),
    pytest.param(2026, days(2026, "1.1-2", "1.5-9", "2.23", "3.9", "5.1", "5.11", "6.12", "11.4", "12.31"), set(),
                 id="2026-ПП-1466"),
]


def is_working(day: dt.date) -> bool:
    """Through the public function: a day is working when it is the first working day after the day before."""
    return add_working_days(day - dt.timedelta(days=1), 1)[0] == day


@pytest.mark.parametrize("year, weekdays_off, working_weekends", DECREES)
def test_every_day_of_the_year_as_the_decree_says(year: int, weekdays_off: set, working_weekends: set) -> None:
    assert year in KNOWN_YEARS
    assert all(d.weekday() < 5 for d in weekdays_off) and all(d.weekday() >= 5 for d in working_weekends)
    day, wrong = dt.date(year, 1, 1), []
    while day.year == year:
        expected = (day.weekday() < 5 and day not in weekdays_off) or day in working_weekends
        if is_working(day) != expected:
            wrong.append((day.isoformat(), expected))
        day += dt.timedelta(days=1)
    assert wrong == []


def test_every_known_year_names_its_decree() -> None:
    lines = read_data("production_calendar.txt")
    assert {int(line.split(":")[0]) for line in lines} == KNOWN_YEARS
    assert all(line.split(":", 1)[1].strip() for line in lines)


@pytest.mark.parametrize("start, n, expected, unknown", [
    pytest.param("2030-12-30", 3, "2031-01-02", {2030, 2031}, id="unknown-years-mon-fri-no-new-year-holidays"),
    pytest.param("2030-06-07", 1, "2030-06-10", {2030}, id="unknown-year-skips-the-weekend"),
    pytest.param("2027-12-30", 2, "2028-01-04", {2028}, id="known-into-unknown"),
    pytest.param("2025-12-30", 1, "2026-01-12", set(), id="known-across-new-year"),
])
def test_unknown_years_are_counted_monday_to_friday_and_named(start, n, expected, unknown) -> None:
    day, years = add_working_days(dt.date.fromisoformat(start), n)
    assert (day.isoformat(), set(years)) == (expected, unknown)


@pytest.mark.parametrize("start, amount, unit, expected", [
    pytest.param("2025-01-31", 1, "month", "2025-02-28", id="month-end-clamped"),
    pytest.param("2024-01-31", 1, "month", "2024-02-29", id="leap-february"),
    pytest.param("2024-11-30", 3, "month", "2025-02-28", id="months-across-the-year"),
    pytest.param("2025-05-14", 2, "week", "2025-05-28", id="weeks"),
    pytest.param("2024-12-26", 10, "day", "2025-01-05", id="calendar-days-not-moved-off-a-holiday"),
    pytest.param("2024-12-27", 1, "working_day", "2024-12-28", id="working-saturday"),
])
def test_add_term(start, amount, unit, expected) -> None:
    assert add_term(dt.date.fromisoformat(start), amount, unit)[0].isoformat() == expected


@pytest.mark.parametrize("n", [0, -3, 2501])
def test_zero_or_endless_working_days_are_refused(n: int) -> None:
    with pytest.raises(ValueError):
        add_working_days(dt.date(2025, 1, 1), n)
