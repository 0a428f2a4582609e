"""POST /v1/export: the files of `protokol bulk` for one protocol, built by the same writers.

The body is the Protocol JSON that POST /v1/extract answered (extra fields such as `source_text`
are ignored), so the web page downloads the register without extracting the document again:

    curl -s -d @protocol.json -H 'Content-Type: application/json' \\
         'http://127.0.0.1:8000/v1/export?format=xlsx' -o assignments.xlsx

`format`: `xlsx` / `csv` (the assignment register), `ics` (the deadlines), `references` (the cited
documents, CSV). The bytes come from extractor/bulk/writers.py; nothing is written to disk.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath
from typing import Callable, Literal, Optional
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError

from models import Protocol

from ..body import _chunks
from ..errors import invalid_body, responses
from ..security import require_api_key
from ..settings import Settings
from .extract import get_settings

router = APIRouter(prefix="/v1", tags=["export"], dependencies=[Depends(require_api_key)])

# The Protocol JSON of a document carries offsets, persons and warnings besides the text: allow a
# body several times the document limit.
BODY_FACTOR = 8

Format = Literal["xlsx", "csv", "ics", "references"]
# format -> (media type, file name suffix)
MEDIA: dict[str, tuple[str, str]] = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "assignments.xlsx"),
    "csv": ("text/csv; charset=utf-8", "assignments.csv"),
    "ics": ("text/calendar; charset=utf-8", "deadlines.ics"),
    "references": ("text/csv; charset=utf-8", "references.csv"),
}

_REQUEST_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/Protocol"}}}}}


def writer(format: str) -> Callable[[list[Protocol]], bytes]:
    """The bulk writer of `format` (imported here: openpyxl and icalendar load only when used)."""
    from extractor.export import writers

    return {"xlsx": writers.assignments_xlsx, "csv": writers.assignments_csv, "ics": writers.deadlines_ics,
            "references": writers.references_csv}[format]


def file_name(protocol: Protocol, format: str) -> str:
    """`<document stem>_<suffix>`, e.g. `protocol_assignments.xlsx`; the suffix alone without a name."""
    suffix = MEDIA[format][1]
    stem = PurePath((protocol.source.name or "").replace("\\", "/")).stem
    stem = re.sub(r'[\x00-\x1f"/\\:*?<>|]+', "_", stem).strip(" ._")[:100]
    return f"{stem}_{suffix}" if stem else suffix


def content_disposition(name: str) -> str:
    """attachment with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987) for Cyrillic names."""
    ascii_name = name.encode("ascii", "ignore").decode() or "download"
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


@router.post(
    "/export", summary="The assignment register, deadlines or citations of one protocol as a file",
    openapi_extra=_REQUEST_BODY, response_class=Response,
    responses={200: {"content": {MEDIA[f][0].split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                                 for f in MEDIA},
                     "description": "the file, with Content-Disposition: attachment"},
               **responses(401, 413, 422)},
)
async def export(
    request: Request,
    format: Format = Query(..., description="xlsx or csv: the assignment register; ics: the deadlines; "
                                            "references: the cited documents (CSV)"),
    today: Optional[dt.date] = Query(None, description="xlsx, csv: the day the status column is computed "
                                                        "against (default: the server's today)"),
    settings: Settings = Depends(get_settings),
) -> Response:
    """Validate the Protocol JSON of the body and answer the file the bulk writer makes of it."""
    raw = b"".join([chunk async for chunk in _chunks(request.stream(), request.headers.get("content-length"),
                                                    settings.body_limit * BODY_FACTOR)])
    try:
        protocol = Protocol.model_validate_json(raw)
    except ValidationError as exc:
        detail = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:5])
        raise invalid_body(f"invalid body (expected the Protocol JSON of POST /v1/extract): {detail}") from None
    data = writer(format)([protocol], today=today) if format in ("xlsx", "csv") else writer(format)([protocol])
    return Response(data, media_type=MEDIA[format][0],
                    headers={"Content-Disposition": content_disposition(file_name(protocol, format))})
