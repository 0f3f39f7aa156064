"""Reads about a member's own connections, mutual contacts, shared history and profile views.

Every function here is bounded by the members it is asked about: a member's own range of
the connection index, the positions and schools on two or a few profiles, or the views of
one profile. None of them reads or reveals another member's total number of contacts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.network.models import Connection, HowMet, ProfileView
from handschlag.profiles.models import Education, Position, Profile, ViewMode, normalise_name

#: How many mutual contacts a profile names; the rest are only counted.
MUTUAL_NAMES_SHOWN = 3
#: How far back the "who viewed me" page looks, and how many views it lists.
PROFILE_VIEWS_DAYS = 90
PROFILE_VIEWS_SHOWN = 100


### Own connections ###


def list_connections(member: Member, *, how_met: str = "", text: str = "") -> QuerySet[Connection]:
    """The member's own connections, newest first, with each contact's profile."""
    connections = (
        Connection.objects.of(member.pk)
        .filter(contact__is_active=True)
        .select_related("contact__profile")
        .order_by("-created_at", "-pk")
    )
    if how_met in HowMet.values:
        connections = connections.filter(how_met=how_met)
    for word in text.split():
        connections = connections.filter(
            Q(contact__profile__full_name__icontains=word)
            | Q(contact__profile__headline__icontains=word)
        )
    return connections


def get_own_connection(member: Member, *, contact_id: int) -> Connection:
    """One of the member's own connections; 404 for anyone they are not connected with."""
    try:
        return (
            Connection.objects.of(member.pk)
            .select_related("contact__profile")
            .get(contact_id=contact_id, contact__is_active=True)
        )
    except Connection.DoesNotExist:
        raise Http404 from None


### Mutual contacts ###


@dataclass(frozen=True, slots=True)
class MutualContacts:
    """What one member may know of another's network: only the contacts they share."""

    count: int
    names: tuple[Profile, ...]
    #: Whether the two are contacts themselves (then nobody needs to introduce them).
    is_contact: bool = False

    @property
    def others(self) -> int:
        """How many shared contacts are counted but not named."""
        return self.count - len(self.names)


def _mutual_connections(member_id: int, other_id: int) -> QuerySet[Connection]:
    # The member's own range joined with the other's: bounded by the two networks only.
    return Connection.objects.filter(
        owner_id=member_id,
        contact_id__in=Connection.objects.filter(owner_id=other_id).values("contact_id"),
        contact__is_active=True,
    )


def get_mutual_contacts(member_id: int, other_id: int) -> MutualContacts:
    """The contacts two members share: their number and a few names, never either total."""
    if member_id == other_id:
        return MutualContacts(count=0, names=())
    is_contact = Connection.objects.filter(owner_id=member_id, contact_id=other_id).exists()
    mutual = _mutual_connections(member_id, other_id)
    count = mutual.count()
    if not count:
        return MutualContacts(count=0, names=(), is_contact=is_contact)
    names = tuple(
        Profile.objects.filter(member_id__in=mutual.values("contact_id")).order_by(
            "full_name", "member_id"
        )[:MUTUAL_NAMES_SHOWN]
    )
    return MutualContacts(count=count, names=names, is_contact=is_contact)


def list_mutual_contacts(member_id: int, other_id: int) -> list[Profile]:
    """Every contact two members share, by name (to choose an introducer from)."""
    if member_id == other_id:
        return []
    return list(
        Profile.objects.filter(
            member_id__in=_mutual_connections(member_id, other_id).values("contact_id")
        ).order_by("full_name", "member_id")
    )


def is_mutual_contact(introducer_id: int, *, member_id: int, other_id: int) -> bool:
    """Whether ``introducer_id`` is a contact of both members (two indexed lookups)."""
    return (
        Connection.objects.filter(owner_id=introducer_id, contact_id__in=(member_id, other_id))
        .values("contact_id")
        .distinct()
        .count()
        == 2
    )


### Shared history ###


@dataclass(frozen=True, slots=True)
class SharedEmployer:
    """An employer two members worked at in overlapping years."""

    name: str
    from_year: int
    to_year: int


def _overlap(
    start_a: date, end_a: date | None, start_b: date, end_b: date | None, today: date
) -> tuple[date, date] | None:
    start = max(start_a, start_b)
    end = min(end_a or today, end_b or today)
    return (start, end) if start <= end else None


