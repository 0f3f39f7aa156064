"""Rows → trust.Case: the facts a group invitation is judged by.

The invitee's interests are what their profile says they look for and offer, their
skills, and the topics of the groups they already belong to; the relation (contacts,
mutual contacts, shared employers and schools, shared groups) comes from the same
queries that judge contact requests. Every query is bounded by the two members' rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from handschlag.accounts.models import Member
from handschlag.groups.models import Group, GroupInvitation
from handschlag.groups.queries import member_interests
from handschlag.network.cases import pair_facts, profile_facts
from handschlag.network.common_ground import other_ground
from handschlag.profiles.models import Profile
from handschlag.trust import Case, Kind, Recipient, Relation, Sender
from handschlag.trust import Group as CaseGroup

_LANGS = ("de", "en")


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def invitations_sent_since(inviter_id: int, moment: datetime) -> int:
    """How many invitations the inviter sent since ``moment`` (index inviter + sent_at)."""
    return GroupInvitation.objects.filter(inviter_id=inviter_id, sent_at__gte=moment).count()


def build_invitation_case(
    inviter: Member, *, invitee: Member, group: Group, note: str, now: datetime
) -> Case:
    """Gather everything the engine needs to judge ``inviter``'s invitation of ``invitee``."""
    profiles = {
        p.member_id: p for p in Profile.objects.filter(member_id__in=(inviter.pk, invitee.pk))
    }
    inviter_profile = profiles.get(inviter.pk)
    invitee_profile = profiles.get(invitee.pk)
    pair = pair_facts(inviter.pk, invitee.pk)
    shared = profile_facts(inviter.pk, invitee.pk, today=now.date())
    # Groups, meetups and conversations the two share, read as for contact requests.
    ground = other_ground(inviter.pk, invitee.pk)
    return Case(
        id=f"group_invitation:{inviter.pk}:{invitee.pk}:{group.pk}:{int(now.timestamp())}",
        kind=Kind.GROUP_INVITATION,
        text=note,
        sent_at=now,
        sender=Sender(
            id=str(inviter.pk),
            name=inviter_profile.full_name if inviter_profile else "",
            headline=inviter_profile.headline if inviter_profile else "",
            contacts=pair.contacts,
            account_age_days=max(0, (now - inviter.date_joined).days),
        ),
        recipient=Recipient(
            id=str(invitee.pk),
            name=invitee_profile.full_name if invitee_profile else "",
            headline=invitee_profile.headline if invitee_profile else "",
            lang=invitee.language if invitee.language in _LANGS else None,
            skills=shared.recipient_skills,
            interests=member_interests(invitee.pk),
            seeking=_lines(invitee_profile.seeking) if invitee_profile else (),
            offering=_lines(invitee_profile.offering) if invitee_profile else (),
        ),
        relation=Relation(
            connected=pair.connected_at is not None,
            connected_at=pair.connected_at,
            mutual_contacts=pair.mutual_contacts,
            shared_employers=shared.shared_employers,
            shared_schools=shared.shared_schools,
            shared_groups=ground.shared_groups,
            shared_events=ground.shared_events,
            prior_messages=ground.prior_messages,
        ),
        group=CaseGroup(
            name=group.name,
            topics=tuple(str(t) for t in group.topics or []),
            inviter_invites_7d=invitations_sent_since(inviter.pk, now - timedelta(days=7)),
        ),
    )
