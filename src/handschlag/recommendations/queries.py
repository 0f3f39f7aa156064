"""Reads about recommendations, permission-checked.

The recommender sees a request with the engine's label and reasons; the asker sees their
requests' status and the reply, never the reasons. A profile shows only recommendations
its owner approved and nobody withdrew.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connections
from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import NotFound
from handschlag.moderation.blocks import ensure_not_blocked
from handschlag.moderation.models import Block
from handschlag.network.models import Connection
from handschlag.profiles.models import Profile
from handschlag.recommendations.cases import SharedHistory, shared_history
from handschlag.recommendations.errors import (
    CannotAskSelf,
    MemberNotFound,
    NoSharedWork,
    NotAContact,
    RecommendationNotFound,
    RequestNotFound,
    RequestOpen,
    RequestTooSoon,
)
from handschlag.recommendations.models import (
    Basis,
    Collaboration,
    CollaborationStatus,
    Recommendation,
    RecommendationRequest,
    RecommendationStatus,
    RequestStatus,
    period_text,
)
from handschlag.trust.i18n import render

#: After a decline, the asker waits this long before asking the same member again.
DECLINE_COOL_DOWN_DAYS = 30
#: How many answered requests and written recommendations the overview lists.
SHOWN_AT_MOST = 50


### The gate ###


def _name(member_id: int) -> str:
    profile = Profile.objects.filter(member_id=member_id).only("full_name").first()
    return profile.full_name if profile else ""


def check_request_allowed(asker: Member, *, recommender: Member, now: datetime) -> SharedHistory:
    """The shared history that allows ``asker`` to ask ``recommender``. Otherwise a
    refusal that names the missing relation (NotAContact, NoSharedWork), or RequestOpen /
    RequestTooSoon when an earlier request is waiting or was declined lately."""
    if asker.pk == recommender.pk:
        raise CannotAskSelf
    history = shared_history(asker.pk, recommender.pk, today=now.date())
    if not history.is_contact:
        raise NotAContact(name=_name(recommender.pk))
    if history.basis is None:
        raise NoSharedWork(name=_name(recommender.pk))
    last = (
        RecommendationRequest.objects.filter(asker_id=asker.pk, recommender_id=recommender.pk)
        .order_by("-sent_at", "-pk")
        .first()
    )
    if last is not None:
        if last.status == RequestStatus.PENDING:
            raise RequestOpen
        cool_down = timedelta(days=DECLINE_COOL_DOWN_DAYS)
        if (
            last.status == RequestStatus.DECLINED
            and last.decided_at is not None
            and now < last.decided_at + cool_down
        ):
            raise RequestTooSoon(until=last.decided_at + cool_down)
    return history


def get_profile_to_ask(asker: Member, *, member_id: int) -> Profile:
    """The profile of a member the asker may address (404 for blocks and the unknown)."""
    profile = (
        Profile.objects.filter(member_id=member_id, member__is_active=True)
        .exclude(member_id=asker.pk)
        .select_related("member")
        .first()
    )
    if profile is None:
        raise MemberNotFound
    try:
        ensure_not_blocked(asker.pk, member_id)
    except NotFound:
        raise MemberNotFound from None
    return profile


def describe_basis(basis: str, shared: list[str] | tuple[str, ...]) -> str:
    """The shared history in plain words: "You both worked at Werkbank Software GmbH"."""
    names = ", ".join(shared)
    if basis == Basis.EMPLOYER:
        return _("You both worked at %(names)s at the same time.") % {"names": names}
    if basis == Basis.COLLABORATION:
        return _("You confirmed working together on %(names)s.") % {"names": names}
    return _("You both studied at %(names)s.") % {"names": names}


### The recommender's side ###


@dataclass(frozen=True, slots=True)
class Reason:
    """One of the engine's reasons, for the recommender only."""

    sentence: str
    is_reassuring: bool


@dataclass(frozen=True, slots=True)
class RequestItem:
    """A request as the recommender sees it: who asks, about what, on what basis, and
    how the automatic check judged it."""

    request: RecommendationRequest
    asker_name: str
    asker_headline: str
    basis: str
    reasons: tuple[Reason, ...]


