"""Every write about recommendations: collaborations, requests, writing, approving,
declining and withdrawing.

The gate (``check_request_allowed``) comes before the engine: a member may ask only a
contact with whom they share an employer in overlapping years, a school, or a confirmed
collaboration. A request that passes is judged (kind ``recommendation_request``) and the
recommender reads the label and reasons. Nothing reaches the asker's profile until the
asker approves it, and either side can take it down again.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import NotFound
from handschlag.moderation.blocks import ensure_not_blocked
from handschlag.network.cases import verdict_to_json
from handschlag.network.engine import get_engine
from handschlag.profiles.models import Profile
from handschlag.recommendations.cases import (
    RequestDraft,
    build_recommendation_case,
    shared_history,
)
from handschlag.recommendations.errors import (
    AlreadyAnswered,
    CollaborationExists,
    CollaborationNotFound,
    InvalidRecommendation,
    MemberNotFound,
    NotAContact,
    RecommendationNotFound,
    RequestNotFound,
)
from handschlag.recommendations.models import (
    Collaboration,
    CollaborationStatus,
    Recommendation,
    RecommendationRequest,
    RecommendationStatus,
    RequestStatus,
)
from handschlag.recommendations.queries import check_request_allowed
from handschlag.recommendations.replies import decline_reply

#: The oldest year a period may start in.
FIRST_YEAR = 1950
TEXT_MAX_LENGTH = 3000
NOTE_MAX_LENGTH = 1000
REPLY_MAX_LENGTH = 2000
#: A recommendation shorter than this says nothing a reader could use.
TEXT_MIN_LENGTH = 40


def _other(member: Member, other_id: int) -> Member:
    other = Member.objects.filter(pk=other_id, is_active=True).select_related("profile").first()
    if other is None or other.pk == member.pk:
        raise MemberNotFound
    try:
        ensure_not_blocked(member.pk, other.pk)
    except NotFound:
        raise MemberNotFound from None
    return other


def _name(member: Member) -> str:
    profile = Profile.objects.filter(member_id=member.pk).first()
    return profile.full_name if profile else ""


def _check_years(from_year: int | None, to_year: int | None, *, today: date) -> None:
    if from_year is None or not FIRST_YEAR <= from_year <= today.year:
        raise InvalidRecommendation(
            _("Enter the year it began, between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": today.year},
            field="from_year",
        )
    if to_year is not None and not from_year <= to_year <= today.year:
        raise InvalidRecommendation(
            _("The year it ended must lie between the first year and this year."),
            field="to_year",
        )


### Collaborations ###


@transaction.atomic(durable=True)
def declare_collaboration(
    member: Member,
    *,
    partner_id: int,
    project: str,
    role: str,
    from_year: int | None,
    to_year: int | None,
) -> Collaboration:
    """Declare a project done together with a contact; it counts once they confirm it."""
    partner = _other(member, partner_id)
    project, role = project.strip(), role.strip()
    if not project:
        raise InvalidRecommendation(_("Please name the project."), field="project")
    if not role:
        raise InvalidRecommendation(_("Please name your role in it."), field="role")
    _check_years(from_year, to_year, today=timezone.localdate())
    history = shared_history(member.pk, partner.pk, today=timezone.localdate())
    if not history.is_contact:
        raise NotAContact(name=_name(partner))
    if Collaboration.objects.filter(
        declared_by=member,
        partner=partner,
        project__iexact=project,
        status__in=(CollaborationStatus.PENDING, CollaborationStatus.CONFIRMED),
    ).exists():
        raise CollaborationExists
    assert from_year is not None  # noqa: S101 (checked above)
    return Collaboration.objects.create(
        declared_by=member,
        partner=partner,
        project=project,
        role=role,
        from_year=from_year,
        to_year=to_year,
    )


@transaction.atomic(durable=True)
def answer_collaboration(member: Member, *, collaboration_id: int, confirm: bool) -> Collaboration:
    """Confirm (or not) a collaboration someone declared with the member."""
    collaboration = (
        Collaboration.objects.select_for_update()
        .filter(pk=collaboration_id, partner_id=member.pk)
        .first()
    )
    if collaboration is None:
        raise CollaborationNotFound
    if collaboration.status != CollaborationStatus.PENDING:
        raise AlreadyAnswered
    collaboration.status = (
        CollaborationStatus.CONFIRMED if confirm else CollaborationStatus.DECLINED
    )
    collaboration.decided_at = timezone.now()
    collaboration.save(update_fields=["status", "decided_at"])
    return collaboration


### Asking ###


def clean_draft(draft: RequestDraft, *, today: date) -> RequestDraft:
    """Check what the request is about; raise InvalidRecommendation naming the field."""
    role, project, note = draft.role.strip(), draft.project.strip(), draft.note.strip()
    if not role:
        raise InvalidRecommendation(
            _("Please say which role the recommendation is about."), field="role"
        )
    if not project:
        raise InvalidRecommendation(
            _("Please name the project or work the recommendation is about."), field="project"
        )
    _check_years(draft.from_year, draft.to_year, today=today)
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidRecommendation(
            _("Your message has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": len(note), "limit": NOTE_MAX_LENGTH},
            field="note",
        )
    return RequestDraft(
        role=role, project=project, from_year=draft.from_year, to_year=draft.to_year, note=note
    )


@transaction.atomic(durable=True)
def request_recommendation(
    asker: Member, *, recommender_id: int, draft: RequestDraft
) -> RecommendationRequest:
    """Ask a contact with shared work for a recommendation; judge it and store it with
    its verdict. Refuse it (naming the missing relation) for anyone else."""
    now = timezone.now()
    # The asker's row lock queues one member's requests, so "one open request per pair"
    # holds under parallel posts.
    Member.objects.select_for_update().filter(pk=asker.pk).exists()
    recommender = _other(asker, recommender_id)
    history = check_request_allowed(asker, recommender=recommender, now=now)
    draft = clean_draft(draft, today=now.date())
    case = build_recommendation_case(
        asker, recommender=recommender, draft=draft, history=history, now=now
    )
    verdict = get_engine().evaluate(case)
    basis = history.basis
    assert basis is not None  # noqa: S101 (check_request_allowed refuses None)
    return RecommendationRequest.objects.create(
        asker=asker,
        recommender=recommender,
        role=draft.role,
        project=draft.project,
        from_year=draft.from_year,
        to_year=draft.to_year,
        note=draft.note,
        basis=basis,
        shared=history.shared_names(),
        sent_at=now,
        label=verdict.label.value,
        score=verdict.score,
        hits=verdict_to_json(verdict),
    )


@transaction.atomic(durable=True)
def withdraw_request(asker: Member, *, request_id: int) -> RecommendationRequest:
    """Take back a request that is still waiting."""
    request = (
        RecommendationRequest.objects.select_for_update()
        .filter(pk=request_id, asker_id=asker.pk)
        .first()
    )
    if request is None:
        raise RequestNotFound
    if request.status != RequestStatus.PENDING:
        raise AlreadyAnswered
    request.status = RequestStatus.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    return request


### Answering ###


def _pending_request(recommender: Member, request_id: int) -> RecommendationRequest:
    request = (
        RecommendationRequest.objects.select_for_update()
        .select_related("asker", "recommender")
        .filter(pk=request_id, recommender_id=recommender.pk)
        .first()
    )
    if request is None:
        raise RequestNotFound
    if request.status != RequestStatus.PENDING:
        raise AlreadyAnswered
    return request


@transaction.atomic(durable=True)
def write_recommendation(recommender: Member, *, request_id: int, text: str) -> Recommendation:
    """Write the recommendation; it waits for the asker's approval before anyone sees it."""
    request = _pending_request(recommender, request_id)
    text = text.strip()
    if len(text) < TEXT_MIN_LENGTH:
        raise InvalidRecommendation(
            _("Please write at least %(limit)d characters about the work you saw.")
            % {"limit": TEXT_MIN_LENGTH},
            field="text",
        )
    if len(text) > TEXT_MAX_LENGTH:
        raise InvalidRecommendation(
            _("Your recommendation has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": len(text), "limit": TEXT_MAX_LENGTH},
            field="text",
        )
    now = timezone.now()
    request.status = RequestStatus.WRITTEN
    request.decided_at = now
    request.save(update_fields=["status", "decided_at"])
    return Recommendation.objects.create(
        request=request,
        author=recommender,
        subject=request.asker,
        text=text,
        written_at=now,
    )


