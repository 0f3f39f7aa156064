"""Reads around accounts."""

from django.db.models import QuerySet

from handschlag.accounts.models import Invitation, Member


def is_invitation_code_open(code: str) -> bool:
    """Whether a code can still be redeemed (checked again, atomically, at redemption)."""
    return Invitation.objects.open().filter(code=code.strip()).exists()


def list_invitations_of(member: Member) -> QuerySet[Invitation]:
    """The member's own invitations, newest first, with who accepted them."""
    return Invitation.objects.filter(inviter=member).select_related("accepted_by__profile")
