"""Everything the rules read about one case, each text signal computed once, on demand.

A rule gets an `Analysis`, not a bare `Case`, so that twelve text rules do not tokenise
the note twelve times; the analysis only derives values from the case (and from the
index and model the engine was given), it never reads the clock or anything outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from handschlag.trust.case import Case
from handschlag.trust.text.language import LangGuess, detect
from handschlag.trust.text.lexicon import Lexicon, PhraseMatch
from handschlag.trust.text.minhash import Signature, Signer, similarity
from handschlag.trust.text.normalise import TextView, view
from handschlag.trust.text.shingles import canonical_tokens, shingles

if TYPE_CHECKING:
    from handschlag.trust.index import CrossMatch, TemplateIndex
    from handschlag.trust.model import TextModel

__all__ = ["MIN_SHINGLES", "SELF_DUP_THRESHOLD", "Analysis", "SelfMatches"]

#: Estimated Jaccard similarity from which two notes count as one template. Measured on the
#: tuning corpus (bench/trust_eval.py): mail-merged copies score 0.77-0.95, spun copies
#: median 0.53 (82 % at 0.4 or more), unrelated notes median 0.00 and at most 0.23.
SELF_DUP_THRESHOLD = 0.4
#: Texts with fewer shingles are too short to call a template ("Hi!" is everyone's note).
MIN_SHINGLES = 8
#: Words of at most this length never count as specific profile terms.
_SHORT = 3


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
    ) -> None:
        self.case = case
        self.lexicon = lexicon
        self.signer = signer
        self.index = index
        self.model = model

    ### Text ###

    @cached_property
    def text(self) -> TextView:
        return view(self.case.text)

    @cached_property
    def language(self) -> LangGuess:
        return detect(self.text, self.lexicon.stopwords)

    @cached_property
    def _phrases(self) -> dict[str, list[PhraseMatch]]:
        return self.lexicon.scan(self.text)

    def phrases(self, category: str) -> list[PhraseMatch]:
        """The lexicon phrases of `category` found in the text."""
        return self._phrases.get(category, [])

    @cached_property
    def booking_links(self) -> list[str]:
        return self.lexicon.hosts("booking", self.text.urls)

    @cached_property
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

    @cached_property
    def word_count(self) -> int:
        return len(self.text.tokens)

    ### Profile terms ###

    @cached_property
    def recipient_terms(self) -> dict[str, str]:
        """The recipient's own profile terms and the places they share with the sender
        (folded phrase -> as written). Not their employer or headline: a mail merge fills
        those in for everyone."""
        r = self.case.recipient
        rel = self.case.relation
        terms: dict[str, str] = {}
        stop = self._stopwords
        sources = (
            *r.skills, *r.interests, *r.seeking, *r.offering,
            *rel.shared_employers, *rel.shared_schools, *rel.shared_events, *rel.shared_groups,
        )  # fmt: skip
        for phrase in sources:
            folded = view(phrase).joined
            if folded and folded not in stop and len(folded) > 1:
                terms.setdefault(folded, phrase)
        return terms

    @cached_property
    def _stopwords(self) -> frozenset[str]:
        words: set[str] = set()
        for s in self.lexicon.stopwords.values():
            words |= s
        return frozenset(words)

    @cached_property
    def specific_mentions(self) -> list[str]:
        """Profile terms of the recipient (or shared places) that the note mentions whole."""
        haystack = f" {self.text.joined} "
        return [shown for term, shown in self.recipient_terms.items() if f" {term} " in haystack]

    ### Templates ###

    @cached_property
    def _signatures(self) -> tuple[int, np.ndarray]:
        """(number of shingles of the note, signatures: row 0 the note, then recent texts)."""
        mask = {t for t in view(self.case.recipient.name).tokens if len(t) > 1}
        note = shingles(canonical_tokens(self.text, self.lexicon, mask))
        recent = [
            shingles(canonical_tokens(view(t), self.lexicon)) for t in self.case.sender.recent_texts
        ]
        return len(note), self.signer.sign_many([note, *recent])

    @property
    def shingle_count(self) -> int:
        return self._signatures[0]

    @property
    def signature(self) -> Signature:
        sig: Signature = self._signatures[1][0]
        return sig

    @cached_property
    def self_matches(self) -> SelfMatches:
        """How many of the sender's recent texts this note nearly duplicates."""
        texts = self.case.sender.recent_texts
        if self.shingle_count < MIN_SHINGLES or not texts:
            return SelfMatches(0, len(texts), 0.0, "")
        sigs = self._signatures[1]
        count, best, best_text = 0, 0.0, ""
        for i, text in enumerate(texts, start=1):
            sim = similarity(sigs[0], sigs[i])
            if sim >= SELF_DUP_THRESHOLD:
                count += 1
                if sim > best:
                    best, best_text = sim, text
        return SelfMatches(count, len(texts), best, best_text)

    @cached_property
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

    @cached_property
    def model_probability(self) -> float | None:
        """The text model's probability that the note belongs to a flagged case."""
        if self.model is None or not self.model.is_fitted:
            return None
        return self.model.predict_proba(self.case.text)
