"""Every write about connections and contact requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError, NotFound
from handschlag.core.models import Label
from handschlag.moderation.blocks import ensure_not_blocked
from handschlag.moderation.models import ModerationAction
from handschlag.network.cases import (
    SendFacts,
    build_contact_request_facts,
    send_facts,
    verdict_to_json,
)
from handschlag.network.engine import get_engine, remember_note
from handschlag.network.errors import (
    AlreadyAppealed,
    AlreadyConnected,
    CannotRequestSelf,
    CoolDown,
    InvalidIntent,
    NoteRequired,
    NoteTooLong,
    NotRestricted,
    QuotaExhausted,
    RequestNotFound,
    RequestPending,
    SenderRestricted,
)
from handschlag.network.models import (
    Appeal,
    AppealOutcome,
    AutoAction,
    Connection,
    ContactRequest,
    Decision,
    Folder,
    HowMet,
    Intent,
    Introduction,
    NoteRequirement,
    ProfileView,
    RequestPolicy,
    RequestStatus,
    Restriction,
)
from handschlag.network.quotas import (
    Quota,
    consume_quota,
    current_restriction,
    is_templated,
    quota_for,
    review_after_send,
    send_limits,
)
from handschlag.profiles.models import Profile

#: Repeated visits within this time count as one view.
PROFILE_VIEW_DEDUP = timedelta(hours=1)


@transaction.atomic
def connect_members(member: Member, *, contact: Member, how_met: str = HowMet.OTHER) -> None:
    """Record a mutual connection: both directions, or neither."""
    if member.pk == contact.pk:
        raise ValueError("a member cannot connect to themselves")
    for owner, other in ((member, contact), (contact, member)):
        Connection.objects.get_or_create(owner=owner, contact=other, defaults={"how_met": how_met})


@transaction.atomic
def remove_connection(member: Member, *, contact: Member) -> None:
    """Remove a connection in both directions."""
    Connection.objects.filter(owner=member, contact=contact).delete()
    Connection.objects.filter(owner=contact, contact=member).delete()


def record_profile_view(viewer: Member, *, viewed_id: int) -> bool:
    """Record that ``viewer`` opened a profile; repeated opens within an hour count once.

    Returns whether a new view was recorded. Own profile views are not recorded.
    """
    if viewer.pk == viewed_id:
        return False
    now = timezone.now()
    recent = ProfileView.objects.filter(
        viewer=viewer, viewed_id=viewed_id, viewed_at__gte=now - PROFILE_VIEW_DEDUP
    )
    if recent.exists():
        return False
    ProfileView.objects.create(viewer=viewer, viewed_id=viewed_id, viewed_at=now)
    return True


### Contact requests ###

#: SECURITY.md S2: ask the same person again at the earliest three weeks after a decline
#: or a withdrawal (LinkedIn: "up to three weeks").
COOL_DOWN = timedelta(days=21)
#: The note's length cap; the model's field says the same.
NOTE_MAX_LENGTH = 500
#: Decisions that end a request with a "no" (the cool-down applies after each).
_REFUSALS = (RequestStatus.DECLINED, RequestStatus.WITHDRAWN)


@dataclass(frozen=True, slots=True)
class PreviewHit:
    """One reason as the sender reads it: plain words, whether it reassures, no score."""

    code: str
    text: str
    reassuring: bool


@dataclass(frozen=True, slots=True)
class RequestPreview:
    """What the recipient will see of a request, and the sender's quota; nothing stored."""

    recipient_name: str
    note: str
    intent: str
    intent_label: str
    hits: tuple[PreviewHit, ...]
    quota: Quota
    note_required: bool
    no_solicitation: bool
    mutual_contacts: int
    viewed_profile_at: datetime | None
    #: The refusal a send would meet now (already connected, cool-down, quota …), if any.
    problem: HandschlagError | None = None

    @property
    def is_restricted(self) -> bool:
        """Whether the refusal is a restriction (the page links to the notice and appeal)."""
        return isinstance(self.problem, SenderRestricted)

    @property
    def concerns(self) -> tuple[PreviewHit, ...]:
        return tuple(h for h in self.hits if not h.reassuring)

    @property
    def reassurances(self) -> tuple[PreviewHit, ...]:
        return tuple(h for h in self.hits if h.reassuring)


