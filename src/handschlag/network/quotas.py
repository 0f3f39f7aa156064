"""Sender quotas, trust levels and restrictions: how many requests a member may send.

Everything here is bounded by the sender's own activity (their requests in the last
year, the reports against them), never by the size of the network. The numbers follow
SECURITY.md "Starting values" (new accounts 5/day and 20/week for their first 7 days,
established accounts 20/day and 100/week, 200 pending) and the Discourse trust levels
it cites; each constant says why it has its value.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.accounts.models import Member
from handschlag.moderation.models import ModerationAction, Report
from handschlag.network.errors import QuotaExhausted
from handschlag.network.models import (
    Appeal,
    ContactRequest,
    Decision,
    RequestStatus,
    Restriction,
    SenderStanding,
    TrustLevel,
)

### Limits ###

DAY = timedelta(days=1)
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Limits:
    """A level's base limits, before the sender's record reduces them."""

    daily: int
    weekly: int


#: SECURITY.md: "New account (first 7 days): 5/day, 20/week. Established: 20/day,
#: 100/week." Basic sits halfway (Discourse's TL1 is still watched); member and trusted
#: get the established values, which are the ceiling: no level ever sends more.
LEVEL_LIMITS: dict[int, Limits] = {
    TrustLevel.NEW: Limits(daily=5, weekly=20),
    TrustLevel.BASIC: Limits(daily=10, weekly=50),
    TrustLevel.MEMBER: Limits(daily=20, weekly=100),
    TrustLevel.TRUSTED: Limits(daily=20, weekly=100),
}
#: SECURITY.md: "Pending cap 200"; a sender with 200 unanswered requests is not being heard.
PENDING_CAP = 200

### Trust levels (Discourse-style: time, accepted requests, no reports) ###

#: SECURITY.md's "first 7 days" of a new account.
BASIC_AFTER_DAYS = 7
#: A month on the site and five people who said yes: the sender is known to someone.
MEMBER_AFTER_DAYS = 30
MEMBER_MIN_ACCEPTED = 5
#: Half a year, 25 accepted requests and half of them welcome: an established networker.
TRUSTED_AFTER_DAYS = 180
TRUSTED_MIN_ACCEPTED = 25
TRUSTED_MIN_ACCEPTANCE = 0.5

### Reductions ###

#: A request still pending after two weeks counts as ignored (most answers come in days).
IGNORED_AFTER = timedelta(days=14)
#: Ratios mean nothing on a handful of requests; from ten answered or ignored ones they do.
RATIO_MIN_SETTLED = 10
#: Acceptance below half halves the quota; below a fifth quarters it. Members who know
#: the sender accept most requests; strangers ignore or decline them.
HALVE_BELOW = 0.5
QUARTER_BELOW = 0.2
#: Each "I don't know this person" or report in 90 days takes a tenth of the base.
NEGATIVE_PENALTY = 0.1
#: A floor, so that a member can still reach the few people they really know;
#: restrictions, not quotas, stop abusers.
MIN_WEEKLY = 2

### Restrictions (S3, S7) ###

#: Collector: three people who say "I don't know this person" (or report), making up
#: at least 30% of the answers, is a pattern, not bad luck.
COLLECTOR_MIN_NEGATIVES = 3
COLLECTOR_NEGATIVE_SHARE = 0.3
#: Collector: fifteen settled requests with fewer than 15% accepted.
COLLECTOR_MIN_SETTLED = 15
COLLECTOR_MAX_ACCEPTANCE = 0.15
#: Cold acquirer: five requests in a week whose note the engine found to be a template.
ACQUIRER_MIN_TEMPLATED = 5
TEMPLATE_CODES = frozenset({"TPL_SELF_NEAR_DUP", "TPL_MASS_SEND", "TPL_CROSS_SENDER"})
#: Two weeks first; each earlier restriction in the past year doubles it, up to 90 days.
RESTRICTION_DAYS = 14
RESTRICTION_MAX_DAYS = 90
#: An inviter whose invitees were restricted this many times may no longer invite.
INVITER_MAX_RESTRICTIONS = 3

#: Decisions that say "no" without saying "stranger".
_DECLINES = (Decision.DECLINED, Decision.REPLIED, Decision.AUTO_DECLINED, Decision.DISMISSED)


@dataclass(frozen=True, slots=True)
class SenderRecord:
    """The sender's recent record as counts, from their own requests and reports."""

    account_age_days: int
    sent_7d: int
    sent_90d: int
    accepted_90d: int
    accepted_365d: int
    declined_90d: int
    unknown_90d: int
    reported_90d: int
    ignored_90d: int
    withdrawn_90d: int
    reports_90d: int
    templated_7d: int

    @property
    def negatives_90d(self) -> int:
        """ "I don't know this person" and reports; a reported request usually also files a
        moderation report, so the larger of the two counts, not their sum."""
        return self.unknown_90d + max(self.reported_90d, self.reports_90d)

    @property
    def settled_90d(self) -> int:
        """Requests with an answer or ignored for two weeks (withdrawn ones excluded)."""
        return (
            self.accepted_90d
            + self.declined_90d
            + self.unknown_90d
            + self.reported_90d
            + (self.ignored_90d)
        )

    @property
    def acceptance(self) -> float | None:
        """The share of settled requests accepted; None below the sample size."""
        if self.settled_90d < RATIO_MIN_SETTLED:
            return None
        return self.accepted_90d / self.settled_90d

    def to_dict(self) -> dict[str, int]:
        """The counts as JSON (the restriction's evidence)."""
        return {name: getattr(self, name) for name in self.__slots__}

    def after_send(self, *, auto_declined: bool, templated: bool) -> SenderRecord:
        """The record once one more request, sent now, is stored: what
        :func:`sender_record` would count then, without counting again."""
        return replace(
            self,
            sent_7d=self.sent_7d + 1,
            sent_90d=self.sent_90d + 1,
            declined_90d=self.declined_90d + auto_declined,
            templated_7d=self.templated_7d + templated,
        )


