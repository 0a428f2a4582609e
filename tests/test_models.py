"""The one place that knows what each deadline kind means (`models.Deadline`) and what counts as an
assignment (`Decision.asks_action`): rows of kind + fields -> due day, period, summary."""
from __future__ import annotations

import datetime as dt

import pytest

from models import Deadline, Decision

D = dt.date
ROWS = [
    # kind and fields                                          due            period                    summary
    ({"kind": "date", "date": D(2025, 3, 15), "iso": "2025-03-15"}, D(2025, 3, 15), (D(2025, 3, 15),) * 2, "2025-03-15"),
    ({"kind": "datetime", "date": D(2025, 3, 15), "time": "12:00", "iso": "2025-03-15T12:00:00"},
     D(2025, 3, 15), (D(2025, 3, 15),) * 2, "2025-03-15T12:00:00"),
    ({"kind": "range", "start_date": D(2025, 1, 1), "end_date": D(2025, 3, 31)}, D(2025, 3, 31),
     (D(2025, 1, 1), D(2025, 3, 31)), "2025-01-01..2025-03-31"),
    ({"kind": "range", "start_date": D(2025, 1, 1)}, D(2025, 1, 1), (D(2025, 1, 1),) * 2, "2025-01-01..None"),
    ({"kind": "relative", "amount": 10, "unit": "day", "date": D(2025, 3, 25)}, D(2025, 3, 25),
     (D(2025, 3, 25),) * 2, "+10 day = 2025-03-25"),
    ({"kind": "relative", "amount": 5, "unit": "working_day"}, None, None, "+5 working_day"),
    ({"kind": "recurring", "freq": "quarterly"}, None, None, "quarterly"),
    ({"kind": "ongoing"}, None, None, "ongoing"),
    ({"kind": "as_established"}, None, None, "as_established"),
    ({"kind": "event"}, None, None, "event"),
]


@pytest.mark.parametrize("fields,due,period,summary", ROWS, ids=lambda v: v["kind"] if isinstance(v, dict) else "")
def test_deadline_kinds(fields, due, period, summary):
    d = Deadline(text="срок", start=0, end=4, **fields)
    assert (d.due(), d.period(), d.summary()) == (due, period, summary)


@pytest.mark.parametrize("kind,asks", [("assignment", True), ("recommendation", True), ("note", False),
                                       ("resolution", False)])
def test_asks_action(kind, asks):
    assert Decision(id="1", kind=kind, text="x", start=0, end=1).asks_action is asks
