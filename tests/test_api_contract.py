"""The API says what it does: options that cannot go together are refused (422 E040) instead of one
being dropped, and every JSON answer is checked against the schema it is published under, so an
answer that breaks it is an E099 (500) rather than a 200 a client cannot read."""
from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from _api import SAMPLE, client, error, settings  # noqa: F401 (fixture)
from api.app import create_app
from extractor.pipeline import Doc, Result
from models import Protocol

# [query, expected status, a key the JSON answer must have (None: not JSON)]
QUERIES = [
    pytest.param("", 200, "decisions", id="default"),
    pytest.param("include_text=true", 200, "source_text", id="include-text"),
    pytest.param("full=true&include_text=true", 200, "source_text", id="full-with-text"),
    pytest.param("as=corpus", 200, "doc_id", id="corpus"),
    pytest.param("format=table", 200, None, id="table"),
    pytest.param("include_text=true&as=corpus", 422, None, id="text-with-corpus"),
    pytest.param("include_text=true&format=table", 422, None, id="text-with-table"),
    pytest.param("as=corpus&format=table", 422, None, id="corpus-with-table"),
    pytest.param("full=true&as=corpus", 422, None, id="full-with-corpus"),
    pytest.param("full=true&format=table", 422, None, id="full-with-table"),
]


@pytest.mark.parametrize("query, status, key", QUERIES)
def test_query_options(client, query: str, status: int, key: str | None):
    response = client.post(f"/v1/extract?{query}", files={"file": ("sample.txt", SAMPLE)})
    if status == 422:
        assert "incompatible query options" in error(response, 422, "E040")
        return
    assert response.status_code == status, response.text
    if key is None:
        assert response.headers["content-type"].startswith("text/plain") and "поручение" in response.text
    else:
        assert key in response.json()


class SchemaBreaker:
    """A pipeline whose protocol breaks the published schema (a decision that is not an object)."""

    def batch(self, items, limits=None):
        for item in items:
            protocol = Protocol()
            protocol.decisions = ["not a decision"]   # assignment is not validated: only the answer check sees it
            yield Result(item.name if isinstance(item, Doc) else item[0], protocol)


@pytest.mark.parametrize("query", ["", "include_text=true"], ids=["protocol", "protocol-with-text"])
def test_answer_breaking_its_schema_is_500(caplog, query: str):
    with TestClient(create_app(settings(), SchemaBreaker())) as c, \
            caplog.at_level(logging.ERROR, logger="protokol.api"):
        response = c.post(f"/v1/extract?{query}", json={"text": "ПРОТОКОЛ"})
    error(response, 500, "E099")
    assert "not a decision" not in response.text
    assert "does not match the Protocol" in caplog.text or "does not match the ProtocolWithText" in caplog.text


def test_openapi_publishes_every_answer(client):
    schema = client.get("/openapi.json").json()
    body = schema["paths"]["/v1/extract"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    refs = {ref["$ref"].rsplit("/", 1)[1] for ref in body["anyOf"]}
    assert refs == {"Protocol", "ProtocolWithText", "CorpusDocument", "Documents"}   # Documents: an e-mail
