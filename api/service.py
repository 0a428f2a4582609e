"""The extraction service: the pipeline, where it runs, a bounded queue and the time limit.

Extraction is CPU-bound Python and holds the GIL, so more threads in one process would not run it
faster. Under `protokol serve` it runs in N extraction processes (api/pool.py) fed by the one front
process, request by request; in tests and when embedded, on one thread of this process. Either way
the event loop only awaits the work, so health checks and uploads keep flowing meanwhile.

The queue is bounded: at most `queue_size` requests per extraction process are admitted (running +
waiting); the next one is answered 503 with Retry-After at once instead of piling up. A request past
`max_seconds` is answered 504 (E018), but a Python thread cannot be killed: its slot is released
only when the extraction really ends (a pool process that runs past twice the limit is killed and
started again). The readers enforce their own time budget (Limits.max_seconds) too.
"""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Future, ThreadPoolExecutor

from fastapi import Request

from extractor import errors as reader_errors
from extractor.errors import ProtokolError
from extractor.pipeline import Pipeline

from .answer import Answer, Options, make_answer
from .errors import busy
from .pool import ProcessPool
from .settings import Settings

log = logging.getLogger("protokol.api")


class Extractor:
    """Runs `pipeline.batch` for the requests of this app, behind the bounded queue and the time limit.

    Two ways to run it: `processes=None` (tests, embedding) uses one thread of this process and the
    given or a freshly loaded pipeline; `processes=N` (`protokol serve`) uses api/pool.py, N
    extraction processes fed request by request, which is what spreads the load over the cores."""

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None, processes: int | None = None) -> None:
        self.settings = settings
        self.limits = settings.limits()
        self.admitted = 0   # requests holding a slot: running or waiting for the thread
        self.pool: ProcessPool | None = None
        self.capacity = settings.queue_size
        if processes:
            self.pool = ProcessPool(processes, settings.ner, self.limits, hard_limit=2 * settings.max_seconds + 5)
            self.capacity = settings.queue_size * processes
            return
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="protokol-extract")
        # The pipeline loads on the extraction thread, so the server answers /v1/health meanwhile;
        # every extraction queued behind it runs after it, on the same thread.
        self._loaded: Future[Pipeline] = (self._done(pipeline) if pipeline is not None
                                          else self.executor.submit(Pipeline, settings.ner))

    @staticmethod
    def _done(pipeline: Pipeline) -> Future[Pipeline]:
        future: Future[Pipeline] = Future()
        future.set_result(pipeline)
        return future

    @property
    def load_error(self) -> BaseException | str | None:
        """What loading the pipeline raised, if it did (logged, never sent, by the E099 handler)."""
        if self.pool is not None:
            return self.pool.load_error
        return self._loaded.exception() if self._loaded.done() else None

    @property
    def ready(self) -> bool:
        """True once the pipeline is loaded (in every extraction process) and did not fail to load."""
        if self.pool is not None:
            return self.pool.ready
        return self._loaded.done() and self._loaded.exception() is None

    def _run(self, name: str | None, data: bytes, options: Options) -> Answer:
        """On the extraction thread: the batch primitive on a batch of one, rendered."""
        return make_answer(self._loaded.result(), self.limits, name, data, options)

    def _run_all(self, name: str | None, data: bytes) -> list:
        """On the extraction thread: every Result of an input holding several documents (an e-mail)."""
        return list(self._loaded.result().batch([(name, data)], self.limits))

    def _release(self, _: object) -> None:
        # Called when the thread is really done (or the job was cancelled): only then is the slot free.
        self.admitted -= 1

    async def answer(self, name: str | None, data: bytes, options: Options) -> Answer:
        """The answer to one document; ProtokolError on bad input, E044 when full, E018 when late."""
        if self.load_error is not None:
            raise ProtokolError("E099", f"the pipeline failed to load: {self.load_error!r}")
        if self.admitted >= self.capacity:
            raise busy(self.settings.retry_after)
        self.admitted += 1
        if self.pool is not None:
            future = asyncio.wrap_future(self.pool.submit(name, data, options))
        else:
            future = asyncio.get_running_loop().run_in_executor(self.executor, self._run, name, data, options)
        # The callback runs on the loop thread, so the counter needs no lock.
        future.add_done_callback(self._release)
        try:
            # shield: a timeout must not cancel the future, or the slot would be freed while the
            # thread still works on it
            return await asyncio.wait_for(asyncio.shield(future), self.settings.max_seconds)
        except asyncio.TimeoutError:
            raise reader_errors.time_limit(self.settings.max_seconds) from None

    def close(self) -> None:
        """Shutdown: the pool lets running jobs end; the thread drops waiting jobs."""
        if self.pool is not None:
            self.pool.close()
        else:
            self.executor.shutdown(wait=False, cancel_futures=True)


def get_extractor(request: Request) -> Extractor:
    """FastAPI dependency: the Extractor the lifespan built for this worker."""
    return request.app.state.extractor
