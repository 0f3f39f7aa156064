"""schemathesis fuzzes every operation of the OpenAPI schema in process (SECURITY.md X3):
no input makes the API answer with a server error, and every answer matches the schema.

Bounded so the suite stays fast: 10 examples per operation, no deadline (the machine is
shared). Every other check of schemathesis runs; the one left out is explained below.
The rate-limit counters are cleared before each call, so the fuzzer reaches the
operations instead of a 429.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from handschlag.api.services import create_token
from handschlag.api.v1 import api

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_tests_connection() -> Iterator[None]:
    """schemathesis calls the WSGI application itself, which closes the database
    connection after each request; inside a test's transaction that ends the test's own
    connection (PostgreSQL). Django's test client leaves it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_token(anna, bernd, olaf, clara) -> str:
    """Anna's token, with a small network around her for the fuzzer to run into."""
    return create_token(anna, name="fuzz", lifetime_days=7).secret


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_input_makes_the_api_fail(case, fuzz_token):
    for backend in caches.all():
        backend.clear()
    case.call_and_validate(
        headers={"Authorization": f"Bearer {fuzz_token}"},
        # The API validates through the pages' own forms and services, whose rules (a
        # phone number's pattern, a note the recipient requires, quotas) say more than a
        # JSON schema can: a schema-valid body may rightly get a 422.
        excluded_checks=[positive_data_acceptance],
    )
