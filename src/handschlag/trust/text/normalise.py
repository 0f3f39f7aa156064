"""Normalisation and tokenisation of German and English text.

Text is folded (NFKC, case-folded, German umlauts written out, other accents dropped,
zero-width characters removed) token by token, so that a match in the folded form can be
cited from the original text. URLs, e-mail addresses and hashtags are taken out first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["TextView", "fold", "view"]

_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|de|io|co|net|org|me|eu|app|ly|at|ch)/\S*",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HASHTAG = re.compile(r"(?<![\w#])#(\w[\w-]*)")
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "\u2019": "'"})


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """Fold one word: "Grüße" -> "gruesse", "Café" -> "cafe", fullwidth letters -> ASCII."""
    text = unicodedata.normalize("NFKC", token).translate(_ZERO_WIDTH).casefold()
    text = text.translate(_GERMAN)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class TextView:
    """A text taken apart once: folded tokens, where each came from, links and hashtags.

    `joined` is the folded tokens separated by single spaces; `starts[i]` is where token i
    begins in `joined`, and `spans[i]` its (start, end) in the original text.
    """

    original: str
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    joined: str
    starts: tuple[int, ...]
    urls: tuple[str, ...]
    emails: tuple[str, ...]
    hashtags: tuple[str, ...]

    def token_index(self, offset: int) -> int:
        """The index of the token that starts at or before `offset` in `joined`."""
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return max(lo - 1, 0)

    def cite(self, start: int, end: int) -> str:
        """The original words behind the folded range [start, end) of `joined`."""
        if not self.tokens:
            return ""
        first = self.token_index(start)
        last = self.token_index(max(end - 1, start))
        return self.original[self.spans[first][0] : self.spans[last][1]]


def _blank(text: str, pattern: re.Pattern[str], found: list[str]) -> str:
    def repl(m: re.Match[str]) -> str:
        found.append(m.group(0))
        return " " * len(m.group(0))

    return pattern.sub(repl, text)


@lru_cache(maxsize=4096)
def view(text: str) -> TextView:
    """Take `text` apart (cached: the same recent texts come back with every case)."""
    urls: list[str] = []
    emails: list[str] = []
    blanked = text
    # The patterns are costly on long texts; most notes have no link, address or hashtag.
    if "/" in text or "www." in text:
        blanked = _blank(blanked, _URL, urls)
    if "@" in text:
        blanked = _blank(blanked, _EMAIL, emails)
    hashtags = tuple(fold(m.group(1)) for m in _HASHTAG.finditer(blanked)) if "#" in text else ()
    tokens: list[str] = []
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    pos = 0
    for m in _TOKEN.finditer(blanked):
        folded = fold(m.group(0))
        if not folded:
            continue
        tokens.append(folded)
        spans.append(m.span())
        starts.append(pos)
        pos += len(folded) + 1
    return TextView(
        original=text,
        tokens=tuple(tokens),
        spans=tuple(spans),
        joined=" ".join(tokens),
        starts=tuple(starts),
        urls=tuple(urls),
        emails=tuple(emails),
        hashtags=hashtags,
    )
