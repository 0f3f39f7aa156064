"""Everything the rules read about one case, each text signal computed once, on demand.

A rule gets an `Analysis`, not a bare `Case`, so that twelve text rules do not tokenise
the note twelve times; the analysis only derives values from the case (and from the
index and model the engine was given), it never reads the clock or anything outside.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, overload

import numpy as np
import numpy.typing as npt

from handschlag.trust.case import Case
from handschlag.trust.text.language import LangGuess, detect
from handschlag.trust.text.lexicon import Lexicon, PhraseMatch
from handschlag.trust.text.minhash import EMPTY, Signature, Signer
from handschlag.trust.text.normalise import TextView, view
from handschlag.trust.text.shingles import canonical_text_tokens, canonical_tokens, shingle_count

if TYPE_CHECKING:
    from handschlag.trust.index import CrossMatch, TemplateIndex
    from handschlag.trust.model import TextModel

__all__ = ["MIN_SHINGLES", "SELF_DUP_THRESHOLD", "Analysis", "SelfMatches", "SignatureCache"]

#: Estimated Jaccard similarity from which two notes count as one template. Measured on the
#: tuning corpus (bench/trust_eval.py): mail-merged copies score 0.77-0.95, spun copies
#: median 0.53 (82 % at 0.4 or more), unrelated notes median 0.00 and at most 0.23.
SELF_DUP_THRESHOLD = 0.4
#: Texts with fewer shingles are too short to call a template ("Hi!" is everyone's note).
MIN_SHINGLES = 8
#: Words of at most this length never count as specific profile terms.
_SHORT = 3
#: Recent texts whose signatures an engine remembers (256 bytes each, plus the text).
RECENT_CACHE_SIZE = 50_000

_T = TypeVar("_T")


class lazy(Generic[_T]):
    """`functools.cached_property` without its per-instance lock (Python 3.11 takes one on
    every first access, which cost more than several of the values it guarded)."""

    def __init__(self, fn: Callable[[Any], _T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Self: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> _T | Self:
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


class SignatureCache:
    """The signatures of senders' recent texts by text, the oldest forgotten first.

    A sender's recent texts come back with each of their cases; their signatures depend
    only on the text (recent texts are not masked), so an engine keeps them. Plain dict
    operations keep it safe to share between threads: a race costs a recomputation.
    """

    def __init__(self, maxsize: int = RECENT_CACHE_SIZE) -> None:
        self.maxsize = maxsize
        self._rows: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, text: str) -> bytes | None:
        return self._rows.get(text)

    def put(self, text: str, row: bytes) -> None:
        rows = self._rows
        if len(rows) >= self.maxsize:
            # A race with another thread costs at most one extra entry.
            with contextlib.suppress(KeyError, StopIteration, RuntimeError):
                del rows[next(iter(rows))]
        rows[text] = row


@dataclass(frozen=True, slots=True)
class SelfMatches:
    """The sender's recent texts that are near-duplicates of this one."""

    count: int
    total: int
    best_similarity: float
    best_text: str


