"""An installation's or a member's settings for the engine (SpamAssassin's local.cf)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from handschlag.trust.scores import GROUPS, SCORES
from handschlag.trust.verdict import Thresholds

__all__ = ["ModelMode", "Policy"]


class ModelMode(StrEnum):
    """How the statistical text model takes part: not at all, recorded only, or scored."""

    OFF = "off"
    SHADOW = "shadow"
    ON = "on"


@dataclass(frozen=True, slots=True)
class Policy:
    """Score and cap overrides, thresholds, disabled rules and how the text model counts.

    The text model runs in shadow mode unless the host turns it on: its hits are recorded
    as `T_ML_TEXT_MODEL` with no score. When on, it moves a case between welcome and review
    but never alone to decline or spam.

    `model_min_examples` is the least number of training examples of *each* class
    (flagged and not) before the model's rule is scored; below it the model runs in
    shadow mode, whatever `model_mode` says.
    """

    scores: Mapping[str, float] = field(default_factory=dict)
    caps: Mapping[str, float] = field(default_factory=dict)
    thresholds: Thresholds = field(default_factory=Thresholds)
    disabled: frozenset[str] = frozenset()
    model_mode: ModelMode = ModelMode.SHADOW
    model_min_examples: int = 50

    def score_for(self, code: str) -> float:
        return self.scores.get(code, SCORES[code])

    def cap_for(self, group: str) -> float:
        return self.caps.get(group, GROUPS[group].cap)
