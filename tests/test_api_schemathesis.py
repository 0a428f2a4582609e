"""schemathesis against our own OpenAPI schema, in-process (ASGI transport: no socket at all).

Bounded: at most 30 examples per operation. Checked: no server error, status codes, content types
and headers declared, answers valid against their schemas, invalid data rejected. Not checked:
`positive_data_acceptance` -- a body can match the schema (any bytes, any text) and still not be a
readable document, which is a 4xx by design (E001/E002/...), not a fault. With an API key set,
schemathesis also checks that requests without it or with a wrong one are refused.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from api.app import create_app
from api.settings import Settings

KEY = "contract-test-key"


@pytest.mark.slow
def test_openapi_contract(pipeline):
    # small limits, so generated bodies reach the 413 path too; a key, so the auth checks have work
    app = create_app(Settings(_env_file=None, api_key=KEY, max_bytes=20_000, max_seconds=10), pipeline)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    # schemathesis' own pytest plugin (from_fixture) does not run under pytest 9, so each operation's
    # strategy is driven by hypothesis directly; a failure names the operation and the case.
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {"POST /v1/extract", "GET /v1/health", "GET /v1/schema"}
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers={"X-API-Key": KEY}, excluded_checks=[positive_data_acceptance])

        check()
