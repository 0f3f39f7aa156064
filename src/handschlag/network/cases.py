"""Rows → trust.Case: the facts the engine judges a contact request by.

Every query here is bounded by the two members' own activity (their contacts, positions,
schools, requests and profile views), never by the size of the network: contacts are one
index range per member (two rows per connection), mutual contacts a join of two ranges.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connections
from django.db.models import Count, Max, Q
from django.utils.dateparse import parse_datetime

from handschlag.accounts.models import Member
from handschlag.moderation.models import Block
from handschlag.network.common_ground import other_ground
from handschlag.network.models import (
    Connection,
    ContactRequest,
    Introduction,
    IntroductionStatus,
    ProfileView,
    RequestPolicy,
    RequestStatus,
    Restriction,
)
from handschlag.network.quotas import (
    RECORD_COUNTS,
    SenderRecord,
    record_from_row,
    record_params,
    record_sql,
    sender_record,
)
from handschlag.profiles.models import (
    Education,
    Employer,
    Position,
    Profile,
    ProfileSkill,
    Skill,
    normalise_name,
)
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


### The send statement ###


@dataclass(frozen=True, slots=True)
class SendFacts:
    """Everything a send checks before it judges the note, read in one statement: the
    sender's record, the pair's connection, requests and views, a block either way, a
    restriction in force, the sender's pending requests and the recipient's policy."""

    record: SenderRecord
    pair: PairFacts
    #: Either member blocked the other (the send answers as for an unknown member).
    blocked: bool
    #: The sender of a request pending between the two, either way; None if none is.
    pending_sender_id: int | None
    #: When the sender's latest request to the recipient was declined or withdrawn.
    refused_at: datetime | None
    #: When the sender last opened the recipient's profile (before now).
    viewed_at: datetime | None
    #: Whether a restriction is in force, and until when (None: until lifted).
    restricted: bool
    restricted_until: datetime | None
    #: The sender's pending requests, all time (the pending cap).
    sender_pending: int
    #: The recipient's policy; an unsaved one with the defaults if they never saved one.
    policy: RequestPolicy


_SEND_COLUMNS = 15


@functools.cache
def _send_sql() -> str:
    """The send statement: the record's counts (:func:`quotas.record_sql`) next to one
    aggregate over the sender's connection range with scalar subqueries, each one
    indexed lookup bounded by the two members' own rows. Written out for the same reason
    as the record: the ORM spent longer compiling these than the database running them.
    """
    conn = Connection._meta.db_table
    req = {f.name: f.column for f in ContactRequest._meta.concrete_fields}
    req_table = ContactRequest._meta.db_table
    block = Block._meta.db_table
    view_table = ProfileView._meta.db_table
    restr = Restriction._meta.db_table
    policy = RequestPolicy._meta.db_table
    sender_col, recipient_col = req["sender"], req["recipient"]
    either_way = (
        f"(r.{sender_col} = %(sender)s AND r.{recipient_col} = %(recipient)s) "
        f"OR (r.{sender_col} = %(recipient)s AND r.{recipient_col} = %(sender)s)"
    )
    in_force = (
        f"FROM {restr} x WHERE x.member_id = %(sender)s AND x.lifted_at IS NULL "
        "AND (x.ends_at IS NULL OR x.ends_at > %(now)s)"
    )

    def policy_column(name: str) -> str:
        return f"(SELECT p.{name} FROM {policy} p WHERE p.member_id = %(recipient)s)"  # noqa: S608

    send = ", ".join(
        [
            "MAX(CASE WHEN c.contact_id = %(recipient)s THEN c.created_at END)",
            "COUNT(c.id)",
            f"COUNT(CASE WHEN c.contact_id <> %(recipient)s AND c.contact_id IN "  # noqa: S608
            f"(SELECT t.contact_id FROM {conn} t WHERE t.owner_id = %(recipient)s) THEN 1 END)",
            f"(SELECT COUNT(*) FROM {block} b WHERE (b.blocker_id = %(sender)s "  # noqa: S608
            "AND b.blocked_id = %(recipient)s) OR (b.blocker_id = %(recipient)s "
            "AND b.blocked_id = %(sender)s))",
            f"(SELECT r.{sender_col} FROM {req_table} r WHERE ({either_way}) "  # noqa: S608
            f"AND r.{req['status']} = %(pending)s ORDER BY r.id LIMIT 1)",
            f"(SELECT MAX(r.{req['decided_at']}) FROM {req_table} r "  # noqa: S608
            f"WHERE r.{sender_col} = %(sender)s AND r.{recipient_col} = %(recipient)s "
            f"AND r.{req['status']} IN (%(declined)s, %(withdrawn)s))",
            f"(SELECT MAX(v.viewed_at) FROM {view_table} v WHERE v.viewer_id = %(sender)s "  # noqa: S608
            "AND v.viewed_id = %(recipient)s AND v.viewed_at <= %(now)s)",
            f"(SELECT COUNT(*) {in_force})",
            f"(SELECT x.ends_at {in_force} ORDER BY x.created_at DESC LIMIT 1)",
            f"(SELECT COUNT(*) FROM {req_table} r WHERE r.{sender_col} = %(sender)s "  # noqa: S608
            f"AND r.{req['status']} = %(pending)s)",
            *(
                policy_column(name)
                for name in (
                    "note_required",
                    "review_action",
                    "decline_action",
                    "spam_action",
                    "filed_intents",
                )
            ),
        ]
    )
    # Only model metadata is interpolated; every value is a parameter.
    return (
        f"SELECT rec.*, snd.* FROM ({record_sql()}) rec, "  # noqa: S608
        f"(SELECT {send} FROM {conn} c WHERE c.owner_id = %(sender)s) snd"
    )


def _moment(value: object) -> datetime | None:
    """A date-time as a raw cursor returns it (SQLite: naive or text, in UTC) as an aware
    one."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(str(value))
    if parsed is None:  # pragma: no cover (the database wrote it)
        raise ValueError(f"not a date-time: {value!r}")
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def send_facts(sender: Member, recipient: Member, *, now: datetime) -> SendFacts:
    """Read :class:`SendFacts` for a request from ``sender`` to ``recipient`` at ``now``."""
    db = connections[ContactRequest.objects.db]
    moment = db.ops.adapt_datetimefield_value
    params = {
        **record_params(sender, now=now),
        "sender": sender.pk,
        "recipient": recipient.pk,
        "now": moment(now),
        "declined": RequestStatus.DECLINED.value,
        "withdrawn": RequestStatus.WITHDRAWN.value,
    }
    with db.cursor() as cursor:
        cursor.execute(_send_sql(), params)
        row = cursor.fetchone()
    counts, send = row[: len(RECORD_COUNTS)], row[len(RECORD_COUNTS) :]
    if len(send) != _SEND_COLUMNS:  # pragma: no cover (the statement's shape)
        raise ValueError(f"the send statement returned {len(send)} columns")
    (
        connected_at,
        contacts,
        mutual,
        blocks,
        pending_sender,
        refused_at,
        viewed_at,
        restrictions,
        restricted_until,
        sender_pending,
        note_required,
        review_action,
        decline_action,
        spam_action,
        filed_intents,
    ) = send
    if note_required is None:
        policy = RequestPolicy(member_id=recipient.pk)
    else:
        policy = RequestPolicy(
            member_id=recipient.pk,
            note_required=note_required,
            review_action=review_action,
            decline_action=decline_action,
            spam_action=spam_action,
            # JSON as text from both databases' raw cursors (Django decodes it in fields).
            filed_intents=(
                filed_intents if isinstance(filed_intents, list) else json.loads(filed_intents)
            ),
        )
    return SendFacts(
        record=record_from_row(sender, counts, now=now),
        pair=PairFacts(
            connected_at=_moment(connected_at),
            contacts=int(contacts or 0),
            mutual_contacts=int(mutual or 0),
        ),
        blocked=bool(blocks),
        pending_sender_id=pending_sender,
        refused_at=_moment(refused_at),
        viewed_at=_moment(viewed_at),
        restricted=bool(restrictions),
        restricted_until=_moment(restricted_until),
        sender_pending=int(sender_pending or 0),
        policy=policy,
    )


