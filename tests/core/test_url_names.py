"""Every URL name points at one page: two apps using the same name silently shadow one."""

from __future__ import annotations

from collections import Counter

from django.urls import URLPattern, URLResolver, get_resolver


def _names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _names(pattern.url_patterns, inner)
        elif pattern.name:
            found.append(f"{namespace}{pattern.name}")
    return found


#: Deliberate: the sign-up page wraps allauth's view with the per-address limit and is
#: mounted in front of allauth's own URL of that name (accounts/urls.py).
OVERRIDDEN = {"account_signup"}


def test_no_two_urls_share_a_name():
    counts = Counter(_names(get_resolver().url_patterns))

    assert [name for name, n in counts.items() if n > 1 and name not in OVERRIDDEN] == []
