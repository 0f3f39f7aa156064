"""Common ground: what sender and recipient share. Reassuring, except its absence."""

from __future__ import annotations

from handschlag.trust.analysis import Analysis
from handschlag.trust.case import Kind
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_

MUTUAL_CONTACTS = 3
PERSONAL = (Kind.CONTACT_REQUEST, Kind.MESSAGE, Kind.RECOMMENDATION_REQUEST)


def _names(values: tuple[str, ...]) -> str:
    shown = ", ".join(values[:2])
    return shown + (" …" if len(values) > 2 else "")


@rule(
    code="CG_SHARED_EMPLOYER",
    group="common_ground",
    explain=N_("you both worked at %(employers)s"),
)
def shared_employer(a: Analysis) -> Evidence | None:
    """A shared employer in overlapping years: former colleagues."""
    employers = a.case.relation.shared_employers
    return Evidence({"employers": _names(employers)}) if employers else None


@rule(
    code="CG_SHARED_SCHOOL",
    group="common_ground",
    explain=N_("you both studied at %(schools)s"),
)
def shared_school(a: Analysis) -> Evidence | None:
    """A shared school or university."""
    schools = a.case.relation.shared_schools
    return Evidence({"schools": _names(schools)}) if schools else None


@rule(
    code="CG_SHARED_GROUP",
    group="common_ground",
    explain=N_("you are both members of %(groups)s"),
)
def shared_group(a: Analysis) -> Evidence | None:
    """A shared group on the platform."""
    groups = a.case.relation.shared_groups
    return Evidence({"groups": _names(groups)}) if groups else None


@rule(
    code="CG_MET_AT_EVENT",
    group="common_ground",
    explain=N_("you were both at %(events)s"),
)
def met_at_event(a: Analysis) -> Evidence | None:
    """Both checked in at the same event: the strongest common ground there is."""
    events = a.case.relation.shared_events
    return Evidence({"events": _names(events)}) if events else None


@rule(
    code="CG_MUTUAL_CONTACTS",
    group="common_ground",
    explain=N_("you have %(count)d contacts in common"),
)
def mutual_contacts(a: Analysis) -> Evidence | None:
    """Three or more mutual contacts: the sender moves in the recipient's circles."""
    n = a.case.relation.mutual_contacts
    return Evidence({"count": n}) if n >= MUTUAL_CONTACTS else None


@rule(
    code="CG_PRIOR_CONTACT",
    group="common_ground",
    explain=N_("you have exchanged %(messages)d messages and had %(meetings)d meetings before"),
)
def prior_contact(a: Analysis) -> Evidence | None:
    """A real history of messages or meetings on the platform."""
    rel = a.case.relation
    if rel.prior_messages == 0 and rel.prior_meetings == 0:
        return None
    return Evidence({"messages": rel.prior_messages, "meetings": rel.prior_meetings})


@rule(
    code="CG_INTRODUCED",
    group="common_ground",
    explain=N_("your contact %(introducer)s made the introduction"),
)
def introduced(a: Analysis) -> Evidence | None:
    """A mutual contact read the sender's reason and forwarded it: someone the recipient
    knows vouches for the sender."""
    introducer = a.case.relation.introduced_by
    return Evidence({"introducer": introducer}) if introducer else None


@rule(
    code="CG_NONE",
    kinds=PERSONAL,
    group="common_ground",
    explain=N_("you share no employer, school, group, event, conversation or contacts"),
)
def no_common_ground(a: Analysis) -> Evidence | None:
    """A stranger: nothing shared at all, not connected and not introduced."""
    rel = a.case.relation
    if rel.connected or rel.introduced_by or rel.mutual_contacts >= MUTUAL_CONTACTS:
        return None
    if rel.shared_employers or rel.shared_schools or rel.shared_groups or rel.shared_events:
        return None
    if rel.prior_messages or rel.prior_meetings:
        return None
    return Evidence({"mutual": rel.mutual_contacts})
