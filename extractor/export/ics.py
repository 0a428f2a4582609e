"""Deadlines as an iCalendar file (RFC 5545) through the icalendar library.

    Path("deadlines.ics").write_bytes(to_ics(entries))

One event per decision whose deadline names a day:
- `date` and a `relative` term with a known date: an all-day event on that day;
- `datetime`: at that time, with TZID=Europe/Moscow when the text gave the zone ("(мск)"),
  floating local time otherwise;
- `range`: an all-day span from the first to the last day;
- `recurring`: RRULE FREQ=DAILY/WEEKLY/MONTHLY/YEARLY (quarterly: MONTHLY;INTERVAL=3), starting at
  the protocol date (on the weekday, the day of the month or the month of the quarter the text
  names: "по пятницам", "до 5 числа", "первого месяца квартала"); none when the protocol has no date.
Ongoing, as-established and event terms name no day and give no event. The UID is the document's
sha256 and the decision id, so a re-run or a later import updates the same events; DTSTAMP is the
protocol date, so the file is the same for the same documents.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from models import Decision

from extractor.export.entry import Entry, protocol_date

PRODID = "-//protokol//assignment deadlines//RU"
_FREQ = {"daily": ("DAILY", 1), "weekly": ("WEEKLY", 1), "monthly": ("MONTHLY", 1),
         "quarterly": ("MONTHLY", 3), "yearly": ("YEARLY", 1)}
_WEEKDAYS = [("понедельник", "MO"), ("вторник", "TU"), ("сред", "WE"), ("четверг", "TH"), ("пятниц", "FR"),
             ("суббот", "SA"), ("воскресень", "SU")]
_MONTHDAY = re.compile(r"(\d{1,2})\s*(?:-?го\s+)?числа")
_DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _rrule(d: Decision, start: dt.date) -> tuple[dict, dt.date]:
    """The RRULE of a recurring deadline and its first occurrence on or after `start`."""
    freq, interval = _FREQ[d.deadline.freq]
    rule: dict = {"freq": freq}
    if interval > 1:
        rule["interval"] = interval
    text = d.deadline.text.lower()
    days = [code for stem, code in _WEEKDAYS if re.search(rf"\bпо\s+{stem}", text)]
    if freq == "WEEKLY" and days:
        rule["byday"] = days
        while _DAY_CODES[start.weekday()] not in days:
            start += dt.timedelta(days=1)
    monthday = _MONTHDAY.search(text)
    day = int(monthday.group(1)) if freq == "MONTHLY" and monthday and 1 <= int(monthday.group(1)) <= 28 else None
    if day:
        rule["bymonthday"] = day
    months = range(1, 13)
    if interval == 3 and re.search(r"перв\w* месяц\w* квартал", text):
        months = (1, 4, 7, 10)
    elif interval == 3 and re.search(r"последн\w* месяц\w* квартал", text):
        months = (3, 6, 9, 12)
    while (day and start.day != day) or start.month not in months:
        start += dt.timedelta(days=1)
    return rule, start


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
        if dl.freq not in _FREQ or not meeting:
            return None
        rule, first = _rrule(d, meeting)
        return {"dtstart": first, "dtend": first + one_day, "rrule": rule}
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
            for key in ("dtstart", "dtend", "rrule"):
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
