"""protokol: extraction of assignments from Russian meeting protocols."""

import os


def one_numeric_thread_per_process() -> None:
    """Ask numpy's BLAS for one thread in processes started from now on (an operator's value wins).

    Where parallelism comes from worker processes (bulk jobs, API workers), numpy's own threads in
    natasha's NER only fight them for the same cores: one extraction takes ~100 ms of wall time but
    ~200 ms of CPU with two BLAS threads. Must run before the workers import numpy."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
