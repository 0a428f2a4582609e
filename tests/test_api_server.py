"""A real `protokol serve` process on 127.0.0.1 (a free port, two workers), talked to over HTTP.

Bounded: the server gets 90 s to load and is always terminated (then killed) at the end."""
from __future__ import annotations

import json
import os
import signal
import subprocess

import httpx
import pytest

from _api import running_server
from conftest import OWN_CORPUS
from extractor.export.corpus import to_corpus

KEY = "server-test-key"


@pytest.fixture(scope="module")
def server():
    with running_server(workers=2, key=KEY, stdout=subprocess.PIPE) as running:
        yield running


def extraction_processes(pid: int) -> list[int]:
    """The children of the server that run multiprocessing's spawn entry point (not its tracker)."""
    from pathlib import Path

    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in cmdline:
                out.append(int(child))
    return out


@pytest.mark.slow
def test_real_server(server, pipeline):
    base, proc = server
    with httpx.Client(base_url=base, timeout=30) as http:
        assert http.get("/v1/health").json() == {"status": "ok"}
        assert http.get("/v1/version").status_code == 401
        data = (OWN_CORPUS / "sample.txt").read_bytes()
        response = http.post("/v1/extract?as=corpus", files={"file": ("sample.txt", data)}, headers={"X-API-Key": KEY})
        assert response.status_code == 200, response.text
        # the same answer as the batch primitive in this process
        expected = to_corpus(next(pipeline.batch([("sample.txt", data)])).protocol, "sample")
        assert response.json() == json.loads(json.dumps(expected, ensure_ascii=False))
        refused = http.post("/v1/extract", files={"file": ("x.pdf", b"%PDF-1.4 broken")}, headers={"X-API-Key": KEY})
        assert refused.status_code == 422 and refused.json()["error"]["code"] == "E011"
    # --workers 2: one front process and two extraction processes, each with its pipeline
    workers = extraction_processes(proc.pid)
    assert len(workers) == 2
    ids = {response.headers["x-request-id"], refused.headers["x-request-id"]}
    os.killpg(proc.pid, signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    logged = {line["id"]: line for line in map(json.loads, filter(str.strip, out.splitlines()))}
    assert ids <= set(logged)
    assert logged[refused.headers["x-request-id"]]["status"] == 422
    assert logged[response.headers["x-request-id"]]["worker"] in workers   # which process extracted it
    assert "Traceback" not in err
