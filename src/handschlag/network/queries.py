"""Reads about connections and contact requests: what a send checks, the preview of a
request and the sender's pages (services.py holds the writes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError, NotFound
from handschlag.moderation.blocks import ensure_not_blocked
from handschlag.network.cases import SendFacts, build_contact_request_facts, send_facts
from handschlag.network.engine import get_engine
from handschlag.network.errors import (
    AlreadyConnected,
    CannotRequestSelf,
    CoolDown,
    InvalidIntent,
    NoteRequired,
    NoteTooLong,
    QuotaExhausted,
    RequestPending,
    SenderRestricted,
)
from handschlag.network.models import (
    Connection,
    ContactRequest,
    Intent,
    NoteRequirement,
    RequestPolicy,
)
from handschlag.network.quotas import Quota, quota_for
from handschlag.profiles.models import Profile

### Connections ###


def are_connected(member_id: int, other_id: int) -> bool:
    """Whether two members are contacts of each other (one indexed lookup)."""
    return Connection.objects.filter(owner_id=member_id, contact_id=other_id).exists()


def count_contacts(member_id: int) -> int:
    """How many contacts a member has; shown to the member only, never as a trophy."""
    return Connection.objects.of(member_id).count()


### What a send checks ###

#: SECURITY.md S2: ask the same person again at the earliest three weeks after a decline
#: or a withdrawal (LinkedIn: "up to three weeks").
COOL_DOWN = timedelta(days=21)
#: The note's length cap; the model's field says the same.
NOTE_MAX_LENGTH = 500


def note_required_for(policy: RequestPolicy, *, mutual_contacts: int) -> bool:
    """Whether the recipient asks this sender for a note ("strangers": no mutual contact)."""
    if policy.note_required == NoteRequirement.ALWAYS:
        return True
    if policy.note_required == NoteRequirement.STRANGERS:
        return mutual_contacts == 0
    return False


def check_basics(sender: Member, *, recipient: Member, note: str, intent: str) -> None:
    """Not oneself, a declared intent of the choices, a note within its length."""
    if sender.pk == recipient.pk:
        raise CannotRequestSelf
    if intent not in Intent.values:
        raise InvalidIntent
    if len(note) > NOTE_MAX_LENGTH:
        raise NoteTooLong(limit=NOTE_MAX_LENGTH, length=len(note))


def check_pair(facts: SendFacts, *, recipient: Member, now: datetime) -> None:
    """Not connected, nothing pending either way, no cool-down (S2)."""
    if facts.pair.connected_at is not None:
        raise AlreadyConnected
    if facts.pending_sender_id is not None:
        raise RequestPending(incoming=facts.pending_sender_id == recipient.pk)
    if facts.refused_at is not None and facts.refused_at > now - COOL_DOWN:
        raise CoolDown(until=facts.refused_at + COOL_DOWN)


def check_restriction(facts: SendFacts) -> None:
    """No restriction in force (S7)."""
    if facts.restricted:
        raise SenderRestricted(until=facts.restricted_until)


### The preview ###


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


def preview_contact_request(
    sender: Member, *, recipient: Member, note: str, intent: str
) -> RequestPreview:
    """What the recipient would see, in the sender's language, without scores; the quota
    left; and the refusal a send would meet now. Writes nothing."""
    note = note.strip()
    now = timezone.now()
    problem: HandschlagError | None = None
    try:
        check_basics(sender, recipient=recipient, note=note, intent=intent)
    except InvalidIntent as error:
        problem = error
        intent = Intent.OTHER
    except HandschlagError as error:
        problem = error
    checks = send_facts(sender, recipient, now=now)
    if problem is None:
        try:
            check_pair(checks, recipient=recipient, now=now)
            check_restriction(checks)
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
    note_required = note_required_for(policy, mutual_contacts=facts.case.relation.mutual_contacts)
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


### The sender's pages ###


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
