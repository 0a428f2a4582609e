"""protokol inside spaCy: `spacy.blank("ru")` + `nlp.add_pipe("protokol")`.

- the reference protocol of ../shared/corpus: its 12 decisions, their addressees and deadlines as
  token-aligned spans with the gold's ids, kinds, roles, nominatives and dates;
- `nlp.pipe(n_process=2)` over five documents gives what one process gives;
- a user's components before and after ours; displaCy's span view; pickling;
- the `spacy_factories` entry point; `import extractor` never imports spaCy.
"""
from __future__ import annotations

import importlib
import json
import os
import pickle
import subprocess
import sys
import tomllib
from importlib import metadata

import pytest

from conftest import OWN_CORPUS, ROOT, SHARED_CORPUS, load_gold

spacy = pytest.importorskip("spacy", reason="pip install -e '.[spacy]'") if not os.environ.get("CI") \
    else importlib.import_module("spacy")
from spacy import displacy  # noqa: E402
from spacy.language import Language  # noqa: E402

from extractor.integrations.spacy_component import ProtokolComponent  # noqa: E402  (registers the factory)

SEED = SHARED_CORPUS / "real" / "minpros_profi_2023_11.txt"
FIVE = sorted(p for p in OWN_CORPUS.glob("*.txt") if p.name != "sample.txt")[:5]


