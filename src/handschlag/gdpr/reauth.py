"""Asking for the password again before an export or a deletion (SECURITY.md G2).

Wrong answers are counted per member in the cache: five in 30 minutes, as for logins,
and the sixth is refused even when it is right, so a stolen session cannot guess.
A cache that fails counts as a full count (fail closed).
"""

from __future__ import annotations

from django.core.cache import cache

from handschlag.accounts.models import Member
from handschlag.gdpr.errors import TooManyPasswordAttempts, WrongPassword

#: Wrong passwords allowed per member within ``WINDOW_SECONDS``.
MAX_FAILURES = 5
WINDOW_SECONDS = 30 * 60


def _key(member: Member) -> str:
    return f"hs:gdpr:reauth:{member.pk}"


def confirm_password(member: Member, password: str) -> None:
    """Return if ``password`` is the member's; raise WrongPassword or TooManyPasswordAttempts."""
    try:
        failures = int(cache.get(_key(member), 0))
    except Exception:  # the cache is down: refuse rather than allow unlimited guesses
        raise TooManyPasswordAttempts from None
    if failures >= MAX_FAILURES:
        raise TooManyPasswordAttempts
    if member.check_password(password):
        return
    try:
        cache.add(_key(member), 0, timeout=WINDOW_SECONDS)
        cache.incr(_key(member))
    except Exception:  # noqa: S110 -- the refusal below stands either way
        pass
    raise WrongPassword
