"""Post text as HTML: escaped as typed, addresses and hashtags turned into safe links.

Links come from ``messaging.markup.linkify`` (escaped text, http/https/mailto only); hashtags
become links to their topic page; the whole fragment then passes the same nh3 allow-list
(``messaging.markup.clean``) as messages do. A hashtag starts a word: it follows the start
of the text, white space or an opening bracket or quote, so the ``#`` inside an address
(``https://example.org/#top``) never splits it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

from handschlag.feed.models import TOPIC_MAX_LENGTH
from handschlag.messaging.markup import clean, linkify

#: ``#`` at the start of a word, then letters, digits, ``_`` and inner hyphens.
HASHTAG = re.compile(r"(?<![^\s(\[{\"'\u201e\u201c\u201a\u2018])#(\w+(?:-\w+)*)")


def normalise_topic(tag: str) -> str:
    """A hashtag as its topic key: without ``#``, Unicode-composed and case-folded, so
    ``#Künstliche-Intelligenz`` and ``#künstliche-intelligenz`` are one topic."""
    return unicodedata.normalize("NFC", tag.lstrip("#").strip()).casefold()


def is_topic(value: str) -> bool:
    """Whether ``value`` (without ``#``) is a valid topic key."""
    return (
        bool(value)
        and len(value) <= TOPIC_MAX_LENGTH
        and HASHTAG.fullmatch(f"#{value}") is not None
    )


def extract_topics(text: str) -> list[str]:
    """The post's hashtags as topic keys, each once, in order of appearance."""
    found: dict[str, None] = {}
    for match in HASHTAG.finditer(text):
        topic = normalise_topic(match.group(1))
        if len(topic) <= TOPIC_MAX_LENGTH:
            found.setdefault(topic)
    return list(found)


#: Placeholders for the one argument of a URL: a word, or a number for ``<int:…>``.
_SLOTS = ("__slot__", "7777777770777777777")


@lru_cache(maxsize=32)
def _url_pattern(name: str, prefix: str) -> tuple[str, str]:
    for slot in _SLOTS:
        try:
            return reverse(name, args=[slot]), slot
        except NoReverseMatch:
            continue
    raise NoReverseMatch(name)


def fast_reverse(name: str, value: str | int) -> str:
    """``reverse(name, args=[value])`` for a URL with one argument, from a cached pattern:
    a feed page links every post, author, hashtag and group, and ``reverse`` is slow."""
    pattern, slot = _url_pattern(name, get_script_prefix())
    return pattern.replace(slot, str(value), 1)


def topic_url(topic: str) -> str:
    """The address of a topic's page."""
    return fast_reverse("feed_topic", quote(topic, safe=""))


def linkify_post(text: str) -> str:
    """The text escaped, with addresses and hashtags as links (before sanitising)."""
    out: list[str] = []
    position = 0
    for match in HASHTAG.finditer(text):
        topic = normalise_topic(match.group(1))
        if len(topic) > TOPIC_MAX_LENGTH:
            continue
        out.append(linkify(text[position : match.start()]))
        href = topic_url(topic)
        # The tag is escaped by linkify; the address is percent-encoded.
        out.append(f'<a href="{href}">{linkify(match.group(0))}</a>')
        position = match.end()
    out.append(linkify(text[position:]))
    return "".join(out)


def render_post(text: str) -> SafeString:
    """A post or comment as safe HTML (line breaks are kept by the stylesheet)."""
    # Safe by construction: every piece the member typed is escaped by ``linkify`` and the
    # result passes the sanitizer, which allows no tag but ``<a href>`` with safe schemes.
    return mark_safe(clean(linkify_post(text)))  # noqa: S308
