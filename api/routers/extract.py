"""POST /v1/extract: one document in (multipart upload or JSON text), its Protocol out; an e-mail
(several documents) gives `{"documents": [...]}` instead (api/routers/messages.py).

The query options mirror `protokol extract`: `as=corpus` (the gold format of the annotated corpus),
`format=table` (the assignment table as text), `full=true` (keep null fields). `include_text=true`
adds `source_text`, the decoded text the offsets index (and `source_pages` for paged formats), for the
web page that highlights the values in it.
"""
from __future__ import annotations

from pathlib import PurePath
from typing import Any, Literal, Union

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel

from extractor.export.corpus import to_corpus
from extractor.errors import ProtokolError
from extractor.readers import sniff
from extractor.readers.sniff import EML
from models import Protocol

from ..body import ExtractText, read_json, read_multipart, unsupported_content_type
from ..errors import responses
from ..security import require_api_key
from ..service import Extractor, get_extractor
from ..settings import Settings
from .messages import Documents, answer_message

router = APIRouter(prefix="/v1", tags=["extract"], dependencies=[Depends(require_api_key)])


class CorpusDocument(BaseModel):
    """`as=corpus`: the `ID.gold.json` shape of ../shared/corpus/README.md (extractor.export.corpus)."""

    doc_id: str
    protocol: dict[str, str | None]
    attendees: list[str | None]
    agenda: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    persons: list[str | None]


# The body is read by hand (api/body.py: streamed, size-checked, kept in memory), so FastAPI cannot
# infer it; this tells OpenAPI (and /docs, and schemathesis) what we accept.
_REQUEST_BODY = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary",
                                "description": "PDF, DOCX, HTML, TXT or an e-mail (.eml); the format is told by content"}}}},
    "application/json": {"schema": ExtractText.model_json_schema()},
}}}


def get_settings(request: Request) -> Settings:
    """FastAPI dependency: the settings this app was built with."""
    return request.app.state.settings


async def read_upload(request: Request, settings: Settings) -> tuple[str | None, bytes]:
    """The document of the request, by its content type; 415 for any other type."""
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    declared = request.headers.get("content-length")
    if media == "multipart/form-data":
        upload = await read_multipart(request.stream(), content_type, declared, settings.body_limit, settings.max_bytes)
    elif media == "application/json" or media.endswith("+json"):
        upload = await read_json(request.stream(), declared, settings.body_limit)
    else:
        raise unsupported_content_type(content_type)
    return upload.name, upload.data


@router.post(
    "/extract", summary="Extract the decisions of one protocol", openapi_extra=_REQUEST_BODY,
    response_model=Union[Protocol, CorpusDocument, Documents],
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}},
                     "description": "the Protocol (models/), the corpus document (as=corpus) or the table"},
               **responses(401, 413, 415, 422, 503, 504)},
)
async def extract(
    request: Request,
    as_: Literal["model", "corpus"] = Query("model", alias="as", description="corpus: the gold format of the corpus"),
    format: Literal["json", "table"] = Query("json", description="table: the assignment table as text"),
    full: bool = Query(False, description="keep null fields in the JSON"),
    include_text: bool = Query(False, description="add `source_text` (the decoded text the offsets index) and, "
                               "for paged formats, `source_pages` (offsets where pages 2, 3, ... start)"),
    extractor: Extractor = Depends(get_extractor),
    settings: Settings = Depends(get_settings),
) -> Response:
    """Read the upload, run the batch primitive on it in the worker's extraction thread, answer."""
    name, data = await read_upload(request, settings)
    if sniff(data) == EML and include_text:   # the web page shows one document's text: not an e-mail's
        from extractor.errors import several_documents

        raise several_documents("an e-mail message")
    if sniff(data) == EML:   # several documents: {"documents": [...]}, one entry per part
        return await answer_message(request, extractor, name, data, as_, format, full)
    doc = None
    try:
        if include_text and as_ == "model" and format == "json":
            protocol, doc = await extractor.extract_with_text(name, data)
        else:
            protocol = await extractor.extract(name, data)
    except ProtokolError:
        request.state.format = sniff(data)   # for the access log: what the refused file looked like
        raise
    request.state.format = protocol.source.format
    if as_ == "corpus":
        return JSONResponse(to_corpus(protocol, PurePath(name).stem if name else "document"))
    if format == "table":
        from extractor.export.console import render

        return PlainTextResponse(render(protocol))
    if doc is not None:
        body = protocol.model_dump(mode="json", exclude_none=not full)
        body["source_text"] = doc.text
        if doc.pages is not None:
            body["source_pages"] = doc.pages
        return JSONResponse(body)
    return Response(protocol.model_dump_json(exclude_none=not full), media_type="application/json")