def is_templated(hits: object) -> bool:
    """Whether a verdict's stored hits say the note is one of the sender's templates."""
    return isinstance(hits, list) and any(
        isinstance(h, dict) and h.get("code") in TEMPLATE_CODES and not h.get("shadow")
        for h in hits
    )


@functools.cache
def _record_sql() -> str:
    """One statement for all counts of :func:`sender_record`, reports included.

    Written out rather than built with ``aggregate(Count(filter=…))``: the ORM spent
    ~7 ms compiling those nine filtered counts on every call (0.1 ms to run them), on
    the path of every contact request. ``COUNT(CASE WHEN … THEN 1 END)`` is what Django
    emits for ``filter=`` on SQLite and means the same on PostgreSQL.
    """
    req = ContactRequest._meta
    col = {f.name: f"{req.db_table}.{f.column}" for f in req.concrete_fields}
    rep = Report._meta
    rep_col = {f.name: f"{rep.db_table}.{f.column}" for f in rep.concrete_fields}

    def count(condition: str) -> str:
        return f"COUNT(CASE WHEN {condition} THEN 1 END)"

    in_90 = f"{col['sent_at']} >= %(since_90)s"
    declines = ", ".join(["%(decline_" + str(i) + ")s" for i in range(len(_DECLINES))])
    counts = [
        count(f"{col['sent_at']} >= %(since_7)s"),
        count(in_90),
        count(f"{in_90} AND {col['status']} = %(accepted)s"),
        count(f"{col['status']} = %(accepted)s"),
        count(f"{in_90} AND {col['status']} = %(declined)s AND {col['decision']} IN ({declines})"),
        count(f"{in_90} AND {col['decision']} = %(unknown)s"),
        count(f"{in_90} AND {col['decision']} = %(reported)s"),
        count(
            f"{in_90} AND {col['status']} = %(pending)s AND {col['sent_at']} < %(ignored_before)s"
        ),
        count(f"{in_90} AND {col['status']} = %(withdrawn)s"),
    ]
    # Only model metadata is interpolated; every value is a parameter.
    reports = (
        f"(SELECT COUNT(*) FROM {rep.db_table} WHERE {rep_col['reported']} = %(member)s "  # noqa: S608
        f"AND {rep_col['created_at']} >= %(since_90)s)"
    )
    return (
        f"SELECT {', '.join(counts)}, {reports} FROM {req.db_table} "  # noqa: S608
        f"WHERE {col['sender']} = %(member)s AND {col['sent_at']} >= %(since_365)s"
    )


