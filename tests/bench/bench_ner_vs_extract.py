"""natasha NER alone vs the full `extract`, in one run on the same texts.

    python tests/bench/bench_ner_vs_extract.py [FILES...]

Prints the median time per document of each and their ratio (target: extract <= 1.3x NER). "NER
alone" is natasha's NER as natasha documents it (Doc.segment + Doc.tag_ner); the NER step inside our
extract calls slovnet's tagger directly and is cheaper, so it is timed and printed as well.
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
from extractor.readers.files import read_file  # noqa: E402

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
        """natasha as shipped: its segmentation and slovnet's own CRF decoding (ours is set on our
        tagger's CRF alone)."""
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
    natasha_total, full_total, ner_total = sum(doc_times), sum(full_times), sum(ner_times)
    print(f"documents: {len(docs)}, {chars / 1000:.0f} K chars, {REPEATS} repeats; median ms per document")
    print(f"natasha NER alone (Doc.segment + Doc.tag_ner)  {statistics.median(doc_times) * 1000:7.1f}")
    print(f"full extract                                   {statistics.median(full_times) * 1000:7.1f}")
    print(f"ratio extract / natasha NER: median per doc "
          f"{statistics.median(f / n for f, n in zip(full_times, doc_times)):.2f}x, total "
          f"{full_total / natasha_total:.2f}x (target <= 1.3x)")
    print(f"  the NER step inside extract (slovnet's tagger called directly) {statistics.median(ner_times) * 1000:7.1f}"
          f"; extract / it: {full_total / ner_total:.2f}x")


if __name__ == "__main__":
    main()
