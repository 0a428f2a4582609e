"""Fuzz campaign: mutated protocols of every format through `Pipeline.batch`, in-process.

    python tests/bench/fuzz_pipeline.py [--count 10000] [--seed 1] [--seconds 30] [--jobs 1]
                                         [--out tests/artifacts/fuzz] [--no-ner] [--ocr] [--verbose]

Mutants of TXT, DOCX and PDF protocols (tests/_fuzz.py: bytes flipped, cut, spliced; text with
control characters, markers, numbering runs) go one at a time through the batch primitive in a
worker process with the pipeline loaded once; each has `--seconds` to answer, or it is a hang (the
worker is killed and replaced). Every internal error (E099), hang or crash is saved with its
reproducer in `--out`. Prints the outcomes by code and format, and p50/p99/max time per document.
OCR is off unless `--ocr` (a mutated scan costs tesseract seconds and tests tesseract, not us);
pdfminer's warnings are silenced unless `--verbose`. Exit status 1 when anything failed.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from _fuzz import mutants, seeds  # noqa: E402
from _fuzz_run import Runner, save_reproducer  # noqa: E402

FAILURES = ("E099", "hang", "crash")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=30.0, help="per document; past it, a hang")
    parser.add_argument("--skip", type=int, default=0, help="start at this mutant (resume a campaign)")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "artifacts" / "fuzz")
    parser.add_argument("--no-ner", action="store_true", help="without natasha (about 4x faster)")
    parser.add_argument("--ocr", action="store_true", help="OCR mutated scans too (slow)")
    parser.add_argument("--verbose", action="store_true", help="let pdfminer's warnings through")
    args = parser.parse_args()
    pool = seeds()
    print(f"{len(pool)} seeds ({dict(Counter(s.format for s in pool))}), {args.count} mutants, seed {args.seed}, "
          f"{args.seconds:g} s per document", flush=True)
    runner = Runner(args.seconds, ner=not args.no_ner, ocr=args.ocr, verbose=args.verbose)
    outcomes: Counter = Counter()
    times: list[float] = []
    failed: list[str] = []
    began = time.perf_counter()
    try:
        for n, mutant in enumerate(mutants(args.seed, args.count, pool)):
            if n < args.skip:
                continue
            outcome = runner.run(mutant.name, mutant.data)
            outcomes[(mutant.format, outcome.status)] += 1
            times.append(outcome.ms)
            if outcome.status in FAILURES:
                path = save_reproducer(args.out, mutant.name, mutant.data, outcome)
                failed.append(f"{outcome.status} {path.name}: {outcome.message[:200]}")
                print(f"  {failed[-1]}", flush=True)
            if (n + 1) % 500 == 0:
                print(f"  {n + 1} done, {len(failed)} failures, {time.perf_counter() - began:.0f} s", flush=True)
    finally:
        runner.close()
    print(f"\n{len(times)} documents in {time.perf_counter() - began:.0f} s; per document "
          f"p50 {percentile(times, 50):.0f} ms, p99 {percentile(times, 99):.0f} ms, max {max(times):.0f} ms")
    for fmt in sorted({f for f, _ in outcomes}):
        row = {s: c for (f, s), c in sorted(outcomes.items()) if f == fmt}
        print(f"  {fmt:5} {sum(row.values()):6}  {row}")
    counts = Counter(s for (_, s) in outcomes.elements())
    print(f"E099: {counts['E099']}, hangs: {counts['hang']}, crashes: {counts['crash']}"
          + (f"; reproducers in {args.out}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