def _policy(recipient: Member) -> RequestPolicy:
    """The recipient's policy; a member who never saved one has the defaults."""
    policy = RequestPolicy.objects.filter(member_id=recipient.pk).first()
    return policy or RequestPolicy(member_id=recipient.pk)


def _note_required(policy: RequestPolicy, *, mutual_contacts: int) -> bool:
    """Whether the recipient asks this sender for a note ("strangers": no mutual contact)."""
    if policy.note_required == NoteRequirement.ALWAYS:
        return True
    if policy.note_required == NoteRequirement.STRANGERS:
        return mutual_contacts == 0
    return False


def _check_basics(sender: Member, *, recipient: Member, note: str, intent: str) -> None:
    if sender.pk == recipient.pk:
        raise CannotRequestSelf
    if intent not in Intent.values:
        raise InvalidIntent
    if len(note) > NOTE_MAX_LENGTH:
        raise NoteTooLong(limit=NOTE_MAX_LENGTH, length=len(note))


def _check_pair(facts: SendFacts, *, recipient: Member, now: datetime) -> None:
    """Not connected, nothing pending either way, no cool-down (S2)."""
    if facts.pair.connected_at is not None:
        raise AlreadyConnected
    if facts.pending_sender_id is not None:
        raise RequestPending(incoming=facts.pending_sender_id == recipient.pk)
    if facts.refused_at is not None and facts.refused_at > now - COOL_DOWN:
        raise CoolDown(until=facts.refused_at + COOL_DOWN)


def _check_restriction(facts: SendFacts) -> None:
    if facts.restricted:
        raise SenderRestricted(until=facts.restricted_until)


def _arrival(policy: RequestPolicy, *, label: str, intent: str) -> tuple[str, str, str]:
    """Folder, status and decision the recipient's policy gives a new request."""
    action = {
        Label.REVIEW: policy.review_action,
        Label.DECLINE: policy.decline_action,
        Label.SPAM: policy.spam_action,
    }.get(Label(label), AutoAction.KEEP)
    if action != AutoAction.DECLINE and intent in (policy.filed_intents or []):
        action = AutoAction.FILE
    if action == AutoAction.DECLINE:
        return Folder.FILED, RequestStatus.DECLINED, Decision.AUTO_DECLINED
    if action == AutoAction.FILE:
        return Folder.FILED, RequestStatus.PENDING, ""
    return Folder.INBOX, RequestStatus.PENDING, ""


@transaction.atomic(durable=True)
def send_contact_request(
    sender: Member,
    *,
    recipient: Member,
    note: str,
    intent: str,
    introduction: Introduction | None = None,
) -> ContactRequest:
    """Judge the request, apply the recipient's policy and store it with its verdict;
    refuse it (with the reason) when the pair, the note, a restriction or the quota say no.
    """
    note = note.strip()
    now = timezone.now()
    _check_basics(sender, recipient=recipient, note=note, intent=intent)
    # The record, the pair, blocks, restrictions and the policy in one statement.
    checks = send_facts(sender, recipient, now=now)
    if checks.blocked:
        # As moderation.blocks.ensure_not_blocked: the unknown-member answer, so a block
        # stays invisible.
        raise NotFound(_("This member does not exist."))
    _check_pair(checks, recipient=recipient, now=now)
    policy = checks.policy
    if not note and _note_required(policy, mutual_contacts=checks.pair.mutual_contacts):
        raise NoteRequired
    _check_restriction(checks)
    facts = build_contact_request_facts(
        sender,
        recipient=recipient,
        note=note,
        intent=intent,
        now=now,
        introduction=introduction,
        send=checks,
    )
    # The record is counted once per send: for the case, the quota and the review.
    level, daily, weekly = send_limits(facts.record)
    consume_quota(
        sender,
        daily_limit=daily,
        weekly_limit=weekly,
        trust_level=level,
        now=now,
        pending=checks.sender_pending,
    )
    verdict = get_engine().evaluate(facts.case)
    folder, status, decision = _arrival(policy, label=verdict.label.value, intent=intent)
    hits = verdict_to_json(verdict)
    request = ContactRequest.objects.create(
        sender=sender,
        recipient=recipient,
        note=note,
        intent=intent,
        status=status,
        folder=folder,
        decision=decision,
        decided_at=now if decision else None,
        sent_at=now,
        introduction=introduction,
        label=verdict.label.value,
        score=verdict.score,
        hits=hits,
    )
    record = facts.record.after_send(
        auto_declined=decision == Decision.AUTO_DECLINED, templated=is_templated(hits)
    )
    review_after_send(sender, record=record, stored_level=level, now=now)
    if note:
        # Other senders' requests are compared with this note only once it is stored.
        transaction.on_commit(lambda: remember_note(sender.pk, note))
    return request


