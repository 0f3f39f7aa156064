"""Sign-up hardening: accounts per address per day, a honeypot and a minimum fill time."""

import hashlib
import hmac
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils import timezone

from handschlag.accounts.models import SignupRecord
from handschlag.core.addresses import client_address

#: Window for the per-address count.
SIGNUP_WINDOW = timedelta(days=1)
_SALT = "handschlag.accounts.signup-started"


def address_hash(request: HttpRequest) -> str:
    """A keyed hash of the client's address, so the raw address is never stored."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()


def seconds_until_signup_allowed(request: HttpRequest) -> int:
    """0 when this address may create another account, else seconds until it may."""
    since = timezone.now() - SIGNUP_WINDOW
    recent = list(
        SignupRecord.objects.filter(address_hash=address_hash(request), created_at__gt=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[: settings.HANDSCHLAG_SIGNUPS_PER_ADDRESS_PER_DAY]
    )
    if len(recent) < settings.HANDSCHLAG_SIGNUPS_PER_ADDRESS_PER_DAY:
        return 0
    oldest_counted = recent[-1]
    return max(1, int((oldest_counted + SIGNUP_WINDOW - timezone.now()).total_seconds()) + 1)


def record_signup(request: HttpRequest) -> None:
    """Count an account created from this address; older records are purged on the way."""
    SignupRecord.objects.filter(created_at__lt=timezone.now() - SIGNUP_WINDOW).delete()
    SignupRecord.objects.create(address_hash=address_hash(request))


def start_token() -> str:
    """A signed timestamp for the form, so the server knows when it was shown."""
    return signing.dumps(time.time(), salt=_SALT)


def seconds_since(token: str) -> float | None:
    """Seconds since the form was shown, or None when the token is missing or forged."""
    try:
        started = float(signing.loads(token, salt=_SALT, max_age=60 * 60 * 24))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - started
