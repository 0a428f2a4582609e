"""`protokol bulk` throughput: 1 and 2 jobs on a corpus of >= 500 documents, against the cost of a
single-document `extract`.

    python tests/bench/bench_bulk.py [--docs 500] [--jobs 1,2]

The corpus is made at run time in a temporary folder (never committed): the documents of the
shared corpus (TXT, PDF, DOCX, real and synthetic) and of our corpus/, copied under new names
until there are --docs of them. Each copy is made distinct (a last line for a text, a comment after
%%EOF for a PDF, an extra member for a DOCX) so its content hash is new and it is really extracted.

Prints documents/s per job count, the scaling from the first to the last, the peak RSS of each
worker, and the per-document cost of a 1-job bulk run against `Pipeline.batch` on the same
documents in one warm process (the single-document `extract` without its start-up).
Targets: scaling >= 1.8x from 1 to 2 jobs (needs 2 free cores); per-document cost <= 1.3x.
"""
from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor.bulk import BulkOptions, run_bulk  # noqa: E402
from extractor.bulk.sources import EXTENSIONS  # noqa: E402
from extractor.pipeline import Pipeline  # noqa: E402


def originals() -> list[Path]:
    shared = ROOT.parent / "shared" / "corpus"
    found = [p for p in sorted(shared.rglob("*")) + sorted((ROOT / "corpus").glob("*.txt"))
             if p.is_file() and p.suffix.lower().lstrip(".") in EXTENSIONS and p.name != "sample.txt"]
    return found


def distinct_copy(data: bytes, suffix: str, n: int) -> bytes:
    """The same document with different bytes (what it says is unchanged)."""
    if suffix == ".pdf":
        return data + b"\n%%protokol-bench copy %d\n" % n
    if suffix == ".docx":
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info, src.read(info.filename))
            dst.writestr("customXml/protokol-bench.txt", f"copy {n}")
        return out.getvalue()
    return data + f"\n\nКопия № {n}\n".encode("utf-8") if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else data


def make_corpus(folder: Path, count: int) -> dict[str, Path]:
    """`count` documents in `folder`; returns copy name -> original."""
    base = originals()
    made = {}
    for i in range(count):
        src = base[i % len(base)]
        dst = folder / f"{i:04d}_{src.name}"
        dst.write_bytes(src.read_bytes() if i < len(base) else distinct_copy(src.read_bytes(), src.suffix.lower(), i))
        made[str(dst)] = src
    return made


def single_costs(paths: list[Path]) -> dict[Path, float]:
    """Seconds per document through Pipeline.batch in one warm process (the `extract` path)."""
    pipeline = Pipeline()
    for p in paths[:3]:
        list(pipeline.batch([(p.name, p.read_bytes())]))
    costs = {}
    for p in paths:
        data = p.read_bytes()
        t0 = time.perf_counter()
        list(pipeline.batch([(p.name, data)]))
        costs[p] = time.perf_counter() - t0
    return costs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--jobs", default="1,2")
    args = ap.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    with tempfile.TemporaryDirectory(prefix="protokol-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        made = make_corpus(corpus, args.docs)
        kinds = {s: sum(1 for p in made.values() if p.suffix.lower() == s) for s in (".txt", ".pdf", ".docx")}
        print(f"corpus: {len(made)} documents ({', '.join(f'{v} {k[1:]}' for k, v in kinds.items())}) "
              f"from {len(set(made.values()))} originals; {os.cpu_count()} cores")
        single = single_costs(sorted(set(made.values())))
        expected = sum(single[p] for p in made.values()) / len(made)
        print(f"single-document extract (warm, in process): {expected * 1000:.0f} ms/doc on this corpus mix")
        runs = {}
        for j in jobs:
            s = run_bulk(BulkOptions(str(corpus), Path(tmp) / f"out{j}", jobs=j))
            runs[j] = s
            done = s.extracted + s.failed
            rss = ", ".join(f"{v / 2**20:.0f}" for v in sorted(s.worker_rss.values()))
            print(f"jobs={j}: {done} documents ({s.failed} errors) in {s.seconds:.1f} s "
                  f"(extraction {s.extract_seconds:.1f} s, register/calendar rebuild {s.seconds - s.extract_seconds:.1f} s): "
                  f"{done / s.seconds:.2f} docs/s overall, {s.per_second:.2f} docs/s extracting; "
                  f"peak RSS per worker [{rss}] MB")
        first, last = jobs[0], jobs[-1]
        if last != first:
            scaling = runs[first].seconds / runs[last].seconds
            scaling_x = runs[first].extract_seconds / runs[last].extract_seconds
            print(f"scaling {first} -> {last} jobs: {scaling:.2f}x overall, {scaling_x:.2f}x extraction "
                  f"(target >= 1.8x)")
        if 1 in runs:
            per_doc = runs[1].seconds / len(made)
            print(f"per-document cost, bulk 1 job: {per_doc * 1000:.0f} ms = {per_doc / expected:.2f}x "
                  f"the single-document extract (target <= 1.3x)")


if __name__ == "__main__":
    main()
