"""A real `protokol serve` process on 127.0.0.1 (a free port, two workers), talked to over HTTP.

Bounded: the server gets 90 s to load and is always terminated (then killed) at the end."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conftest import OWN_CORPUS, ROOT
from extractor.corpus_format import to_corpus

KEY = "server-test-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_command(port: int) -> list[str]:
    """`protokol serve` when the console script is installed, else the same entry point via -m."""
    script = Path(sys.executable).with_name("protokol")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "extractor.cli"]
    return head + ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = {**os.environ, "PROTOKOL_API_KEY": KEY, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(serve_command(port), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        ready = 0
        while ready < 4:   # both workers: several consecutive ready answers
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the server did not get ready in 90 s"
            try:
                response = httpx.get(f"{base}/v1/ready", headers={"X-API-Key": KEY}, timeout=2)
                ready = ready + 1 if response.status_code == 200 else 0
            except httpx.TransportError:
                ready = 0
            time.sleep(0.2)
        yield base, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)


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
    ids = {response.headers["x-request-id"], refused.headers["x-request-id"]}
    os.killpg(proc.pid, signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    logged = {line["id"]: line for line in map(json.loads, filter(str.strip, out.splitlines()))}
    assert ids <= set(logged)
    assert logged[refused.headers["x-request-id"]]["status"] == 422
    assert "Traceback" not in err
