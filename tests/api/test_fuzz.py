"""schemathesis fuzzes every operation of the OpenAPI schema in process (SECURITY.md X3):
no input makes the API answer with a server error, and every answer matches the schema.

Bounded so the suite stays fast: 10 examples per operation, no deadline (the machine is
shared). Every other check of schemathesis runs; the one left out is explained below.
The rate-limit counters are cleared before each call, so the fuzzer reaches the
operations instead of a 429.
"""

import pytest
import schemathesis
from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from handschlag.api.services import create_token
from handschlag.api.v1 import api

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()


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