def preview_contact_request(
    sender: Member, *, recipient: Member, note: str, intent: str
) -> RequestPreview:
    """What the recipient would see, in the sender's language, without scores; the quota
    left; and the refusal a send would meet now. Writes nothing."""
    note = note.strip()
    now = timezone.now()
    problem: HandschlagError | None = None
    try:
        _check_basics(sender, recipient=recipient, note=note, intent=intent)
    except InvalidIntent as error:
        problem = error
        intent = Intent.OTHER
    except HandschlagError as error:
        problem = error
    checks = send_facts(sender, recipient, now=now)
    if problem is None:
        try:
            _check_pair(checks, recipient=recipient, now=now)
            _check_restriction(checks)
        except HandschlagError as error:
            problem = error
    facts = build_contact_request_facts(
        sender,
        recipient=recipient,
        note=note[:NOTE_MAX_LENGTH],
        intent=intent,
        now=now,
        send=checks,
    )
    quota_ = quota_for(sender, record=facts.record, pending=checks.sender_pending)
    policy = checks.policy
    note_required = _note_required(policy, mutual_contacts=facts.case.relation.mutual_contacts)
    if problem is None and not note and note_required:
        problem = NoteRequired()
    if problem is None and quota_.remaining == 0:
        problem = _exhausted(quota_)
    verdict = get_engine().evaluate(facts.case)
    lang = get_language() or settings.LANGUAGE_CODE
    lang = lang.split("-")[0] if lang.split("-")[0] in ("de", "en") else "en"
    hits = tuple(
        # Shadow hits count for nothing and related excerpts may quote other accounts'
        # texts: the sender sees only the explanation of their own request.
        PreviewHit(code=h.code, text=h.explanation(lang), reassuring=h.score < 0)
        for h in verdict.hits
        if not h.shadow
    )
    profile = Profile.objects.filter(member_id=recipient.pk).first()
    return RequestPreview(
        recipient_name=profile.full_name if profile else "",
        note=note,
        intent=intent,
        intent_label=str(Intent(intent).label),
        hits=hits,
        quota=quota_,
        note_required=note_required,
        no_solicitation=bool(profile and profile.no_solicitation),
        mutual_contacts=facts.case.relation.mutual_contacts,
        viewed_profile_at=facts.viewed_profile_at,
        problem=problem,
    )


def _exhausted(quota_: Quota) -> QuotaExhausted:
    if quota_.remaining_this_week == 0:
        return QuotaExhausted(
            period="week", limit=quota_.weekly_limit, resets_at=quota_.week_resets_at
        )
    if quota_.remaining_today == 0:
        return QuotaExhausted(
            period="day", limit=quota_.daily_limit, resets_at=quota_.day_resets_at
        )
    return QuotaExhausted(period="pending", limit=quota_.pending_cap)


@transaction.atomic(durable=True)
def withdraw_contact_request(sender: Member, *, request_id: int) -> None:
    """Withdraw a pending request of the sender's; the cool-down starts now (S2)."""
    now = timezone.now()
    withdrawn = (
        ContactRequest.objects.pending()
        .filter(pk=request_id, sender_id=sender.pk)
        .update(status=RequestStatus.WITHDRAWN, decided_at=now)
    )
    if withdrawn != 1:
        raise RequestNotFound


