"""The assignment table for people: id, addressees, what to do, deadline, where to send."""
from __future__ import annotations

import textwrap

from models import Deadline, Grounded, Protocol

LOW_CONFIDENCE = 80.0   # OCR values below this tesseract confidence are marked for checking

_KIND_RU = {"assignment": "поручение", "recommendation": "рекомендация", "note": "к сведению",
            "resolution": "решение"}


def deadline_words(d: Deadline | None) -> str:
    """A deadline as a person reads it: phrase and its normalized value."""
    if d is None:
        return "—"
    value = {
        "date": d.iso, "datetime": d.iso,
        "range": f"{d.start_date}..{d.end_date}",
        "relative": f"+{d.amount} {d.unit}" + (f" = {d.date}" if d.date else ""),
        "recurring": f"{d.freq}" + (f", first {d.date}" if d.date else ""),
    }.get(d.kind, d.kind)
    return f"{d.text} [{value}]"


def doubt(*values: Grounded | None) -> str:
    """" [? OCR 63]" when a value was recognized from a scan with a low confidence (the lowest)."""
    confs = [v.confidence for v in values if v is not None and v.source == "ocr" and v.confidence is not None]
    low = min(confs, default=None)
    return f" [? OCR {low:.0f}]" if low is not None and low < LOW_CONFIDENCE else ""


def render(p: Protocol, width: int = 110) -> str:
    """The table as text."""
    h = p.header
    head = [
        f"Протокол № {h.number.norm if h.number else '—'} от {h.date.norm if h.date else '—'}"
        f", {h.place.norm if h.place else '—'}",
        f"Председатель: {h.chair.norm if h.chair else '—'}; секретарь: {h.secretary.norm if h.secretary else '—'}",
        f"Решений: {len(p.decisions)}, из них поручений: {sum(d.kind == 'assignment' for d in p.decisions)}",
        "",
    ]
    rows = []
    for d in p.decisions:
        who = "; ".join(f"{a.norm} ({a.role}){doubt(a)}" for a in d.addressees) or "—"
        send = ", ".join([e.norm + doubt(e) for e in d.emails] + [u.norm + doubt(u) for u in d.urls]) or "—"
        what = textwrap.shorten(d.text, 300, placeholder=" …") + doubt(d)
        rows.append(f"{d.id:<9} {_KIND_RU[d.kind]}")
        for label, value in (("кто", who), ("что", what), ("срок", deadline_words(d.deadline) + doubt(d.deadline)), ("куда", send)):
            wrapped = textwrap.wrap(value, width - 16) or ["—"]
            rows.append(f"{'':9} {label:<5} {wrapped[0]}")
            rows.extend(f"{'':15} {line}" for line in wrapped[1:])
        rows.append("")
    for w in p.warnings:
        rows.append(f"! {w.code}: {w.message}")
    return "\n".join(head + rows)