def shared_employers(
    member_id: int, other_ids: Iterable[int], *, today: date | None = None
) -> dict[int, list[SharedEmployer]]:
    """Per other member, the employers they share with ``member_id`` in overlapping years.

    Reads the member's own positions and the others' positions at those employers only.
    """
    today = today or timezone.localdate()
    mine = list(
        Position.objects.filter(profile_id=member_id).values_list(
            "employer_id", "employer__name", "start_date", "end_date"
        )
    )
    others = list(other_ids)
    if not mine or not others:
        return {}
    theirs = Position.objects.filter(
        profile_id__in=others, employer_id__in={row[0] for row in mine}
    ).values_list("profile_id", "employer_id", "start_date", "end_date")
    found: dict[int, dict[str, SharedEmployer]] = {}
    for profile_id, employer_id, start, end in theirs:
        for my_employer, name, my_start, my_end in mine:
            if my_employer != employer_id:
                continue
            span = _overlap(my_start, my_end, start, end, today)
            if span is None:
                continue
            known = found.setdefault(profile_id, {}).get(name)
            from_year, to_year = span[0].year, span[1].year
            if known is not None:
                from_year, to_year = min(known.from_year, from_year), max(known.to_year, to_year)
            found[profile_id][name] = SharedEmployer(name, from_year, to_year)
    return {pid: sorted(by_name.values(), key=lambda s: s.name) for pid, by_name in found.items()}


def shared_schools(member_id: int, other_ids: Iterable[int]) -> dict[int, list[str]]:
    """Per other member, the schools both list (compared regardless of case and spacing)."""
    mine = {
        normalise_name(school): school
        for school in Education.objects.filter(profile_id=member_id).values_list(
            "school", flat=True
        )
    }
    others = list(other_ids)
    if not mine or not others:
        return {}
    found: dict[int, set[str]] = {}
    rows = Education.objects.filter(profile_id__in=others).values_list("profile_id", "school")
    for profile_id, school in rows:
        key = normalise_name(school)
        if key in mine:
            found.setdefault(profile_id, set()).add(mine[key])
    return {pid: sorted(schools) for pid, schools in found.items()}


### Profile views ###


@dataclass(frozen=True, slots=True)
class Viewer:
    """One view as the viewed member may see it: named, or "someone from" an employer."""

    viewed_at: datetime
    #: Set only for viewers who appear with their name.
    profile: Profile | None
    #: Set only for anonymous viewers with a current employer.
    employer: str


def list_profile_views(member: Member, *, now: datetime | None = None) -> list[Viewer]:
    """Who viewed the member's profile recently, as each viewer chose to appear.

    Only ever called for the member themself: there is no way to ask for another
    member's views. Viewers in hidden mode are left out entirely, in the list and in
    the count, so nothing reveals that they looked.
    """
    now = now or timezone.now()
    views = list(
        ProfileView.objects.filter(
            viewed_id=member.pk,
            viewed_at__gte=now - timedelta(days=PROFILE_VIEWS_DAYS),
            viewer__is_active=True,
            viewer__profile__view_mode__in=(ViewMode.NAMED, ViewMode.EMPLOYER),
        )
        .select_related("viewer__profile")
        .order_by("-viewed_at", "-pk")[:PROFILE_VIEWS_SHOWN]
    )
    anonymous = {
        view.viewer_id for view in views if view.viewer.profile.view_mode == ViewMode.EMPLOYER
    }
    employers = _current_employers(anonymous)
    result = []
    for view in views:
        profile: Profile = view.viewer.profile
        if profile.view_mode == ViewMode.NAMED:
            result.append(Viewer(viewed_at=view.viewed_at, profile=profile, employer=""))
        else:
            result.append(
                Viewer(
                    viewed_at=view.viewed_at,
                    profile=None,
                    employer=employers.get(view.viewer_id, ""),
                )
            )
    return result


def _current_employers(member_ids: set[int]) -> dict[int, str]:
    """The employer of each member's current position (the latest started, if several)."""
    if not member_ids:
        return {}
    rows = (
        Position.objects.filter(profile_id__in=member_ids, end_date__isnull=True)
        .order_by("profile_id", "start_date", "pk")
        .values_list("profile_id", "employer__name")
    )
    # Ordered by start, so the latest started position wins.
    return dict(rows)
