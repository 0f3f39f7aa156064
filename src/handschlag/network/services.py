"""Every write about connections."""

from django.db import transaction

from handschlag.accounts.models import Member
from handschlag.network.models import Connection, HowMet


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
