"""The extraction API through TestClient: the routes, the extraction itself (the same answer as the
batch primitive), request ids, the access log and the `serve` subcommand."""
from __future__ import annotations

import json
import logging
import threading
import time
import tomllib

from fastapi.testclient import TestClient

from _api import SAMPLE, client, error, sample_protocol, settings  # noqa: F401 (fixtures)
from _docmake import docx, para, text_pdf
from conftest import ROOT
from extractor.export.corpus import to_corpus
from models import SCHEMA_VERSION, json_schema

from api.app import create_app


# -- meta routes -----------------------------------------------------------------------------------
def test_health(client):
    response = client.get("/v1/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_ready_when_loaded(client):
    assert client.get("/v1/ready").json() == {"status": "ready"}


def test_ready_is_503_while_the_pipeline_loads(monkeypatch):
    release = threading.Event()

    class SlowPipeline:
        def __init__(self, ner: bool = True) -> None:
            release.wait(10)

    monkeypatch.setattr("api.service.Pipeline", SlowPipeline)
    with TestClient(create_app(settings(retry_after=3))) as c:
        message = error(c.get("/v1/ready"), 503, "E045")
        assert "loading" in message and c.get("/v1/ready").headers["retry-after"] == "3"
        assert c.get("/v1/health").status_code == 200   # alive while not ready
        release.set()
        for _ in range(100):
            if c.get("/v1/ready").status_code == 200:
                break
            time.sleep(0.02)
        assert c.get("/v1/ready").status_code == 200


def test_pipeline_that_fails_to_load(monkeypatch):
    class Unloadable:
        def __init__(self, ner: bool = True) -> None:
            raise OSError("model file /secret/path missing")

    monkeypatch.setattr("api.service.Pipeline", Unloadable)
    with TestClient(create_app(settings())) as c:
        for _ in range(100):
            if c.app.state.extractor.load_error is not None:
                break
            time.sleep(0.01)
        for response in (c.get("/v1/ready"), c.post("/v1/extract", json={"text": "x"})):
            error(response, 500, "E099")
            assert "/secret/path" not in response.text
        assert c.get("/v1/health").status_code == 200


def test_version(client):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert client.get("/v1/version").json() == {"name": "protokol", "version": project["version"],
                                                "schema_version": SCHEMA_VERSION, "api": "v1"}


def test_schema_is_the_models_schema(client):
    assert client.get("/v1/schema").json() == json.loads(json.dumps(json_schema()))


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/v1/extract"]["post"]["requestBody"]["content"]
    assert set(body) == {"multipart/form-data", "application/json"}
    assert {"401", "413", "415", "422", "503", "504"} <= set(spec["paths"]["/v1/extract"]["post"]["responses"])
    assert client.get("/docs").status_code == 200


# -- extraction ------------------------------------------------------------------------------------
def test_upload_gives_the_same_protocol_as_the_batch(client, sample_protocol):
    response = client.post("/v1/extract", files={"file": ("sample.txt", SAMPLE, "text/plain")})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(sample_protocol.model_dump_json(exclude_none=True))


def test_json_text_gives_the_same_decisions(client, sample_protocol):
    response = client.post("/v1/extract", json={"text": SAMPLE.decode("utf-8"), "name": "sample.txt"})
    assert response.status_code == 200
    got = response.json()
    assert got["decisions"] == json.loads(sample_protocol.model_dump_json(exclude_none=True))["decisions"]
    assert got["source"] == {"name": "sample.txt", "format": "txt", "chars": sample_protocol.source.chars}


def test_as_corpus(client, sample_protocol):
    response = client.post("/v1/extract?as=corpus", files={"file": ("sample.txt", SAMPLE)})
    assert response.json() == json.loads(json.dumps(to_corpus(sample_protocol, "sample"), ensure_ascii=False))


def test_format_table_and_full(client, sample_protocol):
    from extractor.export.console import render

    table = client.post("/v1/extract?format=table", files={"file": ("sample.txt", SAMPLE)})
    assert table.headers["content-type"].startswith("text/plain") and table.text == render(sample_protocol)
    full = client.post("/v1/extract?full=true", files={"file": ("sample.txt", SAMPLE)}).json()
    assert full == json.loads(sample_protocol.model_dump_json())
    assert "null" in json.dumps(full) and full != json.loads(sample_protocol.model_dump_json(exclude_none=True))


def test_docx_and_pdf_uploads(client):
    body = docx(para("ПРОТОКОЛ № 7") + para("1. Иванову И.И. подготовить отчёт до 01.02.2025."))
    response = client.post("/v1/extract", files={"file": ("p.docx", body)})
    assert response.status_code == 200 and response.json()["source"]["format"] == "docx"
    response = client.post("/v1/extract", files={"file": ("p.pdf", text_pdf([["Protocol 7", "1. Report."]]))})
    assert response.status_code == 200 and response.json()["source"]["format"] == "pdf"


def test_format_is_told_by_content_not_name(client):
    text = "ПРОТОКОЛ № 1\n1. Принять к сведению."
    response = client.post("/v1/extract", files={"file": ("looks.pdf", text.encode())})
    assert response.status_code == 200
    assert response.json()["source"] == {"name": "looks.pdf", "format": "txt", "chars": len(text)}


# -- request ids and the access log ----------------------------------------------------------------
def test_request_ids(client):
    first, second = client.get("/v1/health"), client.get("/v1/health")
    assert first.headers["x-request-id"] != second.headers["x-request-id"]
    assert client.get("/v1/health", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    bad = client.get("/v1/health", headers={"X-Request-ID": "x" * 65}).headers["x-request-id"]
    assert bad != "x" * 65 and len(bad) == 32


def test_one_structured_log_line_per_request(client, caplog):
    with caplog.at_level(logging.INFO, logger="protokol.api.access"):
        ok = client.post("/v1/extract", files={"file": ("sample.txt", SAMPLE)})
        bad = client.post("/v1/extract", files={"file": ("p.pdf", b"%PDF-1.4 broken")})
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "protokol.api.access"]
    assert len(lines) == 2
    assert lines[0]["id"] == ok.headers["x-request-id"] and lines[0]["status"] == 200
    assert lines[0]["format"] == "txt" and lines[0]["size"] > len(SAMPLE) and lines[0]["ms"] > 0
    assert lines[1]["id"] == bad.headers["x-request-id"] and lines[1]["status"] == 422 and lines[1]["format"] == "pdf"
    assert lines[1]["path"] == "/v1/extract" and lines[1]["method"] == "POST"


# -- the CLI ---------------------------------------------------------------------------------------
def test_serve_subcommand_and_lazy_import():
    import subprocess
    import sys

    from extractor.cli import build_parser, cmd_serve

    args = build_parser().parse_args(["serve", "--port", "9123", "--workers", "2"])
    assert (args.func, args.host, args.port, args.workers) == (cmd_serve, None, 9123, 2)
    code = "import sys, extractor.cli; print(any(m.split('.')[0] in ('fastapi', 'uvicorn', 'api') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
