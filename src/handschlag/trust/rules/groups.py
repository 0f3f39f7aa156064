"""Group invitations: relevant to the invitee, and not sent in bulk."""

from __future__ import annotations

from handschlag.trust.analysis import Analysis
from handschlag.trust.case import Kind
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_
from handschlag.trust.text.normalise import view

INVITATIONS = (Kind.GROUP_INVITATION,)
MASS_INVITES = 50
_SHORT = 2


def _words(values: tuple[str, ...]) -> set[str]:
    return {t for v in values for t in view(v).tokens if len(t) > _SHORT}


def matching_topics(a: Analysis) -> list[str]:
    """The group's topics that share a word with the invitee's interests, skills or wishes."""
    group = a.case.group
    if group is None:
        return []
    r = a.case.recipient
    mine = _words((*r.interests, *r.skills, *r.seeking, *r.offering, r.headline))
    return [t for t in group.topics if _words((t,)) & mine]


@rule(
    code="GRP_IRRELEVANT",
    kinds=INVITATIONS,
    group="groups",
    explain=N_("none of the topics of “%(group)s” (%(topics)s) matches your interests"),
)
def irrelevant(a: Analysis) -> Evidence | None:
    """The group's topics have nothing to do with the invitee's interests and skills."""
    group = a.case.group
    if group is None or not group.topics or matching_topics(a):
        return None
    return Evidence({"group": group.name, "topics": ", ".join(group.topics[:3])})


@rule(
    code="GRP_MASS_INVITES",
    kinds=INVITATIONS,
    group="groups",
    explain=N_("the inviter sent %(count)d group invitations in the last 7 days"),
)
def mass_invites(a: Analysis) -> Evidence | None:
    """Bulk inviting: fifty or more invitations a week."""
    group = a.case.group
    if group is None or group.inviter_invites_7d < MASS_INVITES:
        return None
    return Evidence({"count": group.inviter_invites_7d})


@rule(
    code="GRP_RELEVANT",
    kinds=INVITATIONS,
    group="groups",
    explain=N_("“%(group)s” is about %(topics)s, which matches your interests"),
)
def relevant(a: Analysis) -> Evidence | None:
    """The group's topics match the invitee's interests or skills."""
    group = a.case.group
    topics = matching_topics(a)
    if group is None or not topics:
        return None
    return Evidence({"group": group.name, "topics": ", ".join(topics[:3])})
