"""Printing evaluation results: the per-field table (overall and per document) and the miss report."""
from __future__ import annotations

import json

from extractor.evaluation.evaluate import COUNT_FIELDS, Run, overall
from extractor.evaluation.scoring import PROTOCOL_FIELDS, DocScore


def _fig(value: float, scored: bool) -> str:
    """A figure, or "—" for a field with nothing to score (no gold value and no predicted one)."""
    return f"{value:6.3f}" if scored else f"{'—':>6}"


def _rows(score: DocScore) -> list[str]:
    rows = []
    for name in COUNT_FIELDS:
        c = score.counts.get(name)
        if c is None:
            continue
        rows.append(f"  {name:<12} P={_fig(c.precision, c.scored)}  R={_fig(c.recall, c.scored)}  "
                    f"F1={_fig(c.f1, c.scored)}   "
                    f"tp={c.tp:<4} fp={c.fp:<4} fn={c.fn:<4}")
    for name in ("id", "kind") + PROTOCOL_FIELDS:
        a = score.accuracy.get(name)
        if a is not None and a.total:
            rows.append(f"  {name:<12} accuracy={a.value:6.3f}   {a.correct}/{a.total}")
    fields = [score.accuracy[k] for k in PROTOCOL_FIELDS if k in score.accuracy]
    correct, total = sum(a.correct for a in fields), sum(a.total for a in fields)
    if total:
        rows.append(f"  {'protocol':<12} accuracy={correct / total:6.3f}   {correct}/{total}  (the five fields above)")
    return rows


def table(runs: list[Run], per_document: bool = True) -> str:
    """The figures as text: overall first, then each document (with its format)."""
    lines = [f"OVERALL ({len(runs)} documents, {sum(1 for r in runs if r.error)} unreadable)"]
    lines += _rows(overall(runs))
    if per_document:
        for r in runs:
            head = f"{r.doc} [{r.format}]"
            if r.error:
                head += f"  ERROR {r.error}"
            lines += ["", head] + _rows(r.score)
    return "\n".join(lines)


def _value(v) -> str:
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def misses(runs: list[Run]) -> list[tuple[str, str, str, str, str, str, str]]:
    """(document, format, decision id, field, gold, predicted, source text) for every miss."""
    out = []
    for r in runs:
        if r.error:
            out.append((r.doc, r.format, "", "document", "", r.error, ""))
        for m in r.score.misses:
            out.append((m.doc, r.format, m.decision or "", m.field, _value(m.gold), _value(m.predicted), m.source))
    return out


def markdown(runs: list[Run]) -> str:
    """The report as Markdown: the table, then every miss."""
    def cell(s: str) -> str:
        return s.replace("|", "\\|").replace("\n", " ")

    lines = ["# protokol evaluation", "", "```", table(runs, per_document=False), "```", "",
             "## Misses", "", "| document | format | decision | field | gold | predicted | source |",
             "|---|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(cell(x) for x in row) + " |" for row in misses(runs)]
    return "\n".join(lines) + "\n"

