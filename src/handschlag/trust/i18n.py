"""Translations of the engine's texts over the standard library's gettext (domain "trust").

Rule explanations and replies are English message ids marked with `N_()`; hits store the
message id with its evidence, and `render()` turns them into German or English when a
member reads them. Nothing here imports Django, so the CLI and other platforms can use it.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TypeAlias

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "MESSAGES",
    "N_",
    "Value",
    "format_number",
    "render",
    "translator",
]

DOMAIN = "trust"
LOCALE_DIR = Path(__file__).with_name("locale")

#: An evidence value as stored in a hit: JSON-friendly and printf-friendly.
Value: TypeAlias = str | int | float

#: Every message id marked with N_() at import time, in order; the catalogue test checks
#: that each has a German and an English translation.
MESSAGES: dict[str, None] = {}


def N_(message: str) -> str:
    """Mark a string for translation; it is translated later, when a member reads it."""
    MESSAGES.setdefault(message, None)
    return message


@functools.cache
def translator(lang: str) -> gettext.NullTranslations:
    """The catalogue for `lang` ("de" or "en"); unknown languages fall back to English ids."""
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)


def format_number(value: int | float, lang: str) -> str:
    """Group thousands the way each language writes them (68.000 in German, 68,000 in English)."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}"
    else:
        text = f"{int(value):,}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


_AS_TEXT = re.compile(r"%\((\w+)\)d")


def render(msgid: str, evidence: Mapping[str, Value], lang: str) -> str:
    """Translate `msgid` and fill its named placeholders from the evidence.

    Evidence keys ending in `_msg` hold message ids themselves (an intent's name, say) and
    are translated too; numbers are written with the language's grouping (so `%(n)d`
    placeholders are filled as text).
    """
    tr = translator(lang)
    values: dict[str, Value] = {}
    for key, value in evidence.items():
        if key.endswith("_msg") and isinstance(value, str):
            values[key] = tr.gettext(value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values[key] = format_number(value, lang)
        else:
            values[key] = value
    template = _AS_TEXT.sub(r"%(\1)s", tr.gettext(msgid))
    msgid = _AS_TEXT.sub(r"%(\1)s", msgid)
    try:
        return template % values
    except (KeyError, ValueError, TypeError):
        # A host's catalogue with a broken placeholder must not break triage: show the
        # English id filled, or unfilled as a last resort.
        try:
            return msgid % values
        except (KeyError, ValueError, TypeError):
            return msgid
