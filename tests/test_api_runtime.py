"""The API at run time: the bounded queue (503 + Retry-After), the time limit (504, the slot held
until the thread ends), a free event loop while extracting, the API key, settings from the
environment, CORS only when configured. A fake pipeline that sleeps stands in for the real one."""
from __future__ import annotations

import asyncio
import time

import httpx
from fastapi.testclient import TestClient

from _api import error, settings
from extractor.pipeline import Result

from api.app import create_app
from api.settings import Settings


# -- the bounded queue and the time limit ----------------------------------------------------------
class SleepyPipeline:
    """A stand-in that takes `seconds` per document and records how many ran at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.running, self.most = seconds, 0, 0

    def batch(self, items, limits=None):
        from models import Protocol

        for name, _ in items:
            self.running += 1
            self.most = max(self.most, self.running)
            time.sleep(self.seconds)
            self.running -= 1
            yield Result(name, Protocol())


async def _post_many(app, n: int) -> list[httpx.Response]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await asyncio.gather(*(c.post("/v1/extract", json={"text": f"doc {i}"}) for i in range(n)))


def test_full_queue_is_503_with_retry_after():
    fake = SleepyPipeline(0.3)
    app = create_app(settings(queue_size=2, retry_after=7), fake)
    responses = asyncio.run(_post_many(app, 5))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 200, 503, 503, 503]
    busy = [r for r in responses if r.status_code == 503]
    assert all(r.headers["retry-after"] == "7" and r.json()["error"]["code"] == "E044" for r in busy)
    assert fake.most == 1   # one extraction thread per worker process


def test_time_limit_is_504_and_the_slot_is_held_until_the_thread_ends():
    fake = SleepyPipeline(0.6)
    app = create_app(settings(max_seconds=0.2, queue_size=1), fake)

    async def scenario():
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
                first = await c.post("/v1/extract", json={"text": "slow"})
                # the thread still works on it: the only slot is not free yet
                second = await c.post("/v1/extract", json={"text": "next"})
                await asyncio.sleep(0.6)
                assert app.state.extractor.admitted == 0
                fake.seconds = 0
                third = await c.post("/v1/extract", json={"text": "now"})
                return first, second, third

    first, second, third = asyncio.run(scenario())
    assert "0.2 s" in error(first, 504, "E018")
    error(second, 503, "E044")
    assert third.status_code == 200


def test_health_answers_while_extracting():
    fake = SleepyPipeline(0.5)
    app = create_app(settings(), fake)

    async def scenario():
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
                slow = asyncio.create_task(c.post("/v1/extract", json={"text": "slow"}))
                await asyncio.sleep(0.1)
                started = time.perf_counter()
                health = await c.get("/v1/health")
                took = time.perf_counter() - started
                await slow
                return health, took

    health, took = asyncio.run(scenario())
    assert health.status_code == 200 and took < 0.2   # the event loop was not blocked


# -- security --------------------------------------------------------------------------------------
def test_api_key(pipeline):
    with TestClient(create_app(settings(api_key="s3cret"), pipeline)) as c:
        assert c.get("/v1/health").status_code == 200
        for method, path in (("GET", "/v1/ready"), ("GET", "/v1/version"), ("GET", "/v1/schema"),
                             ("POST", "/v1/extract")):
            for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": "s3cret "}):
                response = c.request(method, path, headers=headers, json={"text": "x"})
                error(response, 401, "E041")
                assert response.headers["www-authenticate"] == "ApiKey"
            assert c.request(method, path, headers={"X-API-Key": "s3cret"}, json={"text": ""}).status_code != 401
        assert c.get("/v1/version", headers={"X-API-Key": "s3cret"}).status_code == 200


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("PROTOKOL_API_KEY", "from-env")
    monkeypatch.setenv("PROTOKOL_QUEUE_SIZE", "3")
    monkeypatch.setenv("PROTOKOL_CORS_ORIGINS", '["https://a.example"]')
    s = Settings()
    assert s.api_key.get_secret_value() == "from-env" and s.queue_size == 3 and s.cors_origins == ["https://a.example"]
    assert "from-env" not in repr(s)
    assert s.limits().max_bytes == s.max_bytes


def test_no_cors_unless_configured(pipeline):
    origin = {"Origin": "https://a.example"}
    with TestClient(create_app(settings(), pipeline)) as c:
        assert "access-control-allow-origin" not in c.get("/v1/health", headers=origin).headers
    with TestClient(create_app(settings(cors_origins=["https://a.example"]), pipeline)) as c:
        assert c.get("/v1/health", headers=origin).headers["access-control-allow-origin"] == "https://a.example"
        other = c.get("/v1/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
