"""What the engine answers: the label, the total score and the hits that explain it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from handschlag.trust.i18n import N_, Value, render

__all__ = ["Hit", "Label", "Thresholds", "Verdict"]


class Label(StrEnum):
    """welcome: nothing to worry about; review: a human should look; decline: clearly
    unwanted or mismatched; spam: automated or deceptive behaviour."""

    WELCOME = "welcome"
    REVIEW = "review"
    DECLINE = "decline"
    SPAM = "spam"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Score limits for the labels; `spam_evidence` is the least score from automation or
    deception (templates, false claims, mass sending) that a spam label needs."""

    review: float = 3.0
    decline: float = 6.0
    spam: float = 6.0
    spam_evidence: float = 5.0

    def label_for(self, score: float, spam_evidence: float) -> Label:
        """Choose the label for a total score and its share of automation or deception."""
        if score >= self.spam and spam_evidence >= self.spam_evidence:
            return Label.SPAM
        if score >= self.decline:
            return Label.DECLINE
        if score >= self.review:
            return Label.REVIEW
        return Label.WELCOME


@dataclass(frozen=True, slots=True)
class Hit:
    """One rule that fired: its code and score, and the evidence its explanation cites.

    `message` is the English message id; `explanation(lang)` renders it. `related` holds
    short excerpts of the other texts a template rule found similar. A shadow hit is
    recorded for measurement but adds nothing to the score.
    """

    code: str
    score: float
    group: str
    message: str
    evidence: Mapping[str, Value] = field(default_factory=dict)
    related: tuple[str, ...] = ()
    shadow: bool = False

    def explanation(self, lang: str) -> str:
        """The sentence a member reads, in German or English."""
        return render(self.message, self.evidence, lang)

    def to_dict(self, lang: str) -> dict[str, object]:
        return {"rule": self.code, "score": self.score, "explanation": self.explanation(lang)}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The label, the total and the hits sorted by weight (largest absolute score first)."""

    case_id: str
    label: Label
    score: float
    hits: tuple[Hit, ...]
    thresholds: Thresholds = field(default_factory=Thresholds)
    lang: str = "en"

    @property
    def codes(self) -> frozenset[str]:
        """The codes of the hits that count (not shadow hits)."""
        return frozenset(h.code for h in self.hits if not h.shadow)

    def to_dict(self, lang: str | None = None) -> dict[str, object]:
        """The JSON Lines output of `handschlag triage`."""
        use = lang or self.lang
        return {
            "id": self.case_id,
            "label": self.label.value,
            "score": self.score,
            "hits": [h.to_dict(use) for h in self.hits],
        }

    def report(self, lang: str | None = None) -> str:
        """A plain-text report in the manner of a mail filter: points, rule, why; then total."""
        use = lang or self.lang
        lines = [f"{h.score:6.2f}  {h.code:<22}  {h.explanation(use)}" for h in self.hits]
        total = render(
            _TOTAL,
            {
                "score": f"{self.score:.2f}",
                "label_msg": _LABEL_NAMES[self.label],
                "review": f"{self.thresholds.review:g}",
                "decline": f"{self.thresholds.decline:g}",
                "spam": f"{self.thresholds.spam:g}",
            },
            use,
        )
        return "\n".join([*lines, total])


_TOTAL = N_(
    "Total %(score)s points: %(label_msg)s (review from %(review)s, decline from %(decline)s, "
    "spam from %(spam)s)"
)

_LABEL_NAMES: dict[Label, str] = {
    Label.WELCOME: N_("welcome"),
    Label.REVIEW: N_("review"),
    Label.DECLINE: N_("decline"),
    Label.SPAM: N_("spam"),
}