def excerpt(text: str, limit: int = 60) -> str:
    """A short quote of a text for an explanation."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class Analysis:
    """The case and the signals derived from its texts and facts."""

    def __init__(
        self,
        case: Case,
        *,
        lexicon: Lexicon,
        signer: Signer,
        index: TemplateIndex | None = None,
        model: TextModel | None = None,
        recent_cache: SignatureCache | None = None,
    ) -> None:
        self.case = case
        self.lexicon = lexicon
        self.signer = signer
        self.index = index
        self.model = model
        self.recent_cache = recent_cache

    ### Text ###

    @lazy
    def text(self) -> TextView:
        return view(self.case.text)

    @lazy
    def language(self) -> LangGuess:
        return detect(self.text, self.lexicon.stopwords)

    @lazy
    def _phrases(self) -> dict[str, list[PhraseMatch]]:
        return self.lexicon.scan(self.text)

    def phrases(self, category: str) -> list[PhraseMatch]:
        """The lexicon phrases of `category` found in the text."""
        return self._phrases.get(category, [])

    @lazy
    def booking_links(self) -> list[str]:
        return self.lexicon.hosts("booking", self.text.urls)

    @lazy
    def pitch_phrases(self) -> list[str]:
        """Sales language: every strong phrase (a booking link is one), or the weak ones when
        there are three or more."""
        strong = [m.cited for m in self.phrases("pitch_strong")] + self.booking_links
        weak = list(dict.fromkeys(m.folded for m in self.phrases("pitch")))
        if strong:
            return strong
        if len(weak) >= 3:
            return [m.cited for m in self.phrases("pitch")]
        return []

    @lazy
    def word_count(self) -> int:
        return len(self.text.tokens)

    ### Profile terms ###

    @lazy
    def recipient_terms(self) -> dict[str, str]:
        """The recipient's own profile terms and the places they share with the sender
        (folded phrase -> as written). Not their employer or headline: a mail merge fills
        those in for everyone."""
        r = self.case.recipient
        rel = self.case.relation
        terms: dict[str, str] = {}
        stop = self.lexicon.all_stopwords
        sources = (
            *r.skills, *r.interests, *r.seeking, *r.offering,
            *rel.shared_employers, *rel.shared_schools, *rel.shared_events, *rel.shared_groups,
        )  # fmt: skip
        for phrase in sources:
            folded = view(phrase).joined
            if folded and folded not in stop and len(folded) > 1:
                terms.setdefault(folded, phrase)
        return terms

    @lazy
    def specific_mentions(self) -> list[str]:
        """Profile terms of the recipient (or shared places) that the note mentions whole."""
        haystack = f" {self.text.joined} "
        return [shown for term, shown in self.recipient_terms.items() if f" {term} " in haystack]

    ### Templates ###

    @lazy
    def _signatures(self) -> tuple[int, Signature, npt.NDArray[np.uint32]]:
        """(number of shingles of the note, its signature, the recent texts' signatures).

        The note and the recent texts not yet in the engine's cache are signed in one step.
        """
        mask = {t for t in view(self.case.recipient.name).tokens if len(t) > 1}
        note = canonical_tokens(self.text, self.lexicon, mask)
        texts = self.case.sender.recent_texts
        cache = self.recent_cache
        rows = [cache.get(t) for t in texts] if cache is not None else [None] * len(texts)
        missing = [i for i, row in enumerate(rows) if row is None]
        lexicon = self.lexicon
        tokens = [note, *(canonical_text_tokens(texts[i], lexicon) for i in missing)]
        sigs = self.signer.sign_tokens(tokens)
        if len(missing) == len(texts):
            recent = sigs[1:]
            if cache is not None:
                for i, row in zip(missing, recent, strict=True):
                    cache.put(texts[i], row.tobytes())
        else:
            for j, i in enumerate(missing, start=1):
                rows[i] = sigs[j].tobytes()
                if cache is not None:
                    cache.put(texts[i], sigs[j].tobytes())
            joined = b"".join(row for row in rows if row is not None)
            recent = np.frombuffer(joined, dtype=np.uint32).reshape(len(texts), -1)
        return shingle_count(note), sigs[0], recent

    @property
    def shingle_count(self) -> int:
        return self._signatures[0]

    @property
    def signature(self) -> Signature:
        return self._signatures[1]

    @lazy
    def self_matches(self) -> SelfMatches:
        """How many of the sender's recent texts this note nearly duplicates."""
        texts = self.case.sender.recent_texts
        if self.shingle_count < MIN_SHINGLES or not texts:
            return SelfMatches(0, len(texts), 0.0, "")
        _, note, recent = self._signatures
        same = np.count_nonzero(recent == note, axis=1)
        # An empty text's signature is all EMPTY and matches nothing (see `similarity`).
        same[(recent == EMPTY).all(axis=1)] = 0
        sims = same / note.shape[0]
        close = sims >= SELF_DUP_THRESHOLD
        count = int(np.count_nonzero(close))
        if count == 0:
            return SelfMatches(0, len(texts), 0.0, "")
        best = int(np.argmax(sims))
        return SelfMatches(count, len(texts), float(sims[best]), texts[best])

    @lazy
    def cross_matches(self) -> CrossMatch | None:
        """Texts from other accounts in the cross-sender index that nearly duplicate this one."""
        if self.index is None or self.shingle_count < MIN_SHINGLES:
            return None
        return self.index.query(self.signature, exclude_sender=self.case.sender.id)

    @property
    def is_template(self) -> bool:
        """Whether the note is a template: repeated by the sender or used by other accounts."""
        if self.self_matches.count >= 2:
            return True
        cross = self.cross_matches
        return cross is not None and cross.senders >= 2

    ### The statistical model ###

    @lazy
    def model_features(self) -> set[str]:
        """The text model's features of the note (its folded words and word pairs)."""
        from handschlag.trust.model import features_of_tokens

        return features_of_tokens(self.text.tokens)

    @lazy
    def model_probability(self) -> float | None:
        """The text model's probability that the note belongs to a flagged case."""
        if self.model is None or not self.model.is_fitted:
            return None
        return self.model.probability(self.model_features)
