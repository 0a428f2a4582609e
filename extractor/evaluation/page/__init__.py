"""The evaluation report as a page people read (`protokol evaluate ... --report OUT.html`).

    from extractor.evaluation.page import report_page
    Path("report.html").write_text(report_page(runs), encoding="utf-8")

One self-contained HTML file (the CSS and the script inline, no CDN, no network): the overall
table per field with its counts; a document × field grid coloured by F1 (or accuracy), "—" where
a field had nothing to score; the kind confusion over paired decisions; and every miss with its
source text, gold and prediction side by side, filterable by field and document (a click on a
grid cell filters to it). Everything from the documents is escaped; the script only shows and
hides rows that are already on the page, so the page reads the same without it.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from importlib import resources

from extractor.evaluation.evaluate import COUNT_FIELDS, Run, overall
from extractor.evaluation.scoring import PROTOCOL_FIELDS, Accuracy, Counts, DocScore

ACCURACY_FIELDS = ("id", "kind") + PROTOCOL_FIELDS
GRID_FIELDS = COUNT_FIELDS + ("id", "kind", "protocol")
KINDS = ("assignment", "recommendation", "note", "resolution")
DASH = "—"


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def protocol_accuracy(score: DocScore) -> Accuracy:
    """The five protocol fields together."""
    total = Accuracy()
    for name in PROTOCOL_FIELDS:
        total.add(score.accuracy.get(name, Accuracy()))
    return total


def _figure(score: DocScore, name: str) -> tuple[float | None, str]:
    """(F1 or accuracy, or None when nothing was scored; the counts as a tooltip)."""
    if name in COUNT_FIELDS:
        c = score.counts.get(name, Counts())
        return (c.f1 if c.scored else None), f"tp={c.tp} fp={c.fp} fn={c.fn}"
    a = protocol_accuracy(score) if name == "protocol" else score.accuracy.get(name, Accuracy())
    return (a.value if a.scored else None), f"{a.correct}/{a.total} correct"


def _colour(value: float | None) -> str:
    """Red (0) through amber to green (1); grey when nothing was scored."""
    if value is None:
        return "background:#eee;color:#777"
    return f"background:hsl({round(120 * value ** 2)},70%,80%)"


def _overall(score: DocScore) -> str:
    rows = []
    for name in COUNT_FIELDS:
        c = score.counts.get(name, Counts())
        figs = [f"{x:.3f}" if c.scored else DASH for x in (c.precision, c.recall, c.f1)]
        rows.append(f"<tr><th>{name}</th>" + "".join(f"<td>{f}</td>" for f in figs) +
                    f"<td>{c.tp}</td><td>{c.fp}</td><td>{c.fn}</td><td></td></tr>")
    for name in ACCURACY_FIELDS + ("protocol",):
        a = protocol_accuracy(score) if name == "protocol" else score.accuracy.get(name, Accuracy())
        value = f"{a.value:.3f}" if a.scored else DASH
        rows.append(f"<tr><th>{name}</th><td colspan=3>accuracy {value}</td><td colspan=3></td>"
                    f"<td>{a.correct}/{a.total}</td></tr>")
    return ("<table id='overall'><thead><tr><th>field</th><th>P</th><th>R</th><th>F1</th><th>tp</th><th>fp</th>"
            "<th>fn</th><th>correct</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _doc_key(run: Run) -> str:
    return f"{run.doc} [{run.format}]"


def _grid(runs: list[Run]) -> str:
    head = "".join(f"<th>{f}</th>" for f in GRID_FIELDS)
    rows = []
    for run in runs:
        cells = []
        for name in GRID_FIELDS:
            value, counts = _figure(run.score, name)
            text = f"{value:.3f}" if value is not None else DASH
            cells.append(f"<td class='cell' style='{_colour(value)}' title='{_e(counts)}' "
                         f"data-doc='{_e(_doc_key(run))}' data-field='{name}'>{text}</td>")
        error = f" <span class='error'>{_e(run.error)}</span>" if run.error else ""
        rows.append(f"<tr><th>{_e(_doc_key(run))}{error}</th>{''.join(cells)}</tr>")
    return (f"<table id='grid'><thead><tr><th>document</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _confusion(kinds: Counter) -> str:
    labels = list(KINDS) + sorted({k for pair in kinds for k in pair} - set(KINDS))
    head = "".join(f"<th>{k}</th>" for k in labels)
    rows = []
    for g in labels:
        cells = "".join(f"<td class='{'diag' if g == p else ('off' if kinds[(g, p)] else '')}'>"
                        f"{kinds[(g, p)] or ''}</td>" for p in labels)
        rows.append(f"<tr><th>{g}</th>{cells}</tr>")
    return (f"<table id='kinds'><thead><tr><th>gold \\ predicted</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _show(value) -> str:
    """A gold or predicted value for people: a list one item a line, a deadline as key: value."""
    if value is None or value == []:
        return DASH
    if isinstance(value, list):
        return "\n".join(map(str, value))
    if isinstance(value, dict):
        return "\n".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _misses(runs: list[Run]) -> tuple[str, list[str], list[str]]:
    rows, fields, docs = [], [], []
    for run in runs:
        key = _doc_key(run)
        docs.append(key)
        found = [("", "document", None, run.error, "")] if run.error else []
        found += [(m.decision or "", m.field, m.gold, m.predicted, m.source) for m in run.score.misses]
        for decision, field_, gold, pred, source in found:
            fields.append(field_)
            rows.append(f"<tr class='miss' data-doc='{_e(key)}' data-field='{_e(field_)}'>"
                        f"<td>{_e(key)}</td><td>{_e(decision)}</td><td>{_e(field_)}</td>"
                        f"<td class='src'>{_e(source)}</td><td class='gold'>{_e(_show(gold))}</td>"
                        f"<td class='pred'>{_e(_show(pred))}</td></tr>")
    table = ("<table id='misses'><thead><tr><th>document</th><th>decision</th><th>field</th><th>source text</th>"
             "<th>gold</th><th>predicted</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    return table, sorted(set(fields)), docs


def _options(values: list[str]) -> str:
    return "<option value=''>all</option>" + "".join(f"<option value='{_e(v)}'>{_e(v)}</option>" for v in values)


def report_page(runs: list[Run], title: str = "protokol evaluation") -> str:
    """The whole report as one HTML page."""
    total = overall(runs)
    misses, fields, docs = _misses(runs)
    errors = sum(1 for r in runs if r.error)
    summary = {"documents": len(runs), "unreadable": errors, "misses": misses.count("class='miss'")}
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title><style>{_asset("report.css")}</style></head>
<body>
<h1>{_e(title)}</h1>
<p id="summary" data-summary='{_e(json.dumps(summary))}'>{len(runs)} documents ({errors} unreadable),
{summary["misses"]} misses. Figures are P / R / F1 with their counts; accuracy for ids, kinds and protocol
fields; {DASH} where a field had nothing to score (no gold value and no predicted one).</p>
<h2>Overall</h2>
{_overall(total)}
<h2>Documents × fields</h2>
<p class="hint">F1 (accuracy for id, kind, protocol), red to green; the counts are in the tooltip. A click
shows that cell's misses below.</p>
{_grid(runs)}
<h2>Decision kinds</h2>
<p class="hint">Paired decisions: rows are the gold kind, columns the predicted kind.</p>
{_confusion(total.kinds)}
<h2>Misses</h2>
<form id="filters">
<label>field <select id="field-filter">{_options(fields)}</select></label>
<label>document <select id="doc-filter">{_options(docs)}</select></label>
<span id="shown"></span>
</form>
{misses}
<script>{_asset("report.js")}</script>
</body></html>
"""
