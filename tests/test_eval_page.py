"""The evaluation report page (`protokol evaluate ... --report OUT.html`), read as HTML: the overall
table, the document × field grid, the kind confusion and the misses agree with the scores; a field
with nothing to score shows "—" on the page, in the console table and in the JSON summary."""
from __future__ import annotations

import copy
from html.parser import HTMLParser

import pytest

from conftest import OWN_CORPUS
from extractor.evaluation import report as eval_report
from extractor.evaluation.page import GRID_FIELDS, report_page
from extractor.evaluation.evaluate import Run, check_floor, evaluate, summary
from extractor.evaluation.scoring import score_document

GOLD = {
    "doc_id": "t1", "protocol": {"number": "7", "date": "2025-03-12", "place": "Тверь", "chair": None,
                                 "secretary": None},
    "attendees": [], "agenda": [], "persons": [],
    "decisions": [
        {"id": "1", "text": "Отделу кадров подготовить план обучения персонала <script>alert(1)</script>.",
         "kind": "assignment", "addressees": [{"text": "Отделу кадров", "norm": "Отдел кадров", "role": "lead"}],
         "deadline": None, "emails": [], "urls": [], "references": []},
        {"id": "2", "text": "Утвердить смету расходов на второй квартал.", "kind": "resolution", "addressees": [],
         "deadline": None, "emails": [], "urls": [], "references": []},
    ],
}


class Tables(HTMLParser):
    """Rows of every table with an id: [[cell text, ...], ...] and each row's data-* attributes."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.attrs: dict[str, list[dict]] = {}
        self.current: str | None = None
        self.cell: list[str] | None = None
        self.scripts = 0
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.current = a.get("id")
            self.tables[self.current], self.attrs[self.current] = [], []
        elif tag == "tr" and self.current:
            self.tables[self.current].append([])
            self.attrs[self.current].append(a)
        elif tag in ("td", "th") and self.current:
            self.cell = []
        elif tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[self.current][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


@pytest.fixture(scope="module")
def own(pipeline):
    runs = evaluate(OWN_CORPUS, pipeline=pipeline)
    return runs, Tables(report_page(runs))


def test_grid_has_every_document_and_field(own):
    runs, page = own
    rows = page.tables["grid"]
    assert rows[0] == ["document", *GRID_FIELDS]
    assert [r[0] for r in rows[1:]] == [f"{r.doc} [{r.format}]" for r in runs]
    for run, row in zip(runs, rows[1:]):
        for name, cell in zip(GRID_FIELDS, row[1:]):
            if name in run.score.counts:
                c = run.score.counts[name]
                assert cell == (f"{c.f1:.3f}" if c.scored else "—"), (run.doc, name)
            elif name != "protocol":
                a = run.score.accuracy[name]
                assert cell == (f"{a.value:.3f}" if a.total else "—"), (run.doc, name)


def test_overall_counts_match_the_summary(own):
    runs, page = own
    fields = summary(runs)["fields"]
    rows = {r[0]: r for r in page.tables["overall"][1:]}
    for name in ("decisions", "addressees", "speakers"):
        f = fields[name]
        assert rows[name][4:7] == [str(f["tp"]), str(f["fp"]), str(f["fn"])]
        assert [round(float(x), 3) for x in rows[name][1:4]] == \
            pytest.approx([f["precision"], f["recall"], f["f1"]], abs=6e-4)
    assert rows["secretary"][-1] == f"{fields['secretary']['correct']}/{fields['secretary']['total']}"


def test_every_miss_is_listed_with_its_source(own):
    runs, page = own
    misses = [m for r in runs for m in r.score.misses]
    rows = page.tables["misses"][1:]
    assert misses and len(rows) == len(misses)
    for m, row, attrs in zip(misses, rows, page.attrs["misses"][1:]):
        assert (row[1], row[2], row[3]) == (m.decision or "", m.field, m.source.strip())
        assert attrs["data-field"] == m.field


def test_nothing_to_score_is_a_dash_everywhere():
    """No decision found: addressees have tp=fp=fn=0 and must not read as a perfect 1.000."""
    pred = copy.deepcopy(GOLD)
    pred["decisions"] = []
    run = Run("t1", "txt", score_document(GOLD, pred))
    page = Tables(report_page([run]))
    grid = dict(zip(page.tables["grid"][0], page.tables["grid"][1]))
    assert (grid["decisions"], grid["addressees"], grid["emails"]) == ("0.000", "—", "—")
    overall = {r[0]: r for r in page.tables["overall"][1:]}
    assert overall["addressees"][1:4] == ["—", "—", "—"] and overall["id"][1] == "accuracy —"
    assert "addressees   P=     —  R=     —  F1=     —   tp=0" in eval_report.table([run], per_document=False)
    s = summary([run])
    assert s["fields"]["addressees"]["f1"] is None and s["fields"]["decisions"]["f1"] == 0.0
    assert [f.split(":")[0] for f in check_floor(s, {"addressees": 0.9, "decisions": 0.9, "nope": 0.5})] == \
        ["decisions", "nope"]


def test_kind_confusion_and_escaping():
    pred = copy.deepcopy(GOLD)
    pred["decisions"][0]["kind"] = "recommendation"
    page_text = report_page([Run("t1", "txt", score_document(GOLD, pred))])
    page = Tables(page_text)
    kinds = {r[0]: r[1:] for r in page.tables["kinds"][1:]}
    header = page.tables["kinds"][0][1:]
    assert kinds["assignment"][header.index("recommendation")] == "1"
    assert kinds["assignment"][header.index("assignment")] == ""
    assert kinds["resolution"][header.index("resolution")] == "1"
    assert page.scripts == 1 and "&lt;script&gt;alert(1)&lt;/script&gt;" in page_text
    assert "<link" not in page_text and "src=" not in page_text and "http" not in page_text.lower()
