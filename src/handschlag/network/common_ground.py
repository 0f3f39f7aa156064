"""Common ground that other apps record: groups both belong to, meetups both were
confirmed at, and the messages they have exchanged.

Every case that judges one member reaching another (a contact request, a message) reads
these facts here, so the engine sees the same history whichever door is used. All three
come from one statement: a send is on the hot path, and on a busy database every round
trip waits its turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connections
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from handschlag.events.models import Meetup, Rsvp
from handschlag.groups.models import Group, Membership
from handschlag.messaging.models import Conversation, Message, pair_key


@dataclass(frozen=True, slots=True)
class OtherGround:
    """The trust engine's ``Relation`` facts that live outside the network app."""

    shared_groups: tuple[str, ...] = ()
    #: "Title, YYYY-MM-DD" of each meetup both checked in at, latest first.
    shared_events: tuple[str, ...] = ()
    #: Messages in the pair's conversation; 0 unless both have written, because a
    #: string of unanswered messages is no exchange.
    prior_messages: int = 0


def _columns(model: type) -> dict[str, str]:
    return {f.name: f.column for f in model._meta.concrete_fields}  # type: ignore[attr-defined]


def _present_sql(member: str) -> str:
    """Meetups a member is known to have been at: checked in, or organised one at which
    someone checked in (the organiser was there to show the code)."""
    rsvp, meetup = _columns(Rsvp), _columns(Meetup)
    rsvps, meetups = Rsvp._meta.db_table, Meetup._meta.db_table
    return (
        f"SELECT r.{rsvp['meetup']} FROM {rsvps} r "  # noqa: S608 - metadata only
        f"WHERE r.{rsvp['member']} = %({member})s AND r.{rsvp['checked_in_at']} IS NOT NULL "
        f"UNION SELECT o.id FROM {meetups} o WHERE o.{meetup['organiser']} = %({member})s "
        f"AND EXISTS (SELECT 1 FROM {rsvps} c WHERE c.{rsvp['meetup']} = o.id "
        f"AND c.{rsvp['checked_in_at']} IS NOT NULL)"
    )


def _other_ground_sql(*, with_messages: bool) -> str:
    """Shared groups ('g'), shared meetups ('e') and the pair's message counts ('m') as
    one UNION ALL of indexed reads: (kind, count, authors, name, time)."""
    membership, meetup = _columns(Membership), _columns(Meetup)
    message, conversation = _columns(Message), _columns(Conversation)
    memberships, groups = Membership._meta.db_table, Group._meta.db_table
    meetups = Meetup._meta.db_table
    messages, conversations = Message._meta.db_table, Conversation._meta.db_table
    # Only model metadata is interpolated; every value is a parameter.
    sql = (
        "SELECT 'g' AS kind, CAST(NULL AS BIGINT) AS messages, "  # noqa: S608
        "CAST(NULL AS BIGINT) AS authors, g.name AS name, "
        f"NULL AS at FROM {memberships} a "
        f"JOIN {memberships} b ON b.{membership['group']} = a.{membership['group']} "
        f"AND b.{membership['member']} = %(b)s "
        f"JOIN {groups} g ON g.id = a.{membership['group']} "
        f"WHERE a.{membership['member']} = %(a)s "
        "UNION ALL SELECT 'e', CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), "
        f"m.{meetup['title']}, m.{meetup['starts_at']} "
        f"FROM {meetups} m WHERE m.{meetup['cancelled_at']} IS NULL "
        f"AND m.id IN ({_present_sql('a')}) AND m.id IN ({_present_sql('b')})"
    )
    if with_messages:
        sql += (
            f" UNION ALL SELECT 'm', COUNT(x.id), COUNT(DISTINCT x.{message['sender']}), "  # noqa: S608
            f"NULL, NULL FROM {messages} x JOIN {conversations} c "
            f"ON c.id = x.{message['conversation']} WHERE c.{conversation['pair_key']} = %(pair)s"
        )
    return sql


def _local_day(value: object) -> date:
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        raise ValueError(f"not a date and time: {value!r}")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return timezone.localtime(moment).date()


def other_ground(a_id: int, b_id: int, *, with_messages: bool = True) -> OtherGround:
    """Groups, meetups and (unless the caller counted them already) messages the two
    share, in one query."""
    params: dict[str, int | str] = {"a": a_id, "b": b_id, "pair": pair_key(a_id, b_id)}
    with connections[Membership.objects.db].cursor() as cursor:
        cursor.execute(_other_ground_sql(with_messages=with_messages), params)
        rows = cursor.fetchall()
    groups: list[str] = []
    events: list[tuple[date, str]] = []
    prior_messages = 0
    for kind, count, authors, name, at in rows:
        if kind == "g":
            groups.append(name)
        elif kind == "e":
            events.append((_local_day(at), name))
        elif authors is not None and int(authors) >= 2:
            prior_messages = int(count)
    events.sort(key=lambda event: event[0], reverse=True)
    return OtherGround(
        shared_groups=tuple(sorted(groups)),
        shared_events=tuple(f"{title}, {day.isoformat()}" for day, title in events),
        prior_messages=prior_messages,
    )
