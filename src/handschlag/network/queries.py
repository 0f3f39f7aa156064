"""Reads about connections."""

from handschlag.network.models import Connection


def are_connected(member_id: int, other_id: int) -> bool:
    """Whether two members are contacts of each other (one indexed lookup)."""
    return Connection.objects.filter(owner_id=member_id, contact_id=other_id).exists()


def count_contacts(member_id: int) -> int:
    """How many contacts a member has; shown to the member only, never as a trophy."""
    return Connection.objects.of(member_id).count()
