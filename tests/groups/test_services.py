"""Groups: joining, join requests, leaving, member-list privacy, judged invitations,
the weekly quota and how irrelevant invitations lower it, and the shared-group fact."""

from datetime import timedelta

import pytest
from django.utils import timezone

from handschlag.groups import queries, services
from handschlag.groups.errors import (
    AlreadyMember,
    CannotInvite,
    ClosedGroup,
    InvitationOpen,
    InvitationQuotaExhausted,
    JoinRequestNotFound,
    LastModerator,
)
from handschlag.groups.models import InvitationFolder, InvitationStatus, Role
from handschlag.network.services import connect_members
from handschlag.profiles.services import set_skills
from tests.profiles.factories import ProfileFactory

pytestmark = pytest.mark.django_db


### Groups, joining, leaving ###


def test_the_creator_is_the_first_moderator(anna, tax_group):
    [membership] = tax_group.memberships.all()
    assert membership.member == anna
    assert membership.role == Role.MODERATOR
    assert tax_group.slug == "steuern-im-handwerk"


def test_a_public_group_is_joined_at_once(bernd, tax_group):
    services.join_group(bernd, group_id=tax_group.pk)

    with pytest.raises(AlreadyMember):
        services.join_group(bernd, group_id=tax_group.pk)
    assert queries.membership_of(bernd.pk, tax_group.pk) is not None


def test_a_closed_group_needs_a_join_request_a_moderator_accepts(anna, clara, closed_group):
    with pytest.raises(ClosedGroup):
        services.join_group(clara, group_id=closed_group.pk)

    join_request = services.request_to_join(clara, group_id=closed_group.pk, message="Hallo!")
    with pytest.raises(JoinRequestNotFound):
        # Only moderators answer; to anyone else the request does not exist.
        services.answer_join_request(clara, request_id=join_request.pk, accept=True)
    services.answer_join_request(anna, request_id=join_request.pk, accept=True)

    assert queries.membership_of(clara.pk, closed_group.pk) is not None


def test_a_declined_join_request_lets_nobody_in(anna, clara, closed_group):
    join_request = services.request_to_join(clara, group_id=closed_group.pk)

    services.answer_join_request(anna, request_id=join_request.pk, accept=False)

    assert queries.membership_of(clara.pk, closed_group.pk) is None


def test_the_last_moderator_names_another_before_leaving(anna, bernd, tax_group):
    services.join_group(bernd, group_id=tax_group.pk)
    with pytest.raises(LastModerator):
        services.leave_group(anna, group_id=tax_group.pk)

    services.make_moderator(anna, group_id=tax_group.pk, member_id=bernd.pk)
    services.leave_group(anna, group_id=tax_group.pk)

    assert queries.membership_of(anna.pk, tax_group.pk) is None


### Member lists ###


def test_a_closed_groups_member_list_is_for_its_members_only(anna, bernd, clara, closed_group):
    join_request = services.request_to_join(bernd, group_id=closed_group.pk)
    services.answer_join_request(anna, request_id=join_request.pk, accept=True)

    outsider = queries.group_page(clara, slug=closed_group.slug)
    insider = queries.group_page(bernd, slug=closed_group.slug)

    assert outsider.members is None
    # The moderators are named to everyone, so that one knows whom one asks.
    assert [m.full_name for m in outsider.moderators] == ["Anna Becker"]
    assert {m.full_name for m in insider.members or ()} == {"Anna Becker", "Bernd Wagner"}


def test_a_public_groups_member_list_shows_names_and_headlines_only(anna, clara, tax_group):
    services.join_group(clara, group_id=tax_group.pk)

    page = queries.group_page(anna, slug=tax_group.slug)

    clara_entry = next(m for m in page.members or () if m.member_id == clara.pk)
    assert (clara_entry.full_name, clara_entry.headline) == ("Clara Vogt", "Personalreferentin")


### The shared-group fact for the trust engine ###


def test_shared_group_names_lists_the_groups_both_belong_to(anna, bernd, tax_group, closed_group):
    assert queries.shared_group_names(anna.pk, bernd.pk) == ()

    services.join_group(bernd, group_id=tax_group.pk)

    assert queries.shared_group_names(anna.pk, bernd.pk) == ("Steuern im Handwerk",)
    assert queries.shared_group_names(bernd.pk, anna.pk) == ("Steuern im Handwerk",)


### Invitations: relevance, volume, acquaintance ###


def test_a_relevant_invitation_from_a_contact_lands_in_the_inbox(anna, bernd, tax_group):
    set_skills(bernd, names=["DATEV", "Lohnbuchhaltung"])

    invitation = services.invite_to_group(
        anna, group_id=tax_group.pk, invitee_id=bernd.pk, note="Das passt zu Ihnen."
    )

    assert invitation.label == "welcome"
    assert invitation.folder == InvitationFolder.INBOX
    assert invitation.status == InvitationStatus.PENDING
    assert not invitation.is_irrelevant
    assert "GRP_RELEVANT" in {hit["code"] for hit in invitation.hits}


def test_an_irrelevant_single_invitation_is_judged_but_not_declined(clara, anna, crypto_group):
    invitation = services.invite_to_group(clara, group_id=crypto_group.pk, invitee_id=anna.pk)

    assert invitation.is_irrelevant
    assert "GRP_IRRELEVANT" in {hit["code"] for hit in invitation.hits}
    # One irrelevant invitation is worth a look, not an automatic decline.
    assert invitation.status == InvitationStatus.PENDING


def _crowd(count: int) -> list:
    return [ProfileFactory().member for _ in range(count)]