def _profiles(*member_ids: int) -> dict[int, Profile]:
    """The members' profiles by member id, in one query."""
    fields = ("member_id", "full_name", "headline", "offering", "seeking", "seniority")
    return {p.member_id: p for p in Profile.objects.filter(member_id__in=member_ids).only(*fields)}


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


@dataclass(frozen=True, slots=True)
class ProfileFacts:
    """What the two profiles share, the recipient's skills and the sender's latest notes
    to others (as :func:`recent_notes` finds them)."""

    shared_employers: tuple[str, ...]
    shared_schools: tuple[str, ...]
    recipient_skills: tuple[str, ...]
    sender_notes: tuple[str, ...]


@functools.cache
def _profile_facts_sql() -> str:
    """Positions and schools of both profiles, the recipient's skills and the sender's
    latest notes to others, as one UNION ALL of four indexed reads (kind, profile,
    employer or a note's rank, name or note, start, end)."""
    pos = {f.name: f.column for f in Position._meta.concrete_fields}
    edu = {f.name: f.column for f in Education._meta.concrete_fields}
    link = {f.name: f.column for f in ProfileSkill._meta.concrete_fields}
    employer, skill = Employer._meta.db_table, Skill._meta.db_table
    position, education = Position._meta.db_table, Education._meta.db_table
    profile_skill = ProfileSkill._meta.db_table
    req = {f.name: f.column for f in ContactRequest._meta.concrete_fields}
    requests = ContactRequest._meta.db_table
    notes = (
        f"SELECT r.{req['note']} AS note, r.{req['sent_at']} AS sent_at FROM {requests} r "  # noqa: S608
        f"WHERE r.{req['sender']} = %(sender)s AND r.{req['recipient']} <> %(recipient)s "
        f"AND r.{req['note']} <> '' ORDER BY r.{req['sent_at']} DESC LIMIT %(notes)s"
    )
    # Only model metadata is interpolated; every value is a parameter.
    return (
        f"SELECT 'p', p.{pos['profile']}, p.{pos['employer']}, e.name, "  # noqa: S608
        f"p.{pos['start_date']}, p.{pos['end_date']} FROM {position} p "
        f"JOIN {employer} e ON e.id = p.{pos['employer']} "
        f"WHERE p.{pos['profile']} IN (%(sender)s, %(recipient)s) "
        f"UNION ALL SELECT 's', d.{edu['profile']}, NULL, d.{edu['school']}, NULL, NULL "
        f"FROM {education} d WHERE d.{edu['profile']} IN (%(sender)s, %(recipient)s) "
        f"UNION ALL SELECT 'k', l.{link['profile']}, NULL, k.name, NULL, NULL "
        f"FROM {profile_skill} l JOIN {skill} k ON k.id = l.{link['skill']} "
        f"WHERE l.{link['profile']} = %(recipient)s "
        "UNION ALL SELECT 'n', NULL, ROW_NUMBER() OVER (ORDER BY n.sent_at DESC), n.note, "
        f"NULL, NULL FROM ({notes}) n"
    )


