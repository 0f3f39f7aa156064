"""Default scores per rule code and the groups with their caps (SpamAssassin's 50_scores).

Rule logic lives in `rules/`; the numbers live here so an installation can override them
through a `Policy` without touching code. Positive scores are suspicious, negative ones
reassure. The values were set on the tuning part of the corpus (see docs/trust.md) and
checked, not tuned, on the held-out part.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["GROUPS", "SCORES", "SHIELDED", "GroupSpec", "Signal"]


class Signal(StrEnum):
    """What a group's positive points say about the sender; spam needs automation or deception."""

    AUTOMATION = "automation"
    DECEPTION = "deception"
    UNWANTED = "unwanted"
    MISMATCH = "mismatch"
    REASSURANCE = "reassurance"
    MODEL = "model"


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """A rule group: its cap (on the sum of its positive and, separately, its negative
    points) and the kind of signal its positive points are. A `shielded` group's points
    cannot be offset by reassurance from other groups: common ground says who the sender
    is, not that their sales pitch is welcome."""

    cap: float
    signal: Signal
    shielded: bool = False


GROUPS: dict[str, GroupSpec] = {
    "volume": GroupSpec(cap=5.0, signal=Signal.AUTOMATION),
    "reports": GroupSpec(cap=5.0, signal=Signal.DECEPTION),
    "templates": GroupSpec(cap=7.0, signal=Signal.AUTOMATION),
    "notes": GroupSpec(cap=4.0, signal=Signal.UNWANTED),
    "common_ground": GroupSpec(cap=6.0, signal=Signal.REASSURANCE),
    "pitch": GroupSpec(cap=8.0, signal=Signal.UNWANTED, shielded=True),
    "claims": GroupSpec(cap=7.0, signal=Signal.DECEPTION),
    "offers": GroupSpec(cap=9.0, signal=Signal.MISMATCH),
    "recommendations": GroupSpec(cap=7.0, signal=Signal.UNWANTED),
    "groups": GroupSpec(cap=7.0, signal=Signal.UNWANTED),
    "content": GroupSpec(cap=6.0, signal=Signal.UNWANTED),
    "model": GroupSpec(cap=2.0, signal=Signal.MODEL),
}

#: The groups whose net suspicion reassurance cannot offset (see `GroupSpec.shielded`).
SHIELDED = frozenset(name for name, spec in GROUPS.items() if spec.shielded)

SCORES: dict[str, float] = {
    # volume: how much the sender sends and how it is received
    "VOL_MASS_REQUESTS": 3.0,
    "VOL_MANY_REQUESTS": 1.5,
    "VOL_LOW_ACCEPTANCE": 2.5,
    "VOL_YOUNG_HUGE_NET": 2.0,
    "VOL_HUGE_NETWORK": 1.0,
    # reports: "I don't know this person" and abuse reports
    "REP_REPORTED": 2.0,
    "REP_REPORTED_OFTEN": 4.0,
    # templates: near-duplicates of the sender's own texts and of other accounts' texts
    "TPL_SELF_NEAR_DUP": 4.0,
    "TPL_MASS_SEND": 3.0,
    "TPL_CROSS_SENDER": 6.0,
    # notes
    "NOTE_MISSING": 1.0,
    "NOTE_GENERIC": 2.0,
    "NOTE_NO_PROFILE_VIEW": 1.0,
    "NOTE_SPECIFIC": -2.0,
    # common ground (reassuring), and its absence
    "CG_SHARED_EMPLOYER": -3.0,
    "CG_SHARED_SCHOOL": -1.5,
    "CG_SHARED_GROUP": -1.0,
    "CG_MET_AT_EVENT": -3.0,
    "CG_MUTUAL_CONTACTS": -1.0,
    "CG_PRIOR_CONTACT": -2.5,
    "CG_INTRODUCED": -3.0,
    "CG_NONE": 1.5,
    # pitches
    "PITCH_SALES": 2.5,
    "PITCH_AFTER_CONNECT": 3.5,
    "PITCH_MEETING_LINK": 2.5,
    "PITCH_NOT_SOUGHT": 1.0,
    "PITCH_ASKS_CONTACT": 1.5,
    "PITCH_SOUGHT": -2.0,
    # claims of a prior contact
    "CLAIM_FALSE_CONTACT": 6.0,
    "CLAIM_INTENT_UNBACKED": 3.5,
    # recruiter offers
    "OFFER_BELOW_FLOOR": 6.0,
    "OFFER_LEVEL_MISMATCH": 4.0,
    "OFFER_SKILL_MISMATCH": 3.5,
    "OFFER_PLACE_MISMATCH": 3.0,
    "OFFER_NO_SALARY": 3.0,
    "OFFER_NOT_OPEN": 3.0,
    "OFFER_GOOD_MATCH": -2.0,
    # recommendation requests
    "REC_NO_SHARED_WORK": 4.0,
    "REC_NO_CONTEXT": 2.0,
    # group invitations
    "GRP_IRRELEVANT": 4.0,
    "GRP_MASS_INVITES": 2.5,
    "GRP_RELEVANT": -2.0,
    # content
    "TXT_HASHTAG_SPAM": 2.5,
    "TXT_ENGAGEMENT_BAIT": 3.5,
    # the statistical text model (score at full confidence; scaled by the evidence)
    "ML_TEXT_MODEL": 2.0,
}
