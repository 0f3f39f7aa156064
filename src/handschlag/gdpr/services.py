"""The two things a member can do here: take their data with them, and leave."""

from __future__ import annotations

from handschlag.accounts.models import Member
from handschlag.gdpr.archive import build_archive, export_json
from handschlag.gdpr.deletion import DeletionSummary, delete_account
from handschlag.gdpr.errors import WrongConfirmation
from handschlag.gdpr.export import collect_export
from handschlag.gdpr.forms import confirmation_word
from handschlag.gdpr.reauth import confirm_password


def export_for_download(member: Member, *, password: str, as_zip: bool) -> bytes:
    """The member's export after their password is confirmed: a zip with ``data.json`` and
    ``index.html``, or the JSON alone."""
    confirm_password(member, password)
    if as_zip:
        return build_archive(member)
    return export_json(collect_export(member))


def delete_own_account(member: Member, *, password: str, confirmation: str) -> DeletionSummary:
    """Delete the member's account once they gave their password and typed the word."""
    confirm_password(member, password)
    if confirmation.strip().casefold() != confirmation_word().casefold():
        raise WrongConfirmation
    return delete_account(member)
