"""Reads of personal access tokens: the member's own list, and the lookup behind Bearer auth."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from handschlag.api.models import PersonalToken
from handschlag.api.services import TOKEN_PREFIX, hash_secret


def list_tokens(member_id: int) -> QuerySet[PersonalToken]:
    """The member's own tokens, newest first (revoked and expired ones too, for the record)."""
    return PersonalToken.objects.of(member_id).order_by("-created_at", "-pk")


def find_usable_token(secret: str, *, now: datetime) -> PersonalToken | None:
    """The live token for a presented secret, with its member; None for anything else
    (unknown, revoked, expired, or a member who is no longer active)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    return (
        PersonalToken.objects.usable(now)
        .select_related("member")
        .filter(secret_hash=hash_secret(secret))
        .first()
    )
