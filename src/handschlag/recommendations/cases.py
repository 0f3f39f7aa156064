"""Rows → trust.Case: what two members share, and the facts a recommendation request is
judged by.

The shared employers (overlapping years) and schools come from network.cases, the same
queries that judge contact requests; confirmed collaborations are this app's own. Every
query is bounded by the two members' own rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.moderation.models import Report
from handschlag.network.cases import (
    last_profile_view,
    pair_facts,
    shared_employers,
    shared_schools,
)
from handschlag.network.common_ground import other_ground
from handschlag.profiles.models import Profile
from handschlag.recommendations.models import (
    Basis,
    Collaboration,
    CollaborationStatus,
    RecommendationRequest,
    RequestStatus,
    period_text,
)
from handschlag.trust import Case, Kind, Recipient, Relation, Sender

#: How many of the asker's latest notes to others the template rules compare against.
RECENT_NOTES = 20

_LANGS = ("de", "en")


@dataclass(frozen=True, slots=True)
class SharedHistory:
    """Whether the two are contacts, and the work history they share."""

    connected_at: datetime | None
    contacts: int
    mutual_contacts: int
    employers: tuple[str, ...]
    schools: tuple[str, ...]
    #: The projects of collaborations one declared and the other confirmed.
    collaborations: tuple[str, ...]

    @property
    def is_contact(self) -> bool:
        return self.connected_at is not None

    @property
    def basis(self) -> Basis | None:
        """The strongest shared history, or None when there is none."""
        if self.employers:
            return Basis.EMPLOYER
        if self.collaborations:
            return Basis.COLLABORATION
        if self.schools:
            return Basis.SCHOOL
        return None

    def shared_names(self) -> list[str]:
        """What the basis names: the employers, projects or schools."""
        basis = self.basis
        if basis is Basis.EMPLOYER:
            return list(self.employers)
        if basis is Basis.COLLABORATION:
            return list(self.collaborations)
        return list(self.schools)


def confirmed_collaborations(member_id: int, other_id: int) -> tuple[str, ...]:
    """Projects of collaborations between the two that the other side confirmed."""
    rows = (
        Collaboration.objects.filter(
            Q(declared_by_id=member_id, partner_id=other_id)
            | Q(declared_by_id=other_id, partner_id=member_id),
            status=CollaborationStatus.CONFIRMED,
        )
        .order_by("from_year", "pk")
        .values_list("project", flat=True)
    )
    return tuple(dict.fromkeys(rows))


def shared_history(asker_id: int, recommender_id: int, *, today: date) -> SharedHistory:
    """Read :class:`SharedHistory` for ``asker_id`` asking ``recommender_id``."""
    pair = pair_facts(asker_id, recommender_id)
    return SharedHistory(
        connected_at=pair.connected_at,
        contacts=pair.contacts,
        mutual_contacts=pair.mutual_contacts,
        employers=shared_employers(asker_id, recommender_id, today=today),
        schools=shared_schools(asker_id, recommender_id),
        collaborations=confirmed_collaborations(asker_id, recommender_id),
    )


@dataclass(frozen=True, slots=True)
class RequestDraft:
    """What a request is about, before it is stored (the service checks it)."""

    role: str
    project: str
    from_year: int
    to_year: int | None
    note: str


def reader_language(member: Member) -> str:
    """The language a member reads in: their own choice, else English."""
    return member.language if member.language in _LANGS else "en"


def case_text(draft: RequestDraft, *, lang: str) -> str:
    """The note with the stated context, as the engine reads it (in the asker's language)."""
    with translation.override(lang):
        context = _("Role: %(role)s. Project: %(project)s. Period: %(period)s.") % {
            "role": draft.role,
            "project": draft.project,
            "period": period_text(draft.from_year, draft.to_year),
        }
    return f"{draft.note}\n\n{context}".strip()


def _asker_counts(asker_id: int, *, now: datetime) -> dict[str, int]:
    since_90 = now - timedelta(days=90)
    counts = RecommendationRequest.objects.filter(
        asker_id=asker_id, sent_at__gte=since_90
    ).aggregate(
        sent_7d=Count("pk", filter=Q(sent_at__gte=now - timedelta(days=7))),
        sent_90d=Count("pk"),
        written_90d=Count("pk", filter=Q(status=RequestStatus.WRITTEN)),
    )
    reports = Report.objects.filter(reported_id=asker_id, created_at__gte=since_90).count()
    return {key: int(value or 0) for key, value in counts.items()} | {"reports_90d": reports}


def recent_request_notes(asker_id: int, *, excluding: int) -> tuple[str, ...]:
    """The asker's latest notes to others, newest first."""
    return tuple(
        RecommendationRequest.objects.filter(asker_id=asker_id)
        .exclude(recommender_id=excluding)
        .exclude(note="")
        .order_by("-sent_at")
        .values_list("note", flat=True)[:RECENT_NOTES]
    )


def build_recommendation_case(
    asker: Member,
    *,
    recommender: Member,
    draft: RequestDraft,
    history: SharedHistory,
    now: datetime,
) -> Case:
    """Gather everything the engine needs to judge ``asker``'s request to ``recommender``.

    A confirmed collaboration is shared work just as a shared employer is: the case schema
    has no field of its own for it, so its projects travel with the shared employers
    ("you both worked at …"), which is what the recommender should read.
    """
    profiles = {
        p.member_id: p for p in Profile.objects.filter(member_id__in=(asker.pk, recommender.pk))
    }
    asker_profile = profiles.get(asker.pk)
    recommender_profile = profiles.get(recommender.pk)
    counts = _asker_counts(asker.pk, now=now)
    # Groups, meetups and conversations the two share, read as for contact requests.
    ground = other_ground(asker.pk, recommender.pk)
    return Case(
        id=f"recommendation_request:{asker.pk}:{recommender.pk}:{int(now.timestamp())}",
        kind=Kind.RECOMMENDATION_REQUEST,
        text=case_text(draft, lang=reader_language(asker)),
        sent_at=now,
        lang=reader_language(asker),
        sender=Sender(
            id=str(asker.pk),
            name=asker_profile.full_name if asker_profile else "",
            headline=asker_profile.headline if asker_profile else "",
            contacts=history.contacts,
            account_age_days=max(0, (now - asker.date_joined).days),
            requests_sent_7d=counts["sent_7d"],
            requests_sent_90d=counts["sent_90d"],
            requests_accepted_90d=counts["written_90d"],
            reports_90d=counts["reports_90d"],
            recent_texts=recent_request_notes(asker.pk, excluding=recommender.pk),
        ),
        recipient=Recipient(
            id=str(recommender.pk),
            name=recommender_profile.full_name if recommender_profile else "",
            headline=recommender_profile.headline if recommender_profile else "",
            lang=recommender.language if recommender.language in _LANGS else None,
        ),
        relation=Relation(
            connected=history.is_contact,
            connected_at=history.connected_at,
            mutual_contacts=history.mutual_contacts,
            viewed_profile_before=last_profile_view(asker.pk, recommender.pk, before=now)
            is not None,
            shared_employers=(*history.employers, *history.collaborations),
            shared_schools=history.schools,
            shared_groups=ground.shared_groups,
            shared_events=ground.shared_events,
            prior_messages=ground.prior_messages,
        ),
    )
