"""The extraction processes of `protokol serve` (api/pool.py), without HTTP: a job answered by a
process that loaded the pipeline, a process that dies replaced (its request an E099, the next one
served), SIGTERM ignored (the front decides when they stop), all of them gone after close()."""
from __future__ import annotations

import os
import signal
import time

import pytest

from _api import SAMPLE
from api.answer import Options
from api.pool import ProcessPool
from extractor.errors import ProtokolError
from extractor.readers import Limits


def _ready(pool: ProcessPool, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not pool.ready:
        assert time.monotonic() < deadline, "the extraction process did not load in time"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def pool():
    pool = ProcessPool(1, ner=False, limits=Limits(), hard_limit=60)
    try:
        _ready(pool)
        yield pool
    finally:
        pool.close()
    assert not any(p.proc.is_alive() for p in pool.processes)


def _post(pool: ProcessPool, data: bytes = SAMPLE, options: Options = Options()):
    return pool.submit("sample.txt", data, options).result(120)


# [options, media type, a piece of the body]
ANSWERS = [
    pytest.param(Options(), "application/json", b'"schema_version"', id="protocol"),
    pytest.param(Options(as_="corpus"), "application/json", b'"doc_id":"sample"', id="corpus"),
    pytest.param(Options(format="table"), "text/plain; charset=utf-8", "поручение".encode(), id="table"),
]


@pytest.mark.slow
@pytest.mark.parametrize("options, media, piece", ANSWERS)
def test_answers(pool, options: Options, media: str, piece: bytes):
    answer = _post(pool, options=options)
    assert answer.media_type == media and piece in answer.body and answer.format == "txt"


@pytest.mark.slow
def test_bad_input_is_its_code(pool):
    with pytest.raises(ProtokolError) as raised:
        _post(pool, b"%PDF-1.4 broken")
    assert raised.value.code == "E011"


@pytest.mark.slow
def test_sigterm_is_ignored_and_a_dead_process_is_replaced(pool):
    process = pool.processes[0]
    os.kill(process.proc.pid, signal.SIGTERM)
    time.sleep(0.5)
    assert process.proc.is_alive() and _post(pool).body
    first = process.proc.pid
    os.kill(first, signal.SIGKILL)
    process.proc.join(10)
    with pytest.raises(ProtokolError) as raised:
        _post(pool)
    assert raised.value.code == "E099"
    assert process.proc.pid != first
    _ready(pool)
    assert _post(pool).body
