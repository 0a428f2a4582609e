"""Shared by the API tests: settings without the environment, the app on the session pipeline,
and the check of the error envelope."""
from __future__ import annotations

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
