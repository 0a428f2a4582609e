"""Median time per format of reading alone and of the whole extraction (read + pipeline), over
the documents of ../shared/corpus that exist in TXT, DOCX and PDF.

    .venv/bin/python tests/bench/bench_readers.py [repeats]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor.pipeline import Doc, Pipeline  # noqa: E402
from extractor.readers import read_document  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def main(repeats: int = 3) -> None:
    stems = sorted(p.with_suffix("") for p in SHARED.glob("*/*.pdf")
                   if p.with_suffix(".docx").is_file() and p.with_suffix(".txt").is_file())
    if not stems:
        print("no corpus at", SHARED)
        return
    pipeline = Pipeline()
    print(f"{len(stems)} documents, {repeats} runs each; median seconds per document")
    print(f"{'format':8}{'read':>10}{'extract':>10}")
    for fmt in ("txt", "docx", "pdf"):
        reads, totals = [], []
        for stem in stems:
            data = stem.with_suffix("." + fmt).read_bytes()
            for _ in range(repeats):
                t0 = time.perf_counter()
                document = read_document(data, stem.name)
                t1 = time.perf_counter()
                pipeline.process(Doc(document.text, stem.name, document.format, document.pages))
                t2 = time.perf_counter()
                reads.append(t1 - t0)
                totals.append(t2 - t0)
        print(f"{fmt:8}{statistics.median(reads):10.4f}{statistics.median(totals):10.4f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
