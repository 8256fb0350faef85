"""Property tests of the whole JSON API against its own OpenAPI schema (schemathesis, in-process)."""

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from nerveguide.project.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_test_connection():
    # Calling the WSGI application directly ends each request with close_old_connections, which
    # would close PostgreSQL's connection inside the test transaction; Django's test client
    # disconnects it the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# More examples in CI (derandomised there by the "ci" profile in conftest.py, so the same ones
# every run); fewer, random ones locally. Faults found are kept in tests/test_hostile_input.py.
EXAMPLES = 60 if os.environ.get("CI") else 25


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    # Any input gives a documented answer: no 500s, responses match the declared schemas.
    case.call_and_validate(
        checks=[
            schemathesis.checks.not_a_server_error,
            schemathesis.checks.status_code_conformance,
            schemathesis.checks.content_type_conformance,
            schemathesis.checks.response_schema_conformance,
        ]
    )


def test_openapi_schema_is_served(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "nerveguide API"