RECORD_COUNTS = (
    "sent_7d",
    "sent_90d",
    "accepted_90d",
    "accepted_365d",
    "declined_90d",
    "unknown_90d",
    "reported_90d",
    "ignored_90d",
    "withdrawn_90d",
    "reports_90d",
)


def record_sql() -> str:
    """The statement behind :func:`sender_record`, for callers that join it with their own
    (one row of ``len(RECORD_COUNTS)`` counts; parameters from :func:`record_params`)."""
    return _record_sql()


def record_params(member: Member, *, now: datetime) -> dict[str, Any]:
    """The parameters of :func:`record_sql` for the member at ``now``."""
    db = connections[ContactRequest.objects.db]
    moment = db.ops.adapt_datetimefield_value
    return {
        "member": member.pk,
        "since_7": moment(now - WEEK),
        "since_90": moment(now - timedelta(days=90)),
        "since_365": moment(now - timedelta(days=365)),
        "ignored_before": moment(now - IGNORED_AFTER),
        "accepted": RequestStatus.ACCEPTED.value,
        "declined": RequestStatus.DECLINED.value,
        "pending": RequestStatus.PENDING.value,
        "withdrawn": RequestStatus.WITHDRAWN.value,
        "unknown": Decision.UNKNOWN.value,
        "reported": Decision.REPORTED.value,
        **{f"decline_{i}": d.value for i, d in enumerate(_DECLINES)},
    }


def sender_record(member: Member, *, now: datetime | None = None) -> SenderRecord:
    """Count the member's requests in the last year and the reports against them (one
    indexed statement), and read the hits of this week's requests (none: no query)."""
    now = now or timezone.now()
    db = connections[ContactRequest.objects.db]
    with db.cursor() as cursor:
        cursor.execute(_record_sql(), record_params(member, now=now))
        row = cursor.fetchone()
    return record_from_row(member, row, now=now)


def record_from_row(member: Member, row: Sequence[Any], *, now: datetime) -> SenderRecord:
    """The record from the counts :func:`record_sql` returned (``row`` may go on with
    the caller's own columns); reads this week's hits only when there were requests."""
    since_7 = now - WEEK
    counts = {name: int(value or 0) for name, value in zip(RECORD_COUNTS, row, strict=False)}
    templated = 0
    if counts["sent_7d"]:
        # At most a week's quota of rows (≤ 100): read their hits rather than query JSON
        # in a way only one of SQLite and PostgreSQL understands.
        templated = sum(
            1
            for hits in ContactRequest.objects.filter(
                sender_id=member.pk, sent_at__gte=since_7
            ).values_list("hits", flat=True)
            if is_templated(hits)
        )
    age = max(0, (now - member.date_joined).days)
    return SenderRecord(account_age_days=age, templated_7d=templated, **counts)


def trust_level_for(record: SenderRecord) -> TrustLevel:
    """Promote by time, accepted requests and a clean record; any recent negative caps
    the level at basic."""
    if record.account_age_days < BASIC_AFTER_DAYS:
        return TrustLevel.NEW
    clean = record.negatives_90d == 0
    if not clean:
        return TrustLevel.BASIC
    acceptance = record.acceptance
    if (
        record.account_age_days >= TRUSTED_AFTER_DAYS
        and record.accepted_365d >= TRUSTED_MIN_ACCEPTED
        and (acceptance is None or acceptance >= TRUSTED_MIN_ACCEPTANCE)
    ):
        return TrustLevel.TRUSTED
    if record.account_age_days >= MEMBER_AFTER_DAYS and record.accepted_365d >= MEMBER_MIN_ACCEPTED:
        return TrustLevel.MEMBER
    return TrustLevel.BASIC