def _bulk_history(inviter, group, count: int, *, policy: str = "decline") -> None:
    for invitee in _crowd(count):
        if policy != "decline":
            services.save_invitation_policy(invitee, irrelevant_action=policy)
        services.invite_to_group(inviter, group_id=group.pk, invitee_id=invitee.pk)


def test_an_irrelevant_bulk_invitation_is_declined_automatically_and_counted(
    anna, clara, crypto_group
):
    _bulk_history(clara, crypto_group, 50)

    invitation = services.invite_to_group(clara, group_id=crypto_group.pk, invitee_id=anna.pk)

    assert {"GRP_IRRELEVANT", "GRP_MASS_INVITES"} <= {hit["code"] for hit in invitation.hits}
    assert invitation.status == InvitationStatus.AUTO_DECLINED
    assert invitation.folder == InvitationFolder.FILED
    quota = services.weekly_invitation_quota(clara.pk, now=timezone.now())
    assert quota.lowered_by == services.PENALTY_PER_IRRELEVANT


def test_the_member_policy_can_file_irrelevant_bulk_invitations_instead(anna, clara, crypto_group):
    services.save_invitation_policy(anna, irrelevant_action="file")
    _bulk_history(clara, crypto_group, 50)

    invitation = services.invite_to_group(clara, group_id=crypto_group.pk, invitee_id=anna.pk)

    assert invitation.status == InvitationStatus.PENDING
    assert invitation.folder == InvitationFolder.FILED


def test_the_weekly_quota_refuses_with_a_clear_message(clara, crypto_group, time_machine):
    # The crowd files irrelevant invitations instead of declining them: none lowers the quota.
    _bulk_history(clara, crypto_group, services.WEEKLY_INVITATIONS, policy="file")
    [one_more] = _crowd(1)

    with pytest.raises(InvitationQuotaExhausted) as refused:
        services.invite_to_group(clara, group_id=crypto_group.pk, invitee_id=one_more.pk)

    assert refused.value.message.startswith(
        "You have sent 60 group invitations in the last 7 days, the most allowed. "
        "You can invite again from "
    )
    time_machine.move_to(timezone.now() + timedelta(days=7, seconds=1))
    assert services.invite_to_group(clara, group_id=crypto_group.pk, invitee_id=one_more.pk)


def test_declined_irrelevant_invitations_lower_the_quota(anna, clara, crypto_group):
    invitees = _crowd(5)
    for invitee in invitees:
        invitation = services.invite_to_group(
            clara, group_id=crypto_group.pk, invitee_id=invitee.pk
        )
        assert invitation.is_irrelevant
        services.answer_invitation(invitee, invitation_id=invitation.pk, accept=False)

    quota = services.weekly_invitation_quota(clara.pk, now=timezone.now())

    assert quota.lowered_by == 5 * services.PENALTY_PER_IRRELEVANT
    assert quota.limit == services.WEEKLY_INVITATIONS - 10
    assert quota.used == 5


def test_a_relevant_invitation_declined_does_not_lower_the_quota(anna, bernd, tax_group):
    set_skills(bernd, names=["DATEV"])
    invitation = services.invite_to_group(anna, group_id=tax_group.pk, invitee_id=bernd.pk)

    services.answer_invitation(bernd, invitation_id=invitation.pk, accept=False)

    assert services.weekly_invitation_quota(anna.pk, now=timezone.now()).lowered_by == 0


def test_accepting_an_invitation_joins_even_a_closed_group(anna, bernd, closed_group):
    invitation = services.invite_to_group(anna, group_id=closed_group.pk, invitee_id=bernd.pk)

    services.answer_invitation(bernd, invitation_id=invitation.pk, accept=True)

    assert queries.membership_of(bernd.pk, closed_group.pk) is not None


def test_who_may_invite(anna, bernd, clara, closed_group, tax_group):
    with pytest.raises(CannotInvite):
        services.invite_to_group(clara, group_id=tax_group.pk, invitee_id=bernd.pk)
    services.join_group(clara, group_id=tax_group.pk)
    assert services.invite_to_group(clara, group_id=tax_group.pk, invitee_id=bernd.pk)
    with pytest.raises(InvitationOpen):
        services.invite_to_group(anna, group_id=tax_group.pk, invitee_id=bernd.pk)

    # In a closed group only moderators invite.
    services.answer_invitation(
        bernd,
        invitation_id=services.invite_to_group(
            anna, group_id=closed_group.pk, invitee_id=bernd.pk
        ).pk,
        accept=True,
    )
    with pytest.raises(CannotInvite) as refused:
        services.invite_to_group(bernd, group_id=closed_group.pk, invitee_id=clara.pk)
    assert refused.value.message == "Only the moderators of a closed group can invite to it."


def test_a_shared_group_counts_as_common_ground(anna, bernd, clara, tax_group, crypto_group):
    connect_members(anna, contact=clara)
    services.join_group(anna, group_id=crypto_group.pk)
    services.join_group(bernd, group_id=crypto_group.pk)

    invitation = services.invite_to_group(anna, group_id=tax_group.pk, invitee_id=bernd.pk)

    assert "CG_SHARED_GROUP" in {hit["code"] for hit in invitation.hits}


def test_an_invitees_group_topics_count_as_interests(anna, clara, tax_group):
    # Clara lists no skills, but she is in a group about DATEV.
    other = services.create_group(
        clara, name="DATEV-Anwender", description="", topics=["DATEV"], visibility="public"
    )
    assert other
    invitation = services.invite_to_group(anna, group_id=tax_group.pk, invitee_id=clara.pk)

    assert not invitation.is_irrelevant
