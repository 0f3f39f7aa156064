"""Message text as HTML: escaped as typed, web and mail addresses turned into safe links.

The text is stored exactly as the member typed it. On output it is escaped piece by
piece, the addresses found in it become ``<a href>`` links, and nh3 (the Rust ``ammonia``
sanitizer) cleans the result once more as a second line of defence: only ``<a href>`` is
allowed, only http, https and mailto, and every link gets ``rel="nofollow noopener ugc"``.
Nothing the member types can become markup: ``<script>`` stays text, and a typed
``javascript:`` address is never linked.
"""

from __future__ import annotations

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe

#: What the sanitizer lets through: links and nothing else.
ALLOWED_TAGS = frozenset({"a"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"

#: http(s) addresses, bare www. addresses and e-mail addresses. A link ends at white
#: space or a character that cannot be part of one in running text.
_LINK = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"'`]+)"
    r"|(?P<mail>(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    re.IGNORECASE,
)
#: Punctuation that ends a sentence rather than the address it follows.
_TRAILING = ".,;:!?)]}\u00bb\u201c\u201d\u2019"


def _link(address: str, target: str) -> str:
    return f'<a href="{html.escape(target, quote=True)}">{html.escape(address)}</a>'


def linkify(text: str) -> str:
    """The text escaped, with its http(s), www. and e-mail addresses as ``<a href>``."""
    out: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        address = match.group(0)
        trailing = ""
        while address and address[-1] in _TRAILING:
            # A closing parenthesis belongs to the address when it opened one too.
            if address[-1] == ")" and address.count("(") >= address.count(")"):
                break
            trailing = address[-1] + trailing
            address = address[:-1]
        out.append(html.escape(text[position : match.start()]))
        if match.group("url"):
            target = address if "://" in address else f"https://{address}"
        else:
            target = address if address.lower().startswith("mailto:") else f"mailto:{address}"
        out.append(_link(address, target))
        out.append(html.escape(trailing))
        position = match.end()
    out.append(html.escape(text[position:]))
    return "".join(out)


def clean(fragment: str) -> str:
    """nh3 with the messaging allow-list: ``<a href>`` over http, https and mailto only."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_text(text: str) -> SafeString:
    """A message as safe HTML for the page (line breaks are kept by the stylesheet)."""
    # Safe by construction: everything the member typed is escaped by ``linkify`` and the
    # result passes the sanitizer, which allows no tag but ``<a href>`` with safe schemes.
    return mark_safe(clean(linkify(text)))  # noqa: S308
