"""Which protocol cites which: every reference of every decision, resolved to a document of the
same batch where the batch holds it.

    Path("references.csv").write_bytes(to_csv(citation_rows(entries)))

A reference is resolved by the number and date of the cited document against the header number
and date of each protocol of the batch:
- number and date both given: the protocol with that number and that date (`number+date`);
- only a number (or the cited protocol's date is unknown): the one protocol with that number (`number`);
- only a date, and the reference names a protocol: the one protocol of that date (`date`).
Numbers are compared without spaces, case and dash variants ("Д05-84/05пр" = "д05–84/05ПР").
A reference matching no protocol, or several, stays unresolved (the columns are empty); a
protocol never resolves to itself.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from typing import Iterable

from extractor.export.entry import Entry, protocol_date

FIELDS = ["document", "protocol_number", "protocol_date", "decision_id", "cited_type", "cited_number",
          "cited_date", "cited_text", "resolved_document", "resolved_by"]


def norm_number(number: str | None) -> str | None:
    if not number:
        return None
    return re.sub(r"[\s\u00a0]", "", re.sub(r"[‐-―−]", "-", number)).casefold() or None


class Index:
    """The protocols of a batch by number and by date."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.by_number: dict[str, list[tuple[str, dt.date | None]]] = defaultdict(list)
        self.by_date: dict[dt.date, list[str]] = defaultdict(list)
        for e in entries:
            h = e.protocol.header
            date = protocol_date(e.protocol)
            number = norm_number(h.number.norm if h.number else None)
            if number:
                self.by_number[number].append((e.source, date))
            if date:
                self.by_date[date].append(e.source)

    def resolve(self, number: str | None, date: dt.date | None, doc_type: str | None,
                citing: str) -> tuple[str | None, str | None]:
        """(the cited document, how it was found) or (None, None)."""
        key = norm_number(number)
        if key and date:
            found = [s for s, d in self.by_number.get(key, []) if d == date and s != citing]
            how = "number+date"
            if not found:    # the cited protocol's own date was not read: the number alone
                found = [s for s, d in self.by_number.get(key, []) if d is None and s != citing]
                how = "number"
        elif key:
            found = [s for s, _ in self.by_number.get(key, []) if s != citing]
            how = "number"
        elif date and (doc_type or "").startswith("протокол"):
            found = [s for s in self.by_date.get(date, []) if s != citing]
            how = "date"
        else:
            return None, None
        return (found[0], how) if len(found) == 1 else (None, None)


def citation_rows(entries: Iterable[Entry]) -> list[dict]:
    """One row per reference of a decision, in document and decision order."""
    entries = list(entries)
    index = Index(entries)
    rows = []
    for e in entries:
        h = e.protocol.header
        for d in e.protocol.decisions:
            for r in d.references:
                target, how = index.resolve(r.number, r.date, r.doc_type, e.source)
                rows.append({
                    "document": e.source, "protocol_number": h.number.norm if h.number else None,
                    "protocol_date": protocol_date(e.protocol), "decision_id": d.id, "cited_type": r.doc_type,
                    "cited_number": r.number, "cited_date": r.date, "cited_text": " ".join(r.text.split()),
                    "resolved_document": target, "resolved_by": how,
                })
    return rows


def to_csv(rows: Iterable[dict]) -> bytes:
    """The citations as CSV (UTF-8 with a BOM, ISO dates)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow(["" if row.get(f) is None else (row[f].isoformat() if isinstance(row[f], dt.date)
                                                          else str(row[f])) for f in FIELDS])
    return buf.getvalue().encode("utf-8-sig")
