"""Language detection for German, English and mixed input, by stop-word shares."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from handschlag.trust.text.normalise import TextView

__all__ = ["LangGuess", "detect"]

#: A language counts as present in a mixed text from this share of the stop words on.
MIXED_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class LangGuess:
    """The main language (None when no stop word was found), and each language's share."""

    primary: str | None
    shares: Mapping[str, float]

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages present, main one first (two for a mixed text)."""
        present = [lang for lang, share in self.shares.items() if share >= MIXED_SHARE]
        return tuple(sorted(present, key=lambda lang: -self.shares[lang]))

    @property
    def is_mixed(self) -> bool:
        return len(self.languages) > 1


def detect(text: TextView, stopwords: Mapping[str, frozenset[str]]) -> LangGuess:
    """Guess the language(s) of `text` from how many of its words are each language's stop words."""
    counts = dict.fromkeys(stopwords, 0)
    for token in text.tokens:
        for lang, words in stopwords.items():
            if token in words:
                counts[lang] += 1
    total = sum(counts.values())
    if total == 0:
        return LangGuess(None, dict.fromkeys(stopwords, 0.0))
    shares = {lang: n / total for lang, n in counts.items()}
    primary = max(sorted(shares), key=lambda lang: shares[lang])
    return LangGuess(primary, shares)
