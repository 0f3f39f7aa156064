"""The health of a member's own network, instead of vanity metrics.

How many contacts the member really interacts with, which are dormant, which have no
known context, and what happened to the requests they received. Only ever computed for
the member themself, and never compared with anyone else's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.functional import Promise

from handschlag.accounts.models import Member
from handschlag.core.models import Label
from handschlag.network.connections import shared_employers, shared_schools
from handschlag.network.models import Connection, ContactRequest, Decision, HowMet, RequestStatus
from handschlag.profiles.models import Profile

#: An interaction within this time keeps a contact active.
ACTIVE_WITHIN = timedelta(days=365)
#: Requests received within this time are summarised.
REQUESTS_WITHIN = timedelta(days=365)
#: How many dormant and context-free contacts are named on the page.
NAMED_CONTACTS = 10
#: Decisions that say no, in the order the page lists them.
DECLINING = (
    Decision.DECLINED,
    Decision.REPLIED,
    Decision.AUTO_DECLINED,
    Decision.DISMISSED,
    Decision.UNKNOWN,
    Decision.REPORTED,
)


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart: a label, its count and its share of the whole in percent."""

    key: str
    label: str | Promise
    count: int
    percent: int


def _bars(counts: list[tuple[str, str | Promise, int]], total: int) -> list[Bar]:
    return [
        Bar(key=key, label=label, count=count, percent=round(count * 100 / total) if total else 0)
        for key, label, count in counts
    ]


@dataclass(frozen=True, slots=True)
class LabelRow:
    """Requests the engine gave one label: how many arrived and how many were declined."""

    bar: Bar
    declined: int


@dataclass(frozen=True, slots=True)
class NetworkHealth:
    """The figures on the member's network health page."""

    contacts: int
    active: int
    dormant: int
    no_context: int
    dormant_contacts: list[Profile] = field(default_factory=list)
    no_context_contacts: list[Profile] = field(default_factory=list)
    how_met: list[Bar] = field(default_factory=list)
    received: int = 0
    declined: int = 0
    decisions: list[Bar] = field(default_factory=list)
    labels: list[LabelRow] = field(default_factory=list)

    @property
    def active_percent(self) -> int:
        """Share of contacts with an interaction in the last 12 months, in percent."""
        return round(self.active * 100 / self.contacts) if self.contacts else 0

    @property
    def dormant_percent(self) -> int:
        """Share of contacts without an interaction for 12 months, in percent."""
        return round(self.dormant * 100 / self.contacts) if self.contacts else 0

    @property
    def no_context_percent(self) -> int:
        """Share of contacts with no known context, in percent."""
        return round(self.no_context * 100 / self.contacts) if self.contacts else 0


def get_network_health(member: Member, *, now: datetime | None = None) -> NetworkHealth:
    """The member's own network health: interactions, dormant and context-free contacts,
    and the requests they received in the last 12 months by decision and label."""
    now = now or timezone.now()
    rows = list(
        Connection.objects.of(member.pk)
        .filter(contact__is_active=True)
        .values_list("contact_id", "how_met", "last_interaction_at")
    )
    since = now - ACTIVE_WITHIN
    active = [cid for cid, _how, last in rows if last is not None and last >= since]
    # Never interacted first, then the longest silent.
    dormant_rows = sorted(
        ((cid, last) for cid, _how, last in rows if last is None or last < since),
        key=lambda row: (row[1] is not None, row[1] or now, row[0]),
    )
    dormant = [cid for cid, _last in dormant_rows]
    other = [cid for cid, how, _last in rows if how == HowMet.OTHER]
    with_context = set(shared_employers(member.pk, other, today=now.date())) | set(
        shared_schools(member.pk, other)
    )
    no_context = [cid for cid in other if cid not in with_context]
    named = dormant[:NAMED_CONTACTS] + sorted(no_context)[:NAMED_CONTACTS]
    profiles = Profile.objects.in_bulk(named, field_name="member_id")

    how_met_counts = dict.fromkeys(HowMet.values, 0)
    for _cid, how, _last in rows:
        how_met_counts[how] = how_met_counts.get(how, 0) + 1

    received, declined, decisions, labels = _requests(member, now=now)
    return NetworkHealth(
        contacts=len(rows),
        active=len(active),
        dormant=len(dormant),
        no_context=len(no_context),
        dormant_contacts=[profiles[c] for c in dormant[:NAMED_CONTACTS] if c in profiles],
        no_context_contacts=[
            profiles[c] for c in sorted(no_context)[:NAMED_CONTACTS] if c in profiles
        ],
        how_met=_bars(
            [(key, label, how_met_counts[key]) for key, label in HowMet.choices], len(rows)
        ),
        received=received,
        declined=declined,
        decisions=decisions,
        labels=labels,
    )


def _requests(member: Member, *, now: datetime) -> tuple[int, int, list[Bar], list[LabelRow]]:
    """Requests received in the last 12 months: by decision, by label, declined by label."""
    counts = (
        ContactRequest.objects.to_recipient(member.pk)
        .filter(sent_at__gte=now - REQUESTS_WITHIN)
        .values_list("status", "decision", "label")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_decision: dict[str, int] = {}
    by_label: dict[str, int] = {}
    declined_by_label: dict[str, int] = {}
    received = 0
    for status, decision, label, n in counts:
        received += n
        # A pending request has no decision yet; an undone one is pending again.
        key = decision if status != RequestStatus.PENDING and decision else "pending"
        by_decision[key] = by_decision.get(key, 0) + n
        by_label[label] = by_label.get(label, 0) + n
        if key in DECLINING:
            declined_by_label[label] = declined_by_label.get(label, 0) + n
    declined = sum(by_decision.get(d, 0) for d in DECLINING)
    decision_rows: list[tuple[str, str | Promise, int]] = [
        (Decision.ACCEPTED, Decision.ACCEPTED.label, by_decision.get(Decision.ACCEPTED, 0)),
        *((d.value, d.label, by_decision.get(d, 0)) for d in DECLINING),
        ("pending", RequestStatus.PENDING.label, by_decision.get("pending", 0)),
    ]
    label_rows: list[tuple[str, str | Promise, int]] = [
        (key, text, by_label.get(key, 0)) for key, text in Label.choices
    ]
    labels = [
        LabelRow(bar=bar, declined=declined_by_label.get(bar.key, 0))
        for bar in _bars(label_rows, received)
    ]
    return received, declined, _bars(decision_rows, received), labels
