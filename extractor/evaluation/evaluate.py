"""`protokol evaluate`: run the extractor over an annotated set and score it per field.

Every document with an `ID.gold.json` is extracted from each requested format present beside it
(`ID.txt`, `ID.pdf`, `ID.docx`) and scored by `scoring.score_document`. A document that cannot be
read scores as an empty prediction (every gold value missed), so errors are never silently dropped.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from extractor.export.corpus import to_corpus
from extractor.errors import ProtokolError
from extractor.evaluation.scoring import PROTOCOL_FIELDS, Counts, DocScore, score_document, total

FORMATS = ("txt", "pdf", "docx", "html", "pdftext")
# the file each format reads beside ID.gold.json; pdftext is a PDF's text as a generic converter exports it
SUFFIX = {"pdftext": "pdftext.txt"}
COUNT_FIELDS = ("decisions", "addressees", "deadline", "emails", "urls", "references", "persons",
                "attendees", "speakers")
GOLD_KEYS = {"doc_id": str, "protocol": dict, "attendees": list, "agenda": list, "decisions": list,
             "persons": list}


def gold_error(path: Path, detail: str) -> ProtokolError:
    return ProtokolError("E030", f"malformed gold file {path}: {detail}")


def load_gold(path: Path) -> dict:
    """A gold annotation, checked for the keys and types the scorer relies on."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise gold_error(path, str(exc)) from None
    if not isinstance(gold, dict):
        raise gold_error(path, "the top level is not an object")
    for key, kind in GOLD_KEYS.items():
        if not isinstance(gold.get(key), kind):
            raise gold_error(path, f"'{key}' is missing or not a {kind.__name__}")
    for n, d in enumerate(gold["decisions"]):
        missing = [k for k in ("id", "text", "kind", "addressees", "deadline") if k not in d]
        if missing:
            raise gold_error(path, f"decision {n} lacks {', '.join(missing)}")
    return gold


@dataclass
class Run:
    """One scored (document, format)."""

    doc: str
    format: str
    score: DocScore
    error: str | None = None
    pred: dict = field(default_factory=dict)
    source: str = ""


def documents(gold_dir: Path, formats: tuple[str, ...]) -> Iterator[tuple[Path, str, Path]]:
    """(gold file, format, document file) for every annotated document found below gold_dir."""
    for gold in sorted(gold_dir.rglob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        for fmt in formats:
            doc = gold.with_name(f"{stem}.{SUFFIX.get(fmt, fmt)}")
            if doc.exists():
                yield gold, fmt, doc


def evaluate(gold_dir: Path, formats: tuple[str, ...] = ("txt",), pipeline=None,
             progress=None) -> list[Run]:
    """Extract and score every annotated document of gold_dir in the given formats."""
    from extractor.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    jobs = list(documents(gold_dir, formats))
    golds = {g: load_gold(g) for g in {g for g, _, _ in jobs}}
    runs = []
    results = pipeline.batch((str(path), path.read_bytes()) for _, _, path in jobs)
    for (gold_path, fmt, path), result in zip(jobs, results):
        gold = golds[gold_path]
        if result.error:
            pred = {"protocol": {}, "attendees": [], "agenda": [], "decisions": [], "persons": []}
            error = f"{result.error.code}: {result.error.message}"
        else:
            pred, error = to_corpus(result.protocol, gold["doc_id"]), None
        run = Run(gold["doc_id"], fmt, score_document(gold, pred), error, pred)
        runs.append(run)
        if progress:
            progress(len(runs), len(jobs), run)
    return runs


def overall(runs: list[Run]) -> DocScore:
    return total([r.score for r in runs])


def _figure(value: float, scored: bool) -> float | None:
    """A figure rounded for the report; None when the field had nothing to score."""
    return round(value, 4) if scored else None


def summary(runs: list[Run]) -> dict:
    """Overall figures with their counts, as plain data (for --json and the ratchet)."""
    t = overall(runs)
    out = {"documents": len(runs), "errors": sum(1 for r in runs if r.error), "fields": {}}
    for name in COUNT_FIELDS:
        c = t.counts.get(name, Counts())
        out["fields"][name] = {"precision": _figure(c.precision, c.scored), "recall": _figure(c.recall, c.scored),
                               "f1": _figure(c.f1, c.scored), "tp": c.tp, "fp": c.fp, "fn": c.fn}
    for name in ("id", "kind") + PROTOCOL_FIELDS:
        a = t.accuracy.get(name)
        if a:
            out["fields"][name] = {"accuracy": _figure(a.value, a.scored), "correct": a.correct, "total": a.total}
    fields = [t.accuracy[k] for k in PROTOCOL_FIELDS if k in t.accuracy]
    correct, count = sum(a.correct for a in fields), sum(a.total for a in fields)
    out["fields"]["protocol"] = {"accuracy": round(correct / count, 4) if count else None,
                                 "correct": correct, "total": count}
    return out


def check_floor(summary_: dict, floor: dict) -> list[str]:
    """Fields whose overall figure fell below the recorded floor (F1, or accuracy)."""
    failures = []
    for name, minimum in floor.items():
        got = summary_["fields"].get(name, {})
        value = got.get("f1", got.get("accuracy"))
        if got and value is None:   # nothing to score in this field (no gold, no prediction): no miss
            continue
        if value is None or value + 1e-9 < minimum:
            failures.append(f"{name}: {value} < floor {minimum}")
    return failures