### Quota ###


@dataclass(frozen=True, slots=True)
class Quota:
    """What the sender may still send, and why it is lower than their level's base."""

    trust_level: TrustLevel
    daily_limit: int
    weekly_limit: int
    used_today: int
    used_this_week: int
    pending: int
    pending_cap: int
    day_resets_at: datetime
    week_resets_at: datetime
    #: Plain-word reasons for a reduced quota, in the member's language.
    reductions: tuple[str, ...] = ()

    @property
    def remaining_today(self) -> int:
        return max(0, self.daily_limit - self.used_today)

    @property
    def remaining_this_week(self) -> int:
        return max(0, self.weekly_limit - self.used_this_week)

    @property
    def remaining(self) -> int:
        """Requests the sender can send right now."""
        return max(
            0,
            min(self.remaining_today, self.remaining_this_week, self.pending_cap - self.pending),
        )


def _limits(record: SenderRecord, level: TrustLevel) -> tuple[int, int, tuple[str, ...]]:
    """Daily and weekly limits after reductions, with the reasons in plain words."""
    base = LEVEL_LIMITS[level]
    factor = 1.0
    reasons: list[str] = []
    acceptance = record.acceptance
    if acceptance is not None and acceptance < HALVE_BELOW:
        factor = 0.25 if acceptance < QUARTER_BELOW else 0.5
        reasons.append(
            _(
                "Most of your recent requests were declined or not answered "
                "(%(accepted)d of %(settled)d accepted)."
            )
            % {"accepted": record.accepted_90d, "settled": record.settled_90d}
        )
    weekly = math.floor(base.weekly * factor)
    negatives = record.negatives_90d
    if negatives:
        weekly -= math.ceil(base.weekly * NEGATIVE_PENALTY * negatives)
        reasons.append(
            ngettext(
                "%(count)d recipient said they do not know you or reported a request.",
                "%(count)d recipients said they do not know you or reported a request.",
                negatives,
            )
            % {"count": negatives}
        )
    weekly = max(MIN_WEEKLY, weekly)
    daily = max(1, min(base.daily, math.ceil(base.daily * factor), weekly))
    return daily, weekly, tuple(reasons)


def _window(start: datetime, length: timedelta, used: int, now: datetime) -> tuple[int, datetime]:
    """The count and reset time of a window; an expired window counts as empty."""
    if start + length <= now:
        return 0, now + length
    return used, start + length


def quota_for(
    member: Member, *, record: SenderRecord | None = None, pending: int | None = None
) -> Quota:
    """The member's limits and what is left of them; writes nothing (``record`` and
    ``pending`` when the caller has counted them already)."""
    now = timezone.now()
    record = record or sender_record(member, now=now)
    level = trust_level_for(record)
    daily, weekly, reasons = _limits(record, level)
    standing = SenderStanding.objects.filter(member_id=member.pk).first()
    if standing is None:
        used_today, day_reset = 0, now + DAY
        used_week, week_reset = 0, now + WEEK
    else:
        used_today, day_reset = _window(standing.day_starts_at, DAY, standing.sent_today, now)
        used_week, week_reset = _window(standing.week_starts_at, WEEK, standing.sent_this_week, now)
    if pending is None:
        pending = ContactRequest.objects.from_sender(member.pk).pending().count()
    return Quota(
        trust_level=level,
        daily_limit=daily,
        weekly_limit=weekly,
        used_today=used_today,
        used_this_week=used_week,
        pending=pending,
        pending_cap=PENDING_CAP,
        day_resets_at=day_reset,
        week_resets_at=week_reset,
        reductions=reasons,
    )


def send_limits(record: SenderRecord) -> tuple[TrustLevel, int, int]:
    """The trust level and the daily and weekly limits a record gives (no query)."""
    level = trust_level_for(record)
    daily, weekly, _reasons = _limits(record, level)
    return level, daily, weekly


