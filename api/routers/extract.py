"""POST /v1/extract: one document in (multipart upload or JSON text), its Protocol out; an e-mail
(several documents) gives `{"documents": [...]}` instead (api/answer.py).

The query options mirror `protokol extract`: `as=corpus` (the gold format of the annotated corpus),
`format=table` (the assignment table as text), `full=true` (keep null fields). `include_text=true`
adds `source_text`, the decoded text the offsets index (and `source_pages` for paged formats), for the
web page that highlights the values in it. Options that cannot go together are a 422 (E040).
"""
from __future__ import annotations

from typing import Literal, Union

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from extractor.errors import ProtokolError
from extractor.readers import sniff
from models import Protocol

from ..answer import CorpusDocument, Documents, Options, ProtocolWithText
from ..body import ExtractText, read_json, read_multipart, unsupported_content_type
from ..errors import invalid_body, responses
from ..security import require_api_key
from ..service import Extractor, get_extractor
from ..settings import Settings

router = APIRouter(prefix="/v1", tags=["extract"], dependencies=[Depends(require_api_key)])


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


def check_options(options: Options) -> None:
    """422 (E040) for options that cannot go together, instead of silently ignoring one of them."""
    clashes = []
    if options.as_ == "corpus" and options.format == "table":
        clashes.append("as=corpus and format=table are two different answers: ask for one")
    if options.include_text and (options.as_ != "model" or options.format != "json"):
        clashes.append("include_text=true adds the text to the Protocol JSON: only with as=model and format=json")
    if options.full and (options.as_ != "model" or options.format != "json"):
        clashes.append("full=true keeps the null fields of the Protocol JSON: only with as=model and format=json")
    if clashes:
        raise invalid_body("incompatible query options: " + "; ".join(clashes))


@router.post(
    "/extract", summary="Extract the decisions of one protocol", openapi_extra=_REQUEST_BODY,
    response_model=Union[Protocol, ProtocolWithText, CorpusDocument, Documents],
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}},
                     "description": "the Protocol (models/), with its text (include_text=true), the corpus "
                                    "document (as=corpus) or the table (format=table); every JSON answer is "
                                    "validated against its schema before it is sent"},
               **responses(401, 413, 415, 422, 503, 504)},
)
async def extract(
    request: Request,
    as_: Literal["model", "corpus"] = Query("model", alias="as", description="corpus: the gold format of the corpus"),
    format: Literal["json", "table"] = Query("json", description="table: the assignment table as text"),
    full: bool = Query(False, description="keep null fields in the JSON (as=model, format=json only)"),
    include_text: bool = Query(False, description="add `source_text` (the decoded text the offsets index) and, "
                               "for paged formats, `source_pages` (offsets where pages 2, 3, ... start); "
                               "as=model and format=json only"),
    extractor: Extractor = Depends(get_extractor),
    settings: Settings = Depends(get_settings),
) -> Response:
    """Read the upload, run the batch primitive on it where the extraction runs, answer its bytes."""
    options = Options(as_, format, full, include_text)
    check_options(options)
    name, data = await read_upload(request, settings)
    try:
        answer = await extractor.answer(name, data, options)
    except ProtokolError:
        request.state.format = sniff(data)   # for the access log: what the refused file looked like
        raise
    request.state.format = answer.format
    request.state.worker = answer.pid
    return Response(answer.body, media_type=answer.media_type)