@transaction.atomic(durable=True)
def decline_request(
    recommender: Member, *, request_id: int, reply_text: str = ""
) -> RecommendationRequest:
    """Decline with a polite reply; an empty one sends the standard reply in the asker's
    language."""
    request = _pending_request(recommender, request_id)
    text = reply_text.strip()
    if len(text) > REPLY_MAX_LENGTH:
        raise InvalidRecommendation(
            _("Your reply has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": len(text), "limit": REPLY_MAX_LENGTH},
            field="reply_text",
        )
    request.status = RequestStatus.DECLINED
    request.decided_at = timezone.now()
    request.reply_text = text or decline_reply(request).text
    request.save(update_fields=["status", "decided_at", "reply_text"])
    return request


### Approving and withdrawing ###


def _by_or_about(member_id: int) -> Q:
    return Q(author_id=member_id) | Q(subject_id=member_id)


@transaction.atomic(durable=True)
def approve_recommendation(member: Member, *, recommendation_id: int, show: bool) -> Recommendation:
    """The recommended member puts it on their profile (``show``) or keeps it off."""
    recommendation = (
        Recommendation.objects.select_for_update()
        .filter(pk=recommendation_id, subject_id=member.pk)
        .first()
    )
    if recommendation is None:
        raise RecommendationNotFound
    if recommendation.status != RecommendationStatus.AWAITING_APPROVAL:
        raise AlreadyAnswered
    recommendation.status = RecommendationStatus.SHOWN if show else RecommendationStatus.NOT_SHOWN
    recommendation.approved_at = timezone.now() if show else None
    recommendation.save(update_fields=["status", "approved_at"])
    return recommendation


@transaction.atomic(durable=True)
def withdraw_recommendation(member: Member, *, recommendation_id: int) -> Recommendation:
    """Either side takes a recommendation down; it disappears from the profile for good."""
    recommendation = (
        Recommendation.objects.select_for_update()
        .filter(pk=recommendation_id)
        .filter(_by_or_about(member.pk))
        .first()
    )
    if recommendation is None:
        raise RecommendationNotFound
    if recommendation.status == RecommendationStatus.WITHDRAWN:
        raise AlreadyAnswered
    recommendation.status = RecommendationStatus.WITHDRAWN
    recommendation.withdrawn_at = timezone.now()
    recommendation.withdrawn_by = member
    recommendation.save(update_fields=["status", "withdrawn_at", "withdrawn_by"])
    return recommendation