def _reasons(request: RecommendationRequest, lang: str) -> tuple[Reason, ...]:
    reasons = []
    for hit in request.hits or []:
        if not isinstance(hit, dict) or hit.get("shadow"):
            continue
        evidence = hit.get("evidence")
        sentence = render(
            str(hit.get("message", "")), evidence if isinstance(evidence, dict) else {}, lang
        )
        reasons.append(Reason(sentence=sentence, is_reassuring=float(hit.get("score", 0)) < 0))
    return tuple(reasons)


def _request_item(request: RecommendationRequest, lang: str) -> RequestItem:
    profile = getattr(request.asker, "profile", None)
    return RequestItem(
        request=request,
        asker_name=profile.full_name if profile else "",
        asker_headline=profile.headline if profile else "",
        basis=describe_basis(request.basis, request.shared or []),
        reasons=_reasons(request, lang),
    )


def get_request_for_recommender(member: Member, *, request_id: int, lang: str) -> RequestItem:
    """A request made to the member (404 for anyone else's)."""
    request = (
        RecommendationRequest.objects.filter(pk=request_id, recommender_id=member.pk)
        .select_related("asker__profile")
        .first()
    )
    if request is None:
        raise RequestNotFound
    return _request_item(request, lang)


### The overview ###


@dataclass(frozen=True, slots=True)
class RecommendationItem:
    """A written recommendation with the other side's name (author or subject)."""

    recommendation: Recommendation
    other_name: str
    other_id: int


@dataclass(frozen=True, slots=True)
class CollaborationItem:
    """A declared collaboration with the other side's name."""

    collaboration: Collaboration
    other_name: str


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything about the member's recommendations, by section."""

    to_answer: tuple[RequestItem, ...]
    to_approve: tuple[RecommendationItem, ...]
    about_me: tuple[RecommendationItem, ...]
    written: tuple[RecommendationItem, ...]
    asked: tuple[RecommendationRequest, ...]
    to_confirm: tuple[CollaborationItem, ...]
    declared: tuple[CollaborationItem, ...]


def _full_name(member: Member) -> str:
    profile = getattr(member, "profile", None)
    return profile.full_name if profile else ""


def overview(member: Member, *, lang: str) -> Overview:
    """The member's requests to answer, recommendations to approve, those shown, those
    written, their own requests and the collaborations to confirm."""
    to_answer = (
        RecommendationRequest.objects.filter(recommender_id=member.pk, status=RequestStatus.PENDING)
        .select_related("asker__profile")
        .order_by("-sent_at", "-pk")
    )
    about = (
        Recommendation.objects.about(member.pk)
        .exclude(status=RecommendationStatus.WITHDRAWN)
        .select_related("author__profile", "request")
        .order_by("-written_at", "-pk")[:SHOWN_AT_MOST]
    )
    written = (
        Recommendation.objects.by(member.pk)
        .exclude(status=RecommendationStatus.WITHDRAWN)
        .select_related("subject__profile", "request")
        .order_by("-written_at", "-pk")[:SHOWN_AT_MOST]
    )
    asked = (
        RecommendationRequest.objects.filter(asker_id=member.pk)
        .select_related("recommender__profile")
        .order_by("-sent_at", "-pk")[:SHOWN_AT_MOST]
    )
    collaborations = (
        Collaboration.objects.filter(partner_id=member.pk, status=CollaborationStatus.PENDING)
        .select_related("declared_by__profile")
        .order_by("-declared_at")
    )
    declared = (
        Collaboration.objects.filter(declared_by_id=member.pk)
        .select_related("partner__profile")
        .order_by("-declared_at")[:SHOWN_AT_MOST]
    )
    about_items = [RecommendationItem(r, _full_name(r.author), r.author_id) for r in about]
    return Overview(
        to_answer=tuple(_request_item(r, lang) for r in to_answer),
        to_approve=tuple(
            i
            for i in about_items
            if i.recommendation.status == RecommendationStatus.AWAITING_APPROVAL
        ),
        about_me=tuple(
            i
            for i in about_items
            if i.recommendation.status != RecommendationStatus.AWAITING_APPROVAL
        ),
        written=tuple(RecommendationItem(r, _full_name(r.subject), r.subject_id) for r in written),
        asked=tuple(asked),
        to_confirm=tuple(CollaborationItem(c, _full_name(c.declared_by)) for c in collaborations),
        declared=tuple(CollaborationItem(c, _full_name(c.partner)) for c in declared),
    )


