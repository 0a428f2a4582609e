"""Where the documents are extracted: a local process pool or a Dask distributed cluster.

Each worker process builds one `Pipeline` (natasha loads once) and runs every document it gets
through `Pipeline.batch` — the same code path as `protokol extract` and the API. The protocol is
serialised to JSON in the worker, so the parent only writes lines. `stream` keeps a bounded
number of documents in flight and yields each (task, outcome) as soon as it finishes.

A worker that dies (a crash or the OOM killer) breaks the local pool: the documents that were in
flight are retried one at a time in a fresh pool, and only the one that kills a worker on its own
is recorded as an error (E098). On Dask the scheduler retries, then reports `KilledWorker`.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Iterable, Iterator

from extractor import one_numeric_thread_per_process
from extractor.readers import Limits

_PIPELINE = None
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Task:
    source: str
    sha256: str
    data: bytes
    limits: Limits | None = None


@dataclass
class Outcome:
    """What a worker sends back for one document."""

    protocol_json: str | None = None
    code: str | None = None
    message: str | None = None
    decisions: int = 0
    assignments: int = 0
    seconds: float = 0.0
    pid: int = 0
    max_rss: int = 0                  # peak resident memory of the worker process, bytes


def init_worker(ner: bool = True) -> None:
    """Build the pipeline of this process (the pool initializer; the Dask plugin's setup)."""
    global _PIPELINE
    with _LOCK:
        if _PIPELINE is None:
            from extractor.pipeline import Pipeline

            _PIPELINE = Pipeline(ner=ner)


def init_local_worker(ner: bool = True) -> None:
    """Pool initializer: Ctrl-C is the parent's to handle (it stops cleanly); then the pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(ner)


def extract(task: Task) -> Outcome:
    """Run one document through `Pipeline.batch` in this worker."""
    init_worker()
    t0 = time.perf_counter()
    with _LOCK:                           # one document at a time per process (Dask may use threads)
        results = list(_PIPELINE.batch([(task.source, task.data)], task.limits))
    result = results[0]
    if len(results) != 1 or result.protocol is None and result.error is None:
        # an e-mail not named .eml (so not listed as its parts by bulk/messages.py)
        from extractor.errors import several_documents

        result.error = several_documents("an e-mail message not named .eml")
    out = Outcome(seconds=time.perf_counter() - t0, pid=os.getpid(),
                  max_rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    if result.error is not None:
        out.code, out.message = result.error.code, result.error.message
    else:
        p = result.protocol
        out.protocol_json = p.model_dump_json(exclude_none=True)
        out.decisions = len(p.decisions)
        out.assignments = sum(d.asks_action for d in p.decisions)
    return out


def crashed(message: str) -> Outcome:
    return Outcome(code="E098", message=message)


class LocalBackend:
    """A process pool of `jobs` workers, one pipeline each."""

    def __init__(self, jobs: int, ner: bool = True) -> None:
        self.jobs, self.ner = jobs, ner
        self.window = jobs * 2
        self._start()

    def _start(self) -> None:
        one_numeric_thread_per_process()  # the workers are spawned: they read it at their start
        self.pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=init_local_worker, initargs=(self.ner,))

    def submit(self, task: Task):
        return self.pool.submit(extract, task)

    def wait_first(self, futures):
        return wait(futures, return_when=FIRST_COMPLETED).done

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self._start()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def stream(tasks: Iterable[Task], backend) -> Iterator[tuple[Task, Outcome]]:
    """Every task with its outcome, in the order they finish; never raises for one document."""
    todo, pending, suspects = iter(tasks), {}, []
    while True:
        if suspects and not pending:              # after a crash: the suspects one at a time
            task = suspects.pop(0)
            pending[backend.submit(task)] = (task, True)
        while not suspects and len(pending) < backend.window:
            task = next(todo, None)
            if task is None:
                break
            pending[backend.submit(task)] = (task, False)
        if not pending:
            return
        broken = False
        for future in backend.wait_first(list(pending)):
            task, alone = pending.pop(future)
            try:
                yield task, future.result()
            except BrokenProcessPool:
                broken = True
                if alone:
                    yield task, crashed("the worker process died while reading this document")
                else:
                    suspects.append(task)
            except Exception as exc:               # KilledWorker, a lost connection, ...
                yield task, crashed(f"the worker failed: {type(exc).__name__}: {exc}")
        if broken:
            suspects.extend(task for task, _ in pending.values())
            pending.clear()
            backend.restart()
