"""The reference protocol (../shared/corpus/real/minpros_profi_2023_11) matches its gold field by field."""
from __future__ import annotations

import pytest

from conftest import SHARED_CORPUS, load_gold

DOC = SHARED_CORPUS / "real" / "minpros_profi_2023_11.txt"

pytestmark = pytest.mark.skipif(not DOC.exists(), reason="shared corpus not present")


@pytest.fixture(scope="module")
def both(extract_corpus):
    return load_gold(DOC), extract_corpus(DOC)


def _collapse(s: str) -> str:
    return " ".join(s.split())


@pytest.mark.parametrize("field", ["number", "date", "place", "chair", "secretary"])
def test_protocol_field(both, field):
    gold, pred = both
    assert pred["protocol"][field] == gold["protocol"][field]


@pytest.mark.parametrize("field", ["attendees", "persons"])
def test_people(both, field):
    gold, pred = both
    assert pred[field] == gold[field]


def test_agenda(both):
    gold, pred = both
    assert [(a["id"], _collapse(a["title"]), a["speakers"]) for a in pred["agenda"]] == \
           [(a["id"], _collapse(a["title"]), a["speakers"]) for a in gold["agenda"]]


def test_decision_ids(both):
    gold, pred = both
    assert [d["id"] for d in pred["decisions"]] == [d["id"] for d in gold["decisions"]]


DECISION_FIELDS = ["text", "kind", "addressees", "deadline", "emails", "urls", "references"]


@pytest.mark.parametrize("field", DECISION_FIELDS)
def test_decision_field(both, field):
    gold, pred = both
    g = {d["id"]: d for d in gold["decisions"]}
    p = {d["id"]: d for d in pred["decisions"]}
    for did, gd in g.items():
        got, want = p[did][field], gd[field]
        if field == "text":
            got, want = _collapse(got), _collapse(want)
        assert got == want, f"{did}.{field}"
