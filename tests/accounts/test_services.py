"""Invitations and the member's language, tested directly through the services."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from handschlag.accounts import queries, services
from handschlag.accounts.errors import InvitationInvalid, TooManyOpenInvitations
from handschlag.accounts.models import INVITATION_VALID_FOR, Invitation, Member
from tests.accounts.factories import MemberFactory


def test_create_invitation_issues_an_open_code(anna: Member) -> None:
    invitation = services.create_invitation(anna, note="  Bernd vom Stammtisch  ")

    assert invitation.inviter == anna
    assert invitation.note == "Bernd vom Stammtisch"
    assert invitation.is_open
    assert queries.is_invitation_code_open(invitation.code)
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        INVITATION_VALID_FOR, abs=timedelta(seconds=5)
    )


def test_create_invitation_refuses_past_the_open_limit(anna: Member, settings) -> None:
    settings.HANDSCHLAG_OPEN_INVITATIONS_PER_MEMBER = 2
    services.create_invitation(anna)
    services.create_invitation(anna)

    with pytest.raises(TooManyOpenInvitations) as refusal:
        services.create_invitation(anna)

    assert str(refusal.value.message) == (
        "You already have 2 open invitations. Wait until some are used."
    )
    assert Invitation.objects.filter(inviter=anna).count() == 2


def test_used_and_expired_codes_do_not_count_towards_the_limit(anna: Member, settings) -> None:
    settings.HANDSCHLAG_OPEN_INVITATIONS_PER_MEMBER = 1
    used = services.create_invitation(anna)
    services.redeem_invitation(code=used.code, member=MemberFactory())
    with time_machine.travel(timezone.now() - INVITATION_VALID_FOR - timedelta(days=1)):
        services.create_invitation(anna)  # expired by now

    services.create_invitation(anna)

    assert Invitation.objects.filter(inviter=anna).count() == 3


def test_redeem_invitation_records_the_inviter(anna: Member) -> None:
    invitation = services.create_invitation(anna)
    newcomer = MemberFactory()

    redeemed = services.redeem_invitation(code=f" {invitation.code} ", member=newcomer)

    newcomer.refresh_from_db()
    assert newcomer.invited_by == anna
    assert redeemed.accepted_by == newcomer
    assert redeemed.accepted_at is not None
    assert not queries.is_invitation_code_open(invitation.code)


def test_a_code_is_redeemed_only_once(anna: Member) -> None:
    invitation = services.create_invitation(anna)
    services.redeem_invitation(code=invitation.code, member=MemberFactory())
    latecomer = MemberFactory()

    with pytest.raises(InvitationInvalid) as refusal:
        services.redeem_invitation(code=invitation.code, member=latecomer)

    assert str(refusal.value.message) == (
        "This invitation code is not valid. It may have been used or have expired."
    )
    assert refusal.value.field == "invitation_code"
    latecomer.refresh_from_db()
    assert latecomer.invited_by is None


def test_an_expired_code_cannot_be_redeemed(anna: Member) -> None:
    invitation = services.create_invitation(anna)
    newcomer = MemberFactory()

    with time_machine.travel(invitation.expires_at + timedelta(seconds=1), tick=False):
        assert not queries.is_invitation_code_open(invitation.code)
        with pytest.raises(InvitationInvalid):
            services.redeem_invitation(code=invitation.code, member=newcomer)

    newcomer.refresh_from_db()
    assert newcomer.invited_by is None


def test_an_unknown_code_cannot_be_redeemed(anna: Member) -> None:
    with pytest.raises(InvitationInvalid):
        services.redeem_invitation(code="gibt-es-nicht", member=MemberFactory())


def test_list_invitations_of_shows_only_the_members_own(anna: Member, clara: Member) -> None:
    mine = services.create_invitation(anna)
    services.create_invitation(clara)

    assert list(queries.list_invitations_of(anna)) == [mine]


def test_set_member_language_saves_the_choice(anna: Member) -> None:
    services.set_member_language(anna, language="de")

    assert anna.language == "de"
    assert Member.objects.get(pk=anna.pk).language == "de"


def test_set_member_language_refuses_unknown_languages(anna: Member) -> None:
    with pytest.raises(ValueError, match="fr"):
        services.set_member_language(anna, language="fr")

    assert Member.objects.get(pk=anna.pk).language == ""


def test_an_inviter_whose_invitees_were_restricted_three_times_cannot_invite(anna) -> None:
    from handschlag.accounts.errors import InvitationRightsLost
    from handschlag.network.models import Restriction
    from tests.accounts.factories import MemberFactory

    invitees = MemberFactory.create_batch(2, invited_by=anna)
    Restriction.objects.create(member=invitees[0])
    Restriction.objects.create(member=invitees[1])
    services.create_invitation(anna)
    Restriction.objects.create(member=invitees[1])

    with pytest.raises(InvitationRightsLost) as refused:
        services.create_invitation(anna)

    assert str(refused.value.message) == (
        "Members you invited were restricted three times, so you can no longer invite new members."
    )
