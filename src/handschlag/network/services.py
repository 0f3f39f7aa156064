"""Every write about connections."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.network.models import Connection, HowMet, ProfileView

#: Repeated visits within this time count as one view.
PROFILE_VIEW_DEDUP = timedelta(hours=1)


@transaction.atomic
def connect_members(member: Member, *, contact: Member, how_met: str = HowMet.OTHER) -> None:
    """Record a mutual connection: both directions, or neither."""
    if member.pk == contact.pk:
        raise ValueError("a member cannot connect to themselves")
    for owner, other in ((member, contact), (contact, member)):
        Connection.objects.get_or_create(owner=owner, contact=other, defaults={"how_met": how_met})


@transaction.atomic
def remove_connection(member: Member, *, contact: Member) -> None:
    """Remove a connection in both directions."""
    Connection.objects.filter(owner=member, contact=contact).delete()
    Connection.objects.filter(owner=contact, contact=member).delete()


def record_profile_view(viewer: Member, *, viewed_id: int) -> bool:
    """Record that ``viewer`` opened a profile; repeated opens within an hour count once.

    Returns whether a new view was recorded. Own profile views are not recorded.
    """
    if viewer.pk == viewed_id:
        return False
    now = timezone.now()
    recent = ProfileView.objects.filter(
        viewer=viewer, viewed_id=viewed_id, viewed_at__gte=now - PROFILE_VIEW_DEDUP
    )
    if recent.exists():
        return False
    ProfileView.objects.create(viewer=viewer, viewed_id=viewed_id, viewed_at=now)
    return True
