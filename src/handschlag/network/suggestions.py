"""People you may know, ranked by real common ground and never by contact count.

Computing suggestions by SQL over the whole connection table takes tens of milliseconds
at the median and more than a second at the tail on a large network, so they are
computed lazily per member, from a bounded set of candidates, and kept in the cache:

1. colleagues: members with a position at one of the member's employers in overlapping
   years, read through the ``Position(employer, profile)`` index, at most
   ``COLLEAGUES_PER_EMPLOYER`` per employer;
2. contacts of contacts: the contacts of at most ``CONTACTS_SCANNED`` of the member's
   contacts, at most ``CONNECTIONS_SCANNED`` rows, the ``COC_CANDIDATES`` most shared.

The candidates are ranked by shared employers (with overlapping years), shared events
(none yet), shared schools, then mutual contacts. The cached entry carries a
fingerprint of the member's own connections (their number and the newest row id): a
connection made or removed by any code path changes it, so the next read recomputes.
People the member is now connected with or has a pending request with are filtered out
at read time, so a request sent a second ago already hides its recipient.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple, TypedDict

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.accounts.models import Member
from handschlag.network.connections import SharedEmployer, shared_employers, shared_schools
from handschlag.network.models import Connection, ContactRequest, RequestStatus
from handschlag.profiles.models import Position, Profile

logger = logging.getLogger(__name__)

#: How long a computed list stays in the cache (seconds); connects invalidate it earlier.
SUGGESTIONS_TTL = 6 * 60 * 60
#: How many ranked suggestions are kept per member.
SUGGESTIONS_KEPT = 50
#: Bounds of the candidate search (see the module docstring).
COLLEAGUES_PER_EMPLOYER = 200
POSITIONS_SCANNED = 10
CONTACTS_SCANNED = 500
CONNECTIONS_SCANNED = 20_000
COC_CANDIDATES = 200
#: Bump when the cached shape changes.
_CACHE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A member the viewer may know, with the common ground that makes it likely."""

    profile: Profile
    employers: tuple[SharedEmployer, ...]
    schools: tuple[str, ...]
    mutual_contacts: int

    @property
    def parts(self) -> tuple[object, ...]:
        """Everything a suggestion shows, for the rendered list's cache key."""
        profile = self.profile
        return (
            profile.member_id,
            profile.full_name,
            profile.headline,
            self.employers,
            self.schools,
            self.mutual_contacts,
        )

    @property
    def reasons(self) -> list[str]:
        """The common ground in plain words, strongest first."""
        reasons = [
            _("Worked at %(employer)s in %(years)s like you")
            % {"employer": shared.name, "years": _years(shared)}
            for shared in self.employers
        ]
        reasons += [_("Studied at %(school)s like you") % {"school": s} for s in self.schools]
        if self.mutual_contacts:
            reasons.append(
                ngettext(
                    "%(count)d mutual contact",
                    "%(count)d mutual contacts",
                    self.mutual_contacts,
                )
                % {"count": self.mutual_contacts}
            )
        return reasons


class _Ranked(TypedDict):
    """One cached suggestion: plain values, so any cache backend can keep it."""

    id: int
    employers: list[tuple[str, int, int]]
    schools: list[str]
    mutual: int


class _Entry(TypedDict):
    fingerprint: tuple[int, int]
    ranked: list[_Ranked]


def _years(shared: SharedEmployer) -> str:
    if shared.from_year == shared.to_year:
        return str(shared.from_year)
    return f"{shared.from_year}\N{EN DASH}{shared.to_year}"


def cache_key(member_id: int) -> str:
    """Where a member's suggestions are kept."""
    return f"network:suggestions:v{_CACHE_VERSION}:{member_id}"


def forget_suggestions(*member_ids: int) -> None:
    """Drop cached suggestions, e.g. after a connection was made or removed."""
    cache.delete_many([cache_key(member_id) for member_id in member_ids])


def _fingerprint(member_id: int) -> tuple[int, int]:
    """The number of the member's connections and the newest one's id.

    Row ids only grow, so the pair changes whenever a row is added or removed, and the
    same pair means the same set of connections. Written out, as is
    ``Connection.objects.of(member_id).aggregate(Count("pk"), Max("pk"))``: it runs on
    every view of the page.
    """
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor).fingerprint, [member_id])
        count, newest = cursor.fetchone()
    return (count, newest or 0)


