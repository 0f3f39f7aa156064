"""Rows → trust.Case: the facts the engine judges a contact request by.

Every query here is bounded by the two members' own activity (their contacts, positions,
schools, requests and profile views), never by the size of the network: contacts are one
index range per member (two rows per connection), mutual contacts a join of two ranges.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Max, Q

from handschlag.accounts.models import Member
from handschlag.network.models import (
    Connection,
    ContactRequest,
    Introduction,
    IntroductionStatus,
    ProfileView,
)
from handschlag.network.quotas import SenderRecord, sender_record
from handschlag.profiles.models import Education, Position, Profile, normalise_name
from handschlag.trust import Case, Hit, Intent, Kind, Level, Recipient, Relation, Sender, Verdict

#: How many of the sender's latest notes to others the template rules compare against.
RECENT_NOTES = 20

_LANGS = ("de", "en")


@dataclass(frozen=True, slots=True)
class RequestFacts:
    """The case and the facts around it that a page may show but the Case cannot hold."""

    case: Case
    record: SenderRecord
    viewed_profile_at: datetime | None
    connected: bool


@dataclass(frozen=True, slots=True)
class PairFacts:
    """The sender's side of the connection graph towards one recipient."""

    #: When the two connected; None when they are not connected.
    connected_at: datetime | None
    #: The sender's contacts.
    contacts: int
    #: Contacts both have (see :func:`mutual_contact_count`).
    mutual_contacts: int


def pair_facts(sender_id: int, recipient_id: int) -> PairFacts:
    """Connected since when, the sender's contact count and the mutual contacts, in one
    statement over the sender's connection range (the recipient's range as a set)."""
    theirs = Connection.objects.filter(owner_id=recipient_id).values("contact_id")
    counts = Connection.objects.filter(owner_id=sender_id).aggregate(
        connected_at=Max("created_at", filter=Q(contact_id=recipient_id)),
        contacts=Count("pk"),
        mutual=Count("pk", filter=Q(contact_id__in=theirs) & ~Q(contact_id=recipient_id)),
    )
    return PairFacts(
        connected_at=counts["connected_at"],
        contacts=counts["contacts"],
        mutual_contacts=counts["mutual"],
    )


def _profiles(*member_ids: int) -> dict[int, Profile]:
    """The members' profiles by member id, in one query."""
    return {p.member_id: p for p in Profile.objects.filter(member_id__in=member_ids)}


def _introducer_id(introduction: Introduction | None) -> int | None:
    """The mutual contact who forwarded the introduction behind a request, if any."""
    if introduction is None or introduction.status != IntroductionStatus.FORWARDED:
        return None
    return introduction.introducer_id


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def mutual_contact_count(member_id: int, other_id: int) -> int:
    """Contacts both members have: the join of their two connection ranges."""
    theirs = Connection.objects.filter(owner_id=other_id).values("contact_id")
    return (
        Connection.objects.filter(owner_id=member_id, contact_id__in=theirs)
        .exclude(contact_id=other_id)
        .count()
    )


def _overlaps(a: Position, b: Position, today: date) -> bool:
    """Whether two positions were held at the same time (an open end means today)."""
    return a.start_date <= (b.end_date or today) and b.start_date <= (a.end_date or today)


def shared_employers(sender_id: int, recipient_id: int, *, today: date) -> tuple[str, ...]:
    """Employers where both worked in overlapping years: former or current colleagues."""
    positions = list(
        Position.objects.filter(profile_id__in=(sender_id, recipient_id)).select_related("employer")
    )
    mine = [p for p in positions if p.profile_id == sender_id]
    theirs = [p for p in positions if p.profile_id == recipient_id]
    names: dict[int, str] = {}
    for a in mine:
        for b in theirs:
            if a.employer_id == b.employer_id and _overlaps(a, b, today):
                names.setdefault(a.employer_id, a.employer.name)
    return tuple(names.values())


def shared_schools(sender_id: int, recipient_id: int) -> tuple[str, ...]:
    """Schools both attended (by normalised name; different years still count)."""
    entries = list(Education.objects.filter(profile_id__in=(sender_id, recipient_id)))
    mine = {normalise_name(e.school): e.school for e in entries if e.profile_id == sender_id}
    theirs = {normalise_name(e.school) for e in entries if e.profile_id == recipient_id}
    return tuple(name for key, name in mine.items() if key in theirs)


def last_profile_view(viewer_id: int, viewed_id: int, *, before: datetime) -> datetime | None:
    """When the viewer last opened the profile before ``before`` (one indexed lookup)."""
    view = (
        ProfileView.objects.filter(viewer_id=viewer_id, viewed_id=viewed_id, viewed_at__lte=before)
        .order_by("-viewed_at")
        .values_list("viewed_at", flat=True)
        .first()
    )
    return view


