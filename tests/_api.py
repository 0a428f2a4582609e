"""Shared by the API tests: settings without the environment, the app on the session pipeline,
and the check of the error envelope."""
from __future__ import annotations

import contextlib

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from conftest import OWN_CORPUS

SAMPLE = (OWN_CORPUS / "sample.txt").read_bytes()


def settings(**kw) -> Settings:
    kw.setdefault("api_key", None)
    return Settings(_env_file=None, **kw)


@pytest.fixture(scope="module")
def client(pipeline):
    """The app with small limits (200 000 bytes, 5 pages) on the shared pipeline."""
    with TestClient(create_app(settings(max_bytes=200_000, max_pages=5), pipeline)) as c:
        yield c


@pytest.fixture(scope="module")
def sample_protocol(pipeline):
    """What the batch primitive itself makes of the sample: the API must answer exactly this."""
    result = next(pipeline.batch([("sample.txt", SAMPLE)]))
    return result.protocol


def error(response: httpx.Response, status: int, code: str) -> str:
    """Assert the status and the envelope of an error answer; its message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert response.headers["x-request-id"]
    return body["error"]["message"]


# -- a real `protokol serve` process ---------------------------------------------------------------
def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_command(port: int, workers: int) -> list[str]:
    """`protokol serve` when the console script is installed, else the same entry point via -m."""
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("protokol")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "extractor.cli"]
    return head + ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]


@contextlib.contextmanager
def running_server(workers: int, env: dict[str, str] | None = None, key: str | None = None,
                   stdout=None, ready_seconds: float = 90, port: int | None = None):
    """A `protokol serve` on a free loopback port (or `port`), ready (every extraction process
    loaded: /v1/ready answers 200) within `ready_seconds`; always terminated, then killed, at the
    end. Yields (base URL, process)."""
    import os
    import signal
    import subprocess
    import time

    from conftest import ROOT

    port = port or free_port()
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    if key:
        full_env["PROTOKOL_API_KEY"] = key
    proc = subprocess.Popen(serve_command(port, workers), cwd=ROOT, env=full_env,
                            stdout=stdout if stdout is not None else subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_seconds
        ready = 0
        while ready < 2 * workers:   # several consecutive ready answers: every worker has loaded
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, f"the server did not get ready in {ready_seconds:g} s"
            try:
                response = httpx.get(f"{base}/v1/ready", headers={"X-API-Key": key or ""}, timeout=2)
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
