"""Every error the API answers, in one place: a ProtokolError code -> HTTP status table, the JSON
envelope `{"error": {"code": "E0xx", "message": ...}}`, and the exception handlers.

The reader and pipeline codes (E001-E025, E099) come from extractor/errors.py. The API adds a few of
its own for what only HTTP can get wrong; they are in the E04x range so they never collide with the
extractor's codes:

    E040 invalid request body (422)     E041 missing or wrong API key (401)
    E042 no such route (404)            E043 method not allowed (405)
    E044 server busy, queue full (503)  E045 pipeline still loading (503)
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from extractor.errors import ProtokolError

log = logging.getLogger("protokol.api")

STATUS: dict[str, int] = {
    # E019 damaged archive member, E021 a scan that OCR cannot read here: both about the input
    **dict.fromkeys(("E001", "E002", "E003", "E011", "E012", "E013", "E016", "E019", "E021"), 422),
    # E022 HTML without text, E023 damaged e-mail, E024 damaged attachment, E025 several documents
    **dict.fromkeys(("E022", "E023", "E024", "E025"), 422),
    "E010": 415,
    **dict.fromkeys(("E014", "E015", "E017"), 413),
    "E018": 504,
    "E040": 422, "E041": 401, "E042": 404, "E043": 405, "E044": 503, "E045": 503,
    "E099": 500,
}
# Codes that come from HTTP itself (Starlette raises them before our code runs).
_HTTP_CODES = {401: "E041", 404: "E042", 405: "E043", 413: "E015", 415: "E010", 422: "E040", 503: "E044"}


class ErrorBody(BaseModel):
    """The code and message of one error."""

    code: str
    message: str


class ErrorResponse(BaseModel):
    """The JSON of every non-2xx answer."""

    error: ErrorBody


def status_of(code: str) -> int:
    """The HTTP status of a ProtokolError code. A code missing from the table is one the extractor
    added since: it still describes the input (E099 alone is a bug), so 422 rather than 500."""
    return STATUS.get(code, 422)


def error_response(code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The envelope for `code` with its status from the table."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_of(code), headers=headers)


def internal_error(request_id: str | None) -> JSONResponse:
    """E099 without any detail of the failure: tracebacks stay in the server log."""
    return error_response("E099", f"internal error; the server log has the details under request id {request_id}")


class ApiError(ProtokolError):
    """A ProtokolError that carries HTTP headers for its answer (Retry-After, WWW-Authenticate)."""

    def __init__(self, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(code, message)
        self.headers = headers


def busy(retry_after: int) -> ApiError:
    """The queue of this worker is full: the client should come back in `retry_after` seconds."""
    return ApiError("E044", f"the server is busy; retry in {retry_after} s", {"Retry-After": str(retry_after)})


def loading(retry_after: int) -> ApiError:
    """The pipeline of this worker is still loading (natasha takes a second or two)."""
    return ApiError("E045", f"the extraction pipeline is still loading; retry in {retry_after} s",
                    {"Retry-After": str(retry_after)})


def unauthorized() -> ApiError:
    """X-API-Key is missing or does not match."""
    return ApiError("E041", "missing or wrong API key: send it in the X-API-Key header", {"WWW-Authenticate": "ApiKey"})


def invalid_body(message: str) -> ProtokolError:
    """A request body we cannot take (malformed JSON or multipart, no `file` field)."""
    return ProtokolError("E040", message)


async def _protokol_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProtokolError)
    if exc.code == "E099":   # the batch wraps a bug as E099 with its text: log it, never send it
        log.error("internal error (request %s): %s", getattr(request.state, "request_id", None), exc.message)
        return internal_error(getattr(request.state, "request_id", None))
    return error_response(exc.code, exc.message, getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parts = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()[:5]]
    return error_response("E040", "invalid request: " + "; ".join(parts))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "E099" if exc.status_code >= 500 else "E040")
    return JSONResponse({"error": {"code": code, "message": str(exc.detail)}}, exc.status_code,
                        headers=getattr(exc, "headers", None))


def install(app: FastAPI) -> None:
    """Register the handlers; anything else that escapes is answered by the request middleware."""
    app.add_exception_handler(ProtokolError, _protokol_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


# The non-2xx answers the OpenAPI schema declares for /v1 routes.
def responses(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI `responses` entries for these statuses, all with the error envelope."""
    return {s: {"model": ErrorResponse, "description": _DESCRIPTIONS[s]} for s in statuses}


_DESCRIPTIONS = {
    401: "E041: X-API-Key missing or wrong", 413: "E014/E015/E017: over a size limit",
    415: "E010: unsupported document or content type", 422: "E001-E016: unreadable document, or E040: invalid body",
    503: "E044: queue full (see Retry-After) or E045: still loading", 504: "E018: past the time limit",
}
