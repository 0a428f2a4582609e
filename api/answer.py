"""The body of a POST /v1/extract answer, made where the extraction runs (a pool process or the
in-process thread), so the front process only passes bytes along.

Every JSON body is validated against the model the OpenAPI schema publishes for it before it is
sent (`Protocol`, `ProtocolWithText`, `CorpusDocument`): an answer that does not match the schema is
a bug, answered E099 (500) with the detail in the server log, never a 200 that breaks a client.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from extractor.errors import ProtokolError
from extractor.pipeline import Doc
from extractor.readers import Limits
from extractor.readers.sniff import EML, sniff
from models import Protocol


class CorpusDocument(BaseModel):
    """`as=corpus`: the `ID.gold.json` shape of ../shared/corpus/README.md (extractor.export.corpus)."""

    doc_id: str
    protocol: dict[str, str | None]
    attendees: list[str | None]
    agenda: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    persons: list[str | None]


class DocumentEntry(BaseModel):
    """One part of an e-mail: its name and exactly one of protocol, error or skipped."""

    name: str
    protocol: dict[str, Any] | None = None
    error: dict[str, str] | None = None
    skipped: str | None = None


class Documents(BaseModel):
    """The answer for an e-mail: one entry per part, in the message's order."""

    documents: list[DocumentEntry]


class ProtocolWithText(Protocol):
    """`include_text=true`: the Protocol and the decoded text its offsets index."""

    source_text: str
    source_pages: list[int] | None = None


@dataclass(frozen=True)
class Options:
    """The query options of POST /v1/extract (checked for conflicts by the router)."""

    as_: Literal["model", "corpus"] = "model"
    format: Literal["json", "table"] = "json"
    full: bool = False
    include_text: bool = False


@dataclass(frozen=True)
class Answer:
    """A finished 200 answer: its media type, its bytes, and the format the document was read as."""

    media_type: str
    body: bytes
    format: str
    pid: int = 0       # the process that extracted it (the access log's `worker`)


def _checked(model: type[BaseModel], body: bytes) -> bytes:
    """`body` if it validates against `model`; E099 (a bug: we broke our own schema) otherwise."""
    try:
        model.model_validate_json(body)
    except ValidationError as exc:
        raise ProtokolError("E099", f"internal error: the answer does not match the {model.__name__} schema: "
                                    f"{exc.errors()[:3]}") from None
    return body


def make_answer(pipeline: Any, limits: Limits, name: str | None, data: bytes, options: Options) -> Answer:
    """Read and extract one document with the batch primitive, render it as `options` ask; a
    ProtokolError (the document's code, or E099 for a bug) when it cannot be done."""
    answer = _answer(pipeline, limits, name, data, options)
    return Answer(answer.media_type, answer.body, answer.format, os.getpid())


def _answer(pipeline: Any, limits: Limits, name: str | None, data: bytes, options: Options) -> Answer:
    if sniff(data) == EML:
        return _documents(pipeline, limits, name, data, options)
    if options.include_text:
        try:
            item: Doc | tuple[str | None, bytes] = Doc.from_bytes(data, name, limits)
        except ProtokolError:
            raise
        except Exception as exc:  # as in Pipeline.batch: a reader bug is E099, logged, never sent
            raise ProtokolError("E099", f"internal error: {type(exc).__name__}: {exc}") from exc
    else:
        item = (name, data)
    result = next(pipeline.batch([item], limits))
    if result.error is not None:
        raise result.error
    protocol: Protocol = result.protocol
    fmt = protocol.source.format if protocol.source else "txt"
    if options.as_ == "corpus":
        from extractor.export.corpus import to_corpus

        doc = to_corpus(protocol, PurePath(name).stem if name else "document")
        return Answer("application/json", _checked(CorpusDocument, _json(doc)), fmt)
    if options.format == "table":
        from extractor.export.console import render

        return Answer("text/plain; charset=utf-8", render(protocol).encode("utf-8"), fmt)
    if options.include_text:
        assert isinstance(item, Doc)
        body = protocol.model_dump(mode="json", exclude_none=not options.full)
        body["source_text"] = item.text
        if item.pages is not None:
            body["source_pages"] = item.pages
        return Answer("application/json", _checked(ProtocolWithText, _json(body)), fmt)
    return Answer("application/json", _checked(Protocol, protocol.model_dump_json(exclude_none=not options.full)
                                               .encode("utf-8")), fmt)


def _documents(pipeline: Any, limits: Limits, name: str | None, data: bytes, options: Options) -> Answer:
    """An e-mail holds several documents: `{"documents": [...]}`, one entry per part (its body, then
    each attachment), each a protocol, a coded error or a skip; the tables one after another with
    format=table. A message that cannot be split at all is its own error (E023); include_text (the
    web page, which shows one document's text) is E025."""
    from extractor.errors import several_documents
    from extractor.export.console import render
    from extractor.export.corpus import to_corpus
    from extractor.export.documents import documents_answer, documents_table

    if options.include_text:
        raise several_documents("an e-mail message")
    results = list(pipeline.batch([(name, data)], limits))
    if len(results) == 1 and results[0].error is not None and "#" not in (results[0].name or ""):
        raise results[0].error
    if options.format == "table":
        return Answer("text/plain; charset=utf-8", documents_table(results, render).encode("utf-8"), "eml")

    def render_one(part: str, protocol: Protocol) -> dict:
        if options.as_ == "corpus":
            return to_corpus(protocol, PurePath(part).stem)
        return protocol.model_dump(mode="json", exclude_none=not options.full)

    return Answer("application/json", _checked(Documents, _json(documents_answer(results, render_one))), "eml")


def _json(value: Any) -> bytes:
    # the same bytes starlette's JSONResponse would send
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")
