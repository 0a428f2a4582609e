"""Shared fixtures: the pipeline is built once per test session (natasha loads in ~1 s)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OWN_CORPUS = ROOT / "corpus"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def load_gold(txt: Path) -> dict:
    """The gold annotation beside a document, checked by the evaluator's own loader."""
    from extractor.evaluation.evaluate import load_gold as load

    return load(txt.parent / (txt.stem + ".gold.json"))


@pytest.fixture(scope="session")
def pipeline():
    from extractor.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def extract_corpus(pipeline):
    """Extract a .txt file into the corpus gold format (cached per session)."""
    from extractor.export.corpus import to_corpus
    from extractor.readers.files import read_file

    cache: dict[Path, dict] = {}

    def run(path: Path) -> dict:
        if path not in cache:
            cache[path] = to_corpus(pipeline(read_file(path), name=path.name), path.stem)
        return cache[path]

    return run
