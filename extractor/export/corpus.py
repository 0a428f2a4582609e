"""The Protocol in the gold format of the annotated corpus (../shared/corpus/README.md)."""
from __future__ import annotations

from models import Deadline, Protocol


def deadline_to_corpus(d: Deadline | None) -> dict | None:
    """A deadline with exactly the fields its kind has in the gold format."""
    if d is None:
        return None
    out: dict = {"kind": d.kind, "text": d.text}
    if d.kind in ("date", "datetime") and d.date:
        out["date"] = d.date.isoformat()
    if d.kind == "datetime":
        out["time"] = d.time
        if d.tz:
            out["tz"] = d.tz
    if d.kind == "range":
        out["start"] = d.start_date.isoformat() if d.start_date else None
        out["end"] = d.end_date.isoformat() if d.end_date else None
    if d.kind == "relative":
        out["amount"], out["unit"] = d.amount, d.unit
        if d.date:
            out["date"] = d.date.isoformat()
    if d.kind == "recurring":
        out["freq"] = d.freq
    return out


def to_corpus(p: Protocol, doc_id: str) -> dict:
    """`p` as an `ID.gold.json` document."""
    h = p.header
    return {
        "doc_id": doc_id,
        "protocol": {
            "number": h.number.norm if h.number else None,
            "date": h.date.norm if h.date else None,
            "place": h.place.norm if h.place else None,
            "chair": h.chair.norm if h.chair else None,
            "secretary": h.secretary.norm if h.secretary else None,
        },
        "attendees": [a.person.norm for a in p.attendees],
        "agenda": [{"id": a.id, "title": a.text, "speakers": [s.norm for s in a.speakers]} for a in p.agenda],
        "decisions": [
            {
                "id": d.id,
                "text": d.text,
                "kind": d.kind,
                "addressees": [{"text": a.text, "norm": a.norm, "role": a.role} for a in d.addressees],
                "deadline": deadline_to_corpus(d.deadline),
                "emails": [e.norm for e in d.emails],
                "urls": [u.norm for u in d.urls],
                "references": [{"date": r.date.isoformat() if r.date else None, "number": r.number}
                               for r in d.references],
            }
            for d in p.decisions
        ],
        "persons": [x.norm for x in p.persons],
    }
