"""The optional API key: when PROTOKOL_API_KEY is set, every /v1/* route except health needs
`X-API-Key: <key>`; when it is not set, the API is open (meant for loopback use)."""
from __future__ import annotations

import secrets

from fastapi import Request, Security
from fastapi.security import APIKeyHeader

from .errors import unauthorized

# auto_error=False: a missing header is our E041 envelope, not FastAPI's own 403 body.
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="required when PROTOKOL_API_KEY is set")


async def require_api_key(request: Request, key: str | None = Security(api_key_header)) -> None:
    """Dependency: pass when no key is configured or the header matches it; E041 (401) otherwise."""
    expected = request.app.state.settings.api_key
    if expected is None:
        return
    # compare_digest: the time taken must not tell how many leading characters were right
    if key is None or not secrets.compare_digest(key.encode(), expected.get_secret_value().encode()):
        raise unauthorized()
