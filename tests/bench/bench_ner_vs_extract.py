"""natasha NER alone vs the full `extract`, in one run on the same texts.

    python tests/bench/bench_ner_vs_extract.py [FILES...]

Prints the median time per document of each and their ratio (target: extract <= 1.3x NER). "NER alone"
is natasha's NER as the pipeline calls it (slovnet's tagger on the text); natasha's documented path
(Doc.segment + Doc.tag_ner, which also builds natasha's token and sentence records) is timed too.
Defaults to the shared corpus' text documents and our own corpus/.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor.pipeline import Pipeline  # noqa: E402
from extractor.reader import read_file  # noqa: E402

REPEATS = 5


def texts(args: list[str]) -> list[tuple[str, str]]:
    if args:
        paths = [Path(a) for a in args]
    else:
        paths = sorted((ROOT.parent / "shared" / "corpus").glob("*/*.txt")) + sorted((ROOT / "corpus").glob("*.txt"))
    return [(p.name, read_file(p)) for p in paths]


def main() -> None:
    docs = texts(sys.argv[1:])
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    pipeline = Pipeline()
    tagger = pipeline.tagger
    segmenter, natasha_tagger = Segmenter(), NewsNERTagger(NewsEmbedding())

    def natasha_doc(text: str) -> None:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(natasha_tagger)

    for _, text in docs[:3]:  # warm caches the way a long-running worker has them
        pipeline(text)
        tagger(text)
    ner_times, full_times, doc_times = [], [], []
    for _ in range(REPEATS):
        for _, text in docs:
            t0 = time.perf_counter()
            tagger(text)
            t1 = time.perf_counter()
            pipeline(text)
            t2 = time.perf_counter()
            natasha_doc(text)
            t3 = time.perf_counter()
            ner_times.append(t1 - t0)
            full_times.append(t2 - t1)
            doc_times.append(t3 - t2)
    chars = sum(len(t) for _, t in docs)
    ner_total, full_total = sum(ner_times) / REPEATS, sum(full_times) / REPEATS
    print(f"documents: {len(docs)}, {chars / 1000:.0f} K chars, {REPEATS} repeats")
    print(f"NER alone     median {statistics.median(ner_times) * 1000:7.1f} ms/doc   total {ner_total:6.2f} s/pass")
    print(f"full extract  median {statistics.median(full_times) * 1000:7.1f} ms/doc   total {full_total:6.2f} s/pass")
    print(f"natasha Doc.segment+tag_ner median {statistics.median(doc_times) * 1000:7.1f} ms/doc "
          f"(extract / this: {sum(full_times) / sum(doc_times):.2f}x)")
    ratios = [f / n for f, n in zip(full_times, ner_times)]
    print(f"ratio extract/NER: median per doc {statistics.median(ratios):.2f}x, "
          f"total {full_total / ner_total:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
