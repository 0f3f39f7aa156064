"""The client's network address, trusting forwarded headers only from known proxies."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address rate limits and lockouts key on (SECURITY.md A21).

    With ``TRUSTED_PROXY_COUNT = 0`` (the default) only the TCP peer counts, so a forged
    ``X-Forwarded-For`` changes nothing. Behind N trusted proxies, the N-th address from
    the right of ``X-Forwarded-For`` is the one the outermost proxy saw.
    """
    peer: str = request.META.get("REMOTE_ADDR", "") or ""
    proxies: int = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return peer
    header: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < proxies:
        return peer
    address: str = forwarded[-proxies]
    return address
