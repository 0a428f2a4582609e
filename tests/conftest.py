"""Shared fixtures: the pipeline is built once per test session (natasha loads in ~1 s)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OWN_CORPUS = ROOT / "corpus"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


TESSERACT_INSTALL = "apt-get install tesseract-ocr tesseract-ocr-rus"


def tesseract_available() -> bool:
    """Tesseract with Russian, as the OCR reader finds it (PROTOKOL_TESSERACT may name or hide it)."""
    from extractor.readers.ocr import available

    return available()


def blank_scan_code() -> str:
    """The code a scan with no text gets on this machine: E013 with tesseract (nothing recognized),
    E021 without it (the install command). With OCR turned off it is E013 everywhere."""
    return "E013" if tesseract_available() else "E021"


def missing_program(what: str, install: str) -> None:
    """Skip a test that needs an optional program, with its install line; in CI (`CI` set) fail
    instead, unless PROTOKOL_TESSERACT hides tesseract on purpose (the second CI run)."""
    if os.environ.get("CI") and not os.environ.get("PROTOKOL_TESSERACT"):
        pytest.fail(f"{what} is missing in CI ({install})", pytrace=False)
    pytest.skip(f"{what} is not installed ({install})")


@pytest.fixture(scope="session")
def tesseract() -> None:
    """Use in a test that recognizes scans: skipped (or failed in CI) without tesseract."""
    if not tesseract_available():
        missing_program("tesseract", TESSERACT_INSTALL)


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
