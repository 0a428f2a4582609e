"""Run documents through `Pipeline.batch` in a child process, each under a time limit.

The pipeline runs in-process in a worker (multiprocessing, the pipeline loaded once). The parent
waits at most `seconds` for each answer: a worker past it is killed, the document counted as a hang
and a fresh worker started. A regular expression that backtracks forever cannot be interrupted
inside its own process (the `re` engine does not check signals), hence the separate process.
"""
from __future__ import annotations

import multiprocessing as mp
import time
import warnings
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Outcome:
    """What the pipeline made of one document."""

    name: str
    status: str          # "ok", a ProtokolError code (E0xx), or "hang"
    ms: float
    message: str = ""


def _quiet_libraries() -> None:
    """pdfminer and friends log and warn about every damaged object: keep that out of the output."""
    import logging

    for name in ("pdfminer", "PIL", "pypdfium2", "docx"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")


def _worker(conn, ner: bool, ocr: bool, verbose: bool) -> None:
    from extractor import one_numeric_thread_per_process

    one_numeric_thread_per_process()   # before numpy is imported (by the NER)
    from extractor.pipeline import Pipeline
    from extractor.readers import Limits

    if not verbose:
        _quiet_libraries()
    pipeline = Pipeline(ner=ner)
    limits = Limits(ocr=ocr)
    conn.send("ready")
    while True:
        item = conn.recv()
        if item is None:
            return
        name, data = item
        started = time.perf_counter()
        result = next(pipeline.batch([(name, data)], limits))
        ms = (time.perf_counter() - started) * 1000
        if result.error is None:
            conn.send(("ok", ms, ""))
        else:
            conn.send((result.error.code, ms, result.error.message))


class Runner:
    """A worker process with the pipeline; `run` one document at a time under the time limit."""

    def __init__(self, seconds: float, ner: bool = True, ocr: bool = False, verbose: bool = False) -> None:
        self.seconds, self.ner, self.ocr, self.verbose = seconds, ner, ocr, verbose
        self._ctx = mp.get_context("spawn")   # a clean interpreter: no state inherited from the caller
        self._start()

    def _start(self) -> None:
        self._conn, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_worker, args=(child, self.ner, self.ocr, self.verbose), daemon=True)
        self._proc.start()
        if not self._conn.poll(180):
            raise RuntimeError("the fuzz worker did not load the pipeline in 180 s")
        assert self._conn.recv() == "ready"

    def run(self, name: str, data: bytes) -> Outcome:
        """The outcome of one document; a worker that does not answer in time is replaced."""
        started = time.perf_counter()
        self._conn.send((name, data))
        if self._conn.poll(self.seconds):
            try:
                status, ms, message = self._conn.recv()
                return Outcome(name, status, ms, message)
            except EOFError:   # the worker died (a crash in C code): as bad as a hang
                self._restart()
                return Outcome(name, "crash", (time.perf_counter() - started) * 1000, "the worker process died")
        self._restart()
        return Outcome(name, "hang", (time.perf_counter() - started) * 1000, f"no answer in {self.seconds:g} s")

    def _restart(self) -> None:
        self._proc.kill()
        self._proc.join(10)
        self._start()

    def close(self) -> None:
        """Stop the worker."""
        if self._proc.is_alive():
            self._conn.send(None)
            self._proc.join(10)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join(5)


def save_reproducer(folder: Path, name: str, data: bytes, outcome: Outcome) -> Path:
    """The document that failed, and what it did, for a regression test."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    path.with_name(path.name + ".txt").write_text(f"{outcome.status} after {outcome.ms:.0f} ms\n{outcome.message}\n",
                                                  encoding="utf-8")
    return path
