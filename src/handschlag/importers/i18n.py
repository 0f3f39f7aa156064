"""The report's texts in German and English over the standard library's gettext.

The hygiene report is rendered by the command line as well as the web, so it cannot use
Django's translations: it has its own domain (``hygiene``) in ``importers/translations``, kept
up to date by ``python -m handschlag.importers.messages``. Findings store English message
ids with their values (`Reason`), rendered in the reader's language at the end; findings
that come from the trust engine keep the engine's own message ids and domain.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from handschlag.trust.i18n import Value, format_number
from handschlag.trust.i18n import render as render_trust

__all__ = ["DOMAIN", "LANGS", "LOCALE_DIR", "N_", "Reason", "gettext_for", "render"]

DOMAIN = "hygiene"
# Not named "locale": Django's makemessages would write a django.po into any such folder.
LOCALE_DIR = Path(__file__).with_name("translations")
LANGS = ("de", "en")


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated when the report is rendered."""
    return message


@functools.cache
def _translator(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)


def gettext_for(lang: str) -> gettext.NullTranslations:
    """The report's catalogue for "de" or "en" (other languages get the English ids)."""
    return _translator(lang if lang in LANGS else "en")


def render(msgid: str, values: Mapping[str, Value], lang: str) -> str:
    """Translate `msgid` and fill its named placeholders (numbers grouped per language)."""
    tr = gettext_for(lang)
    filled = {
        k: format_number(v, lang) if isinstance(v, int | float) and not isinstance(v, bool) else v
        for k, v in values.items()
    }
    text = tr.gettext(msgid).replace(")d", ")s")
    try:
        return text % filled
    except (KeyError, ValueError, TypeError):
        return msgid.replace(")d", ")s") % filled


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an action is suggested: a message id with its values, translated when shown."""

    msgid: str
    values: Mapping[str, Value] = field(default_factory=dict)
    domain: str = DOMAIN
    #: positive reasons speak for keeping the contact, negative ones against it.
    positive: bool = False

    def text(self, lang: str) -> str:
        if self.domain == "trust":
            return render_trust(self.msgid, self.values, lang)
        return render(self.msgid, self.values, lang)
