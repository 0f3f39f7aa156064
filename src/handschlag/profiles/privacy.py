"""Who may see which contact detail: the one place that decides it.

Every surface that shows an email address or phone number (profile page, search,
later the API, vCards and notifications) asks here, so the rule cannot drift.

Where contact details appear (SECURITY.md A16; each row has a privacy test):

- profile page and vCard download: per the owner's audience for each field; both are
  behind the profile-view throttle (``profiles.throttle``);
- the daily digest (``notifications.sources``): per the audience, as the profile page;
- search results: never, for any audience: a result page lists 20 members and is not
  throttled like profile views, so it would be the harvester's shortcut;
- blocked members (``moderation.blocks``): nothing at all, the profile is a 404.
"""

from dataclasses import dataclass

from handschlag.network.queries import are_connected
from handschlag.profiles.models import Profile, Visibility


@dataclass(frozen=True, slots=True)
class ContactDetails:
    """The contact details one viewer may see of one member; None means hidden."""

    email: str | None
    phone: str | None


def may_see(
    viewer_id: int | None, profile: Profile, visibility: str, *, connected: bool | None = None
) -> bool:
    """Whether the viewer falls inside the audience the member picked for a field;
    ``connected`` when the caller knows already whether the two are contacts."""
    if viewer_id is None:
        return False
    if viewer_id == profile.member_id:
        return True
    if visibility == Visibility.MEMBERS:
        return True
    if visibility == Visibility.CONTACTS:
        return are_connected(viewer_id, profile.member_id) if connected is None else connected
    return False


def contact_details_for(
    viewer_id: int | None, profile: Profile, *, connected: bool | None = None
) -> ContactDetails:
    """The email and phone the viewer is entitled to, and nothing else."""
    if connected is None and Visibility.CONTACTS in (
        profile.email_visibility,
        profile.phone_visibility,
    ):
        connected = viewer_id is not None and are_connected(viewer_id, profile.member_id)
    email_ok = may_see(viewer_id, profile, profile.email_visibility, connected=connected)
    phone_ok = may_see(viewer_id, profile, profile.phone_visibility, connected=connected)
    email = profile.member.email if email_ok else None
    phone = profile.phone or None if phone_ok else None
    return ContactDetails(email=email, phone=phone)
