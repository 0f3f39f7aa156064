"""Normalisation and tokenisation of German and English text.

Text is folded (NFKC, case-folded, German umlauts written out, other accents dropped,
zero-width characters removed) token by token, so that a match in the folded form can be
cited from the original text. URLs, e-mail addresses and hashtags are taken out first.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from functools import lru_cache

__all__ = ["TextView", "blank_links", "fold", "tokens_of", "view"]

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


class TextView:
    """A text taken apart once: folded tokens, where each came from, links and hashtags.

    `joined` is the folded tokens separated by single spaces; `starts[i]` is where token i
    begins in `joined`, and `spans[i]` its (start, end) in the original text. Most texts
    never need the positions (only a cited phrase or a salutation does), so `starts` and
    `spans` are worked out on first use.
    """

    __slots__ = ("_blanked", "_hay", "_raw", "_spans", "_starts", "emails", "hashtags", "joined",
                 "original", "tokens", "urls")  # fmt: skip

    def __init__(
        self,
        original: str,
        tokens: tuple[str, ...],
        joined: str,
        urls: tuple[str, ...] = (),
        emails: tuple[str, ...] = (),
        hashtags: tuple[str, ...] = (),
        blanked: str | None = None,
        raw: tuple[tuple[str, ...], str] | None = None,
    ) -> None:
        self.original = original
        self.tokens = tokens
        self.joined = joined
        self.urls = urls
        self.emails = emails
        self.hashtags = hashtags
        self._blanked = original if blanked is None else blanked
        # The words as found (and the text they were found in), to locate them cheaply.
        self._raw, self._hay = raw if raw is not None else _words(self._blanked)
        self._spans: tuple[tuple[int, int], ...] | None = None
        self._starts: tuple[int, ...] | None = None

    def __repr__(self) -> str:
        return f"TextView({self.original!r}, tokens={self.tokens!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TextView):
            return NotImplemented
        return (self.original, self.tokens) == (other.original, other.tokens)

    def __hash__(self) -> int:
        return hash((self.original, self.tokens))

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each token in the original text."""
        if self._spans is None:
            # Each word is the first occurrence of itself after the previous one: what lies
            # between two words has no letter or digit, and every word starts with one.
            spans, pos, find = [], 0, self._hay.find
            for word in self._raw:
                start = find(word, pos)
                pos = start + len(word)
                spans.append((start, pos))
            if len(spans) != len(self.tokens):  # words that fold to nothing
                spans = [span for span, w in zip(spans, self._raw, strict=True) if fold(w)]
            self._spans = tuple(spans)
        return self._spans

    @property
    def starts(self) -> tuple[int, ...]:
        """Where each token begins in `joined`."""
        if self._starts is None:
            ends = itertools.accumulate(len(t) + 1 for t in self.tokens)
            self._starts = (0, *itertools.islice(ends, len(self.tokens) - 1)) if self.tokens else ()
        return self._starts

    def tokens_before(self, offset: int) -> int:
        """How many tokens start before `offset` in the original text."""
        if self._spans is not None:
            return bisect.bisect_left([start for start, _ in self._spans], offset)
        # No token spans a non-word character, so those before a punctuation mark are the
        # tokens of the text up to it.
        return len(tokens_of(self._blanked[:offset]))

    def token_index(self, offset: int) -> int:
        """The index of the token that starts at or before `offset` in `joined`."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def cite(self, start: int, end: int) -> str:
        """The original words behind the folded range [start, end) of `joined`."""
        if not self.tokens:
            return ""
        first = self.token_index(start)
        last = self.token_index(max(end - 1, start))
        spans = self.spans
        return self.original[spans[first][0] : spans[last][1]]


def _blank(text: str, pattern: re.Pattern[str], found: list[str]) -> str:
    def repl(m: re.Match[str]) -> str:
        found.append(m.group(0))
        return " " * len(m.group(0))

    return pattern.sub(repl, text)


def _words(text: str) -> tuple[tuple[str, ...], str]:
    """The words of a text as found, and the text they were found in (lower-cased when it is
    ASCII: folding ASCII is lower-casing, which keeps every position)."""
    if text.isascii():
        lowered = text.lower()
        return tuple(_TOKEN.findall(lowered)), lowered
    return tuple(_TOKEN.findall(text)), text


def tokens_of(text: str) -> list[str]:
    """The folded tokens of a text with links and addresses already taken out."""
    if text.isascii():
        # One pass, no per-word calls (most English notes).
        return _TOKEN.findall(text.lower())
    return [t for t in map(fold, _TOKEN.findall(text)) if t]


def blank_links(text: str, urls: list[str] | None = None, emails: list[str] | None = None) -> str:
    """The text with its URLs and e-mail addresses replaced by spaces (collected if asked)."""
    # The patterns are costly on long texts; most notes have no link or address.
    if "/" in text or "www." in text:
        text = _blank(text, _URL, [] if urls is None else urls)
    if "@" in text:
        text = _blank(text, _EMAIL, [] if emails is None else emails)
    return text


@lru_cache(maxsize=4096)
def view(text: str) -> TextView:
    """Take `text` apart (cached: the same texts come back, a profile's phrases say)."""
    urls: list[str] = []
    emails: list[str] = []
    blanked = blank_links(text, urls, emails)
    hashtags = tuple(fold(m.group(1)) for m in _HASHTAG.finditer(blanked)) if "#" in text else ()
    raw, hay = _words(blanked)
    if blanked.isascii():  # the words are their folded forms
        tokens = raw
    else:
        folded = tuple(map(fold, raw))
        tokens = folded if all(folded) else tuple(t for t in folded if t)
    return TextView(
        original=text,
        tokens=tokens,
        joined=" ".join(tokens),
        urls=tuple(urls),
        emails=tuple(emails),
        hashtags=hashtags,
        blanked=blanked,
        raw=(raw, hay),
    )
