"""Notes: the text that comes with a request, and whether the sender looked first."""

from __future__ import annotations

from handschlag.trust.analysis import Analysis
from handschlag.trust.case import Kind
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_

#: A note with fewer words says nothing.
MIN_WORDS = 3
PERSONAL = (Kind.CONTACT_REQUEST, Kind.MESSAGE, Kind.RECOMMENDATION_REQUEST)


@rule(
    code="NOTE_MISSING",
    kinds=(Kind.CONTACT_REQUEST, Kind.RECOMMENDATION_REQUEST),
    group="notes",
    explain=N_("came without a note"),
)
def missing(a: Analysis) -> Evidence | None:
    """No note at all (fewer than three words): the sender gives no reason."""
    return Evidence({"words": a.word_count}) if a.word_count < MIN_WORDS else None


@rule(
    code="NOTE_GENERIC",
    kinds=PERSONAL,
    group="notes",
    explain=N_("the note is a stock phrase that fits anyone: “%(phrase)s”"),
)
def generic(a: Analysis) -> Evidence | None:
    """A collector's stock phrase ("something interesting could come of our connection")."""
    found = a.phrases("generic")
    if not found:
        return None
    return Evidence({"phrase": found[0].cited, "count": len(found)})


@rule(
    code="NOTE_NO_PROFILE_VIEW",
    kinds=(Kind.CONTACT_REQUEST, Kind.RECRUITER_OFFER, Kind.RECOMMENDATION_REQUEST),
    group="notes",
    explain=N_("the sender did not open your profile before writing"),
)
def no_profile_view(a: Analysis) -> Evidence | None:
    """No look at the profile and no shared history: the request was not written for you."""
    rel = a.case.relation
    if rel.viewed_profile_before or rel.has_history:
        return None
    return Evidence({})


@rule(
    code="NOTE_SPECIFIC",
    kinds=PERSONAL,
    group="notes",
    explain=N_("the note refers to you specifically: %(detail)s"),
)
def specific(a: Analysis) -> Evidence | None:
    """The note names something of the recipient's (a skill, a topic, a shared place), and is
    neither a template with merged fields nor a sales pitch."""
    mentions = a.specific_mentions
    if not mentions or a.is_template or a.pitch_phrases:
        return None
    return Evidence({"detail": ", ".join(f"“{m}”" for m in mentions[:3]), "count": len(mentions)})
