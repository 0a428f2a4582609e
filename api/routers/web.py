"""The web page for people: `GET /` serves api/static/index.html, `/static/` its script and styles.

No build step and nothing from the network: plain HTML, CSS and JavaScript committed as written.
The page calls the API itself (POST /v1/extract?include_text=true, POST /v1/export) and, when the
server has an API key, asks for it once and sends it as X-API-Key; the page and its files are open
(they hold no data). The page is served with a strict Content-Security-Policy: only our own script
runs, so even a document text that slipped into the markup could not execute.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"

# 'self' only: no CDN, no inline script or style, no plugins, no framing; blob: for the downloads.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"}

router = APIRouter(tags=["web"], include_in_schema=False)


@router.get("/", response_class=FileResponse)
async def index() -> Response:
    """The page: upload or paste a protocol, see its assignments, download the register."""
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8", headers=HEADERS)


class _StaticFiles(StaticFiles):
    """StaticFiles that revalidate (the page and its script change together on an upgrade)."""

    def file_response(self, *args, **kwargs) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers.setdefault("Cache-Control", "no-cache")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


def install(app: FastAPI) -> None:
    """Add the page and mount its static files on `app`."""
    app.include_router(router)
    app.mount("/static", _StaticFiles(directory=STATIC_DIR), name="static")
