"""Control of execution: the day an assignment is due and where it stands against a given day.

    due = due_date(decision.deadline)                  # a date, or None for an open term
    due_status(due, today=date(2025, 5, 20), soon_days=7)   # "overdue" | "due_soon" | "later" | "no_date"

The due day of each deadline kind: a date or date-time its date, a range its last day, a relative
term its computed date (when its start is known), a recurring term its first due date after the
protocol date. Ongoing, as-established and event terms name no day.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from models import Deadline

Status = Literal["overdue", "due_soon", "later", "no_date"]
STATUS_RU = {"overdue": "просрочено", "due_soon": "срок близко", "later": "в работе", "no_date": "без даты"}


def due_date(d: Deadline | None) -> dt.date | None:
    """The day the work is due, when the deadline names one (see `Deadline.due`)."""
    return d.due() if d is not None else None


def due_status(due: dt.date | None, today: dt.date, soon_days: int = 7) -> Status:
    """`overdue` when the due day is before `today`, `due_soon` when it is within `soon_days` days from
    it (today included), `later` after that, `no_date` without a due day."""
    if due is None:
        return "no_date"
    if due < today:
        return "overdue"
    return "due_soon" if (due - today).days <= soon_days else "later"
