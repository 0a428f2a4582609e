"""The files of a bulk run built from its protocols, and the same files for any list of protocols.

    from extractor.export.writers import assignments_csv, assignments_xlsx, deadlines_ics, references_csv
    data = assignments_xlsx(protocols, names)      # bytes, e.g. for a download on the web page

`protokol bulk` rebuilds all four from protocols.jsonl at the end of every run (`rebuild`), so a
resumed run ends with complete files (a document recorded as a copy of another, same content under
another name, is listed once, under the name of the first); each is written to a temporary file and renamed over the
old one, so a reader never sees half a file.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pydantic import ValidationError

from models import Protocol

from extractor.export import citations

from extractor.export import register
from extractor.export.entry import Entry, as_entries
from extractor.export.ics import to_ics

ASSIGNMENTS_CSV, ASSIGNMENTS_XLSX = "assignments.csv", "assignments.xlsx"
DEADLINES_ICS, REFERENCES_CSV = "deadlines.ics", "references.csv"


def assignments_csv(protocols: Iterable[Protocol | Entry], names: Iterable[str] | None = None,
                    today: dt.date | None = None, soon_days: int = 7) -> bytes:
    return register.to_csv(register.register_rows(as_entries(protocols, names), today, soon_days))


def assignments_xlsx(protocols: Iterable[Protocol | Entry], names: Iterable[str] | None = None,
                     today: dt.date | None = None, soon_days: int = 7) -> bytes:
    return register.to_xlsx(register.register_rows(as_entries(protocols, names), today, soon_days))


def deadlines_ics(protocols: Iterable[Protocol | Entry], names: Iterable[str] | None = None) -> bytes:
    return to_ics(as_entries(protocols, names))


def references_csv(protocols: Iterable[Protocol | Entry], names: Iterable[str] | None = None) -> bytes:
    return citations.to_csv(citations.citation_rows(as_entries(protocols, names)))


def atomic_write(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all (temporary file, fsync, rename)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


@dataclass
class Totals:
    """What the output folder holds after a rebuild."""

    documents: int = 0          # distinct documents in the register
    copies: int = 0             # recorded as copies of one of them (same content, another name)
    decisions: int = 0
    assignments: int = 0        # decisions of kind assignment or recommendation
    rows: int = 0               # register rows (one per addressee)
    events: int = 0
    references: int = 0
    resolved: int = 0
    unreadable: list[str] = field(default_factory=list)   # protocols.jsonl lines left out (other version)


def write_all(entries: list[Entry], out: Path, today: dt.date | None = None, soon_days: int = 7) -> Totals:
    """assignments.csv/.xlsx (status against `today`), deadlines.ics and references.csv of `entries`."""
    rows = register.register_rows(entries, today, soon_days)
    cites = citations.citation_rows(entries)
    ics = to_ics(entries)
    atomic_write(out / ASSIGNMENTS_CSV, register.to_csv(rows))
    atomic_write(out / ASSIGNMENTS_XLSX, register.to_xlsx(rows))
    atomic_write(out / DEADLINES_ICS, ics)
    atomic_write(out / REFERENCES_CSV, citations.to_csv(cites))
    return Totals(
        documents=len(entries), decisions=sum(len(e.protocol.decisions) for e in entries),
        assignments=sum(d.asks_action for e in entries for d in e.protocol.decisions),
        rows=len(rows), events=ics.count(b"BEGIN:VEVENT"), references=len(cites),
        resolved=sum(1 for c in cites if c["resolved_document"]))


def entries_from_records(records: Iterable[dict], unreadable: list[str] | None = None) -> list[Entry]:
    """Entries from the lines of protocols.jsonl. A line this version cannot read back (written by
    another protokol version, e.g. on a Dask worker) is left out and named in `unreadable`."""
    out = []
    for r in records:
        try:
            out.append(Entry(r["source"], Protocol.model_validate(r["protocol"]), r.get("sha256")))
        except ValidationError:
            if unreadable is not None:
                unreadable.append(r["source"])
    return out


def distinct(records: Iterable[dict]) -> list[dict]:
    """The records without copies: a source recorded as `duplicate_of` another is left out when a
    record with the same content is there (the same assignments are not listed twice)."""
    records = list(records)
    originals = {r.get("sha256") for r in records if not r.get("duplicate_of")}
    return [r for r in records if not (r.get("duplicate_of") and r.get("sha256") in originals)]


def rebuild(store, out: Path, today: dt.date | None = None, soon_days: int = 7) -> Totals:
    """Rebuild every derived file from the store: the last line of each source, copies left out."""
    records = list(store.records())
    unique = distinct(records)
    unreadable: list[str] = []
    totals = write_all(entries_from_records(unique, unreadable), out, today, soon_days)
    totals.copies = len(records) - len(unique)
    totals.unreadable = unreadable
    return totals
