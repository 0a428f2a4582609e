"""What the service is and whether it can work: /v1/health, /v1/ready, /v1/version, /v1/schema."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from extractor.errors import ProtokolError
from models import SCHEMA_VERSION, json_schema

from ..errors import loading, responses
from ..security import require_api_key
from ..service import Extractor, get_extractor

router = APIRouter(prefix="/v1", tags=["meta"])
# health stays open even with an API key: load balancers and probes carry no secrets
guarded = APIRouter(prefix="/v1", tags=["meta"], dependencies=[Depends(require_api_key)],
                    responses=responses(401))


class Status(BaseModel):
    """Liveness or readiness."""

    status: Literal["ok", "ready"]


class Version(BaseModel):
    """The package and the output schema this server speaks."""

    name: str
    version: str
    schema_version: str
    api: str


@lru_cache(maxsize=1)
def package_version() -> str:
    """The installed protokol version, or pyproject.toml's when running from a source tree."""
    try:
        return metadata.version("protokol")
    except metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
        if pyproject.is_file():
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
        return "unknown"


@router.get("/health", response_model=Status, summary="The process is alive")
async def health() -> Status:
    """Always 200 while the process serves requests; says nothing about the pipeline."""
    return Status(status="ok")


@guarded.get("/ready", response_model=Status, summary="The pipeline is loaded", responses=responses(503))
async def ready(extractor: Extractor = Depends(get_extractor)) -> Status:
    """200 once this worker's pipeline has loaded; 503 (E045) while natasha is still loading."""
    if extractor.load_error is not None:   # answered without detail; the cause goes to the server log
        raise ProtokolError("E099", f"the pipeline failed to load: {extractor.load_error!r}")
    if not extractor.ready:
        raise loading(extractor.settings.retry_after)
    return Status(status="ready")


@guarded.get("/version", response_model=Version, summary="Package and schema version")
async def version() -> Version:
    """The protokol version and the `schema_version` every Protocol carries."""
    return Version(name="protokol", version=package_version(), schema_version=SCHEMA_VERSION, api="v1")


@guarded.get("/schema", summary="JSON Schema of the Protocol document",
             response_description="the JSON Schema (draft 2020-12) of models.Protocol")
async def schema() -> dict[str, Any]:
    """The same schema `protokol schema` prints."""
    return json_schema()
