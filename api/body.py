"""The request body of POST /v1/extract: a multipart upload (`file` field) or JSON `{"text": ...}`.

The body is streamed: the size limit is checked on every chunk, so an oversized upload is refused
after `limit` bytes, not after it has all arrived. The document is kept in memory (it is at most
`max_bytes`): nothing is ever written to a temporary file, so nothing has to be cleaned up.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import AsyncIterator

from pydantic import BaseModel, Field, ValidationError
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from extractor import errors as reader_errors
from extractor.errors import ProtokolError

from .errors import ApiError, invalid_body


class ExtractText(BaseModel):
    """The JSON body: the text of a protocol and, optionally, a name for it."""

    text: str = Field(description="the protocol as plain text")
    name: str | None = Field(None, max_length=255, description="a file name, used in source.name and as doc_id")


@dataclass
class Upload:
    """One document taken from the request."""

    name: str | None
    data: bytes


def _too_large(size: int, limit: int, what: str) -> ProtokolError:
    return reader_errors.too_large(size, limit, what)


async def _chunks(stream: AsyncIterator[bytes], declared: str | None, limit: int) -> AsyncIterator[bytes]:
    """The body chunk by chunk, refused (E015) as soon as it passes `limit` bytes."""
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit, "the request")   # told up front: do not read it at all
    total = 0
    async for chunk in stream:
        total += len(chunk)
        if total > limit:
            raise _too_large(total, limit, "the request")
        yield chunk


async def read_json(stream: AsyncIterator[bytes], declared: str | None, limit: int) -> Upload:
    """`{"text": ..., "name": ...}` -> the text as UTF-8 bytes (the batch reads bytes, like a file)."""
    raw = b"".join([chunk async for chunk in _chunks(stream, declared, limit)])
    try:
        body = ExtractText.model_validate_json(raw)
    except ValidationError as exc:
        detail = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:5])
        raise invalid_body(f'invalid JSON body (expected {{"text": "..."}}): {detail}') from None
    return Upload(body.name, body.text.encode("utf-8", "replace"))


async def read_multipart(stream: AsyncIterator[bytes], content_type: str, declared: str | None,
                         limit: int, max_file: int) -> Upload:
    """The first part named `file` of a multipart/form-data body; other parts are read and dropped."""
    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise invalid_body("multipart/form-data without a boundary")
    state: dict = {"headers": {}, "field": b"", "value": b"", "target": None, "name": None, "ended": False}
    data = bytearray()

    def on_part_begin() -> None:
        state.update(headers={}, target=None)

    def on_header_field(buf: bytes, start: int, end: int) -> None:
        state["field"] += buf[start:end]

    def on_header_value(buf: bytes, start: int, end: int) -> None:
        state["value"] += buf[start:end]

    def on_header_end() -> None:
        state["headers"][state["field"].lower()] = state["value"]
        state.update(field=b"", value=b"")

    def on_headers_finished() -> None:
        _, params = parse_options_header(state["headers"].get(b"content-disposition", b""))
        if params.get(b"name") == b"file" and state["name"] is None:
            filename = params.get(b"filename", b"").decode("utf-8", "replace")
            state.update(target=data, name=PurePath(filename.replace("\\", "/")).name or "upload")

    def on_part_data(buf: bytes, start: int, end: int) -> None:
        if state["target"] is not None:
            data.extend(buf[start:end])
            if len(data) > max_file:   # the document itself, without the multipart framing
                raise _too_large(len(data), max_file, "the file")

    def on_end() -> None:
        state["ended"] = True

    callbacks = {"on_part_begin": on_part_begin, "on_header_field": on_header_field,
                 "on_header_value": on_header_value, "on_header_end": on_header_end,
                 "on_headers_finished": on_headers_finished, "on_part_data": on_part_data, "on_end": on_end}
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        async for chunk in _chunks(stream, declared, limit):
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError as exc:
        raise invalid_body(f"malformed multipart body: {exc}") from None
    if not state["ended"]:
        raise invalid_body("the multipart body is incomplete (no closing boundary)")
    if state["name"] is None:
        raise invalid_body("the multipart body has no `file` field: send the document as -F file=@protocol.pdf")
    return Upload(state["name"], bytes(data))


def unsupported_content_type(content_type: str) -> ApiError:
    """415 for a body that is neither multipart/form-data nor JSON."""
    shown = content_type.split(";")[0].strip() or "(none)"
    return ApiError("E010", f"content type {shown} is not supported; send multipart/form-data with a `file` "
                            'field or application/json {"text": "..."}')
