"""One router per resource: `extract` (POST /v1/extract), `meta` (health,
ready, version, schema)."""
