"""One router per resource: `extract` (POST /v1/extract), `export` (POST /v1/export), `meta` (health,
ready, version, schema) and `web` (the page for people at GET /)."""
