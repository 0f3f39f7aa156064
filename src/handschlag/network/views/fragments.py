"""Rendered fragments kept in the cache, keyed by what they show.

A page of inbox cards or suggestions mostly shows the same things as a minute ago, and
rendering them through the template engine costs more than reading them. Each fragment is
kept under a key made of

- the template's name and a digest of its source and of the compiled catalogues (a new
  template or translation never meets an old fragment),
- the active language and time zone,
- a digest of every value the fragment shows that can change (a request's status and
  decision, the sender's name, the number of contacts in common, …).

So a key never goes stale: when anything shown changes, the key changes and the fragment is
rendered anew; old fragments simply expire (``FRAGMENT_TTL``). Values that never change for
a given id (a request's note and stored hits) are covered by the id.

Fragments are rendered without the request (no context processors, no CSRF token), so
nothing in them depends on who is looking beyond what the key names. If the cache fails,
the fragments are rendered as if nothing were cached (SECURITY.md R3).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.template import loader
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

#: The cache the fragments are kept in (settings.CACHES), apart from rate-limit counters.
CACHE = "fragments"

#: How long a fragment is kept (seconds). Short enough that the cache holds no personal
#: data long after it left the database (erasure, SECURITY.md G3); long enough that a
#: member's pages are rendered once per visit, not once per request.
FRAGMENT_TTL = 60 * 60

#: A fragment: its key parts (what it shows that can change) and how to get its context
#: when it must be rendered (only then are the expensive parts computed).
Fragment = tuple[Sequence[object], Callable[[], Mapping[str, Any]]]


@cache
def _catalogue_stamp() -> str:
    """Sizes and times of the compiled catalogues: a new translation, new fragments."""
    package = Path(__file__).resolve().parents[2]
    parts = [
        f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}"
        for path in sorted(package.glob("**/locale/*/LC_MESSAGES/*.mo"))
        for stat in [path.stat()]
    ]
    return "|".join(parts)


@cache
def _template_stamp(template_name: str) -> str:
    """A digest of the template's source and the catalogues (once per process)."""
    source = loader.get_template(template_name).template.source  # type: ignore[attr-defined]
    digest = hashlib.blake2b(digest_size=8)
    digest.update(source.encode())
    digest.update(_catalogue_stamp().encode())
    return digest.hexdigest()


def fragment_key(template_name: str, parts: Sequence[object]) -> str:
    """The cache key of one fragment of ``template_name`` showing ``parts``."""
    digest = hashlib.blake2b(repr(tuple(parts)).encode(), digest_size=16).hexdigest()
    lang = translation.get_language() or settings.LANGUAGE_CODE
    zone = timezone.get_current_timezone_name()
    return f"hs:frag:{template_name}:{_template_stamp(template_name)}:{lang}:{zone}:{digest}"


def render_fragments(
    template_name: str,
    fragments: Sequence[Fragment],
    *,
    before_render: Callable[[list[int]], object] | None = None,
    ttl: int = FRAGMENT_TTL,
) -> list[SafeString]:
    """Each fragment's HTML, from the cache where it is there, else rendered and kept.

    One cache read for all fragments and one write for those rendered;
    ``before_render`` is called once with the positions of the fragments about to be
    rendered (to load what only rendering needs, in one query).
    """
    keys = [fragment_key(template_name, parts) for parts, _ in fragments]
    try:
        found: dict[str, str] = caches[CACHE].get_many(keys)
    except Exception:  # any cache failure (Redis down): render everything, serve the page
        logger.warning("cache unavailable for fragments; rendering %s", template_name)
        found = {}
    missing = [position for position, key in enumerate(keys) if key not in found]
    if missing and before_render is not None:
        before_render(missing)
    template = loader.get_template(template_name)
    rendered: dict[str, str] = {}
    for position in missing:
        key = keys[position]
        if key not in rendered:
            rendered[key] = template.render(dict(fragments[position][1]()))
    if rendered:
        try:
            caches[CACHE].set_many(rendered, ttl)
        except Exception:  # the cache is down: the next page renders them again
            logger.warning("cache unavailable for fragments; not keeping %s", template_name)
    # Our own templates' output, escaped when it was rendered.
    return [mark_safe(found[key] if key in found else rendered[key]) for key in keys]  # noqa: S308


def render_fragment(
    template_name: str,
    parts: Sequence[object],
    context: Callable[[], Mapping[str, Any]],
    *,
    ttl: int = FRAGMENT_TTL,
) -> SafeString:
    """One fragment's HTML, from the cache or rendered and kept (see ``render_fragments``)."""
    return render_fragments(template_name, [(parts, context)], ttl=ttl)[0]
