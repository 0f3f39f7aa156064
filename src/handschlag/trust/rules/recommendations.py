"""Recommendation requests: only from people the recipient has worked with, with a context."""

from __future__ import annotations

from handschlag.trust.analysis import Analysis
from handschlag.trust.case import Kind
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_

RECOMMENDATIONS = (Kind.RECOMMENDATION_REQUEST,)
#: A request of this many words or more may carry its context without our keywords.
CONTEXT_WORDS = 25


@rule(
    code="REC_NO_SHARED_WORK",
    kinds=RECOMMENDATIONS,
    group="recommendations",
    explain=N_("asks for a recommendation, but you never worked or studied together"),
)
def no_shared_work(a: Analysis) -> Evidence | None:
    """No shared employer, school or meeting: the recipient cannot vouch for this person."""
    rel = a.case.relation
    if rel.shared_employers or rel.shared_schools or rel.prior_meetings:
        return None
    return Evidence({})


@rule(
    code="REC_NO_CONTEXT",
    kinds=RECOMMENDATIONS,
    group="recommendations",
    explain=N_("does not say what the recommendation is for or which work it is about"),
)
def no_context(a: Analysis) -> Evidence | None:
    """No stated context (project, role, application) for the recommendation."""
    if a.phrases("rec_context") or a.word_count >= CONTEXT_WORDS:
        return None
    return Evidence({"words": a.word_count})