def get_recommendation_for(member: Member, *, recommendation_id: int) -> Recommendation:
    """A recommendation written by or about the member (404 otherwise)."""
    recommendation = (
        Recommendation.objects.filter(pk=recommendation_id)
        .filter(Q(author_id=member.pk) | Q(subject_id=member.pk))
        .first()
    )
    if recommendation is None:
        raise RecommendationNotFound
    return recommendation


### The profile ###


@dataclass(frozen=True, slots=True)
class ShownRecommendation:
    """A recommendation as a profile shows it."""

    pk: int
    author_id: int
    author_name: str
    author_headline: str
    role: str
    project: str
    period: str
    text: str
    approved_at: datetime | None
    #: Whether the viewer may take it down (they wrote it or it is about them).
    can_withdraw: bool


@dataclass(frozen=True, slots=True)
class ProfileRecommendations:
    """What a profile shows of recommendations: the approved ones, and whether the viewer
    may ask the member for one (they are contacts)."""

    shown: list[ShownRecommendation]
    can_ask: bool


@functools.cache
def _profile_sql() -> str:
    """One statement for the profile: whether the viewer is a contact, next to the shown
    recommendations (LEFT JOIN from a one-row select, so the flag comes even with none),
    leaving out authors a block stands between. Only model metadata is interpolated."""
    rec = Recommendation._meta.db_table
    req = RecommendationRequest._meta.db_table
    profile = Profile._meta.db_table
    conn = Connection._meta.db_table
    block = Block._meta.db_table
    return (
        f"SELECT (SELECT COUNT(*) FROM {conn} c WHERE c.owner_id = %(viewer)s "  # noqa: S608
        "AND c.contact_id = %(subject)s), "
        "r.id, r.author_id, p.full_name, p.headline, q.role, q.project, q.from_year, "
        "q.to_year, r.text, r.approved_at "
        "FROM (SELECT 1 AS one) x "
        f"LEFT JOIN {rec} r ON r.subject_id = %(subject)s AND r.status = %(shown)s "
        f"AND r.author_id NOT IN (SELECT b.blocked_id FROM {block} b "
        "WHERE b.blocker_id = %(viewer)s) "
        f"AND r.author_id NOT IN (SELECT b.blocker_id FROM {block} b "
        "WHERE b.blocked_id = %(viewer)s) "
        f"LEFT JOIN {req} q ON q.id = r.request_id "
        f"LEFT JOIN {profile} p ON p.member_id = r.author_id "
        "ORDER BY r.approved_at DESC, r.id DESC"
    )


def _moment(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(str(value))
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def profile_recommendations(subject_id: int, *, viewer_id: int | None) -> ProfileRecommendations:
    """The approved, not withdrawn recommendations about a member, newest first (those by
    authors a block stands between with the viewer left out), and whether the viewer may
    ask the member for one; in one query."""
    viewer = viewer_id if viewer_id is not None else 0
    db = connections[Recommendation.objects.db]
    with db.cursor() as cursor:
        cursor.execute(
            _profile_sql(),
            {"viewer": viewer, "subject": subject_id, "shown": RecommendationStatus.SHOWN.value},
        )
        rows = cursor.fetchall()
    shown = [
        ShownRecommendation(
            pk=pk,
            author_id=author_id,
            author_name=name or "",
            author_headline=headline or "",
            role=role,
            project=project,
            period=period_text(from_year, to_year),
            text=text,
            approved_at=_moment(approved_at),
            can_withdraw=viewer_id in (author_id, subject_id),
        )
        for (
            _flag,
            pk,
            author_id,
            name,
            headline,
            role,
            project,
            from_year,
            to_year,
            text,
            approved_at,
        ) in rows
        if pk is not None
    ]
    is_contact = bool(rows and rows[0][0])
    return ProfileRecommendations(
        shown=shown,
        can_ask=viewer_id is not None and viewer_id != subject_id and is_contact,
    )


def list_shown_recommendations(
    subject_id: int, *, viewer_id: int | None
) -> list[ShownRecommendation]:
    """The recommendations a profile shows to ``viewer_id`` (see profile_recommendations)."""
    return profile_recommendations(subject_id, viewer_id=viewer_id).shown


def can_ask(viewer_id: int, member_id: int) -> bool:
    """Whether the profile should offer "Ask for a recommendation": the two are contacts."""
    return Connection.objects.filter(owner_id=viewer_id, contact_id=member_id).exists()