@transaction.atomic(durable=True)
def appeal_restriction(member: Member, *, text: str) -> Appeal:
    """File the member's one appeal against the restriction in force for the moderators."""
    restriction = current_restriction(member)
    if restriction is None:
        raise NotRestricted
    if Appeal.objects.filter(restriction=restriction).exists():
        raise AlreadyAppealed
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(restriction=restriction, text=text.strip())
    except IntegrityError:
        raise AlreadyAppealed from None
    ModerationAction.objects.create(
        moderator=None,
        subject=member,
        action="appeal_restriction",
        reason=text.strip()[:200],
        details={"restriction": restriction.pk, "appeal": appeal.pk},
    )
    return appeal


### Reads for the sender's pages (queries.py is the lead's; these could move there) ###


def get_member_to_contact(viewer: Member, *, member_id: int) -> Profile:
    """The profile of an active member the viewer may ask to connect; NotFound for unknown,
    deactivated members and the viewer themselves (404, so nothing is revealed)."""
    if member_id == viewer.pk:
        raise NotFound(_("This member does not exist."))
    profile = (
        Profile.objects.select_related("member")
        .filter(member_id=member_id, member__is_active=True)
        .first()
    )
    if profile is None:
        raise NotFound(_("This member does not exist."))
    ensure_not_blocked(viewer.pk, member_id)  # a block answers like an unknown member
    return profile


def list_sent_requests(sender: Member) -> QuerySet[ContactRequest]:
    """The sender's own requests, newest first, with the recipients' names (no verdicts:
    labels, scores and reasons are the recipient's)."""
    return (
        ContactRequest.objects.from_sender(sender.pk)
        .select_related("recipient__profile")
        .only(
            "pk",
            "status",
            "intent",
            "note",
            "sent_at",
            "decided_at",
            "recipient_id",
            "recipient__is_active",
            "recipient__profile__full_name",
            "recipient__profile__headline",
        )
        .order_by("-sent_at", "-pk")
    )


@dataclass(frozen=True, slots=True)
class RequestState:
    """Where the viewer stands with another member, for the buttons on their profile."""

    connected: bool
    outgoing: ContactRequest | None
    incoming: ContactRequest | None


def get_request_state(viewer: Member, *, member_id: int) -> RequestState:
    """Connected, a pending request either way, or neither (three indexed lookups)."""
    connected = Connection.objects.filter(owner_id=viewer.pk, contact_id=member_id).exists()
    pending = ContactRequest.objects.pending()
    return RequestState(
        connected=connected,
        outgoing=pending.filter(sender_id=viewer.pk, recipient_id=member_id).first(),
        incoming=pending.filter(sender_id=member_id, recipient_id=viewer.pk).first(),
    )


@transaction.atomic(durable=True)
def decide_appeal(moderator: Member, *, appeal_id: int, lift: bool) -> Appeal:
    """A moderator lifts or upholds a restriction on appeal; logged in the action log."""
    now = timezone.now()
    appeal = (
        Appeal.objects.select_for_update()
        .select_related("restriction")
        .filter(pk=appeal_id, outcome=AppealOutcome.PENDING)
        .first()
    )
    if appeal is None:
        raise NotFound(_("This appeal does not exist or was already decided."))
    appeal.outcome = AppealOutcome.LIFTED if lift else AppealOutcome.UPHELD
    appeal.decided_at = now
    appeal.moderator = moderator
    appeal.save(update_fields=["outcome", "decided_at", "moderator"])
    if lift:
        Restriction.objects.filter(pk=appeal.restriction_id).update(lifted_at=now)
    ModerationAction.objects.create(
        moderator=moderator,
        subject_id=appeal.restriction.member_id,
        action="lift_restriction" if lift else "uphold_restriction",
        reason=appeal.text[:200],
        details={"restriction": appeal.restriction_id, "appeal": appeal.pk},
        created_at=now,
    )
    return appeal
