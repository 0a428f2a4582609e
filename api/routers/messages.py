"""POST /v1/extract for an input that holds several documents (an e-mail message, `.eml`).

The answer is 200 with `{"documents": [...]}`, one entry per part in the message's order (its body,
then each attachment), each `{"name": "message.eml#protocol.pdf"}` plus exactly one of
`"protocol"` (the Protocol, or the corpus document with `as=corpus`), `"error"` (`{"code",
"message"}`: that part alone failed) or `"skipped"` (why the part is no document: a body without a
protocol, a signature). A message that cannot be split at all is an error answer as for any file
(422 `E023`). `format=table` gives the tables one after another, each under the part's name;
`include_text=true` (the web page's request, which shows one document's text) is 422 `E025`.
"""
from __future__ import annotations

from pathlib import PurePath

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel

from extractor.export.corpus import to_corpus
from extractor.export.documents import documents_answer, documents_table

from ..service import Extractor


class DocumentEntry(BaseModel):
    """One part of an e-mail: its name and exactly one of protocol, error or skipped."""

    name: str
    protocol: dict[str, Any] | None = None
    error: dict[str, str] | None = None
    skipped: str | None = None


class Documents(BaseModel):
    """The answer for an e-mail: one entry per part, in the message's order."""

    documents: list[DocumentEntry]


async def answer_message(request: Request, extractor: Extractor, name: str | None, data: bytes,
                         as_: str, format: str, full: bool) -> Response:
    """The documents answer of an e-mail; raises the message's own error when it cannot be split."""
    request.state.format = "eml"
    results = await extractor.extract_all(name, data)
    if len(results) == 1 and results[0].error is not None and "#" not in (results[0].name or ""):
        raise results[0].error
    if format == "table" and as_ != "corpus":
        from extractor.export.console import render

        return PlainTextResponse(documents_table(results, render))

    def render_one(part: str, protocol) -> dict:
        if as_ == "corpus":
            return to_corpus(protocol, PurePath(part).stem)
        return protocol.model_dump(mode="json", exclude_none=not full)

    return JSONResponse(documents_answer(results, render_one))
