"""Runs the transformations over the gold documents and scores each variant against the same gold.

The only module of the suite that imports the evaluator (`score_document`, `Counts`, `load_gold`):
the test and the report both come through here. Scoring compares texts, so the variants need no
gold offsets. Figures are micro counts over the documents a transformation changed (an unchanged
document would add the same counts to both sides and only dilute the difference).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extractor.export.corpus import to_corpus
from extractor.evaluation.evaluate import load_gold
from extractor.readers.files import read_file
from extractor.evaluation.scoring import Counts, score_document

from .transforms import Transform

FIELDS = ("decisions", "addressees", "deadline")
TOLERANCE = 0.02
EMPTY = {"protocol": {}, "attendees": [], "agenda": [], "decisions": [], "persons": []}


@dataclass
class Document:
    """A gold document: its id, text (byte-order mark removed) and gold annotation."""

    doc_id: str
    path: Path
    text: str
    gold: dict


def documents(*dirs: Path | None) -> list[Document]:
    """Every `ID.txt` with an `ID.gold.json` beside it below the given folders, in path order."""
    out = []
    for d in dirs:
        if d is None or not d.is_dir():
            continue
        for gold in sorted(d.rglob("*.gold.json")):
            txt = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
            if txt.is_file():
                out.append(Document(txt.stem, txt, read_file(txt).lstrip("\ufeff"), load_gold(gold)))
    return out


@dataclass
class Outcome:
    """One transformation over the documents: counts before and after, per document and summed."""

    name: str
    changed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    per_doc: dict[str, tuple[dict[str, Counts], dict[str, Counts]]] = field(default_factory=dict)

    def total(self, side: int) -> dict[str, Counts]:
        out = {f: Counts() for f in FIELDS}
        for pair in self.per_doc.values():
            for f in FIELDS:
                out[f].add(pair[side][f])
        return out

    @property
    def original(self) -> dict[str, Counts]:
        return self.total(0)

    @property
    def variant(self) -> dict[str, Counts]:
        return self.total(1)

    def delta(self, f: str) -> float:
        """Variant F1 minus original F1 of field f over the changed documents."""
        return self.variant[f].f1 - self.original[f].f1

    def worst(self) -> tuple[str, str, float] | None:
        """(document, field, F1 change) of the largest drop on one document, None when nothing dropped."""
        drops = [(v[f].f1 - o[f].f1, doc, f) for doc, (o, v) in self.per_doc.items() for f in FIELDS]
        low = min(drops, default=None)
        return (low[1], low[2], low[0]) if low and low[0] < 0 else None

    def holds(self, tolerance: float = TOLERANCE) -> bool:
        return all(abs(self.delta(f)) <= tolerance + 1e-9 for f in FIELDS)

    def summary(self) -> str:
        """One line with the figures, for assertion messages and xfail reasons."""
        parts = []
        for f in FIELDS:
            o, v = self.original[f], self.variant[f]
            parts.append(f"{f} {o.f1:.3f}->{v.f1:.3f} (tp/fp/fn {v.tp}/{v.fp}/{v.fn})")
        worst = self.worst()
        tail = f"; worst {worst[0]} {worst[1]} {worst[2]:+.2f}" if worst else ""
        return f"{self.name} on {len(self.changed)} docs: " + ", ".join(parts) + tail


class Runner:
    """Scores originals once (cached) and variants on demand, with one pipeline."""

    def __init__(self, pipeline, docs: list[Document], seed: int = 0) -> None:
        self.pipeline, self.docs, self.seed = pipeline, docs, seed
        self._original: dict[str, dict[str, Counts]] = {}

    def score(self, doc: Document, text: str) -> tuple[dict[str, Counts], str | None]:
        """The three fields' counts of text against doc's gold (an error scores as an empty result)."""
        try:
            pred, error = to_corpus(self.pipeline(text, name=doc.path.name), doc.doc_id), None
        except Exception as exc:  # a crash on a variant is a finding, not a reason to stop the run
            pred, error = dict(EMPTY), f"{doc.doc_id}: {type(exc).__name__}: {exc}"
        counts = score_document(doc.gold, pred).counts
        return {f: counts[f] for f in FIELDS}, error

    def original(self, doc: Document) -> dict[str, Counts]:
        if doc.doc_id not in self._original:
            self._original[doc.doc_id] = self.score(doc, doc.text)[0]
        return self._original[doc.doc_id]

    def run(self, transform: Transform, limit: int | None = None) -> Outcome:
        """The transformation applied to every document; the changed ones are extracted again (with
        a limit, only that many of them, spread evenly over the changed documents in path order)."""
        out = Outcome(transform.name)
        variants = [(doc, text) for doc in self.docs for text in [transform(doc.text, self.seed)] if text != doc.text]
        if limit is not None and len(variants) > limit:
            variants = [variants[k * len(variants) // limit] for k in range(limit)]
        for doc, text in variants:
            out.changed.append(doc.doc_id)
            counts, error = self.score(doc, text)
            if error:
                out.errors.append(error)
            out.per_doc[doc.doc_id] = (self.original(doc), counts)
        return out
