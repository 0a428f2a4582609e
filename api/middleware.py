"""Request id and access log: every response carries `X-Request-ID`, every request is logged as one
JSON line (ts, id, method, path, status, ms, size, format, the server's pid and the pid of the
extraction process that served it), and anything that escapes the handlers is
answered E099 here, without a traceback in the body.

A pure ASGI middleware rather than BaseHTTPMiddleware: it does not buffer the body, so the upload
stays streamed and its size is counted as it arrives.
"""
from __future__ import annotations

import json
import os
import logging
import re
import time
import uuid
from datetime import datetime, timezone

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import internal_error

access_log = logging.getLogger("protokol.api.access")
log = logging.getLogger("protokol.api")

# A client may pass its own id (to follow a request through proxies) if it is short and plain.
_CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


class RequestLogMiddleware:
    """ASGI middleware: request id, one structured log line per request, last-resort E099."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call; non-HTTP scopes (lifespan) pass through untouched."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _CLIENT_ID.fullmatch(incoming) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        seen = {"size": 0, "status": None}
        started = time.perf_counter()

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen["size"] += len(message.get("body", b""))
            return message

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                MutableHeaders(scope=message).append("X-Request-ID", request_id)
            await send(message)

        try:
            await self.app(scope, counting_receive, send_with_id)
        except Exception:
            log.exception("unhandled error (request %s)", request_id)
            if seen["status"] is not None:   # the answer has begun: let the server drop the connection
                raise
            await internal_error(request_id)(scope, receive, send_with_id)
        finally:
            access_log.info(json.dumps({
                "ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "id": request_id, "method": scope["method"], "path": scope["path"], "status": seen["status"],
                "ms": round((time.perf_counter() - started) * 1000, 1), "size": seen["size"],
                "format": state.get("format"), "pid": os.getpid(), "worker": state.get("worker"),
            }, ensure_ascii=False))
