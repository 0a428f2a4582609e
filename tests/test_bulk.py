"""`protokol bulk` on our corpus: the register against the gold, the Excel sheet, the calendar, a zip
input, unreadable documents, duplicates and a second run that has nothing left to do."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from _docmake import encrypted_pdf
from conftest import OWN_CORPUS, load_gold
from extractor.bulk import BulkOptions, run_bulk
from extractor.export.register import COLUMNS, OVERDUE_FILL
from extractor.export.due import STATUS_RU
from extractor.readers import Limits
from extractor.evaluation.scoring import addressee_counts
from test_golden_corpus import KNOWN

TODAY = dt.date(2025, 6, 1)       # the register's status is computed against this day
GOLD_DOCS = sorted(p for p in OWN_CORPUS.glob("*.txt") if (OWN_CORPUS / f"{p.stem}.gold.json").exists())


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def make_input(folder: Path) -> Path:
    """Our corpus (sample.txt is a copy of an annotated document), an encrypted PDF, a damaged DOCX,
    binary data named .txt and a README that is no protocol."""
    folder.mkdir()
    for p in GOLD_DOCS + [OWN_CORPUS / "sample.txt"]:   # not the ID.pdftext.txt variants
        shutil.copy(p, folder / p.name)
    (folder / "sub").mkdir()
    (folder / "sub" / "locked.pdf").write_bytes(encrypted_pdf())
    (folder / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    (folder / "sub" / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "README.md").write_text("# not a protocol\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("bulk")
    src = make_input(base / "in")
    out = base / "out"
    summary = run_bulk(BulkOptions(str(src), out, jobs=2, today=TODAY, soon_days=7))
    return src, out, summary


def gold_due(deadline: dict | None, extracted: dict | None) -> str | None:
    """The due date the register must carry: gold's; for a relative or recurring term that gold leaves
    undated (working days, a recurring schedule), the date extraction gave it (tests/test_due_dates.py
    and tests/test_due_corpus.py check those dates)."""
    if not deadline:
        return None
    if deadline["kind"] == "range":
        return deadline.get("end")
    if deadline["kind"] in ("relative", "recurring") and "date" not in deadline:
        return (extracted or {}).get("date")
    return deadline.get("date") if deadline["kind"] in ("date", "datetime", "relative") else None


def test_every_document_once_with_its_hash(corpus_run):
    src, out, summary = corpus_run
    records = read_jsonl(out / "protocols.jsonl")
    sources = [r["source"] for r in records]
    assert sorted(sources) == sorted(str(p) for p in src.glob("*.txt"))    # not sub/binary.txt
    for r in records:
        assert r["sha256"] == hashlib.sha256(Path(r["source"]).read_bytes()).hexdigest()
        assert r["protocol"]["schema_version"]
    sample = next(r for r in records if r["source"].endswith("sample.txt"))
    assert sample["duplicate_of"].endswith("org_molkombinat_planerka_2025_05.txt")
    assert (summary.extracted, summary.duplicates, summary.failed) == (len(GOLD_DOCS), 1, 3)
    assert (summary.totals.documents, summary.totals.copies) == (len(GOLD_DOCS), 1)


def test_a_copy_is_listed_once_in_the_register(corpus_run):
    _, out, _ = corpus_run
    documents = {Path(r["document"]).name for r in read_csv(out / "assignments.csv")}
    assert "sample.txt" not in documents and "org_molkombinat_planerka_2025_05.txt" in documents


def test_unreadable_documents_are_error_lines(corpus_run):
    src, out, _ = corpus_run
    errors = {Path(e["source"]).name: e for e in read_jsonl(out / "errors.jsonl")}
    assert {n: e["code"] for n, e in errors.items()} == {"locked.pdf": "E012", "broken.docx": "E016",
                                                         "binary.txt": "E002"}
    assert all(e["message"] and e["sha256"] for e in errors.values())


@pytest.mark.parametrize("txt", GOLD_DOCS, ids=lambda p: p.stem)
def test_register_has_every_gold_assignment(corpus_run, txt):
    """Each gold assignment or recommendation is in assignments.csv: its kind, its deadline date,
    its addressees (matched as the scorer matches them), one row per addressee."""
    _, out, _ = corpus_run
    rows = [r for r in read_csv(out / "assignments.csv") if Path(r["document"]).name == txt.name]
    gold = [d for d in load_gold(txt)["decisions"] if d["kind"] in ("assignment", "recommendation")]
    record = next(r for r in read_jsonl(out / "protocols.jsonl") if Path(r["source"]).name == txt.name)
    extracted = {d["id"]: d.get("deadline") for d in record["protocol"]["decisions"]}
    assert {r["decision_id"] for r in rows} == {d["id"] for d in gold}
    for d in gold:
        mine = [r for r in rows if r["decision_id"] == d["id"]]
        assert {r["kind"] for r in mine} == {d["kind"]}
        assert {r["deadline_date"] or None for r in mine} == {gold_due(d["deadline"], extracted[d["id"]])}, d["id"]
        due = mine[0]["deadline_date"]
        status = "no_date" if not due else "overdue" if due < "2025-06-01" else "due_soon" if due <= "2025-06-08" \
            else "later"
        assert {r["status"] for r in mine} == {status}, d["id"]
        assert len({r["action"] for r in mine}) == 1
        if (txt.stem, "addressees") in KNOWN:
            continue
        assert len(mine) == max(1, len(d["addressees"])), d["id"]
        pred = [{"text": r["addressee"]} for r in mine if r["addressee"]]
        counts = addressee_counts([{"text": a["norm"]} for a in d["addressees"]], pred)
        assert (counts.fp, counts.fn) == (0, 0), d["id"]
        assert sorted(r["role"] for r in mine if r["role"]) == sorted(a["role"] for a in d["addressees"])


def test_xlsx_has_filters_frozen_header_and_the_rows(corpus_run):
    from openpyxl import load_workbook

    _, out, _ = corpus_run
    ws = load_workbook(out / "assignments.xlsx").active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    assert [c.value for c in ws[1]] == [c[1] for c in COLUMNS]
    csv_rows = read_csv(out / "assignments.csv")
    assert ws.max_row - 1 == len(csv_rows) > 50
    due = [c for (c,) in ws.iter_rows(min_row=2, min_col=9, max_col=9) if c.value is not None]
    assert due and all(isinstance(c.value, dt.datetime) for c in due)
    assert ws.auto_filter.ref.endswith(str(ws.max_row))
    # overdue rows (due before TODAY) are filled red across the row, the others are not filled
    for row, csv_row in zip(ws.iter_rows(min_row=2), csv_rows):
        fills = {c.fill.fgColor.rgb if c.fill.fill_type == "solid" else None for c in row}
        assert fills == ({"00" + OVERDUE_FILL} if csv_row["status"] == "overdue" else {None}), csv_row["decision_id"]
    assert sum(r["status"] == "overdue" for r in csv_rows) > 10 and any(r["status"] == "later" for r in csv_rows)
    assert {c.value for (c,) in ws.iter_rows(min_row=2, min_col=10, max_col=10)} <= set(STATUS_RU.values())


def test_ics_has_an_event_per_dated_deadline(corpus_run):
    from icalendar import Calendar

    _, out, _ = corpus_run
    cal = Calendar.from_ical((out / "deadlines.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    records = {r["source"]: r for r in read_jsonl(out / "protocols.jsonl")}
    expected = {}
    for source, r in records.items():
        for d in r["protocol"]["decisions"]:
            dl = d.get("deadline") or {}
            dated = dl.get("date") or dl.get("start_date") or dl.get("end_date") or dl.get("kind") == "recurring"
            if dated:
                expected[f'{r["sha256"]}-{d["id"]}@protokol'] = dl
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)                      # unique UIDs: sample.txt is a copy
    assert set(by_uid) == set(expected)
    for uid, dl in expected.items():
        ev = by_uid[uid]
        start = ev.decoded("DTSTART")
        if dl["kind"] == "recurring":
            freq = {"quarterly": "MONTHLY"}.get(dl["freq"], dl["freq"].upper())
            assert ev["RRULE"]["FREQ"] == [freq]
            assert ev["RRULE"].get("INTERVAL") == ([3] if dl["freq"] == "quarterly" else None)
            assert start.isoformat() == dl["date"]                # the first due date
        elif dl["kind"] == "range":
            assert start.isoformat() == dl["start_date"]
            assert (ev.decoded("DTEND") - dt.timedelta(days=1)).isoformat() == dl["end_date"]
        elif dl["kind"] == "datetime":
            assert start.strftime("%Y-%m-%d %H:%M") == f'{dl["date"]} {dl["time"]}'
            assert (str(start.tzinfo) == "Europe/Moscow") == (dl.get("tz") == "Europe/Moscow")
        else:
            assert start.isoformat() == dl["date"]
    assert any("RRULE" in e and e["RRULE"].get("BYDAY") == ["FR"] for e in events)   # "по пятницам"
    assert any(e["DTSTART"].params.get("TZID") == "Europe/Moscow" for e in events)     # "(мск)"


def test_second_run_has_nothing_left_to_do(corpus_run):
    src, out, first = corpus_run
    before = {n: (out / n).read_bytes() for n in ("protocols.jsonl", "errors.jsonl", "assignments.csv",
                                                  "deadlines.ics", "references.csv")}
    again = run_bulk(BulkOptions(str(src), out, jobs=2, today=TODAY))
    assert (again.skipped, again.extracted, again.failed, again.jobs) == (first.found, 0, 0, 0)
    assert {n: (out / n).read_bytes() for n in before} == before


def test_zip_input_with_a_bomb_member(tmp_path):
    """Zip members are read with the reader limits: an oversized member and a suspicious ratio are
    error lines; the other members are extracted."""
    archive = tmp_path / "protocols.zip"
    docs = GOLD_DOCS[:2]
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in docs:
            zf.write(p, f"2025/{p.name}")
        zf.writestr("2025/huge.txt", b"0" * 3_000_000)          # declared size over max_bytes
        zf.writestr("2025/bomb.txt", b"\x00" * 900_000)         # ratio ~ 1000:1
        zf.writestr("notes/readme.md", "not a protocol")
    limits = Limits(max_bytes=2_000_000, ratio_floor_bytes=100_000, max_ratio=50)
    summary = run_bulk(BulkOptions(str(archive), tmp_path / "out", jobs=1, limits=limits))
    records = read_jsonl(tmp_path / "out" / "protocols.jsonl")
    assert sorted(r["source"] for r in records) == sorted(f"{archive}!2025/{p.name}" for p in docs)
    errors = {e["source"].rsplit("/", 1)[1]: e["code"] for e in read_jsonl(tmp_path / "out" / "errors.jsonl")}
    assert errors == {"huge.txt": "E015", "bomb.txt": "E017"}
    assert summary.found == 4 and summary.extracted == 2
    rows = read_csv(tmp_path / "out" / "assignments.csv")
    assert {r["document"] for r in rows} == {f"{archive}!2025/{p.name}" for p in docs}
