"""The OpenAPI schema tells the truth: one name per shape, the choices the models allow,
the version, and the error answers documented on every operation."""

import inspect
from typing import get_args

from ninja import Schema

from handschlag.api.routers import common, events, feed, messaging, moderation, network, offers
from handschlag.api.routers import profiles as profile_router
from handschlag.api.v1 import api
from handschlag.moderation.models import ReportReason
from handschlag.network.models import HowMet, Intent

ROUTERS = (common, events, feed, messaging, moderation, network, offers, profile_router)


def test_every_shape_has_a_name_of_its_own():
    """ninja names a component after its class: two classes of one name would be one
    shape in the schema, and a client would read the wrong fields."""
    seen: dict[str, object] = {}
    for module in ROUTERS:
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Schema) and cls.__module__ == module.__name__:
                assert name not in seen, (name, module.__name__, seen.get(name))
                seen[name] = module.__name__


def test_the_named_choices_match_the_models():
    assert set(get_args(common.IntentCode)) == set(Intent.values)
    assert set(get_args(common.ReportReasonCode)) == set(ReportReason.values)
    assert set(get_args(common.HowMetCode)) == {"", *HowMet.values}


def test_the_schema_is_version_1_and_every_operation_documents_refusals():
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    assert schema["info"]["version"] == "1"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            answers = {str(status) for status in operation["responses"]}
            assert {"401", "404", "422", "429"} <= answers, (method, path)
            assert operation["security"], (method, path)
