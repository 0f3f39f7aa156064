"""What every router shares: the calling member, pages, and the error answers."""

from __future__ import annotations

from math import ceil
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

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


class InputSchema(Schema):
    """A request body: a JSON object, nothing else (ninja's Schema would read attributes of
    any value, so that ``[null, null]`` passed as an empty change), with JSON's own types:
    strict, so ``0`` is no ``false`` and ``"1"`` no number."""

    model_config = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: object) -> object:
        # ninja hands the value over wrapped in its DjangoGetter; look inside.
        value = data._obj if isinstance(data, DjangoGetter) else data
        if not isinstance(value, dict):
            raise PydanticCustomError("model_type", "a JSON object is required")
        return data


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


#: An object's id: what the database can hold (a larger number is a 422, not a crash).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
#: A page number.
PageNumber = Annotated[int, Field(ge=1, le=1_000_000)]


class ReportIn(InputSchema):
    """Why the member reports something to the moderators."""

    reason: ReportReasonCode
    comment: str = ""


class DeclineIn(InputSchema):
    """An answer that declines: without ``reply_text`` the standard reply (or none)."""

    reply_text: str | None = None
