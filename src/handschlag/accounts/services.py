"""Every write around accounts: invitations, redeeming them, the member's language."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.errors import (
    InvitationInvalid,
    InvitationRightsLost,
    TooManyOpenInvitations,
)
from handschlag.accounts.models import Invitation, Member
from handschlag.network.quotas import has_invitation_rights


@transaction.atomic
def create_invitation(inviter: Member, *, note: str = "") -> Invitation:
    """Issue a one-time code; refuse when the member already holds too many open ones."""
    # Lock the inviter's row so two parallel clicks cannot both pass the limit.
    Member.objects.select_for_update().filter(pk=inviter.pk).first()
    # An inviter answers for their invitees: after three restrictions among them, no more.
    if not has_invitation_rights(inviter):
        raise InvitationRightsLost(
            _(
                "Members you invited were restricted three times, so you can no longer "
                "invite new members."
            )
        )
    limit = settings.HANDSCHLAG_OPEN_INVITATIONS_PER_MEMBER
    if Invitation.objects.open().filter(inviter=inviter).count() >= limit:
        raise TooManyOpenInvitations(
            _("You already have %(limit)d open invitations. Wait until some are used.")
            % {"limit": limit}
        )
    return Invitation.objects.create(inviter=inviter, note=note.strip())


def redeem_invitation(*, code: str, member: Member) -> Invitation:
    """Mark the code as used by ``member`` and record who invited them.

    Runs inside the sign-up transaction; the conditional update makes sure that a code
    is redeemed once even when two sign-ups race for it.
    """
    now = timezone.now()
    claimed = Invitation.objects.filter(
        code=code.strip(), accepted_by__isnull=True, expires_at__gt=now
    ).update(accepted_by=member, accepted_at=now)
    if claimed != 1:
        raise InvitationInvalid(
            _("This invitation code is not valid. It may have been used or have expired."),
            field="invitation_code",
        )
    invitation = Invitation.objects.select_related("inviter").get(code=code.strip())
    member.invited_by = invitation.inviter
    member.save(update_fields=["invited_by"])
    return invitation


def set_member_language(member: Member, *, language: str) -> None:
    """Remember the interface language the member picked."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(language)
    Member.objects.filter(pk=member.pk).update(language=language)
    member.language = language
