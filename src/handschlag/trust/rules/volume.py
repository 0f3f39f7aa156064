"""Volume: how much the sender sends and how members receive it."""

from __future__ import annotations

from handschlag.trust.analysis import Analysis
from handschlag.trust.case import Kind
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_

#: Kinds that a sender sends one by one to people; the request counters describe them.
SENT = (Kind.CONTACT_REQUEST, Kind.MESSAGE, Kind.RECRUITER_OFFER, Kind.RECOMMENDATION_REQUEST)

MASS_PER_WEEK = 50
MANY_PER_WEEK = 20
LOW_ACCEPTANCE = 0.25
ACCEPTANCE_MIN_SENT = 20
YOUNG_DAYS = 90
YOUNG_CONTACTS = 500
HUGE_CONTACTS = 3000


@rule(
    code="VOL_MASS_REQUESTS",
    kinds=SENT,
    group="volume",
    explain=N_("sent %(count)d requests in the last 7 days"),
)
def mass_requests(a: Analysis) -> Evidence | None:
    """Mass sending: at least 50 requests in a week is what automation tools do."""
    sent = a.case.sender.requests_sent_7d
    return Evidence({"count": sent}) if sent >= MASS_PER_WEEK else None


@rule(
    code="VOL_MANY_REQUESTS",
    kinds=SENT,
    group="volume",
    explain=N_("sent %(count)d requests in the last 7 days, more than most members"),
)
def many_requests(a: Analysis) -> Evidence | None:
    """High but not automated volume (20 to 49 a week): worth a look together with other signs."""
    sent = a.case.sender.requests_sent_7d
    return Evidence({"count": sent}) if MANY_PER_WEEK <= sent < MASS_PER_WEEK else None


@rule(
    code="VOL_LOW_ACCEPTANCE",
    kinds=SENT,
    group="volume",
    explain=N_("only %(accepted)d of %(sent)d requests in 90 days were accepted (%(percent)d%%)"),
)
def low_acceptance(a: Analysis) -> Evidence | None:
    """Few recipients accept: members who know the sender accept, strangers do not."""
    s = a.case.sender
    if s.requests_sent_90d < ACCEPTANCE_MIN_SENT:
        return None
    accepted = min(s.requests_accepted_90d, s.requests_sent_90d)
    rate = accepted / s.requests_sent_90d
    if rate >= LOW_ACCEPTANCE:
        return None
    return Evidence(
        {"accepted": accepted, "sent": s.requests_sent_90d, "percent": round(rate * 100)}
    )


@rule(
    code="VOL_YOUNG_HUGE_NET",
    kinds=SENT,
    group="volume",
    explain=N_("the account is %(days)d days old and already has %(contacts)d contacts"),
)
def young_huge_network(a: Analysis) -> Evidence | None:
    """A young account with a huge network was grown by collecting, not by knowing people."""
    s = a.case.sender
    if s.account_age_days < YOUNG_DAYS and s.contacts >= YOUNG_CONTACTS:
        return Evidence({"days": s.account_age_days, "contacts": s.contacts})
    return None


@rule(
    code="VOL_HUGE_NETWORK",
    kinds=(Kind.CONTACT_REQUEST, Kind.RECOMMENDATION_REQUEST),
    group="volume",
    explain=N_("has %(contacts)d contacts, more than anyone can know"),
)
def huge_network(a: Analysis) -> Evidence | None:
    """Thousands of contacts on an older account: a collector's trophy."""
    s = a.case.sender
    if s.contacts >= HUGE_CONTACTS and s.account_age_days >= YOUNG_DAYS:
        return Evidence({"contacts": s.contacts})
    return None
