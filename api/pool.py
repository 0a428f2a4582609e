"""The extraction processes of `protokol serve`: N processes, each loading the pipeline once, fed
request by request by the one front process that speaks HTTP.

Why not N uvicorn workers: they share one listening socket and whichever process accepts first
takes the whole burst of connections, so a client with a few keep-alive connections had all its
requests served by one worker while the other idled (measured: 8 clients, every request logged by
one pid, ~21 req/s, the same as 1 client). Here every request goes to whichever extraction process
is free, whatever connection it came on.

Each process has a pipe to the front and one dispatch thread in the front that blocks on it (the
GIL is released while waiting). A process that dies is started again; one that does not answer
within the hard limit (twice the request time limit) is killed and started again, so a runaway
document cannot hold a process forever. The processes ignore SIGINT/SIGTERM: on shutdown the front
lets the requests in flight finish, then closes the pipes, and a process ends on end-of-file.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import signal
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from extractor.errors import ProtokolError
from extractor.readers import Limits

from .answer import Answer, Options

log = logging.getLogger("protokol.api")
LOADING, READY, FAILED = 0, 1, -1


def _process_main(conn: Any, state: Any, ner: bool, limits: Limits) -> None:
    """An extraction process: load the pipeline once, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # the front decides when we stop (graceful stop)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from extractor import one_numeric_thread_per_process

    one_numeric_thread_per_process()                 # before numpy is imported by the NER
    from extractor.pipeline import Pipeline

    from .answer import make_answer

    try:
        pipeline = Pipeline(ner)
    except Exception as exc:
        conn.send(("load_error", f"{type(exc).__name__}: {exc}"))
        state.value = FAILED
        return
    state.value = READY
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        name, data, options = job
        try:
            reply: tuple = ("ok", make_answer(pipeline, limits, name, data, options))
        except ProtokolError as exc:
            reply = ("error", exc.code, exc.message)
        except Exception as exc:   # make_answer goes through the batch; this is a last resort
            reply = ("error", "E099", f"internal error: {type(exc).__name__}: {exc}")
        conn.send(reply)


class _Process:
    """One extraction process and the front's end of its pipe."""

    def __init__(self, ctx: Any, ner: bool, limits: Limits) -> None:
        self.ctx, self.ner, self.limits = ctx, ner, limits
        self.load_error: str | None = None
        self.closing = False
        self.start()

    def start(self) -> None:
        self.state = self.ctx.Value("i", LOADING, lock=False)
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_process_main, args=(child, self.state, self.ner, self.limits),
                                     name="protokol-extract", daemon=True)
        self.proc.start()
        child.close()

    def call(self, job: tuple, hard_limit: float) -> Answer:
        """Send one job and wait for its answer (on a dispatch thread)."""
        try:
            self.conn.send(job)
            while True:
                if not self.conn.poll(hard_limit):
                    self.restart(f"no answer in {hard_limit:g} s")
                    raise ProtokolError("E018", f"the extraction took longer than {hard_limit:g} s and was stopped")
                reply = self.conn.recv()
                if reply[0] == "load_error":
                    self.load_error = reply[1]
                    raise ProtokolError("E099", f"the pipeline failed to load: {reply[1]}")
                break
        except (EOFError, OSError, BrokenPipeError) as exc:
            self.restart(f"the process ended ({type(exc).__name__})")
            raise ProtokolError("E099", "internal error: the extraction process ended unexpectedly") from None
        if reply[0] == "ok":
            return reply[1]
        raise ProtokolError(reply[1], reply[2])

    def restart(self, why: str) -> None:
        if self.closing:   # shutting down: the process was stopped on purpose
            return
        log.error("extraction process %s: %s; starting a new one", self.proc.pid, why)
        self.proc.kill()
        self.proc.join(10)
        self.conn.close()
        self.start()

    def stop(self, seconds: float) -> None:
        """Ask the process to end after its current job; kill it if it has not within `seconds`."""
        self.closing = True
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(seconds)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


class ProcessPool:
    """`processes` extraction processes behind a queue of idle ones; `submit` returns a Future."""

    def __init__(self, processes: int, ner: bool, limits: Limits, hard_limit: float) -> None:
        ctx = mp.get_context("spawn")   # a clean interpreter: nothing of uvicorn's loop or threads
        self.hard_limit = hard_limit
        self.processes = [_Process(ctx, ner, limits) for _ in range(processes)]
        self.idle: queue.Queue[_Process] = queue.Queue()
        for p in self.processes:
            self.idle.put(p)
        self.threads = ThreadPoolExecutor(processes, thread_name_prefix="protokol-dispatch")

    @property
    def ready(self) -> bool:
        """Every process has loaded its pipeline."""
        return all(p.state.value == READY for p in self.processes)

    @property
    def load_error(self) -> str | None:
        """Why a process could not load the pipeline, if one could not."""
        return next((p.load_error or "the pipeline failed to load" for p in self.processes
                     if p.load_error or p.state.value == FAILED), None)

    def submit(self, name: str | None, data: bytes, options: Options) -> Future:
        """Run one request on the first free process."""
        return self.threads.submit(self._run, (name, data, options))

    def _run(self, job: tuple) -> Answer:
        process = self.idle.get()
        try:
            return process.call(job, self.hard_limit)
        finally:
            self.idle.put(process)

    def close(self, seconds: float = 10) -> None:
        """Stop every process after its current job (the server has already waited for the requests
        in flight); one still busy after `seconds` is killed."""
        self.threads.shutdown(wait=False, cancel_futures=True)
        for p in self.processes:
            p.stop(seconds)
