"""Parts of `protokol bulk` without a worker pool: the store (torn lines, resume index), input
listing, citation resolution, the writers on plain protocols, and crash isolation in `stream`."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from extractor.bulk import runner
from extractor.export.citations import citation_rows
from extractor.export.entry import Entry
from extractor.bulk.sources import enumerate_input
from extractor.bulk.store import Store, repair
from extractor.export.writers import assignments_csv, assignments_xlsx, deadlines_ics, references_csv
from extractor.errors import ProtokolError
from models import Addressee, Deadline, Decision, Header, Protocol, Reference, Value


# --- store -----------------------------------------------------------------------------------

def test_repair_cuts_only_a_partial_last_line(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_bytes(b'{"a":1}\n{"b":2}\n{"c":')
    assert repair(f) == len(b'{"c":')
    assert f.read_bytes() == b'{"a":1}\n{"b":2}\n'
    assert repair(f) == 0
    f.write_bytes(b'{"torn')
    assert repair(f) == 6 and f.read_bytes() == b""
    big = b'{"x":"' + b"y" * 200_000          # a torn line longer than the block size
    f.write_bytes(b'{"a":1}\n' + big)
    repair(f)
    assert f.read_bytes() == b'{"a":1}\n'


def test_store_resumes_by_source_and_hash(tmp_path):
    store = Store(tmp_path)
    store.add_protocol("a.txt", "h1", '{"decisions":[]}')
    store.add_error("b.pdf", "h2", "E013", "scan")
    store.close()
    with open(tmp_path / "protocols.jsonl", "ab") as f:
        f.write(b'{"source":"c.txt","sha256":"h3","protocol":{"dec')      # killed mid-write
    store = Store(tmp_path)
    assert store.is_done("a.txt", "h1") and store.is_done("b.pdf", "h2")
    assert not store.is_done("c.txt", "h3") and not store.is_done("a.txt", "changed")
    assert store.add_duplicate("copy-of-a.txt", "h1") is True
    assert store.add_duplicate("copy-of-b.pdf", "h2") is False
    store.close()
    lines = [json.loads(x) for x in (tmp_path / "protocols.jsonl").read_text().splitlines()]
    assert [x["source"] for x in lines] == ["a.txt", "copy-of-a.txt"]
    assert lines[1]["duplicate_of"] == "a.txt" and lines[1]["protocol"] == {"decisions": []}
    errors = [json.loads(x) for x in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert errors[1] == {"source": "copy-of-b.pdf", "sha256": "h2", "code": "E013", "message": "scan",
                         "duplicate_of": "b.pdf"}


# --- input -----------------------------------------------------------------------------------

def test_folder_glob_and_missing_input(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.PDF", "a/b/three.docx", "a/x.gold.json", "a/~$lock.docx"):
        (tmp_path / name).write_bytes(b"x")
    names = [Path(s.name).name for s in enumerate_input(str(tmp_path / "a"))]
    assert names == ["three.docx", "two.PDF", "one.txt"]     # sorted by path: a/b/... before a/one.txt
    assert [Path(s.name).name for s in enumerate_input(str(tmp_path / "a" / "**" / "*.json"))] == ["x.gold.json"]
    assert enumerate_input(str(tmp_path / "a" / "one.txt"))[0].read() == b"x"
    with pytest.raises(ProtokolError) as err:
        enumerate_input(str(tmp_path / "nothing-*.txt"))
    assert err.value.code == "E004"


# --- writers on plain protocols ----------------------------------------------------------------

def _protocol(number: str, date: str, decisions: list[Decision]) -> Protocol:
    return Protocol(header=Header(number=Value(text=number, norm=number, start=0, end=1),
                                  date=Value(text=date, norm=date, start=0, end=1)), decisions=decisions)


def _decision(id_: str, refs: list[Reference] = (), **kw) -> Decision:
    return Decision(id=id_, kind="assignment", text=f"Сделать {id_}", start=0, end=1, references=list(refs), **kw)


def _ref(number: str | None, date: str | None, doc_type: str | None = "протокол") -> Reference:
    return Reference(text=f"{date} № {number}", start=0, end=1, number=number,
                     date=dt.date.fromisoformat(date) if date else None, doc_type=doc_type)


def test_citations_resolve_by_number_and_date():
    a = _protocol("Д05-84/05пр", "2023-07-05", [])
    b = _protocol("12", "2023-08-01", [])
    c = _protocol("12", "2023-09-01", [])
    citing = _protocol("7", "2024-01-10", [_decision("1", [
        _ref("д05–84/05ПР", "2023-07-05"),        # number and date (case and dash differ)
        _ref("12", "2023-09-01"),                 # the number is shared: the date decides
        _ref("12", None),                         # number only, two candidates: unresolved
        _ref(None, "2023-08-01"),                 # a protocol by its date
        _ref("7", "2024-01-10"),                  # itself: never
        _ref("99", "2023-07-05", "приказ"),       # not in the batch
    ])])
    rows = citation_rows([Entry("a", a), Entry("b", b), Entry("c", c), Entry("citing", citing)])
    assert [(r["resolved_document"], r["resolved_by"]) for r in rows] == [
        ("a", "number+date"), ("c", "number+date"), (None, None), ("b", "date"), (None, None), (None, None)]
    text = references_csv([a, b, c, citing], ["a", "b", "c", "citing"]).decode("utf-8-sig")
    assert list(csv.DictReader(io.StringIO(text)))[0]["resolved_document"] == "a"


def test_writers_take_a_list_of_protocols():
    """The web page can call the writers on protocols it has in memory."""
    from icalendar import Calendar
    from openpyxl import load_workbook

    p = _protocol("5", "2025-05-14", [
        _decision("1", addressees=[Addressee(text="Иванову И.И.", norm="Иванов И.И.", role="lead", start=0, end=1),
                                   Addressee(text="Петрову П.П.", norm="Петров П.П.", role="co", start=0, end=1)],
                  deadline=Deadline(kind="date", text="до 1 июня", date=dt.date(2025, 6, 1), start=0, end=1)),
        _decision("2", deadline=Deadline(kind="recurring", text="ежеквартально, до 10 числа первого месяца квартала",
                                         freq="quarterly", start=0, end=1)),
        Decision(id="3", kind="note", text="Принять к сведению", start=0, end=1),
    ])
    rows = list(csv.DictReader(io.StringIO(assignments_csv([p], ["p.txt"]).decode("utf-8-sig"))))
    assert [(r["decision_id"], r["addressee"], r["role"]) for r in rows] == [
        ("1", "Иванов И.И.", "lead"), ("1", "Петров П.П.", "co"), ("2", "", "")]
    ws = load_workbook(io.BytesIO(assignments_xlsx([p], ["p.txt"]))).active
    assert ws.max_row == 4 and ws.freeze_panes == "A2"
    events = list(Calendar.from_ical(deadlines_ics([Entry("p.txt", p, "abc")])).walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == ["abc-1@protokol", "abc-2@protokol"]
    recurring = events[1]
    assert recurring["RRULE"]["FREQ"] == ["MONTHLY"] and recurring["RRULE"]["INTERVAL"] == [3]
    assert recurring["RRULE"]["BYMONTHDAY"] == [10]
    assert recurring.decoded("DTSTART") == dt.date(2025, 7, 10)     # first month of a quarter, the 10th


# --- crash isolation ---------------------------------------------------------------------------

class _CrashyBackend:
    """A pool where the document "bomb" kills the worker, taking down whatever runs beside it."""

    window = 3

    def __init__(self) -> None:
        self.in_flight: list = []
        self.restarts = 0

    def submit(self, task):
        fut = Future()
        self.in_flight.append((task, fut))
        return fut

    def wait_first(self, futures):
        bomb = any(t.source == "bomb" for t, _ in self.in_flight)
        for task, fut in self.in_flight:
            if bomb:
                fut.set_exception(BrokenProcessPool("a worker died"))
            else:
                fut.set_result(runner.Outcome(protocol_json="{}"))
        self.in_flight = []
        return [f for f in futures if f.done()]

    def restart(self) -> None:
        self.restarts += 1


def test_a_document_that_kills_its_worker_is_an_error_the_rest_complete():
    tasks = [runner.Task(name, name, b"") for name in ("a", "bomb", "b", "c", "d")]
    backend = _CrashyBackend()
    results = {t.source: o for t, o in runner.stream(tasks, backend)}
    assert set(results) == {"a", "bomb", "b", "c", "d"}
    assert results["bomb"].code == "E098"
    assert all(results[n].protocol_json == "{}" for n in "abcd")
    assert backend.restarts >= 1


def test_a_line_of_another_version_is_left_out_not_fatal(tmp_path):
    from extractor.export.writers import rebuild

    store = Store(tmp_path)
    good = _protocol("1", "2025-01-10", [_decision("1")])
    store.add_protocol("good.txt", "h1", good.model_dump_json(exclude_none=True))
    store.add_protocol("newer.txt", "h2", '{"decisions":[{"id":"1","kind":"note","text":"x","start":0,"end":1,'
                                          '"field_of_a_newer_version":[0]}]}')
    totals = rebuild(store, tmp_path)
    store.close()
    assert totals.documents == 1 and totals.unreadable == ["newer.txt"]
    assert "good.txt" in (tmp_path / "assignments.csv").read_text(encoding="utf-8-sig")