def recent_notes(sender_id: int, *, excluding: int, limit: int = RECENT_NOTES) -> tuple[str, ...]:
    """The sender's latest notes to others, newest first (the recipient's own excluded, so
    asking one person again after a cool-down is not a template)."""
    notes = (
        ContactRequest.objects.filter(sender_id=sender_id)
        .exclude(recipient_id=excluding)
        .exclude(note="")
        .order_by("-sent_at")
        .values_list("note", flat=True)[:limit]
    )
    return tuple(notes)


def _level(seniority: str) -> Level | None:
    try:
        return Level(seniority) if seniority else None
    except ValueError:
        return None


def _skills(profile: Profile | None) -> tuple[str, ...]:
    if profile is None:
        return ()
    return tuple(profile.skills.order_by("name").values_list("name", flat=True))


def build_contact_request_facts(
    sender: Member,
    *,
    recipient: Member,
    note: str,
    intent: str,
    now: datetime,
    pair: PairFacts | None = None,
    introduction: Introduction | None = None,
) -> RequestFacts:
    """Gather everything the engine needs to judge ``sender``'s request to ``recipient``
    (``pair`` when the caller has already read it; ``introduction`` when a mutual contact
    forwarded it, whose name the case then carries)."""
    record = sender_record(sender, now=now)
    introducer_id = _introducer_id(introduction)
    ids = (
        (sender.pk, recipient.pk)
        if introducer_id is None
        else (sender.pk, recipient.pk, introducer_id)
    )
    profiles = _profiles(*ids)
    sender_profile = profiles.get(sender.pk)
    recipient_profile = profiles.get(recipient.pk)
    pair = pair or pair_facts(sender.pk, recipient.pk)
    connection = pair.connected_at
    viewed_at = last_profile_view(sender.pk, recipient.pk, before=now)
    contacts = pair.contacts
    case = Case(
        id=f"contact_request:{sender.pk}:{recipient.pk}:{int(now.timestamp())}",
        kind=Kind.CONTACT_REQUEST,
        text=note,
        sent_at=now,
        intent=Intent(intent),
        sender=Sender(
            id=str(sender.pk),
            name=sender_profile.full_name if sender_profile else "",
            headline=sender_profile.headline if sender_profile else "",
            contacts=contacts,
            account_age_days=record.account_age_days,
            requests_sent_7d=record.sent_7d,
            requests_sent_90d=record.sent_90d,
            requests_accepted_90d=record.accepted_90d,
            reports_90d=record.reports_90d,
            recent_texts=recent_notes(sender.pk, excluding=recipient.pk),
            offering=_lines(sender_profile.offering) if sender_profile else (),
            seeking=_lines(sender_profile.seeking) if sender_profile else (),
        ),
        # The recipient's private job preferences stay out of a contact request's case:
        # no contact-request rule needs them, so no explanation can ever cite them.
        recipient=Recipient(
            id=str(recipient.pk),
            name=recipient_profile.full_name if recipient_profile else "",
            headline=recipient_profile.headline if recipient_profile else "",
            lang=recipient.language if recipient.language in _LANGS else None,
            skills=_skills(recipient_profile),
            seeking=_lines(recipient_profile.seeking) if recipient_profile else (),
            offering=_lines(recipient_profile.offering) if recipient_profile else (),
            level=_level(recipient_profile.seniority) if recipient_profile else None,
        ),
        relation=Relation(
            connected=connection is not None,
            connected_at=connection,
            mutual_contacts=pair.mutual_contacts,
            viewed_profile_before=viewed_at is not None,
            shared_employers=shared_employers(sender.pk, recipient.pk, today=now.date()),
            shared_schools=shared_schools(sender.pk, recipient.pk),
            # Groups, events, messages and meetings do not exist yet.
            shared_groups=(),
            shared_events=(),
            prior_messages=0,
            prior_meetings=0,
            introduced_by=profiles[introducer_id].full_name
            if introducer_id is not None and introducer_id in profiles
            else "",
        ),
    )
    return RequestFacts(
        case=case, record=record, viewed_profile_at=viewed_at, connected=connection is not None
    )


def hit_to_json(hit: Hit) -> dict[str, object]:
    """One hit as stored in ``Triaged.hits``: message id and evidence, rendered on reading."""
    return {
        "code": hit.code,
        "score": hit.score,
        "group": hit.group,
        "message": hit.message,
        "evidence": dict(hit.evidence),
        "related": list(hit.related),
        "shadow": hit.shadow,
    }


def hits_to_json(hits: Iterable[Hit]) -> list[dict[str, object]]:
    """All hits of a verdict, in the verdict's order (largest weight first)."""
    return [hit_to_json(h) for h in hits]


def verdict_to_json(verdict: Verdict) -> list[dict[str, object]]:
    """The hits of a verdict for ``Triaged.hits``."""
    return hits_to_json(verdict.hits)