def _day(value: object) -> date | None:
    """A date as a raw cursor returns it (SQLite: text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def profile_facts(sender_id: int, recipient_id: int, *, today: date) -> ProfileFacts:
    """Shared employers (overlapping years) and schools, as :func:`shared_employers` and
    :func:`shared_schools` find them, the recipient's skills by name and the sender's
    latest notes to others, in one query."""
    params = {"sender": sender_id, "recipient": recipient_id, "notes": RECENT_NOTES}
    with connections[Position.objects.db].cursor() as cursor:
        cursor.execute(_profile_facts_sql(), params)
        rows = cursor.fetchall()
    positions: dict[int, list[tuple[int, str, date, date | None]]] = {
        sender_id: [],
        recipient_id: [],
    }
    schools: dict[int, list[str]] = {sender_id: [], recipient_id: []}
    skills: list[str] = []
    notes: list[tuple[int, str]] = []
    for kind, profile_id, employer_id, name, start, end in rows:
        if kind == "p":
            started = _day(start)
            if started is not None:
                positions[profile_id].append((employer_id, name, started, _day(end)))
        elif kind == "s":
            schools[profile_id].append(name)
        elif kind == "k":
            skills.append(name)
        else:
            notes.append((employer_id, name))
    employers: dict[int, str] = {}
    for employer_id, name, start, end in positions[sender_id]:
        for other_id, _name, other_start, other_end in positions[recipient_id]:
            overlap = start <= (other_end or today) and other_start <= (end or today)
            if employer_id == other_id and overlap:
                employers.setdefault(employer_id, name)
    mine = {normalise_name(school): school for school in schools[sender_id]}
    theirs = {normalise_name(school) for school in schools[recipient_id]}
    return ProfileFacts(
        shared_employers=tuple(employers.values()),
        shared_schools=tuple(name for key, name in mine.items() if key in theirs),
        recipient_skills=tuple(sorted(skills)),
        sender_notes=tuple(note for _rank, note in sorted(notes)),
    )


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


def build_contact_request_facts(
    sender: Member,
    *,
    recipient: Member,
    note: str,
    intent: str,
    now: datetime,
    pair: PairFacts | None = None,
    introduction: Introduction | None = None,
    send: SendFacts | None = None,
) -> RequestFacts:
    """Gather everything the engine needs to judge ``sender``'s request to ``recipient``
    (``send`` or ``pair`` when the caller has already read them; ``introduction`` when a
    mutual contact forwarded it, whose name the case then carries)."""
    if send is not None:
        record, pair, viewed_at = send.record, send.pair, send.viewed_at
    else:
        record = sender_record(sender, now=now)
        pair = pair or pair_facts(sender.pk, recipient.pk)
        viewed_at = last_profile_view(sender.pk, recipient.pk, before=now)
    introducer_id = _introducer_id(introduction)
    ids = (
        (sender.pk, recipient.pk)
        if introducer_id is None
        else (sender.pk, recipient.pk, introducer_id)
    )
    profiles = _profiles(*ids)
    sender_profile = profiles.get(sender.pk)
    recipient_profile = profiles.get(recipient.pk)
    connection = pair.connected_at
    shared = profile_facts(sender.pk, recipient.pk, today=now.date())
    ground = other_ground(sender.pk, recipient.pk)
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
            recent_texts=shared.sender_notes,
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
            skills=shared.recipient_skills if recipient_profile else (),
            seeking=_lines(recipient_profile.seeking) if recipient_profile else (),
            offering=_lines(recipient_profile.offering) if recipient_profile else (),
            level=_level(recipient_profile.seniority) if recipient_profile else None,
        ),
        relation=Relation(
            connected=connection is not None,
            connected_at=connection,
            mutual_contacts=pair.mutual_contacts,
            viewed_profile_before=viewed_at is not None,
            shared_employers=shared.shared_employers,
            shared_schools=shared.shared_schools,
            shared_groups=ground.shared_groups,
            shared_events=ground.shared_events,
            prior_messages=ground.prior_messages,
            # Accepted calendar invitations do not exist yet: no meetings to count.
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
