"""protokol's output as Label Studio tasks with pre-annotations (Label Studio's JSON task format).

    task = to_task(protocol, text, "protocol_12")

`data.text` is the document's text (the one the offsets index), `data.doc_id` the id its gold file
will have. `predictions[0].result` holds one `labels` result per region (a decision, an addressee,
a deadline, ... with `start`/`end`/`text`), a `choices` or `textarea` result with the same `id` for
a region's kind, role, number or normalized value, and `relation` results from a decision to its
addressees, deadline, e-mails, URLs and cited documents and from an agenda question to its
speakers. A value several decisions share (an addressee that sub-items inherit) is one region
with a relation from each of them.
"""
from __future__ import annotations

from models import Protocol

from extractor.integrations.labelstudio.config import DEADLINE_KIND, ITEM_ID, KIND, LABEL, NORM, ROLE, TEXT
from extractor.integrations.labelstudio.values import deadline_line, reference_line

MODEL_VERSION = "protokol"


class _Builder:
    """Collects the results of one task; regions are deduplicated by label, offsets and values."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.result: list[dict] = []
        self.ids: dict[tuple, str] = {}

    def region(self, label: str, value, extras: tuple[tuple[str, str, object], ...] = ()) -> str:
        """The id of the region of `value` (a grounded model object); created on first use.
        `extras` are (from_name, type, value) of its per-region choices and text areas."""
        key = (label, value.start, value.end, extras)
        if key in self.ids:
            return self.ids[key]
        rid = f"r{len(self.ids) + 1}"
        self.ids[key] = rid
        span = {"start": value.start, "end": value.end, "text": self.text[value.start:value.end]}
        self.result.append(self._result(rid, LABEL, "labels", {**span, "labels": [label]}))
        for name, kind, v in extras:
            if v in (None, ""):
                continue
            inner = {"choices": [v]} if kind == "choices" else {"text": [v]}
            self.result.append(self._result(rid, name, kind, {**span, **inner}))
        return rid

    @staticmethod
    def _result(rid: str, from_name: str, kind: str, value: dict) -> dict:
        return {"id": rid, "from_name": from_name, "to_name": TEXT, "type": kind, "origin": "prediction",
                "value": value}

    def relation(self, from_id: str, to_id: str, label: str) -> None:
        self.result.append({"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right",
                            "labels": [label]})


def _norm(v: str | None) -> tuple[str, str, str | None]:
    return (NORM, "textarea", v)


def to_task(protocol: Protocol, text: str, doc_id: str, source: str | None = None) -> dict:
    """One Label Studio task: the text, and protokol's output as its prediction."""
    b = _Builder(text)
    h = protocol.header
    for label, value in (("Number", h.number), ("Date", h.date), ("Place", h.place), ("Chair", h.chair),
                         ("Secretary", h.secretary)):
        if value is not None:
            b.region(label, value, (_norm(value.norm),))
    for a in protocol.attendees:
        b.region("Attendee", a.person, (_norm(a.person.norm),))
    for item in protocol.agenda:
        qid = b.region("Agenda", item, ((ITEM_ID, "textarea", item.id),))
        for s in item.speakers:
            b.relation(qid, b.region("Speaker", s, (_norm(s.norm),)), "speaker")
    for d in protocol.decisions:
        did = b.region("Decision", d, ((ITEM_ID, "textarea", d.id), (KIND, "choices", d.kind)))
        for a in d.addressees:
            b.relation(did, b.region("Addressee", a, (_norm(a.norm), (ROLE, "choices", a.role))), "addressee")
        if d.deadline is not None:
            dl = d.deadline
            extras = ((DEADLINE_KIND, "choices", dl.kind), _norm(deadline_line(dl)))
            b.relation(did, b.region("Deadline", dl, extras), "deadline")
        for e in d.emails:
            b.relation(did, b.region("Email", e, (_norm(e.norm),)), "email")
        for u in d.urls:
            b.relation(did, b.region("URL", u, (_norm(u.norm),)), "url")
        for r in d.references:
            b.relation(did, b.region("Reference", r, (_norm(reference_line(r)),)), "reference")
    for p in protocol.persons:
        for m in p.mentions:
            b.region("Person", m, (_norm(p.norm),))
    data = {"text": text, "doc_id": doc_id}
    if source:
        data["source"] = source
    return {"data": data, "predictions": [{"model_version": MODEL_VERSION, "result": b.result}]}


def unique_ids(names: list[str]) -> list[str]:
    """Document ids from file stems, made unique ("x", "x_2") so gold files never overwrite."""
    from pathlib import PurePath

    seen: dict[str, int] = {}
    out = []
    for name in names:
        stem = PurePath(name).name
        stem = stem[: -len(".gold.json")] if stem.endswith(".gold.json") else PurePath(stem).stem
        seen[stem] = seen.get(stem, 0) + 1
        out.append(stem if seen[stem] == 1 else f"{stem}_{seen[stem]}")
    return out