@functools.cache
def _count_sql(*, with_level: bool) -> str:
    """The upsert of :func:`_count_request`, written out: the ORM spent more time
    compiling its four ``Case(When(…))`` than the database running it.

    A member's first request inserts their row with the request counted; afterwards the
    conflict branch starts expired windows afresh and counts the request, only where the
    quota allows (``… WHERE (week over OR sent_this_week < limit) AND …``). Every SET
    expression reads the row as it was before the statement (standard SQL, both
    databases), so a window that starts afresh counts the request as its first. On
    PostgreSQL the conflict branch locks the row and checks the condition on its latest
    version (``ON CONFLICT DO UPDATE`` is atomic, also against a parallel first
    request); SQLite runs write transactions one at a time.
    """
    meta = SenderStanding._meta
    table = meta.db_table
    col = {f.name: f.column for f in meta.concrete_fields}
    week, day = col["week_starts_at"], col["day_starts_at"]
    sent_week, sent_day = col["sent_this_week"], col["sent_today"]
    level = col["trust_level"]
    week_over = f"{table}.{week} <= %(week_ago)s"
    day_over = f"{table}.{day} <= %(day_ago)s"
    sets = [
        f"{week} = CASE WHEN {week_over} THEN %(now)s ELSE {table}.{week} END",
        f"{sent_week} = CASE WHEN {week_over} THEN 1 ELSE {table}.{sent_week} + 1 END",
        f"{day} = CASE WHEN {day_over} THEN %(now)s ELSE {table}.{day} END",
        f"{sent_day} = CASE WHEN {day_over} THEN 1 ELSE {table}.{sent_day} + 1 END",
    ]
    if with_level:
        sets.append(f"{level} = %(level)s")
    columns = ", ".join([col["member"], level, week, sent_week, day, sent_day])
    # Only model metadata is interpolated; every value is a parameter.
    return (
        f"INSERT INTO {table} ({columns}) "  # noqa: S608
        "VALUES (%(member)s, %(level)s, %(now)s, 1, %(now)s, 1) "
        f"ON CONFLICT ({col['member']}) DO UPDATE SET {', '.join(sets)} "
        f"WHERE ({week_over} OR {table}.{sent_week} < %(weekly)s) "
        f"AND ({day_over} OR {table}.{sent_day} < %(daily)s)"
    )


def _count_request(
    member: Member,
    *,
    daily_limit: int,
    weekly_limit: int,
    trust_level: TrustLevel | None,
    now: datetime,
) -> int:
    """The upsert that counts one request (see :func:`_count_sql`): 1 if it fit, 0 if
    not."""
    db = connections[SenderStanding.objects.db]
    moment = db.ops.adapt_datetimefield_value
    params: dict[str, Any] = {
        "member": member.pk,
        "now": moment(now),
        "week_ago": moment(now - WEEK),
        "day_ago": moment(now - DAY),
        "weekly": weekly_limit,
        "daily": daily_limit,
        "level": int(TrustLevel.NEW if trust_level is None else trust_level),
    }
    with db.cursor() as cursor:
        cursor.execute(_count_sql(with_level=trust_level is not None), params)
        return int(cursor.rowcount)


#: How many requests of the sender's can become pending between a count made earlier in
#: the send and the row lock: each parallel send counts against the day, and the day's
#: window may start afresh once in between, so twice the highest daily limit.
_PENDING_IN_FLIGHT = 2 * max(limits.daily for limits in LEVEL_LIMITS.values())


