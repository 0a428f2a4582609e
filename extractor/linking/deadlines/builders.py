"""Builders of the deadline grammar: a rule's regex match -> deadline fields.

A builder returns None to veto its match (an invalid date, a yearless month in
running text), which lets a later rule or no rule win instead.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Callable

from extractor.language.dates import last_day, month_number, number_value, ordinal_number, parse_date
from extractor.language.recurrence import first_due, parse_rule
from extractor.language.workdays import add_term

Fields = dict
FREQS = ("daily", "weekly", "monthly", "quarterly", "yearly")
# An event starts the count of a relative deadline only when it is the meeting itself (or its protocol):
# "со дня подписания протокола", "с даты заседания правления", "после подписания настоящего протокола",
# "со дня его принятия" (the decision's); not "со дня получения протокола" (the addressee's receipt).
MEETING_ANCHOR = re.compile(
    r"\s*(?:со\s+дня|с\s+даты|от\s+даты|с\s+момента|после)\s+(?:(?:его|е[её])\s+принятия|"
    r"(?:(?:проведения|подписания|утверждения|оформления|принятия)\s+)?(?:настоящего\s+|данного\s+)?"
    r"(?:заседани|совещани|собрани|протокол|планёрк|планерк)|принятия\s+(?:настоящего|данного)\s+решени)",
    re.IGNORECASE)


@dataclass(frozen=True)
class Ctx:
    """What a builder needs to know besides its match."""
    protocol_date: datetime.date | None
    labelled: bool          # inside a "Срок: ..." part or a table's deadline cell

    @property
    def year(self) -> int | None:
        return self.protocol_date.year if self.protocol_date else None


def _day(span: str, ctx: Ctx) -> tuple[bool, datetime.date | None]:
    """(valid, date): a yearless date is valid but undated when the protocol year is unknown."""
    m = parse_date(span, ctx.year or 2000)    # 2000 is a leap year: "29 февраля" stays valid
    if m is None:
        return False, None
    return True, (m.value if m.year_given or ctx.year else None)


def _year(m: re.Match, ctx: Ctx) -> int | None:
    y = m.groupdict().get("y")
    return int(y) if y else ctx.year


def _span(kind: str, y: int | None, m1: int, m2: int) -> Fields:
    if y is None:
        return {"kind": kind, "range_start": None, "range_end": None}
    return {"kind": kind, "range_start": datetime.date(y, m1, 1), "range_end": last_day(y, m2)}


def b_date(m: re.Match, ctx: Ctx) -> Fields | None:
    """«до 24 ноября 2023 г.», «к 20.08.2024», a bare date in a cell."""
    ok, d = _day(m["date"], ctx)
    return {"kind": "date", "date": d} if ok else None


def b_datetime(m: re.Match, ctx: Ctx) -> Fields | None:
    """«до 12:00 (мск) 13 ноября 2023 г.»; tz only when Moscow time is stated."""
    ok, d = _day(m["date"], ctx)
    h, mi = (re.findall(r"\d+", m["time"]) + ["00"])[:2]        # "17 часов" has no minutes
    tz = "Europe/Moscow" if m["tz"] or m.groupdict().get("tz2") else None
    return {"kind": "datetime", "date": d, "time": f"{int(h):02d}:{mi}", "tz": tz} if ok else None


def b_end_of(m: re.Match, ctx: Ctx) -> Fields | None:
    """«до конца 2024 года», «до конца марта», «до конца I квартала» -> the last day."""
    y = int(m["y0"]) if m["y0"] else _year(m, ctx)
    if y is None:
        return {"kind": "date", "date": None}
    if m["q"]:
        q = ordinal_number(m["q"])
        return {"kind": "date", "date": last_day(y, 3 * q)} if q and q <= 4 else None
    if m["mon"]:
        return {"kind": "date", "date": last_day(y, month_number(m["mon"]))}
    month = ctx.protocol_date.month if m["unit"].startswith("месяц") and ctx.protocol_date else 12
    return {"kind": "date", "date": last_day(y, month)}


def b_from_to(m: re.Match, ctx: Ctx) -> Fields | None:
    """«с 19 по 20 декабря 2023 г.»: the start borrows month and year from the end."""
    ok, end = _day(m["b"], ctx)
    if not ok or end is None:
        return {"kind": "range", "range_start": None, "range_end": None} if ok else None
    first = parse_date(m["a"], end.year)
    if first:
        start = first.value
        if start > end and not first.year_given:
            start = start.replace(year=end.year - 1)
    else:                                       # "с 19 по 20 декабря": day (and month) taken from the end
        nums = [int(x) for x in re.findall(r"\d+", m["a"])]
        month = nums[1] if len(nums) > 1 else end.month if nums[0] <= end.day else end.month - 1
        try:                                    # "с 28 по 3 марта" starts in February
            start = datetime.date(end.year - (month == 0), month or 12, nums[0])
        except ValueError:
            return None
    return {"kind": "range", "range_start": start, "range_end": end} if start <= end else None


def b_months(m: re.Match, ctx: Ctx) -> Fields | None:
    """«в октябре 2024 г.», «в марте – апреле 2025 г.» -> first..last day."""
    if not m["y"] and not ctx.labelled:        # "в октябре" inline is too often narrative
        return None
    m1 = month_number(m["m1"])
    m2 = month_number(m["m2"]) if m["m2"] else m1
    return _span("range", _year(m, ctx), m1, m2) if m1 <= m2 else None


def b_paren_months(m: re.Match, ctx: Ctx) -> Fields | None:
    """«в течение трёх месяцев (январь – март) 2024 года» -> the bracketed months."""
    y = m["y1"] or m["y2"]
    y = int(y) if y else ctx.year
    m1, m2 = month_number(m["m1"]), month_number(m["m2"])
    return _span("range", y, m1, m2) if m1 <= m2 else None


def b_quarter(m: re.Match, ctx: Ctx) -> Fields | None:
    """«в IV квартале 2024 г.», «II–III кварталы» -> first..last day of the quarters."""
    q1 = ordinal_number(m["q"])
    q2 = ordinal_number(m["q2"]) if m.groupdict().get("q2") else q1
    if not (q1 and q2 and 1 <= q1 <= q2 <= 4) or (not m["y"] and not ctx.labelled):
        return None
    return _span("range", _year(m, ctx), 3 * q1 - 2, 3 * q2)


def b_half(m: re.Match, ctx: Ctx) -> Fields | None:
    """«в I полугодии 2025 г.» -> Jan 1..Jun 30 or Jul 1..Dec 31."""
    h = ordinal_number(m["q"])
    if h not in (1, 2) or (not m["y"] and not ctx.labelled):
        return None
    return _span("range", _year(m, ctx), 6 * h - 5, 6 * h)


def b_year(m: re.Match, ctx: Ctx) -> Fields | None:
    """«в течение 2025 года», «Срок: 2025 год» -> the whole year."""
    return _span("range", int(m["y"]), 1, 12)


_UNITS = {"д": "day", "с": "day", "н": "week", "м": "month"}


def b_relative(m: re.Match, ctx: Ctx) -> Fields | None:
    """«в течение 10 рабочих дней», «в 3-дневный срок»: dated when its start is known (the meeting,
    by default and for "со дня подписания протокола", or a date the text names), in every unit."""
    g = m.groupdict()
    amount = number_value(g["n"]) if g.get("n") else number_value(g["w"]) if g.get("w") else 1
    unit = _UNITS[g["unit"][0].lower()]
    if unit == "day" and (g.get("kind") or "").lower().startswith("раб"):
        unit = "working_day"
    if not amount:
        return None
    start, date, unknown = None, None, frozenset()
    anchor = g.get("anchor")
    if g.get("since"):
        start = _day(g["since"], ctx)[1]
    elif not anchor or MEETING_ANCHOR.match(anchor):
        start = ctx.protocol_date
    if start:
        try:
            date, unknown = add_term(start, amount, unit)
        except (ValueError, OverflowError):     # "в течение 99999999 дней": no such day
            date = None
    return {"kind": "relative", "amount": amount, "unit": unit, "date": date, "unknown_years": unknown}


def b_recurring(m: re.Match, ctx: Ctx) -> Fields | None:
    """«ежеквартально, до 10 числа ...»: the frequency is the vocabulary group that matched; the
    schedule and the first due date after the meeting come from recurrence.py."""
    freq = next(f for f in FREQS if m.groupdict().get(f))
    rule = parse_rule(m.group(), freq)
    first, unknown = first_due(rule, ctx.protocol_date) if ctx.protocol_date else (None, frozenset())
    return {"kind": "recurring", "freq": freq, "date": first, "unknown_years": unknown,
            "weekdays": list(rule.weekdays) if rule.weekdays else None, "day_of_month": rule.day_of_month,
            "working_day_of_month": rule.working_day_of_month, "month_of_quarter": rule.month_of_quarter,
            "month": rule.month}


def constant(kind: str) -> Callable[[re.Match, Ctx], Fields]:
    """A builder for deadlines that carry nothing but their kind."""
    return lambda m, ctx: {"kind": kind}