def list_suggestions(member: Member, *, limit: int = 20) -> list[Suggestion]:
    """The member's suggestions, from the cache when it is still valid.

    Warm, this is one query: the fingerprint of the member's connections together with
    the cached candidates' profiles, without the members a request is pending with (on a
    busy database every round trip waits its turn). Connected candidates need no query of
    their own: ``_compute`` left them out, and any connection made or removed since
    changes the fingerprint, which recomputes the list (and reads the profiles again).
    """
    key = cache_key(member.pk)
    try:
        entry: _Entry | None = cache.get(key)
    except Exception:  # any cache failure (Redis down): compute, serve the page (R3)
        logger.warning("cache unavailable for suggestions; computing them")
        entry = None
    shown: dict[int, tuple[str, str]] | None = None
    if entry is not None and entry["ranked"]:
        ids = [row["id"] for row in entry["ranked"]]
        fingerprint, shown = _fingerprint_and_profiles(member.pk, ids)
    else:
        fingerprint = _fingerprint(member.pk)
    if entry is None or tuple(entry["fingerprint"]) != fingerprint:
        entry = {"fingerprint": fingerprint, "ranked": _compute(member.pk)}
        shown = None
        try:
            cache.set(key, entry, SUGGESTIONS_TTL)
        except Exception:  # the cache is down: the next visit computes them again
            logger.warning("cache unavailable for suggestions; not keeping them")
    if not entry["ranked"]:
        return []
    if shown is None:
        shown = _suggestable_profiles(member.pk, [row["id"] for row in entry["ranked"]])
    found: list[Suggestion] = []
    for row in entry["ranked"]:
        if row["id"] not in shown:
            continue
        name, headline = shown[row["id"]]
        found.append(
            Suggestion(
                # The profile as far as a suggestion shows it (read, never saved).
                profile=Profile(member_id=row["id"], full_name=name, headline=headline),
                employers=tuple(SharedEmployer(*shared) for shared in row["employers"]),
                schools=tuple(row["schools"]),
                mutual_contacts=row["mutual"],
            )
        )
        if len(found) == limit:
            break
    return found


