"""Every error of POST /v1/extract: one envelope, the HTTP status of the table in api/errors.py,
the size limit enforced while the upload streams in, nothing written to disk, no traceback."""
from __future__ import annotations

import asyncio
import io
import zipfile

import pytest
from fastapi.testclient import TestClient

from _api import client, error, settings  # noqa: F401 (fixtures)
from conftest import blank_scan_code
from _docmake import empty_pages_pdf, encrypted_pdf, image_pdf
from extractor.errors import ProtokolError
from extractor.pipeline import Result

from api.app import create_app


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * 60_000_000)   # over the 50 MB part limit, ~60 KB packed
    return buf.getvalue()


@pytest.mark.parametrize("data,status,code", [
    (b"", 422, "E001"),
    (b"   \n\n ", 422, "E001"),
    (bytes(range(256)) * 8, 422, "E002"),
    (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", 422, "E011"),
    (encrypted_pdf(), 422, "E012"),
    (image_pdf(), 422, blank_scan_code()),      # E013, or E021 without tesseract
    (b"PK\x03\x04" + b"garbage" * 50, 422, "E016"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), 415, "E010"),
    (empty_pages_pdf(6), 413, "E014"),          # the client fixture allows 5 pages
    (b"x" * 200_001, 413, "E015"),               # and 200 000 bytes
    (_zip_bomb(), 413, "E017"),
], ids=["empty", "blank", "binary", "corrupt-pdf", "encrypted-pdf", "scanned-pdf", "corrupt-docx", "doc",
        "pages", "size", "zip-bomb"])
def test_bad_documents(client, data, status, code, monkeypatch):
    monkeypatch.setattr("extractor.readers.convert.convert_to_docx", lambda *a, **k: None, raising=False)
    error(client.post("/v1/extract", files={"file": ("doc", data)}), status, code)


def test_json_text_over_the_size_limit(client):
    error(client.post("/v1/extract", json={"text": "ж" * 150_000}), 413, "E015")   # 300 000 bytes of UTF-8


def test_declared_length_over_the_limit_is_refused_unread(client):
    response = client.post("/v1/extract", content=b"{}", headers={"content-type": "application/json",
                                                                    "content-length": "999999999"})
    assert "1000.0 MB" in error(response, 413, "E015")


def test_upload_is_refused_while_streaming():
    """The limit is enforced on the stream: reading stops right after the limit, not at the end."""
    from api.body import read_json, read_multipart

    pulled = 0

    async def endless(head: bytes):
        nonlocal pulled
        yield head
        for _ in range(10_000):   # bounded: 10 000 x 1 KB
            pulled += 1
            yield b"a" * 1000

    part = b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
    for read, limit in ((lambda s: read_json(s, None, 5000), 5), (lambda s: read_multipart(
            s, "multipart/form-data; boundary=xyz", None, 50_000, 4000), 5)):
        pulled = 0
        with pytest.raises(ProtokolError) as exc:
            asyncio.run(read(endless(part)))
        assert exc.value.code == "E015" and pulled == limit


def test_multipart_file_limit_counts_the_document_not_the_framing():
    from api.body import read_multipart

    async def body():
        yield (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\dir\\\\p.txt\"\r\n\r\n"
               + b"z" * 101 + b"\r\n--b--\r\n")

    with pytest.raises(ProtokolError, match="E015"):
        asyncio.run(read_multipart(body(), "multipart/form-data; boundary=b", None, 10_000, 100))
    upload = asyncio.run(read_multipart(body(), "multipart/form-data; boundary=b", None, 10_000, 101))
    assert upload.name == "p.txt" and upload.data == b"z" * 101


def test_status_table():
    from api.errors import status_of

    assert [status_of(c) for c in ("E001", "E010", "E014", "E015", "E017", "E018", "E099")] == [
        422, 415, 413, 413, 413, 504, 500]
    assert status_of("E077") == 422   # a code added to the extractor later is still about the input


@pytest.mark.parametrize("kwargs,status,code", [
    ({"content": b"hello", "headers": {"content-type": "text/plain"}}, 415, "E010"),
    ({"content": b"hello"}, 415, "E010"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "E040"),
    ({"json": {"txt": "x"}}, 422, "E040"),
    ({"json": ["text"]}, 422, "E040"),
    ({"json": {"text": 5}}, 422, "E040"),
    ({"files": {"other": ("a.txt", b"hello")}}, 422, "E040"),
    ({"content": b"--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc",
      "headers": {"content-type": "multipart/form-data; boundary=x"}}, 422, "E040"),
    ({"content": b"abc", "headers": {"content-type": "multipart/form-data"}}, 422, "E040"),
])
def test_bad_requests(client, kwargs, status, code):
    error(client.post("/v1/extract", **kwargs), status, code)


def test_bad_query_and_routes(client):
    assert "as" in error(client.post("/v1/extract?as=gold", json={"text": "x"}), 422, "E040")
    error(client.get("/v1/nothing"), 404, "E042")
    error(client.get("/v1/extract"), 405, "E043")


def test_internal_error_has_no_traceback(pipeline, monkeypatch):
    """A bug in the pipeline (E099 from the batch) and a bug in the API itself: 500, no detail."""
    class Broken:
        def batch(self, items, limits=None):
            for name, _ in items:
                yield Result(name, error=ProtokolError("E099", "internal error: KeyError: 'secret-detail'"))

    with TestClient(create_app(settings(), Broken())) as c:
        response = c.post("/v1/extract", json={"text": "x"})
        message = error(response, 500, "E099")
        assert "secret-detail" not in response.text and response.headers["x-request-id"] in message

    async def crash(self, name, data, options):
        raise RuntimeError("secret-detail\nTraceback (most recent call last)")

    monkeypatch.setattr("api.service.Extractor.answer", crash)
    with TestClient(create_app(settings(), pipeline), raise_server_exceptions=False) as c:
        response = c.post("/v1/extract", json={"text": "x"})
        error(response, 500, "E099")
        assert "secret-detail" not in response.text and "Traceback" not in response.text


def test_no_temporary_files(client, monkeypatch):
    """Uploads stay in memory: a 1.5 MB upload (past Starlette's 1 MB spool) touches no temp file."""
    import tempfile

    def refuse(*args, **kwargs):
        raise AssertionError("a temporary file was created")

    for name in ("TemporaryFile", "NamedTemporaryFile", "SpooledTemporaryFile", "mkstemp", "mkdtemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    with TestClient(create_app(settings(max_bytes=3_000_000), client.app.state.extractor._loaded.result())) as c:
        error(c.post("/v1/extract", files={"file": ("junk.bin", bytes(range(256)) * 6000)}), 422, "E002")
