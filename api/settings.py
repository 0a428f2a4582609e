"""Settings of the extraction API, read from the environment (prefix `PROTOKOL_`) by pydantic-settings.

    PROTOKOL_API_KEY=s3cret PROTOKOL_QUEUE_SIZE=8 protokol serve --workers 2

Every limit a request can hit lives here, so an operator tunes the service without code changes.
"""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from extractor.readers import Limits

KIB = 1024
MB = 1_000_000


class Settings(BaseSettings):
    """What `protokol serve` and the app read from `PROTOKOL_*` environment variables."""

    # extra="ignore": PROTOKOL_DEBUG and friends belong to the extractor, not to us
    model_config = SettingsConfigDict(env_prefix="PROTOKOL_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    workers: int = Field(1, ge=1, le=64)
    api_key: SecretStr | None = None          # when set, /v1/* (except health) needs X-API-Key
    max_bytes: int = Field(20 * MB, gt=0)     # E015: the document itself
    max_pages: int = Field(500, gt=0)         # E014: PDF pages
    max_seconds: float = Field(30.0, gt=0)    # E018: one request, queue wait included
    queue_size: int = Field(16, ge=1)         # requests admitted per worker (running + waiting)
    retry_after: int = Field(1, ge=0)         # seconds, sent with 503 when the queue is full
    cors_origins: list[str] = []              # JSON list; no CORS middleware at all when empty
    ner: bool = True                          # natasha NER (organizations, locations, persons)
    log_level: str = "info"

    @property
    def body_limit(self) -> int:
        """Largest request body read: the document plus room for multipart framing or JSON quoting."""
        return self.max_bytes + 64 * KIB

    def limits(self) -> Limits:
        """The reader limits (extractor.readers.Limits) these settings imply."""
        return Limits(max_bytes=self.max_bytes, max_pages=self.max_pages, max_seconds=self.max_seconds)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
