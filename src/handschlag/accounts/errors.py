"""Refusals around accounts and invitations."""

from handschlag.core.errors import HandschlagError


class InvitationInvalid(HandschlagError):
    """The code does not exist, was used, or has expired."""


class TooManyOpenInvitations(HandschlagError):
    """The member already holds as many open codes as the instance allows."""


class InvitationRightsLost(HandschlagError):
    """Members this member invited were restricted too often; they may not invite more."""
