"""One bulk run: list the input, skip what is done, extract the rest in parallel, write as results
come, rebuild the register, calendar and citations at the end.

    summary = run_bulk(BulkOptions("corpus/", Path("out"), jobs=2))

Resumable by construction: a document is done when its (source, sha256) is in protocols.jsonl or
errors.jsonl, so running the same command again after a kill extracts only the rest. A source with
the content of a document already extracted (in this run or before) is recorded as its duplicate,
without a second extraction.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from extractor.errors import ProtokolError
from extractor.readers import Limits
from extractor.export import writers
from extractor.bulk.messages import expand_messages
from extractor.bulk.runner import LocalBackend, Outcome, Task, stream
from extractor.bulk.sources import EXTENSIONS, Source, enumerate_input, sha256
from extractor.bulk.store import Store


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass
class BulkOptions:
    input: str
    out: Path
    jobs: int | None = None                  # None: one per core
    dask: object = None                      # scheduler address or a distributed.Client
    limits: Limits | None = None
    extensions: frozenset[str] | None = EXTENSIONS
    ner: bool = True
    fsync: bool = True
    today: dt.date | None = None             # the register's control of execution: status against this day
    soon_days: int = 7                       # "due soon": due within this many days of `today`


@dataclass
class Summary:
    """What a run did (this run) and what the output folder holds (totals)."""

    found: int = 0             # documents in the input
    skipped: int = 0           # done by an earlier run
    extracted: int = 0         # extracted now
    duplicates: int = 0        # copies of a document extracted before (not extracted again)
    failed: int = 0            # errors now
    decisions: int = 0         # of the documents extracted now
    assignments: int = 0
    seconds: float = 0.0
    extract_seconds: float = 0.0   # listing + extraction, without the final rebuild
    jobs: int = 0
    worker_rss: dict[int, int] = field(default_factory=dict)   # worker pid -> peak RSS, bytes
    totals: writers.Totals = field(default_factory=writers.Totals)
    errors_total: int = 0

    @property
    def per_second(self) -> float:
        return (self.extracted + self.failed) / self.extract_seconds if self.extract_seconds else 0.0


def _plan(sources: list[Source], store: Store) -> list[Source]:
    """The sources not done yet, biggest first (reads and hashes each once; nothing is kept in memory).

    Biggest first because a large file (a scan to OCR) is a long task: started last, it would keep
    one worker busy while the others idle at the end of the run."""
    todo = []
    for s in sources:
        try:
            data = s.read()
            sha, size = sha256(data), len(data)
        except ProtokolError:
            sha, size = None, 0
        if not store.is_done(s.name, sha):
            todo.append((size, s))
    todo.sort(key=lambda t: -t[0])  # stable: equal sizes keep their order
    return [s for _, s in todo]


class _Feeder:
    """Turns sources into tasks, settling on the way what needs no worker (read errors, duplicates)."""

    def __init__(self, todo: list[Source], store: Store, summary: Summary, limits: Limits | None, tick) -> None:
        self.todo, self.store, self.summary, self.limits, self.tick = todo, store, summary, limits, tick
        self.waiting: dict[str, list[str]] = {}          # sha in flight -> sources with the same content

    def tasks(self) -> Iterator[Task]:
        for s in self.todo:
            try:
                data = s.read()
            except ProtokolError as exc:
                if not self.store.is_done(s.name, None):
                    self.store.add_error(s.name, None, exc.code, exc.message)
                    self.summary.failed += 1
                self.tick()
                continue
            sha = sha256(data)
            if self.store.is_done(s.name, sha):
                self.tick()
            elif sha in self.waiting:
                self.waiting[sha].append(s.name)
            elif sha in self.store.by_sha:
                self._duplicate(s.name, sha)
            else:
                self.waiting[sha] = []
                yield Task(s.name, sha, data, self.limits)

    def _duplicate(self, name: str, sha: str) -> None:
        if self.store.add_duplicate(name, sha):
            self.summary.duplicates += 1
        else:
            self.summary.failed += 1
        self.tick()

    def settle(self, task: Task, outcome: Outcome) -> None:
        """Write a worker's result, then the sources waiting for the same content."""
        s = self.summary
        if outcome.protocol_json is not None:
            self.store.add_protocol(task.source, task.sha256, outcome.protocol_json)
            s.extracted += 1
            s.decisions += outcome.decisions
            s.assignments += outcome.assignments
        else:
            self.store.add_error(task.source, task.sha256, outcome.code, outcome.message)
            s.failed += 1
        if outcome.pid:
            s.worker_rss[outcome.pid] = max(s.worker_rss.get(outcome.pid, 0), outcome.max_rss)
        self.tick()
        for name in self.waiting.pop(task.sha256, []):
            self._duplicate(name, task.sha256)


def _backend(opts: BulkOptions):
    if opts.dask is not None:
        from extractor.bulk.dask_backend import DaskBackend

        return DaskBackend(opts.dask, opts.ner)
    return LocalBackend(opts.jobs or default_jobs(), opts.ner)


def run_bulk(opts: BulkOptions, progress=None) -> Summary:
    """Run the job; `progress(total)` returns a callable advanced once per settled document
    (see report.progress). Raises ProtokolError E004/E019 when INPUT cannot be listed."""
    t0 = time.perf_counter()
    opts.out = Path(opts.out)
    sources = expand_messages(enumerate_input(opts.input, opts.limits, opts.extensions), opts.limits)
    store = Store(opts.out, fsync=opts.fsync)
    summary = Summary(found=len(sources))
    try:
        todo = _plan(sources, store)
        summary.skipped = len(sources) - len(todo)
        with (progress(len(todo)) if progress else _NoProgress()) as tick:
            feeder = _Feeder(todo, store, summary, opts.limits, tick)
            if todo:
                backend = _backend(opts)
                summary.jobs = backend.jobs
                try:
                    for task, outcome in stream(feeder.tasks(), backend):
                        feeder.settle(task, outcome)
                finally:
                    backend.close()
        summary.extract_seconds = time.perf_counter() - t0
        summary.totals = writers.rebuild(store, opts.out, opts.today, opts.soon_days)
        summary.errors_total = store.error_count()
    finally:
        store.close()
    summary.seconds = time.perf_counter() - t0
    return summary


class _NoProgress:
    def __enter__(self):
        return lambda n=1: None

    def __exit__(self, *exc) -> None:
        return None
