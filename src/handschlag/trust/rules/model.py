"""The statistical text model as one bounded rule."""

from __future__ import annotations

from handschlag.trust.analysis import Analysis
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_

#: The model says nothing below this probability; at 1.0 the rule gets its full score.
MIN_PROBABILITY = 0.6


@rule(
    code="ML_TEXT_MODEL",
    group="model",
    explain=N_(
        "the text resembles notes that members declined or reported (%(percent)d%% likely; "
        "words: %(words)s)"
    ),
)
def text_model(a: Analysis) -> Evidence | None:
    """The model learnt from members' decisions finds the text like flagged ones."""
    p = a.model_probability
    if p is None or p < MIN_PROBABILITY or a.model is None:
        return None
    strength = (p - MIN_PROBABILITY) / (1.0 - MIN_PROBABILITY)
    words = ", ".join(f"“{w}”" for w in a.model.explain_features(a.model_features)) or "-"
    return Evidence({"percent": round(p * 100), "words": words}, strength=max(strength, 0.01))
