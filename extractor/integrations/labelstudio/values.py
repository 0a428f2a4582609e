"""Normalized values as one editable string each, and back.

A person correcting protokol's output in an annotation tool sees a deadline or a cited document as a
short line of text, edits it, and `protokol gold` reads it back into the corpus gold format:

| deadline kind | the line | gold fields |
|---|---|---|
| date | `2023-11-24` | date |
| datetime | `2023-11-13T12:00` or `2023-11-13T12:00 Europe/Moscow` | date, time (, tz) |
| range | `2023-10-01/2023-12-31` (an ISO 8601 interval) | start, end |
| relative | `10 working_day` or `10 day = 2023-11-20` | amount, unit (, date) |
| recurring | `quarterly` | freq |
| ongoing, as_established, event | (empty) | — |

A reference is `№ Д05-84/05пр от 2023-07-05`, either part left out when absent.
"""
from __future__ import annotations

import datetime as dt
import re

from extractor.errors import ProtokolError

UNITS = ("day", "working_day", "week", "month")
FREQS = ("daily", "weekly", "monthly", "quarterly", "yearly")
OPEN_KINDS = ("ongoing", "as_established", "event")
DEADLINE_KINDS = ("date", "datetime", "range", "relative", "recurring") + OPEN_KINDS
_DATE = r"\d{4}-\d{2}-\d{2}"


def deadline_line(d) -> str:
    """The line of a `models.Deadline` (see the module's table); "" for an open-ended kind."""
    if d.kind == "date":
        return d.date.isoformat() if d.date else ""
    if d.kind == "datetime":
        line = f"{d.date.isoformat() if d.date else ''}T{d.time or ''}"
        return f"{line} {d.tz}" if d.tz else line
    if d.kind == "range":
        return f"{d.start_date.isoformat() if d.start_date else ''}/{d.end_date.isoformat() if d.end_date else ''}"
    if d.kind == "relative":
        if d.amount is None or d.unit is None:
            return ""
        line = f"{d.amount} {d.unit}"
        return f"{line} = {d.date.isoformat()}" if d.date else line
    if d.kind == "recurring":
        return d.freq or ""
    return ""


def _date(text: str, where: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise bad_value(where, f"{text!r} is not a date (YYYY-MM-DD)") from None


def bad_value(where: str, detail: str) -> ProtokolError:
    return ProtokolError("E032", f"{where}: {detail}; correct it in the annotation tool and export again")


def parse_deadline(kind: str, line: str, text: str, where: str) -> dict:
    """The gold deadline of a kind and its line (the inverse of `deadline_line`)."""
    if kind not in DEADLINE_KINDS:
        raise bad_value(where, f"unknown deadline kind {kind!r} (one of {', '.join(DEADLINE_KINDS)})")
    out: dict = {"kind": kind, "text": text}
    line = " ".join(line.split())
    if kind in OPEN_KINDS or (not line and kind != "datetime"):
        return out
    if kind == "date":
        out["date"] = _date(line, where)
    elif kind == "datetime":
        m = re.fullmatch(rf"({_DATE})?[T ]?(\d{{1,2}}:\d{{2}})?(?::00)?(?:\s+(\S+))?", line)
        if not m:
            raise bad_value(where, f"{line!r} is not a date and time (2023-11-13T12:00 [Europe/Moscow])")
        if m[1]:
            out["date"] = _date(m[1], where)
        out["time"] = m[2].zfill(5) if m[2] else None
        if m[3]:
            out["tz"] = m[3]
    elif kind == "range":
        m = re.fullmatch(rf"({_DATE})?\s*(?:/|\.\.)\s*({_DATE})?", line)
        if not m:
            raise bad_value(where, f"{line!r} is not a range (2023-10-01/2023-12-31)")
        out["start"] = _date(m[1], where) if m[1] else None
        out["end"] = _date(m[2], where) if m[2] else None
    elif kind == "relative":
        m = re.fullmatch(rf"(\d+)\s+({'|'.join(UNITS)})(?:\s*=\s*({_DATE}))?", line)
        if not m:
            raise bad_value(where, f"{line!r} is not a relative term (10 working_day, or 10 day = 2023-11-20)")
        out["amount"], out["unit"] = int(m[1]), m[2]
        if m[3]:
            out["date"] = _date(m[3], where)
    elif kind == "recurring":
        if line not in FREQS:
            raise bad_value(where, f"{line!r} is not a frequency (one of {', '.join(FREQS)})")
        out["freq"] = line
    return out


def reference_line(r) -> str:
    """«№ 14/25-ТО от 2025-01-10» for a `models.Reference`, either part left out when absent."""
    parts = ([f"№ {r.number}"] if r.number else []) + ([f"от {r.date.isoformat()}"] if r.date else [])
    return " ".join(parts)


def parse_reference(line: str, where: str) -> dict:
    """The gold reference `{"date", "number"}` of a line (the inverse of `reference_line`)."""
    line = " ".join(line.split())
    m = re.fullmatch(rf"(?:№\s*(.+?))?\s*(?:\bот\s+({_DATE}))?", line)
    if not m:
        raise bad_value(where, f"{line!r} is not a reference (№ 14/25-ТО от 2025-01-10)")
    return {"date": _date(m[2], where) if m[2] else None, "number": m[1] or None}
