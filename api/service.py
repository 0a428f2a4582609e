"""The extraction service of one worker process: the pipeline, one thread to run it, a bounded queue.

Extraction is CPU-bound Python and holds the GIL, so more threads in one process would not run it
faster; each worker process gets exactly one extraction thread and parallelism comes from uvicorn
`--workers`. The event loop only awaits the thread, so health checks and uploads keep flowing while
a document is being extracted.

The queue is bounded: at most `queue_size` requests are admitted (running + waiting); the next one is
answered 503 with Retry-After at once instead of piling up. A request past `max_seconds` is answered
504 (E018), but a Python thread cannot be killed: its slot is released only when the extraction
really ends. The readers enforce their own time budget (Limits.max_seconds), and the steps after
reading take well under a second on a protocol, so a slot is not held much longer than the limit.
"""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Future, ThreadPoolExecutor

from fastapi import Request

from extractor import errors as reader_errors
from extractor.errors import ProtokolError
from extractor.pipeline import Doc, Pipeline
from models import Protocol

from .errors import busy
from .settings import Settings

log = logging.getLogger("protokol.api")


class Extractor:
    """Owns the pipeline of this worker and runs `pipeline.batch` on its single thread."""

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self.limits = settings.limits()
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="protokol-extract")
        self.admitted = 0   # requests holding a slot: running or waiting for the thread
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
    def load_error(self) -> BaseException | None:
        """What loading the pipeline raised, if it did (logged, never sent, by the E099 handler)."""
        return self._loaded.exception() if self._loaded.done() else None

    @property
    def ready(self) -> bool:
        """True once the pipeline is loaded (and did not fail to load)."""
        return self._loaded.done() and self._loaded.exception() is None

    def _run(self, name: str | None, data: bytes) -> Protocol:
        """On the extraction thread: the batch primitive on a batch of one."""
        result = next(self._loaded.result().batch([(name, data)], self.limits))
        if result.error is not None:
            raise result.error
        assert result.protocol is not None
        return result.protocol

    def _run_with_text(self, name: str | None, data: bytes) -> tuple[Protocol, Doc]:
        """On the extraction thread: the Doc read here (its `text` is what the offsets index, its
        `pages` where pages 2, 3, ... start), then the same batch primitive on it."""
        try:
            doc = Doc.from_bytes(data, name, self.limits)
        except ProtokolError:
            raise
        except Exception as exc:  # as in Pipeline.batch: a reader bug is E099, logged, never sent
            raise ProtokolError("E099", f"internal error: {type(exc).__name__}: {exc}") from exc
        result = next(self._loaded.result().batch([doc], self.limits))
        if result.error is not None:
            raise result.error
        assert result.protocol is not None
        return result.protocol, doc

    def _run_all(self, name: str | None, data: bytes) -> list:
        """On the extraction thread: every Result of an input holding several documents (an e-mail)."""
        return list(self._loaded.result().batch([(name, data)], self.limits))

    def _release(self, _: object) -> None:
        # Called when the thread is really done (or the job was cancelled): only then is the slot free.
        self.admitted -= 1

    async def extract(self, name: str | None, data: bytes) -> Protocol:
        """The Protocol of one document; ProtokolError on bad input, E044 when full, E018 when late."""
        return await self._submit(self._run, name, data)

    async def extract_with_text(self, name: str | None, data: bytes) -> tuple[Protocol, Doc]:
        """`extract`, and the Doc whose text the offsets of the Protocol index (for the web page)."""
        return await self._submit(self._run_with_text, name, data)

    async def extract_all(self, name: str | None, data: bytes) -> list:
        """One `pipeline.Result` per document of an e-mail (a protocol, a coded error or a skip)."""
        return await self._submit(self._run_all, name, data)

    async def _submit(self, run, name: str | None, data: bytes):
        """Run `run(name, data)` on the extraction thread behind the bounded queue and the time limit."""
        if self.load_error is not None:
            raise ProtokolError("E099", f"the pipeline failed to load: {self.load_error!r}")
        if self.admitted >= self.settings.queue_size:
            raise busy(self.settings.retry_after)
        loop = asyncio.get_running_loop()
        self.admitted += 1
        future = loop.run_in_executor(self.executor, run, name, data)
        # The callback runs on the loop thread, so the counter needs no lock.
        future.add_done_callback(self._release)
        try:
            # shield: a timeout must not cancel the future, or the slot would be freed while the
            # thread still works on it
            return await asyncio.wait_for(asyncio.shield(future), self.settings.max_seconds)
        except asyncio.TimeoutError:
            raise reader_errors.time_limit(self.settings.max_seconds) from None

    def close(self) -> None:
        """Drop waiting jobs and let the running one finish in the background (shutdown)."""
        self.executor.shutdown(wait=False, cancel_futures=True)


def get_extractor(request: Request) -> Extractor:
    """FastAPI dependency: the Extractor the lifespan built for this worker."""
    return request.app.state.extractor
