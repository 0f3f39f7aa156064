"""Every write to personal access tokens: create (the secret is shown once), revoke, use."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.api.errors import TokenNotFound, TooManyTokens
from handschlag.api.models import PersonalToken

#: What every secret starts with, so scanners (and people) recognise a leaked one.
TOKEN_PREFIX = "hs_"  # noqa: S105 (a marker, not a secret)
#: Live (usable) tokens one member may hold at a time.
MAX_ACTIVE_TOKENS = 10
#: Lifetimes a member can choose, in days; a token never lives forever.
LIFETIMES_DAYS = (7, 30, 90, 365)
#: ``last_used_at`` is written at most this often per token (a read must stay a read).
LAST_USED_RESOLUTION = timedelta(minutes=5)


def hash_secret(secret: str) -> str:
    """The stored form of a secret: SHA-256, hex (the secret has 256 bits of entropy, so a
    plain hash is enough; no salt or slow hash is needed as for passwords)."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class NewToken:
    """A token just created, with the secret that is shown this one time only."""

    token: PersonalToken
    secret: str


@transaction.atomic
def create_token(member: Member, *, name: str, lifetime_days: int) -> NewToken:
    """Create a token for ``member``; the secret leaves this function and is never stored."""
    if lifetime_days not in LIFETIMES_DAYS:
        raise ValueError(f"unsupported lifetime: {lifetime_days}")
    now = timezone.now()
    # Lock the member's row so that two parallel creations cannot both pass the cap.
    Member.objects.select_for_update().filter(pk=member.pk).first()
    if PersonalToken.objects.of(member.pk).usable(now).count() >= MAX_ACTIVE_TOKENS:
        raise TooManyTokens(limit=MAX_ACTIVE_TOKENS)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalToken.objects.create(
        member=member,
        name=" ".join(name.split())[:80],
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        secret_hash=hash_secret(secret),
        created_at=now,
        expires_at=now + timedelta(days=lifetime_days),
    )
    return NewToken(token=token, secret=secret)


def revoke_token(member: Member, *, token_id: int) -> None:
    """Revoke one of the member's own tokens at once; TokenNotFound for anyone else's."""
    updated = (
        PersonalToken.objects.of(member.pk)
        .filter(pk=token_id, revoked_at__isnull=True)
        .update(revoked_at=timezone.now())
    )
    if not updated:
        raise TokenNotFound


def record_use(token: PersonalToken, *, now: datetime) -> None:
    """Note when the token was last used, at most every ``LAST_USED_RESOLUTION``."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
