"""Control of execution: the due day of each deadline kind, its status against a day, the register's
status column, the calendar's schedules, and the bulk command's flags."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from extractor.export.entry import Entry
from extractor.export.writers import assignments_csv, deadlines_ics
from extractor.cli import build_parser
from extractor.export.due import due_date, due_status
from models import Deadline, Decision, Header, Protocol, Value

D = dt.date.fromisoformat


def dl(kind: str, **kw) -> Deadline:
    return Deadline(kind=kind, text=kw.pop("text", kind), start=0, end=1, **kw)


@pytest.mark.parametrize("deadline, due", [
    pytest.param(dl("date", date=D("2025-05-19")), D("2025-05-19"), id="date"),
    pytest.param(dl("datetime", date=D("2025-05-16"), time="16:00"), D("2025-05-16"), id="datetime"),
    pytest.param(dl("range", start_date=D("2025-07-01"), end_date=D("2025-08-31")), D("2025-08-31"), id="range-end"),
    pytest.param(dl("relative", amount=5, unit="working_day", date=D("2025-05-12")), D("2025-05-12"), id="relative"),
    pytest.param(dl("relative", amount=5, unit="working_day"), None, id="relative-unknown-start"),
    pytest.param(dl("recurring", freq="monthly", day_of_month=5, date=D("2025-06-05")), D("2025-06-05"),
                 id="recurring-first-due"),
    pytest.param(dl("ongoing"), None, id="ongoing"),
    pytest.param(dl("event"), None, id="event"),
    pytest.param(None, None, id="none"),
])
def test_due_date_of_each_kind(deadline, due) -> None:
    assert due_date(deadline) == due


@pytest.mark.parametrize("due, status", [
    pytest.param("2025-05-31", "overdue", id="yesterday"),
    pytest.param("2025-06-01", "due_soon", id="today"),
    pytest.param("2025-06-08", "due_soon", id="in-7-days"),
    pytest.param("2025-06-09", "later", id="in-8-days"),
    pytest.param(None, "no_date", id="no-date"),
])
def test_status_against_a_day(due, status) -> None:
    assert due_status(D(due) if due else None, D("2025-06-01"), 7) == status


def _protocol(*deadlines: Deadline) -> Protocol:
    return Protocol(header=Header(date=Value(text="14.05.2025", norm="2025-05-14", start=0, end=1)),
                    decisions=[Decision(id=str(i), kind="assignment", text=f"Сделать {i}", start=0, end=1, deadline=d)
                               for i, d in enumerate(deadlines, start=1)])


def test_register_status_column_against_today() -> None:
    p = _protocol(dl("date", date=D("2025-05-19")), dl("relative", amount=3, unit="working_day", date=D("2025-06-03")),
                  dl("recurring", freq="monthly", day_of_month=5, date=D("2025-06-05")), dl("ongoing"))
    rows = list(csv.DictReader(io.StringIO(assignments_csv([p], ["p.txt"], today=D("2025-05-30"),
                                                           soon_days=4).decode("utf-8-sig"))))
    assert [(r["deadline_date"], r["status"]) for r in rows] == [
        ("2025-05-19", "overdue"), ("2025-06-03", "due_soon"), ("2025-06-05", "later"), ("", "no_date")]


def _events(p: Protocol) -> list:
    from icalendar import Calendar

    return list(Calendar.from_ical(deadlines_ics([Entry("p.txt", p, "abc")])).walk("VEVENT"))


def test_working_day_schedule_is_rdates_by_the_calendar() -> None:
    """"не позднее 3-го рабочего дня месяца": holidays move it, so no RRULE but the days themselves."""
    (ev,) = _events(_protocol(dl("recurring", freq="monthly", working_day_of_month=3, date=D("2025-06-04"),
                                 text="ежемесячно, не позднее 3-го рабочего дня месяца")))
    assert "RRULE" not in ev and ev.decoded("DTSTART") == D("2025-06-04")
    rdates = [d.dt for d in ev["RDATE"].dts] if not isinstance(ev["RDATE"], list) else \
        [d.dt for r in ev["RDATE"] for d in r.dts]
    # July 3, August 5, ... 2025; January 2026 after the holidays (12, 13, 14); May 2026 after 1 and 11 May
    assert rdates[:3] == [D("2025-07-03"), D("2025-08-05"), D("2025-09-03")]
    assert D("2026-01-14") in rdates and D("2026-05-06") in rdates and len(rdates) == 11


def test_day_30_schedule_falls_on_the_last_day_of_february() -> None:
    from dateutil.rrule import rrulestr

    (ev,) = _events(_protocol(dl("recurring", freq="monthly", day_of_month=30, date=D("2025-05-30"),
                                 text="ежемесячно, до 30 числа")))
    rule = rrulestr(ev["RRULE"].to_ical().decode(), dtstart=dt.datetime(2025, 5, 30))
    assert [d.date() for d in rule[:10]][8:] == [D("2026-01-30"), D("2026-02-28")]


def test_a_protocol_saved_before_the_schedule_fields_gets_its_schedule_from_the_phrase() -> None:
    (ev,) = _events(_protocol(dl("recurring", freq="weekly", text="еженедельно, по пятницам")))
    assert ev.decoded("DTSTART") == D("2025-05-16") and ev["RRULE"]["BYDAY"] == ["FR"]


@pytest.mark.parametrize("argv, today, soon", [
    pytest.param(["bulk", "in", "--out", "o"], None, 7, id="defaults"),
    pytest.param(["bulk", "in", "--out", "o", "--today", "2025-06-01", "--due-soon", "3"], D("2025-06-01"), 3,
                 id="given"),
])
def test_bulk_control_flags(argv, today, soon) -> None:
    args = build_parser().parse_args(argv)
    assert (args.today, args.due_soon) == (today, soon)


@pytest.mark.parametrize("argv", [["--today", "01.06.2025"], ["--due-soon", "-1"], ["--due-soon", "week"]])
def test_bad_control_flags_are_refused(argv, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["bulk", "in", "--out", "o", *argv])
    assert exc.value.code == 2 and argv[1] in capsys.readouterr().err