def collapse(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("ru")
    nlp.add_pipe("protokol")
    return nlp


@pytest.fixture(scope="module")
def seed(nlp):
    if not SEED.exists():
        pytest.skip("shared corpus not present")
    return nlp(SEED.read_text(encoding="utf-8")), load_gold(SEED)


def by_decision(doc, key: str, did: str) -> list:
    return [s for s in doc.spans[key] if s._.decision == did]


def test_seed_decisions(seed):
    doc, gold = seed
    spans = list(doc.spans["decisions"])
    assert [s._.norm for s in spans] == [d["id"] for d in gold["decisions"]]
    assert len(spans) == 12
    for span, g in zip(spans, gold["decisions"]):
        assert span.label_ == g["kind"], g["id"]
        assert collapse(span._.value["text"]) == collapse(g["text"]), g["id"]
        # the span is the value widened to whole tokens
        assert span.start_char <= span._.value["start"] and span.end_char >= span._.value["end"]
        assert span.start_char == span[0].idx and span.end_char == span[-1].idx + len(span[-1])


def test_seed_addressees(seed):
    doc, gold = seed
    for g in gold["decisions"]:
        got = [(collapse(s.text), s._.norm, s.label_) for s in by_decision(doc, "addressees", g["id"])]
        assert got == [(collapse(a["text"]), a["norm"], a["role"]) for a in g["addressees"]], g["id"]


def test_seed_deadlines(seed):
    doc, gold = seed
    for g in gold["decisions"]:
        spans = by_decision(doc, "deadlines", g["id"])
        want = g["deadline"]
        if want is None:
            assert spans == [], g["id"]
            continue
        (span,) = spans
        assert (span.label_, collapse(span.text)) == (want["kind"], collapse(want["text"])), g["id"]
        value = span._.value
        for key, field in (("date", "date"), ("time", "time"), ("tz", "tz"), ("start", "start_date"),
                           ("end", "end_date")):
            if key in want:
                assert value[field] == want[key], (g["id"], key)
        if want["kind"] == "date":
            assert span._.norm == want["date"]


def test_seed_contacts_and_protocol(seed):
    doc, gold = seed
    assert sorted({s._.norm for s in doc.spans["emails"]}) == \
        sorted({e for d in gold["decisions"] for e in d["emails"]})
    assert sorted({s._.norm for s in doc.spans["persons"]}) == sorted(gold["persons"])
    assert [d.id for d in doc._.protocol.decisions] == [d["id"] for d in gold["decisions"]]
    header = {s.label_: s._.norm for s in doc.spans["header"]}
    assert {k: header.get(k) for k in gold["protocol"]} == gold["protocol"]


def test_entities_do_not_overlap_and_keep_a_users(nlp):
    """A component before ours sets an entity; ours fill around it, no token in two entities."""
    @Language.component("test16_city")
    def city(doc):
        i = next(t.i for t in doc if t.text == "Череповец")
        doc.ents = [doc[i:i + 1].char_span(0, len(doc[i].text), label="GPE")]
        return doc

    @Language.component("test16_count")
    def count(doc):
        doc.user_data["assignments"] = sum(s.label_ == "assignment" for s in doc.spans["decisions"])
        return doc

    custom = spacy.blank("ru")
    custom.add_pipe("test16_city")
    custom.add_pipe("protokol")
    custom.add_pipe("test16_count")
    doc = custom((OWN_CORPUS / "sample.txt").read_text(encoding="utf-8"))
    gold = load_gold(OWN_CORPUS / "org_molkombinat_planerka_2025_05.txt")
    assert ("Череповец", "GPE") in [(e.text, e.label_) for e in doc.ents]
    assert {"PER", "ORG"} <= {e.label_ for e in doc.ents}
    tokens = [i for e in doc.ents for i in range(e.start, e.end)]
    assert len(tokens) == len(set(tokens))
    assert doc.user_data["assignments"] == sum(d["kind"] == "assignment" for d in gold["decisions"])


def test_pipe_two_processes_equals_one(nlp):
    texts = [p.read_text(encoding="utf-8") for p in FIVE]
    assert len(texts) == 5
    one = [(d._.protokol_json, [(s.text, s.label_, s._.norm, s._.decision) for s in d.spans["addressees"]])
           for d in nlp.pipe(texts)]
    two = [(d._.protokol_json, [(s.text, s.label_, s._.norm, s._.decision) for s in d.spans["addressees"]])
           for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert two == one
    assert all(p["decisions"] for p, _ in two)


def test_displacy_shows_the_decisions(seed):
    doc, gold = seed
    page = displacy.render(doc, style="span", options={"spans_key": "decisions"})
    assert page.count("assignment") >= sum(d["kind"] == "assignment" for d in gold["decisions"])
    assert "Скорректировать" in page


def test_component_pickles_without_its_pipeline(nlp):
    from spacy.tokens.underscore import Underscore

    pickle.dumps(Underscore.get_state())   # what nlp.pipe hands a spawned worker process
    component = nlp.get_pipe("protokol")
    clone = pickle.loads(pickle.dumps(component))
    assert isinstance(clone, ProtokolComponent) and clone.ner is True
    doc = clone(spacy.blank("ru")("ПРОТОКОЛ № 3\n\nРЕШИЛИ:\n1. Ганиеву Р.М. представить график до 20.08.2025."))
    assert [(s.text, s._.norm) for s in doc.spans["addressees"]] == [("Ганиеву Р.М.", "Ганиев Р.М.")]
    assert [(s.text, s._.norm) for s in doc.spans["deadlines"]] == [("до 20.08.2025", "2025-08-20")]


def test_saved_pipeline_loads_with_its_config(tmp_path):
    nlp = spacy.blank("ru")
    nlp.add_pipe("protokol", config={"ner": False})
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == ["protokol"] and loaded.get_pipe("protokol").ner is False
    doc = loaded("РЕШИЛИ:\n1. Ганиеву Р.М. представить график до 20.08.2025.")
    assert [(s.text, s._.norm) for s in doc.spans["addressees"]] == [("Ганиеву Р.М.", "Ганиев Р.М.")]
    assert [e.label_ for e in doc.ents] == ["PER"]          # no natasha: persons only


def test_entry_point_in_pyproject_names_the_factory():
    entry = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    module, _, attr = entry["spacy_factories"]["protokol"].partition(":")
    assert getattr(importlib.import_module(module), attr).__name__ == "make_protokol"


def _installed_entry_point() -> bool:
    return any(e.name == "protokol" for e in metadata.entry_points(group="spacy_factories"))


@pytest.mark.skipif(not _installed_entry_point() and not os.environ.get("CI"),
                    reason="the installed protokol metadata predates the entry point: pip install -e '.[spacy]'")
def test_add_pipe_without_importing_protokol():
    code = ("import sys, spacy; nlp = spacy.blank('ru'); nlp.add_pipe('protokol', config={'ner': False});"
            "doc = nlp('РЕШИЛИ:\\n1. Ганиеву Р.М. представить график до 20.08.2025.');"
            "print([s._.norm for s in doc.spans['deadlines']])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['2025-08-20']"


@pytest.mark.parametrize("module", ["extractor", "extractor.pipeline", "extractor.cli", "extractor.evaluation.evaluate",
                                    "extractor.integrations.labelstudio", "extractor.evaluation.page"])
def test_import_does_not_load_spacy(module):
    code = (f"import sys, {module}; from extractor.pipeline import Pipeline; Pipeline(ner=False)('РЕШИЛИ: 1. Да.');"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc'))))")
    out = subprocess.run([sys.executable, "-c", "import json; " + code], capture_output=True, text=True,
                         timeout=120, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []
