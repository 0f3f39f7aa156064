"""Claims of a prior contact, checked against the real history."""

from __future__ import annotations

from handschlag.trust.analysis import Analysis
from handschlag.trust.case import Intent, Kind
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_

CLAIMABLE = (Kind.CONTACT_REQUEST, Kind.MESSAGE, Kind.RECRUITER_OFFER, Kind.RECOMMENDATION_REQUEST)

_INTENT_NAMES = {
    Intent.WORKED_TOGETHER: N_("worked together"),
    Intent.MET: N_("met"),
}


@rule(
    code="CLAIM_FALSE_CONTACT",
    kinds=CLAIMABLE,
    group="claims",
    explain=N_(
        "claims an earlier contact (“%(phrase)s”), but you have no conversation, meeting or "
        "event in common"
    ),
)
def false_contact(a: Analysis) -> Evidence | None:
    """A claim of earlier contact ("wie telefonisch besprochen", "you missed our appointment")
    with no history to back it."""
    if a.case.relation.has_history:
        return None
    found = a.phrases("claim")
    return Evidence({"phrase": found[0].cited}) if found else None


@rule(
    code="CLAIM_INTENT_UNBACKED",
    kinds=CLAIMABLE,
    group="claims",
    explain=N_("says you %(intent_msg)s, but nothing on record shows it"),
)
def intent_unbacked(a: Analysis) -> Evidence | None:
    """The declared intent ("worked together", "met") is not backed by an employer, event or
    meeting."""
    rel = a.case.relation
    intent = a.case.intent
    worked = rel.shared_employers or rel.shared_schools or rel.prior_meetings or rel.prior_messages
    if intent is Intent.WORKED_TOGETHER and not worked:
        return Evidence({"intent_msg": _INTENT_NAMES[intent]})
    if intent is Intent.MET and not rel.has_history:
        return Evidence({"intent_msg": _INTENT_NAMES[intent]})
    return None
