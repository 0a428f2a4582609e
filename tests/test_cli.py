"""The `protokol` command: JSON, the assignment table, the corpus format, and clear errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import OWN_CORPUS, ROOT

SAMPLE = OWN_CORPUS / "sample.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def sample_outputs():
    """One process prints all three formats (natasha loads once per process)."""
    return {fmt: run("extract", str(SAMPLE), *extra) for fmt, extra in
            (("json", []), ("table", ["--format", "table"]), ("corpus", ["--as", "corpus"]))}


def test_json_is_the_model(sample_outputs):
    from models import Protocol

    out = sample_outputs["json"]
    assert out.returncode == 0, out.stderr
    protocol = Protocol.model_validate_json(out.stdout)
    assert protocol.decisions and protocol.schema_version


def test_table_lists_every_decision(sample_outputs):
    out = sample_outputs["table"]
    corpus = json.loads(sample_outputs["corpus"].stdout)
    assert out.returncode == 0
    for d in corpus["decisions"]:
        assert any(line.startswith(d["id"] + " ") for line in out.stdout.splitlines()), d["id"]
    assert "срок" in out.stdout and "кто" in out.stdout


def test_corpus_format_matches_gold_ids(sample_outputs):
    corpus = json.loads(sample_outputs["corpus"].stdout)
    gold_path = next(p for p in OWN_CORPUS.glob("*.txt")
                     if p.name != "sample.txt" and p.read_bytes() == SAMPLE.read_bytes())
    gold = json.loads((OWN_CORPUS / f"{gold_path.stem}.gold.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in corpus["decisions"]] == [d["id"] for d in gold["decisions"]]


@pytest.mark.parametrize("content,code", [
    pytest.param(b"", "E001", id="empty"),
    pytest.param(b"   \n\n", "E001", id="only-spaces"),
    pytest.param(bytes(range(256)) * 20, "E002", id="binary"),
])
def test_bad_input_has_a_coded_error(tmp_path, content, code):
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    out = run("extract", str(path))
    assert out.returncode == 2
    assert code in out.stderr and "Traceback" not in out.stderr


def test_missing_file():
    out = run("extract", "no/such/file.txt")
    assert out.returncode == 2 and "E004" in out.stderr


def test_schema_command():
    out = run("schema")
    schema = json.loads(out.stdout)
    assert "Decision" in schema["$defs"] and schema["title"] == "Protocol"