def consume_quota(
    member: Member,
    *,
    daily_limit: int,
    weekly_limit: int,
    trust_level: TrustLevel | None = None,
    now: datetime | None = None,
    pending: int | None = None,
) -> None:
    """Count one request against the member's day and week, or refuse (S1).

    Must run inside the sender's transaction. One upsert counts the request where the
    quota allows (see :func:`_count_sql`), so parallel sends never exceed the quota.
    The pending cap is checked after the row is locked, so it holds too: ``pending``,
    the sender's pending requests as counted earlier in the same send, spares the count
    when even every send that could have been in flight since then leaves room.
    ``trust_level``, when given, is stored in the same statement.
    """
    now = now or timezone.now()
    counted = _count_request(
        member,
        daily_limit=daily_limit,
        weekly_limit=weekly_limit,
        trust_level=trust_level,
        now=now,
    )
    if counted != 1:
        standing = SenderStanding.objects.get(member_id=member.pk)
        if standing.week_starts_at > now - WEEK and standing.sent_this_week >= weekly_limit:
            raise QuotaExhausted(
                period="week", limit=weekly_limit, resets_at=standing.week_starts_at + WEEK
            )
        raise QuotaExhausted(
            period="day", limit=daily_limit, resets_at=standing.day_starts_at + DAY
        )
    if pending is None or pending + _PENDING_IN_FLIGHT >= PENDING_CAP:
        pending = ContactRequest.objects.from_sender(member.pk).pending().count()
    if pending >= PENDING_CAP:
        raise QuotaExhausted(period="pending", limit=PENDING_CAP)


### Restrictions ###


def current_restriction(member: Member) -> Restriction | None:
    """The restriction in force for the member, if any."""
    now = timezone.now()
    return (
        Restriction.objects.filter(member_id=member.pk, lifted_at__isnull=True)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .order_by("-created_at")
        .first()
    )


def _restriction_reasons(record: SenderRecord) -> list[str]:
    """The codes of the patterns the record shows; empty for an organic sender."""
    codes: list[str] = []
    negatives = record.negatives_90d
    answered = record.settled_90d - record.ignored_90d
    if negatives >= COLLECTOR_MIN_NEGATIVES and negatives >= COLLECTOR_NEGATIVE_SHARE * max(
        answered, 1
    ):
        codes.append("SEND_UNKNOWN_REPORTED")
    acceptance = record.acceptance
    if (
        record.settled_90d >= COLLECTOR_MIN_SETTLED
        and acceptance is not None
        and acceptance < COLLECTOR_MAX_ACCEPTANCE
    ):
        codes.append("SEND_LOW_ACCEPTANCE")
    if record.templated_7d >= ACQUIRER_MIN_TEMPLATED:
        codes.append("SEND_TEMPLATED")
    return codes


def review_sender_standing(
    member: Member, *, record: SenderRecord | None = None
) -> Restriction | None:
    """Recompute the member's trust level and restrict them when their record shows a
    collector's or a cold acquirer's pattern; returns the restriction in force, if any.

    Called after each negative decision on one of the member's requests (the send path
    uses :func:`review_after_send`, which knows the record already). ``record`` spares
    counting again when the caller has just counted.
    """
    with transaction.atomic():
        now = timezone.now()
        record = record or sender_record(member, now=now)
        level = trust_level_for(record)
        SenderStanding.objects.update_or_create(
            member_id=member.pk, defaults={"trust_level": level}
        )
        existing = current_restriction(member)
        if existing is not None:
            return existing
        return _restrict(member, record=record, level=level, now=now)


def review_after_send(
    member: Member, *, record: SenderRecord, stored_level: TrustLevel, now: datetime
) -> Restriction | None:
    """The standing review after a send, from the record that includes the new request
    (:meth:`SenderRecord.after_send`): no query unless the level changed or the record
    shows a pattern; then as :func:`review_sender_standing`.

    ``stored_level`` is the level :func:`consume_quota` just stored. The sender had no
    restriction in force when the send began (it was refused otherwise).
    """
    level = trust_level_for(record)
    if level != stored_level:
        SenderStanding.objects.filter(member_id=member.pk).update(trust_level=level)
    if not _restriction_reasons(record):
        return None
    existing = current_restriction(member)
    if existing is not None:
        return existing
    return _restrict(member, record=record, level=level, now=now)


