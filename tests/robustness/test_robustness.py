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
# Transformations still moving a figure by more than 0.02 (python tests/robustness/report.py): none now.
KNOWN: dict[str, str] = {}


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
