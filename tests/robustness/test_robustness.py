"""Each transformation over every gold document of ../shared/corpus and corpus/: the variants'
decisions, addressees and deadline F1 (micro counts over the documents the transformation changed,
scored against the unchanged gold) must stay within 0.02 of the originals' on the same documents.

Runtime (CI has 2 cores): one pipeline for the session, each original scored once, only the
documents a transformation changed extracted again, and three transformations that repeat another's
code path left to the report (`wrap_hyphenated_justified` and `wrap_blank_lines` are both inside
`pdf_export`; `bullets_dot` is `bullets_dash` with another symbol): about 500 extractions, two
minutes of CPU, hence `slow`. `python tests/robustness/report.py` prints the same figures for all.

Needs the shared corpus; skipped without it, since the figures of the known misses are over both
corpora. Transformations the extractor does not handle yet are strict xfails with the figures
measured in the reason.
"""
from __future__ import annotations

import pytest

from conftest import OWN_CORPUS, SHARED_CORPUS
from robustness.runner import Runner, documents
from robustness.transforms import TRANSFORMS

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not there")]

SKIPPED = {"wrap_hyphenated_justified", "wrap_blank_lines", "bullets_dot"}
# Measured on 54 documents (45 shared + 9 own), seed 0: "orig->variant (variant tp/fp/fn)".
KNOWN: dict[str, str] = {
    "marker_inline": "a marker ending a paragraph is not found (issue 12, form 1): on 27 docs decisions "
                     "0.999->0.178 (41/0/379)",
    "marker_po_itogam": "\"По итогам рассмотрения вопроса:\" is not a marker (form 1): on 38 docs decisions "
                        "0.994->0.165 (47/7/468)",
    "marker_dropped": "numbered items after a discussion without a marker are not decisions (form 1): on 34 docs "
                      "decisions 0.996->0.204 (57/0/446)",
    "labels_lower": "lower-case \"решили:\" in wrapped text is glued to the paragraph before (design note 2): on "
                    "37 docs decisions 0.970->0.939 (424/0/55), minpros_profi_2023_11 -1.00",
    "bullets_dash": "\"–\" bullets merge or lose items (form 5): on 28 docs decisions 0.995->0.590 (195/40/231), "
                    "addressees 0.984->0.884, deadline 1.000->0.912",
    "wrap": "hard-wrapped lines (form 6): on 52 docs decisions 0.917->0.886 (498/6/122), "
            "fed_mintrud_zanyatost_2024_06 -1.00",
    "pdf_export": "hard wraps, hyphens, blank lines and page furniture together (form 6): on 54 docs decisions "
                  "0.919->0.881 (510/15/123)",
    "labels_brackets": "\"(ответственный: …; срок: …)\" at an item's end loses the responsible (form 4): on 27 docs "
                       "addressees 0.990->0.946 (377/0/43)",
    "table_sections": "section rows inside an assignment table (form 3): on 3 docs decisions 1.000->0.943, "
                      "addressees and deadline 1.000->0.000 (0/0/43, 0/0/33)",
}


@pytest.fixture(scope="session")
def docs():
    return documents(SHARED_CORPUS, OWN_CORPUS)


@pytest.fixture(scope="session")
def runner(pipeline, docs):
    return Runner(pipeline, docs)


def _cases():
    for t in TRANSFORMS:
        if t.name in SKIPPED:
            continue
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[t.name])] if t.name in KNOWN else []
        yield pytest.param(t, id=t.name, marks=marks)


@pytest.mark.parametrize("transform", list(_cases()))
def test_scores_hold_under_rewrite(runner, transform):
    outcome = runner.run(transform)
    assert not outcome.errors, outcome.errors
    assert outcome.holds(), outcome.summary()


@pytest.mark.parametrize("transform", TRANSFORMS, ids=lambda t: t.name)
def test_transformation_rewrites_some_document(docs, transform):
    """A transformation that finds nothing to rewrite would hold vacuously."""
    assert any(transform(d.text, 0) != d.text for d in docs)
