"""The 500 handler: a database out of reach is a 503 with Retry-After (members and API
clients try again shortly); a bug stays a 500. The outage here is real: a PostgreSQL
address where nothing listens. tests/production/test_postgres_restart.py shows the same
answer from gunicorn while a real server restarts."""

from __future__ import annotations

import json
import socket

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.utils import ConnectionHandler
from django.http import HttpResponse
from django.test import RequestFactory

from handschlag.core.views import server_error


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends


@pytest.fixture
def unreachable(django_db_blocker):
    """Connecting is allowed (pytest-django blocks every connection by default): the one
    connection tried goes to an address where nothing listens."""
    with django_db_blocker.unblock():
        yield _answer_while_unreachable


def _answer_while_unreachable(path: str) -> HttpResponse:
    nowhere = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "handschlag",
                "USER": "handschlag",
                "HOST": "127.0.0.1",
                "PORT": str(_closed_port()),
                "OPTIONS": {"connect_timeout": 2},
            }
        }
    )
    try:
        nowhere["default"].ensure_connection()
    except DatabaseError:
        return server_error(RequestFactory().get(path))
    raise AssertionError("a closed port accepted a connection")


def test_an_unreachable_database_is_a_503_with_retry_after(unreachable):
    response = unreachable("/feed/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "Back in a moment" in response.content.decode()
    assert "Gleich wieder da" in response.content.decode()


def test_the_api_says_so_in_json(unreachable):
    response = unreachable("/api/v1/feed")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert json.loads(response.content) == {
        "detail": "The database cannot be reached at the moment. Please try again shortly.",
        "errors": [],
    }


@pytest.mark.django_db
def test_a_query_that_is_wrong_is_a_500_not_an_outage():
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_anywhere")
    except DatabaseError:
        response = server_error(RequestFactory().get("/feed/"))

    assert response.status_code == 500
    assert not response.has_header("Retry-After")
    assert "Something went wrong" in response.content.decode()


def test_any_other_error_is_the_500_page():
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/api/v1/me"))

    assert response.status_code == 500
    assert json.loads(response.content)["detail"].startswith("Something went wrong")
