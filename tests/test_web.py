"""The web page without a browser (TestClient): GET / and its static files, nothing from the network,
no HTML built from strings in the script, a Russian message for every error code, the
`include_text` option it calls, and POST /v1/export (the bulk writers' bytes, with names)."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

from _api import SAMPLE, client, error, sample_protocol, settings  # noqa: F401 (fixtures)
from _docmake import text_pdf
from api import errors as api_errors
from api.app import create_app
from api.routers.web import STATIC_DIR
from extractor.export.writers import assignments_csv, deadlines_ics, references_csv

STATIC = {name: (STATIC_DIR / name).read_text(encoding="utf-8") for name in ("index.html", "app.js", "app.css")}


# -- the page and its files -----------------------------------------------------------------------
def test_index_is_the_russian_page_with_a_strict_csp(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<html lang="ru">' in response.text and "Поручения из протокола" in response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    for path in re.findall(r'(?:src|href)="([^"#]+)"', response.text):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("name, media", [("app.js", "javascript"), ("app.css", "text/css"),
                                         ("favicon.svg", "image/svg+xml")])
def test_static_files(client, name, media):
    response = client.get(f"/static/{name}")
    assert response.status_code == 200 and media in response.headers["content-type"]
    assert response.content == (STATIC_DIR / name).read_bytes()


def test_unknown_static_file_is_the_json_404(client):
    error(client.get("/static/nope.js"), 404, "E042")


def test_the_page_is_not_in_the_api_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and "/v1/export" in paths and not any(p.startswith("/static") for p in paths)


def test_the_page_is_open_when_the_api_has_a_key(pipeline):
    with TestClient(create_app(settings(api_key="k"), pipeline)) as c:
        assert c.get("/").status_code == 200 and c.get("/static/app.js").status_code == 200
        error(c.post("/v1/export?format=csv", json={}), 401, "E041")
        assert c.post("/v1/export?format=csv", json={}, headers={"X-API-Key": "k"}).status_code == 200


def test_no_external_resources():
    """Machines are offline: no CDN, no web font, nothing loaded from another origin."""
    html, js, css = STATIC["index.html"], STATIC["app.js"], STATIC["app.css"]
    assert not re.search(r'(?:src|href)\s*=\s*["\']?\s*(?:[a-z]+:)?//', html, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(?:[a-z]+:)?//|@import", css, re.I)
    assert not re.search(r"\bimport\s*\(|importScripts|new\s+WebSocket|EventSource", js)
    # every request of the script goes to our own /v1 API
    calls = re.findall(r"\b(?:fetch|request)\(\s*([^,)]+)", js)
    assert calls and all(re.match(r"""[`"']/v1/|path\b""", c.strip()) for c in calls), calls


def test_the_script_never_parses_html():
    """Document text reaches the page through textContent / createTextNode only."""
    js = STATIC["app.js"]
    code = "\n".join(line for line in js.splitlines() if not line.lstrip().startswith(("//", "*", "/*")))
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "createContextualFragment", "DOMParser", "setAttribute(\"on", "srcdoc"):
        assert sink not in code, sink
    assert "createTextNode" in code and "textContent" in code


def test_every_error_code_has_a_clerks_message():
    js = STATIC["app.js"]
    messages = dict(re.findall(r'^\s+(E\d{3}): "([^"]+)"', js, re.M))
    for code in api_errors.STATUS:
        assert code in messages, code
        assert re.search("[а-яё]", messages[code]) and code not in messages[code]
    assert messages["E011"].startswith("Файл повреждён") and messages["E016"].startswith("Файл повреждён")
    assert messages["E013"].startswith("Это скан без текстового слоя")


# -- include_text ---------------------------------------------------------------------------------
def test_include_text_adds_the_text_the_offsets_index(client, sample_protocol):
    body = client.post("/v1/extract?include_text=true", files={"file": ("sample.txt", SAMPLE)}).json()
    text = body.pop("source_text")
    assert text == SAMPLE.decode("utf-8-sig").replace("\r\n", "\n") or len(text) == sample_protocol.source.chars
    assert "source_pages" not in body   # a text file has no pages
    assert body == json.loads(sample_protocol.model_dump_json(exclude_none=True))
    d3 = next(d for d in body["decisions"] if d["id"] == "3")
    assert text[d3["deadline"]["start"]:d3["deadline"]["end"]] == "до 16:00 16.05.2025"
    for d in body["decisions"]:
        for a in d.get("addressees", []):
            assert " ".join(text[a["start"]:a["end"]].split()) == a["text"]


def test_include_text_of_pasted_text_and_other_formats(client):
    pasted = "ПРОТОКОЛ № 3\n\nРЕШИЛИ:\n1. Ганиеву Р.М. представить график до 20.08.2025 на адрес gkh@tver.example.ru."
    body = client.post("/v1/extract?include_text=true", json={"text": pasted}).json()
    assert body["source_text"] == pasted
    email = body["decisions"][0]["emails"][0]
    assert pasted[email["start"]:email["end"]] == "gkh@tver.example.ru"
    # as=corpus and format=table have no place for the text: asking for both is a 422, not a silent drop
    for query in ("include_text=true&as=corpus", "include_text=true&format=table"):
        assert client.post(f"/v1/extract?{query}", json={"text": pasted}).json()["error"]["code"] == "E040"
    assert "source_text" not in client.post("/v1/extract", json={"text": pasted}).json()


def test_include_text_of_a_pdf_has_its_pages(client):
    pdf = text_pdf([["Protocol 7", "Page one text."], ["Page two text."]])
    body = client.post("/v1/extract?include_text=true", files={"file": ("p.pdf", pdf)}).json()
    assert body["source"]["format"] == "pdf" and len(body["source_pages"]) == 1
    start = body["source_pages"][0]
    assert "Page one" in body["source_text"][:start] and "Page two" in body["source_text"][start:]


def test_include_text_keeps_the_error_envelope(client):
    error(client.post("/v1/extract?include_text=true", files={"file": ("x.pdf", b"%PDF-1.4 broken")}), 422, "E011")
    error(client.post("/v1/extract?include_text=true", json={"text": ""}), 422, "E001")


# -- export ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def protocol_json(client):
    body = client.post("/v1/extract?include_text=true", files={"file": ("sample.txt", SAMPLE)}).json()
    body.pop("source_text")
    return body


def export(client, fmt: str, body) -> "httpx.Response":  # noqa: F821
    return client.post(f"/v1/export?format={fmt}", content=json.dumps(body, ensure_ascii=False).encode(),
                       headers={"Content-Type": "application/json"})


def test_export_xlsx_opens_in_openpyxl(client, protocol_json):
    import openpyxl

    response = export(client, "xlsx", protocol_json)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == MEDIA_XLSX
    assert response.headers["content-disposition"].startswith('attachment; filename="sample_assignments.xlsx"')
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    cells = [" ".join(str(c) for c in row if c is not None) for row in rows[1:]]
    assert any("Сенцова Ж.А." in r and "2025-05-16" in r for r in cells), cells[:3]
    assert any("Дроздов П.Л." in r for r in cells)


MEDIA_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_export_csv_and_ics_are_the_bulk_writers_bytes(client, protocol_json, sample_protocol):
    import icalendar

    for fmt, writer, media in (("csv", assignments_csv, "text/csv"), ("ics", deadlines_ics, "text/calendar"),
                               ("references", references_csv, "text/csv")):
        response = export(client, fmt, protocol_json)
        assert response.status_code == 200 and response.headers["content-type"].startswith(media)
        assert response.content == writer([sample_protocol]), fmt
    rows = list(csv.DictReader(io.StringIO(export(client, "csv", protocol_json).content.decode("utf-8-sig"))))
    assert rows and any("Сенцова Ж.А." in " ".join(r.values()) for r in rows)
    calendar = icalendar.Calendar.from_ical(export(client, "ics", protocol_json).content)
    events = calendar.walk("VEVENT")
    starts = {str(e.decoded("DTSTART")) for e in events}
    assert events and "2025-05-16 16:00:00" in starts, starts


@pytest.mark.parametrize("today, status", [("2025-05-15", "due_soon"), ("2025-05-17", "overdue"),
                                           ("2025-01-10", "later")])
def test_export_register_status_against_the_given_day(client, protocol_json, today, status):
    response = client.post(f"/v1/export?format=csv&today={today}", json=protocol_json)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["status"] for r in rows if r["decision_id"] == "3"} == {status}     # due 2025-05-16


def test_export_refuses_a_bad_day(client, protocol_json):
    response = client.post("/v1/export?format=csv&today=16.05.2025", json=protocol_json)
    assert response.status_code == 422 and response.json()["error"]["code"] == "E040"


def test_export_names_a_cyrillic_document(client, protocol_json):
    body = {**protocol_json, "source": {**protocol_json["source"], "name": "Протокол №5 \"итог\".docx"}}
    disposition = export(client, "ics", body).headers["content-disposition"]
    assert disposition.startswith("attachment; filename=")
    assert "filename*=UTF-8''%D0%9F%D1%80%D0%BE%D1%82%D0%BE%D0%BA%D0%BE%D0%BB" in disposition
    assert disposition.isascii() and '\\"' not in disposition


def test_export_takes_the_extract_answer_as_is(client, protocol_json):
    """The page may send back what it got, source_text included: extra fields are ignored."""
    assert export(client, "csv", {**protocol_json, "source_text": "x"}).content == export(client, "csv", protocol_json).content


@pytest.mark.parametrize("body, status, code", [
    (b"not json", 422, "E040"),
    (b'{"decisions": [{"id": 1}]}', 422, "E040"),
    (b"[]", 422, "E040"),
], ids=["not-json", "not-a-protocol", "array"])
def test_export_refuses_what_is_not_a_protocol(client, body, status, code):
    error(client.post("/v1/export?format=xlsx", content=body, headers={"Content-Type": "application/json"}), status, code)


def test_export_format_is_checked(client, protocol_json):
    error(client.post("/v1/export?format=pdf", json=protocol_json), 422, "E040")
    error(client.post("/v1/export", json=protocol_json), 422, "E040")


def test_export_body_is_bounded(pipeline):
    with TestClient(create_app(settings(max_bytes=1000), pipeline)) as c:
        big = b'{"decisions": [], "pad": "' + b"x" * 600_000 + b'"}'
        error(c.post("/v1/export?format=csv", content=big, headers={"Content-Type": "application/json"}), 413, "E015")


def test_export_xlsx_of_text_with_control_characters(client, protocol_json):
    """A DOCX can carry \\x0b (a manual line break) and the like; an XLSX cell cannot hold them."""
    import openpyxl

    body = json.loads(json.dumps(protocol_json))
    d3 = next(d for d in body["decisions"] if d["id"] == "3")
    d3["text"] = "Направить\x0bпретензию\x01"
    response = export(client, "xlsx", body)
    assert response.status_code == 200, response.text
    rows = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    assert any("Направить претензию" in str(c) for row in rows for c in row)  # \x0b is a line break


def _js_keys(js: str, name: str) -> set[str]:
    body = re.search(rf"const {name} = (\{{.*?\}}|\[.*?\]);", js, re.S).group(1)
    return set(re.findall(r'(\w+):', body)) if body.startswith("{") else set(re.findall(r'"(\w+)"', body))


def test_page_knows_the_same_kinds_as_the_model():
    """The page's labels cover exactly the model's kinds, and it counts assignments as the model does."""
    import typing

    import models
    from models import protocol as m

    from conftest import ROOT

    js = (ROOT / "api" / "static" / "app.js").read_text(encoding="utf-8")
    assert _js_keys(js, "KIND_RU") == set(typing.get_args(m.DecisionKind))
    assert _js_keys(js, "DEADLINE_RU") == set(typing.get_args(m.DeadlineKind))
    assert _js_keys(js, "ROLE_RU") == set(typing.get_args(m.Role))
    assert _js_keys(js, "ASKS_ACTION") == set(models.ASSIGNMENT_KINDS)
