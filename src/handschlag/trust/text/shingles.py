"""Word shingles for near-duplicate detection, robust to mail merge and spun synonyms.

A template sent to many people varies in three ways: the salutation carries each
recipient's name, merged fields insert their employer or title, and "spinning" swaps
words for synonyms. So, before shingling: the leading salutation is dropped, the current
recipient's own name and profile words are masked, numbers become "#", and each word of a
spin group (lexicon `[spin]`) is replaced by the group's first word.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection

from handschlag.trust.text.lexicon import Lexicon
from handschlag.trust.text.normalise import TextView, blank_links, tokens_of

__all__ = [
    "canonical_text_tokens",
    "canonical_tokens",
    "shingle_count",
    "shingles",
    "without_salutation",
]

_SALUTATION_END = re.compile(r"[,!:;\n]")
#: The salutation is at most this long; a comma further on belongs to the body.
_SALUTATION_MAX = 60
SHINGLE_SIZE = 2


def _body_start(text: TextView, lexicon: Lexicon) -> int:
    """The index of the first token after a leading salutation ("Hallo Frau Dr. Weber,")."""
    if not lexicon.starts_with_greeting(text):
        return 0
    m = _SALUTATION_END.search(text.original, 0, _SALUTATION_MAX)
    if m is None:
        return 0
    return text.tokens_before(m.start())


def canonical_tokens(text: TextView, lexicon: Lexicon, mask: Collection[str] = ()) -> list[str]:
    """The tokens that shingles are built from: body only, masked, numbers and spins folded."""
    body = text.tokens[_body_start(text, lexicon) :]
    spin = lexicon.spin.get
    if mask:
        return ["_" if t in mask else "#" if t.isdigit() else spin(t, t) for t in body]
    return ["#" if t.isdigit() else spin(t, t) for t in body]


def canonical_text_tokens(text: str, lexicon: Lexicon) -> list[str]:
    """`canonical_tokens(view(text), lexicon)` without building a view: for the sender's
    recent texts, which need nothing else."""
    blanked = blank_links(text)
    tokens = tokens_of(blanked)
    if lexicon.greets(tokens):
        m = _SALUTATION_END.search(text, 0, _SALUTATION_MAX)
        if m is not None:
            del tokens[: len(tokens_of(blanked[: m.start()]))]
    spin = lexicon.spin.get
    return ["#" if t.isdigit() else spin(t, t) for t in tokens]


def without_salutation(text: str, lexicon: Lexicon) -> str:
    """The text with a leading salutation replaced by "…".

    A template's other copies went to other people: quoting one to this recipient must
    not name its addressee ("Hallo Frau Weber, …"), so the salutation is cut off.
    """
    if lexicon.greets(tokens_of(blank_links(text))):
        m = _SALUTATION_END.search(text, 0, _SALUTATION_MAX)
        if m is not None:
            return "… " + text[m.end() :].lstrip()
    return text


def shingle_count(tokens: list[str]) -> int:
    """`len(shingles(tokens))`, without building them."""
    if any(" " in t for t in tokens):  # a multi-word spin target: pairs may coincide
        return len(shingles(tokens))
    return len(set(tokens)) + len(set(itertools.pairwise(tokens)))


def shingles(tokens: list[str], size: int = SHINGLE_SIZE) -> list[bytes]:
    """The distinct single words and word n-grams of `tokens`, as bytes.

    Words and pairs together: pairs make unrelated notes dissimilar (median 0.00, p95 0.08,
    max 0.23 on the corpus), words keep heavily spun copies of one template similar (median
    0.53, 82 % above 0.4), where pairs alone reached only 64 % (bench/trust_eval.py).
    """
    if size == 2:  # the common case, without slicing
        grams = list(map(" ".join, itertools.pairwise(tokens)))
    else:
        grams = [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
    return list(map(str.encode, dict.fromkeys([*tokens, *grams])))
