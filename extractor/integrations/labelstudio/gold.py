"""A Label Studio export (after people corrected the pre-annotations) back to corpus gold files.

    golds = export_to_gold(json.loads(Path("export.json").read_text()))
    write_gold(golds, Path("gold/"))        # ID.gold.json and ID.txt, ready for `protokol evaluate`

Each task's latest annotation that was not cancelled is read (tasks nobody annotated are listed
in `Converted.skipped`). A decision's addressees, deadline, e-mails, URLs and references are the
regions it has a relation with; a region of those labels with no relation to any decision belongs
to the smallest decision region that contains it. Values come from the region's per-region text
area (`norm`) and choices, the text as marked when the text area is empty.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ProtokolError
from extractor.integrations.labelstudio.config import CHILD_RELATIONS, DEADLINE_KIND, HEADER_LABELS, ITEM_ID, KIND, LABEL, NORM, ROLE
from extractor.integrations.labelstudio.values import bad_value, parse_deadline, parse_reference
from extractor.language.morph import hyphen_joins


def bad_export(detail: str) -> ProtokolError:
    return ProtokolError("E031", f"not a Label Studio JSON export ({detail}); export the project as "
                                 "\"JSON\" (not JSON-MIN or CSV) and try again")


@dataclass
class Region:
    id: str
    label: str
    start: int
    end: int
    text: str
    values: dict[str, str] = field(default_factory=dict)   # from_name -> choice or text area line

    def value(self, name: str, default: str | None = None) -> str | None:
        v = self.values.get(name)
        return v if v not in (None, "") else default


@dataclass
class Converted:
    golds: list[tuple[dict, str]] = field(default_factory=list)    # (gold document, its text)
    skipped: list[str] = field(default_factory=list)               # tasks without an annotation


def _collapse(s: str) -> str:
    """A region's text as the extractor reads it: its lines joined, a word split by a line-end hyphen
    joined by the same dictionary rule the text layout uses ("Ко-" + "четкова" -> "Кочеткова")."""
    lines = [line.strip() for line in s.split("\n")]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out = out[:-1] + line if out.endswith("-") and hyphen_joins(out, line) else f"{out} {line}"
    return " ".join(out.split())


def _annotation(task: dict) -> dict | None:
    """The latest annotation of a task that was not cancelled (skipped)."""
    done = [(str(a.get("updated_at") or a.get("created_at") or ""), n, a)
            for n, a in enumerate(task.get("annotations") or []) if isinstance(a, dict) and not a.get("was_cancelled")]
    return max(done, key=lambda t: t[:2])[2] if done else None   # ISO times sort as text; then the later one


def regions(result: list[dict], text: str) -> tuple[dict[str, Region], list[tuple[str, str]]]:
    """Regions by id (labels results, with the per-region values merged in) and relations."""
    found: dict[str, Region] = {}
    extra: list[dict] = []
    relations = []
    for r in result:
        if r.get("type") == "relation":
            relations.append((r.get("from_id"), r.get("to_id")))
        elif r.get("type") == "labels" and r.get("from_name") == LABEL:
            v = r.get("value") or {}
            start, end = v.get("start"), v.get("end")
            if not isinstance(start, int) or not isinstance(end, int) or not v.get("labels"):
                raise bad_export(f"region {r.get('id')} has no start, end or label")
            found[r["id"]] = Region(r["id"], v["labels"][0], start, end, v.get("text") or text[start:end])
        elif r.get("type") in ("choices", "textarea"):
            extra.append(r)
    for r in extra:
        region = found.get(r.get("id"))
        v = r.get("value") or {}
        items = v.get("choices") if r["type"] == "choices" else v.get("text")
        if region is not None and items:
            region.values[r.get("from_name")] = " ".join(str(x) for x in items).strip()
    return found, relations


def _children(found: dict[str, Region], relations: list[tuple[str, str]]) -> dict[str, list[Region]]:
    """Decision id -> its value regions (by relation, else by containment), in text order."""
    decisions = [r for r in found.values() if r.label == "Decision"]
    out: dict[str, list[Region]] = {d.id: [] for d in decisions}
    linked = set()
    for a, b in relations:
        ra, rb = found.get(a), found.get(b)
        if ra is None or rb is None:
            continue
        parent, child = (ra, rb) if ra.label == "Decision" else (rb, ra)
        if parent.label == "Decision" and child.label in CHILD_RELATIONS:
            out[parent.id].append(child)
            linked.add(child.id)
    for r in found.values():
        if r.label in CHILD_RELATIONS and r.id not in linked:
            around = [d for d in decisions if d.start <= r.start and r.end <= d.end]
            if around:
                out[min(around, key=lambda d: d.end - d.start).id].append(r)
    return {k: sorted(v, key=lambda r: (r.start, r.end)) for k, v in out.items()}


def _decision(d: Region, children: list[Region], where: str, n: int) -> dict:
    at = f"{where}, decision {d.value(ITEM_ID, str(n))}"
    of = {label: [c for c in children if c.label == label] for label in CHILD_RELATIONS}
    deadline = None
    if of["Deadline"]:
        c = of["Deadline"][0]
        deadline = parse_deadline(c.value(DEADLINE_KIND, "date"), c.value(NORM, ""), _collapse(c.text),
                                  f"{at}, deadline {c.text!r}")
    return {
        "id": d.value(ITEM_ID, str(n)),
        "text": _collapse(d.text),
        "kind": d.value(KIND, "assignment"),
        "addressees": [{"text": _collapse(c.text), "norm": c.value(NORM, _collapse(c.text)),
                        "role": c.value(ROLE, "lead")} for c in of["Addressee"]],
        "deadline": deadline,
        "emails": [c.value(NORM, c.text.strip()) for c in of["Email"]],
        "urls": [c.value(NORM, c.text.strip()) for c in of["URL"]],
        "references": [parse_reference(c.value(NORM, ""), f"{at}, reference {c.text!r}") for c in of["Reference"]],
    }


def task_to_gold(task: dict, doc_id: str, result: list[dict]) -> dict:
    """The gold document of one annotated task."""
    text = task["data"]["text"]
    found, relations = regions(result, text)
    ordered = sorted(found.values(), key=lambda r: (r.start, r.end))

    def of(label: str) -> list[Region]:
        return [r for r in ordered if r.label == label]

    def norm(r: Region) -> str:
        return r.value(NORM, _collapse(r.text))

    protocol = {field_: None for field_ in HEADER_LABELS.values()}
    for label, field_ in HEADER_LABELS.items():
        if of(label):
            protocol[field_] = norm(of(label)[0])
    speakers: dict[str, list[str]] = {}
    for a, b in relations:
        ra, rb = found.get(a), found.get(b)
        if ra and rb and {ra.label, rb.label} == {"Agenda", "Speaker"}:
            q, s = (ra, rb) if ra.label == "Agenda" else (rb, ra)
            speakers.setdefault(q.id, []).append(norm(s))
    children = _children(found, relations)
    persons = list(dict.fromkeys(norm(r) for r in of("Person")))
    return {
        "doc_id": doc_id,
        "protocol": protocol,
        "attendees": [norm(r) for r in of("Attendee")],
        "agenda": [{"id": q.value(ITEM_ID), "title": _collapse(q.text), "speakers": speakers.get(q.id, [])}
                   for q in of("Agenda")],
        "decisions": [_decision(d, children[d.id], f"task {doc_id}", n)
                      for n, d in enumerate(of("Decision"), 1)],
        "persons": persons,
    }


def export_to_gold(export) -> Converted:
    """Every annotated task of a Label Studio JSON export as (gold document, text)."""
    if not isinstance(export, list):
        raise bad_export("the top level is not a list of tasks")
    out = Converted()
    seen: dict[str, int] = {}
    for n, task in enumerate(export, 1):
        if not isinstance(task, dict) or not isinstance((task.get("data") or {}).get("text"), str):
            raise bad_export(f"task {n} has no data.text")
        # the id names files: path separators and odd characters become "_"
        doc_id = re.sub(r"[^\w.-]+", "_", str(task["data"].get("doc_id") or task.get("id") or n)).strip(".")
        seen[doc_id] = seen.get(doc_id, 0) + 1
        if seen[doc_id] > 1:
            doc_id = f"{doc_id}_{seen[doc_id]}"
        annotation = _annotation(task)
        if annotation is None:
            out.skipped.append(doc_id)
            continue
        if not isinstance(annotation.get("result"), list):
            raise bad_export(f"task {doc_id}: an annotation has no result list")
        out.golds.append((task_to_gold(task, doc_id, annotation["result"]), task["data"]["text"]))
    return out


def write_gold(converted: Converted, out: Path) -> list[Path]:
    """`ID.gold.json` and `ID.txt` (the text annotated) per document, so `protokol evaluate out`
    extracts the same text and scores it against the corrections."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for gold, text in converted.golds:
        path = out / f"{gold['doc_id']}.gold.json"
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        (out / f"{gold['doc_id']}.txt").write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written


__all__ = ["Converted", "bad_export", "bad_value", "export_to_gold", "task_to_gold", "write_gold"]
