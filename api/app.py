"""The FastAPI application: settings, the pipeline built once per worker in the lifespan, the
routers, the error handlers, the request log, and CORS only when origins are configured."""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from extractor.pipeline import Pipeline

from . import errors
from .middleware import RequestLogMiddleware
from .routers import export, extract, meta, web
from .routers.meta import package_version
from .service import Extractor
from .settings import Settings, get_settings

DESCRIPTION = """Assignments (поручения) from Russian meeting protocols, as source-grounded JSON.

Send a PDF, DOCX or TXT file (`multipart/form-data`, field `file`) or `{"text": ...}` to
`POST /v1/extract`. Every error is `{"error": {"code": "E0xx", "message": ...}}`; every answer has
an `X-Request-ID` header."""


def create_app(settings: Settings | None = None, pipeline: Pipeline | None = None,
               processes: int | None = None) -> FastAPI:
    """Build the app. `processes=N` (what `protokol serve` does) extracts in N processes of
    api/pool.py, each loading the pipeline once; otherwise extraction runs on one thread of this
    process, with `pipeline` (tests share one already loaded) or one loaded at startup. Either way
    the loading happens in the background, so /v1/health answers meanwhile."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Built here, not at import: the processes start when the server does, not when it is imported.
        app.state.extractor = Extractor(settings, pipeline, processes)
        try:
            yield
        finally:
            app.state.extractor.close()

    # separate_input_output_schemas=False: the 200 answer leaves out null fields (like the CLI), so
    # its schema must be the validation one (defaults not required) -- the same as /v1/schema.
    app = FastAPI(title="protokol", version=package_version(), description=DESCRIPTION, lifespan=lifespan,
                  separate_input_output_schemas=False)
    app.state.settings = settings
    errors.install(app)
    for router in (meta.router, meta.guarded, extract.router, export.router):
        app.include_router(router)
    web.install(app)   # GET / (the page for people) and /static/
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", "X-API-Key", "X-Request-ID"],
                           expose_headers=["X-Request-ID", "Retry-After"])
    # Added last, so it is the outermost of ours: it sees every answer, errors and CORS included.
    app.add_middleware(RequestLogMiddleware)
    return app
