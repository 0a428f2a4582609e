"""Print the robustness table: for each transformation, the decisions, addressees and deadline F1 of
the original documents and of their rewritten variants (over the documents it changed), the change,
the variants' tp/fp/fn and the document that dropped most.

    python tests/robustness/report.py [--shared DIR] [--own DIR] [--seed N] [--limit N] [--only NAME ...]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from robustness.runner import FIELDS, TOLERANCE, Runner, documents  # noqa: E402
from robustness.transforms import BY_NAME, TRANSFORMS  # noqa: E402


def row(outcome) -> str:
    cells = [f"{outcome.name:26s}", f"{len(outcome.changed):4d}"]
    for f in FIELDS:
        o, v = outcome.original[f], outcome.variant[f]
        cells.append(f"{o.f1:.3f}→{v.f1:.3f} {v.f1 - o.f1:+.3f} {v.tp:3d}/{v.fp:2d}/{v.fn:3d}")
    worst = outcome.worst()
    cells.append(f"{worst[0]} {worst[1]} {worst[2]:+.2f}" if worst else "–")
    cells.append("ok" if outcome.holds() else "MOVES")
    return " | ".join(cells)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--own", type=Path, default=ROOT / "corpus")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, help="at most this many changed documents per transformation "
                    "(the test's subset)")
    ap.add_argument("--only", nargs="*", choices=sorted(BY_NAME), help="run only these transformations")
    args = ap.parse_args(argv)

    from extractor.pipeline import Pipeline

    t0 = time.perf_counter()
    docs = documents(args.shared, args.own)
    runner = Runner(Pipeline(), docs, args.seed)
    print(f"{len(docs)} gold documents; seed {args.seed}; figures over the documents each transformation "
          f"changed; a row holds when every |Δ| <= {TOLERANCE}")
    field_head = " | ".join(f"{f + ' F1 orig→var Δ tp/fp/fn':31s}" for f in FIELDS)
    print(f"{'transformation':26s} | docs | {field_head} | worst document | ")
    failures = 0
    for t in [BY_NAME[n] for n in args.only] if args.only else TRANSFORMS:
        outcome = runner.run(t, args.limit)
        failures += not outcome.holds()
        print(row(outcome), flush=True)
        for e in outcome.errors:
            print(f"    error: {e}")
    print(f"{failures} of {len(args.only or TRANSFORMS)} transformations move a figure by more than {TOLERANCE}; "
          f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
