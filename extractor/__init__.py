"""protokol: extraction of assignments from Russian meeting protocols."""

import os
import sys
from typing import Callable


def one_numeric_thread_per_process() -> None:
    """Ask numpy's BLAS for one thread in processes started from now on (an operator's value wins).

    Where parallelism comes from worker processes (bulk jobs, API workers), numpy's own threads in
    natasha's NER only fight them for the same cores: one extraction takes ~100 ms of wall time but
    ~200 ms of CPU with two BLAS threads. Must run before the workers import numpy."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def debugging(topic: str) -> bool:
    """Is the debug trace of `topic` on? `PROTOKOL_DEBUG=deadlines,addressees,structure` (or `all`),
    read on every call, so a running process or a test can switch it."""
    on = {t.strip() for t in os.environ.get("PROTOKOL_DEBUG", "").split(",")}
    return topic in on or "all" in on


def trace(topic: str, report: Callable[[], str]) -> None:
    """Write `report()` to stderr as "[topic] ..." when the trace of `topic` is on (built only then)."""
    if debugging(topic):
        print(f"[{topic}] {report()}", file=sys.stderr)