def _suggestable_profiles(member_id: int, candidate_ids: list[int]) -> dict[int, tuple[str, str]]:
    """The active candidates' names and headlines by member id, without anyone the member
    has a pending request with, either way (one query: a request sent a second ago counts).

    Written out: the page's hottest query, which the ORM spent longer building (an
    ``exclude`` over two subqueries) than the database running it. The same as
    ``Profile.objects.filter(member_id__in=candidate_ids, member__is_active=True)``
    without the members in ``ContactRequest.objects.filter(status=PENDING)`` sent by or
    to ``member_id``, loading only the name and the headline.
    """
    placeholders = ", ".join(["%s"] * len(candidate_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            _sql(connection.vendor).suggestable.format(candidates=placeholders),
            [*candidate_ids, RequestStatus.PENDING, member_id, RequestStatus.PENDING, member_id],
        )
        return {candidate: (name, headline) for candidate, name, headline in cursor.fetchall()}


def _fingerprint_and_profiles(
    member_id: int, candidate_ids: list[int]
) -> tuple[tuple[int, int], dict[int, tuple[str, str]]]:
    """``_fingerprint`` and ``_suggestable_profiles`` in one round trip: the first row
    (marked 0) holds the fingerprint, the others (marked 1) the profiles."""
    statements = _sql(connection.vendor)
    placeholders = ", ".join(["%s"] * len(candidate_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            statements.fingerprint_and_suggestable.format(candidates=placeholders),
            [
                member_id,
                *candidate_ids,
                RequestStatus.PENDING,
                member_id,
                RequestStatus.PENDING,
                member_id,
            ],
        )
        rows = cursor.fetchall()
    fingerprint = (0, 0)
    shown: dict[int, tuple[str, str]] = {}
    for part, number, newest, name, headline in rows:
        if part == 0:
            fingerprint = (number, newest or 0)
        else:
            shown[number] = (name, headline)
    return fingerprint, shown


class _Statements(NamedTuple):
    fingerprint: str
    suggestable: str
    fingerprint_and_suggestable: str


@lru_cache(maxsize=4)
def _sql(vendor: str) -> _Statements:
    """The page's queries for the database in use (table names only are filled in here;
    the suggestable candidates' placeholders are filled in per call)."""
    quote = connection.ops.quote_name
    connections = quote(Connection._meta.db_table)
    profile = quote(Profile._meta.db_table)
    member = quote(Member._meta.db_table)
    request = quote(ContactRequest._meta.db_table)
    fingerprint = f"SELECT COUNT(*), MAX(id) FROM {connections} WHERE owner_id = %s"  # noqa: S608
    suggestable = (
        f"SELECT p.member_id, p.full_name, p.headline FROM {profile} p "  # noqa: S608
        f"JOIN {member} m ON m.id = p.member_id "
        "WHERE p.member_id IN ({candidates}) AND m.is_active "
        # Two probes of the pending pair index per candidate, however many requests
        # the member has sent or received.
        f"AND NOT EXISTS (SELECT 1 FROM {request} r WHERE r.status = %s "
        "AND r.sender_id = %s AND r.recipient_id = p.member_id) "
        f"AND NOT EXISTS (SELECT 1 FROM {request} r WHERE r.status = %s "
        "AND r.sender_id = p.member_id AND r.recipient_id = %s)"
    )
    return _Statements(
        fingerprint=fingerprint,
        suggestable=suggestable,
        fingerprint_and_suggestable=(
            f"SELECT 0, COUNT(*), MAX(id), NULL, NULL FROM {connections} "  # noqa: S608
            "WHERE owner_id = %s UNION ALL "
            + suggestable.replace("SELECT p.member_id,", "SELECT 1, p.member_id, 0,", 1)
        ),
    )


def _colleagues(member_id: int, today: date) -> set[int]:
    """Members at the member's employers in overlapping years, a bounded number each."""
    found: set[int] = set()
    mine = Position.objects.filter(profile_id=member_id).values_list(
        "employer_id", "start_date", "end_date"
    )[:POSITIONS_SCANNED]
    for employer_id, start, end in mine:
        rows = (
            Position.objects.filter(employer_id=employer_id, start_date__lte=end or today)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
            .exclude(profile_id=member_id)
            .values_list("profile_id", flat=True)[:COLLEAGUES_PER_EMPLOYER]
        )
        found.update(rows)
    return found


def _contacts_of_contacts(member_id: int) -> set[int]:
    """The members most often among the contacts of (a bounded number of) the member's."""
    my_contacts = Connection.objects.of(member_id).values("contact_id")[:CONTACTS_SCANNED]
    scanned = Connection.objects.filter(owner_id__in=my_contacts).values("pk")[:CONNECTIONS_SCANNED]
    rows = (
        Connection.objects.filter(pk__in=scanned)
        .exclude(contact_id=member_id)
        .values("contact_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "contact_id")[:COC_CANDIDATES]
    )
    return {row["contact_id"] for row in rows}


def _compute(member_id: int) -> list[_Ranked]:
    """Rank a bounded set of candidates by common ground; JSON-friendly for any cache."""
    today = timezone.localdate()
    candidates = _colleagues(member_id, today) | _contacts_of_contacts(member_id)
    candidates.discard(member_id)
    candidates -= set(
        Connection.objects.filter(owner_id=member_id, contact_id__in=candidates).values_list(
            "contact_id", flat=True
        )
    )
    if not candidates:
        return []
    employers = shared_employers(member_id, candidates, today=today)
    schools = shared_schools(member_id, candidates)
    mutual = dict(
        Connection.objects.filter(
            owner_id__in=candidates,
            contact_id__in=Connection.objects.of(member_id).values("contact_id"),
        )
        .values("owner_id")
        .annotate(n=Count("pk"))
        .values_list("owner_id", "n")
    )

    def rank(candidate: int) -> tuple[int, int, int, int]:
        # Shared employers first (events will join them), then schools, then mutual
        # contacts; the candidate's own network size plays no part.
        return (
            -len(employers.get(candidate, ())),
            -len(schools.get(candidate, ())),
            -mutual.get(candidate, 0),
            candidate,
        )

    ranked = sorted(
        (c for c in candidates if c in employers or c in schools or mutual.get(c)), key=rank
    )[:SUGGESTIONS_KEPT]
    return [
        {
            "id": candidate,
            "employers": [(e.name, e.from_year, e.to_year) for e in employers.get(candidate, ())],
            "schools": schools.get(candidate, []),
            "mutual": mutual.get(candidate, 0),
        }
        for candidate in ranked
    ]
