"""Deadlines as an iCalendar file (RFC 5545) through the icalendar library.

    Path("deadlines.ics").write_bytes(to_ics(entries))

One event per decision whose deadline names a day:
- `date` and a `relative` term with a known date: an all-day event on that day;
- `datetime`: at that time, with TZID=Europe/Moscow when the text gave the zone ("(мск)"),
  floating local time otherwise;
- `range`: an all-day span from the first to the last day;
- `recurring`: an all-day event on its first due date (the `date` of the deadline, after the protocol
  date) repeating by RRULE FREQ=DAILY/WEEKLY/MONTHLY/YEARLY (quarterly: MONTHLY;INTERVAL=3) with the
  weekday or day of the month the text names ("по пятницам", "до 5 числа"); a working day of the
  month ("не позднее 3-го рабочего дня") is given as RDATEs by the production calendar instead.
Ongoing, as-established and event terms name no day and give no event. The UID is the document's
sha256 and the decision id, so a re-run or a later import updates the same events; DTSTAMP is the
protocol date, so the file is the same for the same documents.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from models import Deadline, Decision

from extractor.export.entry import Entry, protocol_date
from extractor.language.recurrence import Rule, first_due, parse_rule
from extractor.language.workdays import KNOWN_YEARS

PRODID = "-//protokol//assignment deadlines//RU"
_FREQ = {"daily": ("DAILY", 1), "weekly": ("WEEKLY", 1), "monthly": ("MONTHLY", 1),
         "quarterly": ("MONTHLY", 3), "yearly": ("YEARLY", 1)}
RDATES = 11           # a working-day schedule: the first due date and the next 11 (a year of months)


def _rrule(rule: Rule, first: dt.date) -> dict:
    """The RRULE of a schedule whose first due date is `first` (DTSTART)."""
    freq, interval = _FREQ[rule.freq]
    out: dict = {"freq": freq}
    if interval > 1:
        out["interval"] = interval
    if rule.weekdays:
        out["byday"] = list(rule.weekdays)
    if freq == "MONTHLY":
        day = rule.day_of_month or first.day
        if day > 28:          # "до 30 числа": the 30th, or the last day of a shorter month
            out["bymonthday"], out["bysetpos"] = list(range(28, day + 1)), -1
        elif rule.day_of_month:
            out["bymonthday"] = day
    return out


def _recurring(dl: Deadline, meeting: dt.date | None) -> dict | None:
    """DTSTART at the first due date and the RRULE; a working day of the month ("не позднее 3-го
    рабочего дня") cannot be an RRULE (holidays move it), so its next due days are RDATEs counted by
    the production calendar, as far as it knows the years."""
    rule = Rule(dl.freq, tuple(dl.weekdays) if dl.weekdays else None, dl.day_of_month, dl.working_day_of_month,
                dl.month_of_quarter, dl.month)
    if rule == Rule(dl.freq):          # a Protocol saved before the schedule fields: read the phrase
        rule = parse_rule(dl.text, dl.freq)
    first = dl.date or (first_due(rule, meeting)[0] if meeting else None)
    if first is None:
        return None
    when = {"dtstart": first, "dtend": first + dt.timedelta(days=1)}
    if not rule.working_day_of_month:
        when["rrule"] = _rrule(rule, first)
        return when
    dates, day = [], first
    for _ in range(RDATES):
        day = first_due(rule, day)[0]
        if day.year not in KNOWN_YEARS:
            break
        dates.append(day)
    if dates:
        when["rdate"] = dates
    return when


def _when(d: Decision, meeting: dt.date | None) -> dict | None:
    """DTSTART/DTEND/RRULE of a decision's deadline, or None when it names no day."""
    dl = d.deadline
    one_day = dt.timedelta(days=1)
    if dl is None:
        return None
    if dl.kind == "datetime" and dl.date and dl.time:
        hour, minute = (int(x) for x in dl.time.split(":")[:2])
        start = dt.datetime.combine(dl.date, dt.time(hour, minute))
        if dl.tz:
            from zoneinfo import ZoneInfo

            start = start.replace(tzinfo=ZoneInfo(dl.tz))
        return {"dtstart": start}
    if dl.kind == "recurring":
        return _recurring(dl, meeting) if dl.freq in _FREQ else None
    period = dl.period()
    return {"dtstart": period[0], "dtend": period[1] + one_day} if period else None


def _summary(e: Entry, d: Decision) -> str:
    who = ", ".join(a.norm or a.text for a in d.addressees)
    text = " ".join(d.text.split())
    text = text if len(text) <= 100 else text[:99].rstrip() + "…"
    return f"{who}: {text}" if who else text


def _description(e: Entry, d: Decision) -> str:
    h = e.protocol.header
    number = f"№ {h.number.norm} " if h.number and h.number.norm else ""
    date = f"от {h.date.norm} " if h.date and h.date.norm else ""
    lines = [f"Протокол {number}{date}({e.source}), пункт {d.id}", " ".join(d.text.split()),
             f"Срок: {d.deadline.text}"]
    lines += [f"Исполнитель: {a.norm or a.text} ({a.role})" for a in d.addressees]
    lines += [f"E-mail: {v.norm or v.text}" for v in d.emails] + [f"Ссылка: {v.norm or v.text}" for v in d.urls]
    return "\n".join(lines)


def events(entries: Iterable[Entry]) -> list:
    """The icalendar Events of every dated deadline of the entries."""
    from icalendar import Event

    out, uids = [], set()
    for e in entries:
        meeting = protocol_date(e.protocol)
        for d in e.protocol.decisions:
            when = _when(d, meeting)
            uid = f"{e.sha256 or e.source}-{d.id}@protokol"
            if when is None or uid in uids:      # the same document twice: its events once
                continue
            uids.add(uid)
            ev = Event()
            ev.add("uid", uid)
            stamp = meeting or (when["dtstart"] if isinstance(when["dtstart"], dt.date) else dt.date(2000, 1, 1))
            ev.add("dtstamp", dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc))
            ev.add("summary", _summary(e, d))
            ev.add("description", _description(e, d))
            for key in ("dtstart", "dtend", "rrule", "rdate"):
                if key in when:
                    ev.add(key, when[key])
            ev.add("categories", [d.kind])
            out.append(ev)
    return out


def to_ics(entries: Iterable[Entry]) -> bytes:
    """A VCALENDAR with the events of `entries` (and a VTIMEZONE for Europe/Moscow when used)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Сроки поручений")
    for ev in events(entries):
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
