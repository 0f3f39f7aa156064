"""Template tags for what profiles show of the network: mutual contacts, never totals."""

from django import template

from handschlag.network.connections import MutualContacts, get_mutual_contacts

register = template.Library()


@register.simple_tag
def mutual_contacts(viewer: object, member_id: int) -> MutualContacts:
    """The contacts the viewer shares with a member: ``{% mutual_contacts user id as m %}``.

    Nothing for anonymous viewers or on the member's own profile.
    """
    viewer_id = getattr(viewer, "pk", None)
    if not isinstance(viewer_id, int) or viewer_id == member_id:
        return MutualContacts(count=0, names=())
    return get_mutual_contacts(viewer_id, member_id)
