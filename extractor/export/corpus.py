"""The Protocol in the gold format of the annotated corpus (../shared/corpus/README.md)."""
from __future__ import annotations

from models import Deadline, Protocol


def deadline_to_corpus(d: Deadline | None) -> dict | None:
    """A deadline with exactly the fields its kind has in the gold format."""
    return {"kind": d.kind, "text": d.text, **d.values()} if d is not None else None


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