def _restrict(
    member: Member, *, record: SenderRecord, level: TrustLevel, now: datetime
) -> Restriction | None:
    """Restrict the member when the record shows a pattern, for longer each time."""
    codes = _restriction_reasons(record)
    if not codes:
        return None
    earlier = Restriction.objects.filter(
        member_id=member.pk, created_at__gte=now - timedelta(days=365)
    ).count()
    days = min(RESTRICTION_MAX_DAYS, RESTRICTION_DAYS * 2**earlier)
    restriction = Restriction.objects.create(
        member=member,
        evidence={"codes": codes, "record": record.to_dict(), "level": int(level)},
        created_at=now,
        ends_at=now + timedelta(days=days),
    )
    ModerationAction.objects.create(
        moderator=None,
        subject=member,
        action="restrict_sender",
        reason=", ".join(codes),
        details={"restriction": restriction.pk, **restriction.evidence},
        created_at=now,
    )
    _tell_inviter(member, restriction)
    return restriction


def explain_restriction(restriction: Restriction) -> list[str]:
    """The evidence in plain words for the restricted member: counts, never scores."""
    evidence = restriction.evidence
    record = evidence.get("record", {})
    lines: list[str] = []
    for code in evidence.get("codes", []):
        if code == "SEND_UNKNOWN_REPORTED":
            negatives = record.get("unknown_90d", 0) + max(
                record.get("reported_90d", 0), record.get("reports_90d", 0)
            )
            lines.append(
                ngettext(
                    "In the last 90 days, %(count)d member said they do not know you or "
                    "reported a contact request or message of yours.",
                    "In the last 90 days, %(count)d members said they do not know you or "
                    "reported a contact request or message of yours.",
                    negatives,
                )
                % {"count": negatives}
            )
        elif code == "SEND_LOW_ACCEPTANCE":
            settled = sum(
                record.get(k, 0)
                for k in (
                    "accepted_90d",
                    "declined_90d",
                    "unknown_90d",
                    "reported_90d",
                    "ignored_90d",
                )
            )
            lines.append(
                _(
                    "Only %(accepted)d of your %(settled)d requests in the last 90 days that "
                    "were answered, or left unanswered for two weeks, were accepted."
                )
                % {"settled": settled, "accepted": record.get("accepted_90d", 0)}
            )
        elif code == "SEND_TEMPLATED":
            count = record.get("templated_7d", 0)
            lines.append(
                ngettext(
                    "This week, %(count)d of your requests had nearly the same note as "
                    "requests you sent to other people.",
                    "This week, %(count)d of your requests had nearly the same note as "
                    "requests you sent to other people.",
                    count,
                )
                % {"count": count}
            )
    return lines


### Invitations ###


def _tell_inviter(member: Member, restriction: Restriction) -> None:
    """On invitation-only instances, tell the inviter (by email, after commit)."""
    inviter_id = member.invited_by_id
    if not settings.HANDSCHLAG_INVITATION_ONLY or inviter_id is None:
        return
    inviter = Member.objects.filter(pk=inviter_id, is_active=True).first()
    if inviter is None:
        return
    name = getattr(getattr(member, "profile", None), "full_name", "") or member.email
    Restriction.objects.filter(pk=restriction.pk).update(inviter_notified_at=timezone.now())
    lost = not has_invitation_rights(inviter)
    with translation.override(inviter.language or settings.LANGUAGE_CODE):
        subject = _("Someone you invited may not send contact requests for now")
        body = _(
            "%(name)s, whom you invited to Handschlag, may not send contact requests for "
            "the time being: too many of their requests went to people who did not want "
            "them. They have been told why and can appeal to the moderators."
        ) % {"name": name}
        if lost:
            body += "\n\n" + _(
                "Members you invited have now been restricted %(count)d times, so you can "
                "no longer invite new members."
            ) % {"count": count_invitee_restrictions(inviter)}
    email = inviter.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [email], fail_silently=True))


def count_invitee_restrictions(inviter: Member) -> int:
    """How often the members this inviter brought in were restricted."""
    return Restriction.objects.filter(member__invited_by_id=inviter.pk).count()


def has_invitation_rights(inviter: Member) -> bool:
    """Whether the member may still invite: not after three restrictions of invitees."""
    return count_invitee_restrictions(inviter) < INVITER_MAX_RESTRICTIONS


def appeal_of(restriction: Restriction) -> Appeal | None:
    """The member's appeal against this restriction, if they made it."""
    return Appeal.objects.filter(restriction_id=restriction.pk).first()
