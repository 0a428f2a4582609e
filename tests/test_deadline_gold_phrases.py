"""Every deadline phrase of the annotated corpora read by the deadline grammar alone.

The golden tests score deadlines only on decisions the structure finds, so a phrase the grammar
misses hides behind a structure miss. Here each gold deadline's `text` is read as a deadline cell
and, when it is written inside the item, the item's text is read inline; both must give the gold
kind and values (compared as `protokol evaluate` compares them).
"""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from conftest import OWN_CORPUS, SHARED_CORPUS
from extractor.evaluation.scoring import deadline_match
from extractor.linking.deadlines.find import DeadlineMatch, explain, find_deadline


def _cases() -> list:
    out = []
    for root in (OWN_CORPUS, SHARED_CORPUS):
        for path in sorted(Path(root).rglob("*.gold.json")) if root.is_dir() else []:
            gold = json.loads(path.read_text(encoding="utf-8"))
            day = gold["protocol"].get("date")
            day = datetime.date.fromisoformat(day) if day else None
            for d in gold["decisions"]:
                if d.get("deadline"):
                    out.append(pytest.param(d["text"], day, d["deadline"], id=f"{gold['doc_id']}:{d['id']}"))
    return out


def _as_gold(m: DeadlineMatch | None) -> dict | None:
    if m is None:
        return None
    iso = lambda x: x.isoformat() if x else None      # noqa: E731
    return {"kind": m.kind, "date": iso(m.date), "time": m.time, "start": iso(m.range_start),
            "end": iso(m.range_end), "amount": m.amount, "unit": m.unit, "freq": m.freq}


CASES = _cases()


@pytest.mark.skipif(not CASES, reason="no annotated corpus beside the repository")
@pytest.mark.parametrize("item, protocol_date, gold", CASES)
def test_gold_deadline_phrase(item: str, protocol_date: datetime.date | None, gold: dict) -> None:
    cell = find_deadline(gold["text"], protocol_date, cell=True)
    assert deadline_match(gold, _as_gold(cell)), explain(gold["text"], protocol_date, cell=True)
    if gold["text"] in item:
        inline = find_deadline(item, protocol_date)
        assert deadline_match(gold, _as_gold(inline)), explain(item, protocol_date)
