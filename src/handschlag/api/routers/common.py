"""What every router shares: the calling member, pages, and the error answers."""

from __future__ import annotations

from math import ceil
from typing import Literal

from django.http import HttpRequest
from ninja import Schema

from handschlag.accounts.models import Member
from handschlag.api.responses import ERROR_RESPONSES, ErrorOut


def caller(request: HttpRequest) -> Member:
    """The member behind the request (set by ``api.auth`` before any operation runs)."""
    auth = getattr(request, "auth", None)
    if not isinstance(auth, Member):
        raise TypeError("an API operation ran without an authenticated member")
    return auth


def responses(ok: int, schema: object, *extra: int) -> dict[int, object]:
    """The operation's own answer plus the refusals every operation may give."""
    answers: dict[int, object] = {ok: schema, **ERROR_RESPONSES}
    for status in extra:
        answers[status] = ErrorOut
    return answers


class PageInfo(Schema):
    """Where a list stands: this page's number, how many pages, how many items in all."""

    page: int
    pages: int
    count: int


def page_info(number: int, count: int, size: int) -> PageInfo:
    return PageInfo(page=number, pages=max(1, ceil(count / size)), count=count)


class Done(Schema):
    """An action that succeeded, with the sentence the pages show for it."""

    detail: str


#: The apps' choices as the schema names them (tests/api/test_schema.py checks they match
#: the models' choices, so they cannot drift).
IntentCode = Literal["worked_together", "met", "shared_interest", "business", "recruiting", "other"]
ReportReasonCode = Literal["spam", "sales", "fake", "harassment", "other"]
HowMetCode = Literal["", "event", "employer", "school", "introduction", "other"]
