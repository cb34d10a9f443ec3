"""Property-based test over the OpenAPI document (schemathesis): no input of any kind yields a
500, and every response matches its documented status codes, content type and schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from pokin.api.main import create_app
from pokin.core.settings import Settings
from tests.live_server import serve_app

# The document is the app's own; it needs no database to be generated.
schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi())


@pytest.fixture(scope="module")
def live_url(seeded_db, settings):
    with serve_app(create_app(settings)) as url:
        yield url


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_input_yields_a_500_or_breaks_the_schema(case, live_url):
    case.call_and_validate(
        base_url=live_url,
        timeout=30,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
