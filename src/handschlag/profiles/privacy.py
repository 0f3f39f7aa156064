"""Who may see which contact detail: the one place that decides it.

Every surface that shows an email address or phone number (profile page, search,
later the API, vCards and notifications) asks here, so the rule cannot drift.
"""

from dataclasses import dataclass

from handschlag.network.queries import are_connected
from handschlag.profiles.models import Profile, Visibility


@dataclass(frozen=True, slots=True)
class ContactDetails:
    """The contact details one viewer may see of one member; None means hidden."""

    email: str | None
    phone: str | None


def may_see(viewer_id: int | None, profile: Profile, visibility: str) -> bool:
    """Whether the viewer falls inside the audience the member picked for a field."""
    if viewer_id is None:
        return False
    if viewer_id == profile.member_id:
        return True
    if visibility == Visibility.MEMBERS:
        return True
    if visibility == Visibility.CONTACTS:
        return are_connected(viewer_id, profile.member_id)
    return False


def contact_details_for(viewer_id: int | None, profile: Profile) -> ContactDetails:
    """The email and phone the viewer is entitled to, and nothing else."""
    email = profile.member.email if may_see(viewer_id, profile, profile.email_visibility) else None
    phone = profile.phone or None if may_see(viewer_id, profile, profile.phone_visibility) else None
    return ContactDetails(email=email, phone=phone)
