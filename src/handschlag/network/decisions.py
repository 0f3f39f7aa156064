"""What a recipient does with a contact request, and the policy that acts for them.

Each service is one transaction on the recipient's own request (anyone else's is a 404)
and records the decision on the request itself: quotas and the sender's standing read
decisions, and the text model learns from them (``learning.list_training_examples``). After
a negative decision the sender's standing is reviewed at once, so that a contact
collector is restricted while their quota still lasts (SECURITY.md S3).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError
from handschlag.moderation.models import ModerationAction, Report, ReportReason
from handschlag.network import quotas, tasks
from handschlag.network.inbox import UNDOABLE
from handschlag.network.models import (
    AutoAction,
    Connection,
    ContactRequest,
    Decision,
    Folder,
    HowMet,
    Intent,
    NoteRequirement,
    RequestPolicy,
    RequestStatus,
)
from handschlag.network.services import connect_members

logger = logging.getLogger(__name__)

#: The longest reply a recipient can send with a decline.
REPLY_MAX_LENGTH = 2000

#: What the declared intent says about how two members met.
_HOW_MET_BY_INTENT: Mapping[str, str] = {
    Intent.WORKED_TOGETHER: HowMet.EMPLOYER,
    Intent.MET: HowMet.EVENT,
}

#: Common ground the engine found, strongest first, when the intent says nothing.
_HOW_MET_BY_HIT: tuple[tuple[str, str], ...] = (
    ("CG_MET_AT_EVENT", HowMet.EVENT),
    ("CG_SHARED_EMPLOYER", HowMet.EMPLOYER),
    ("CG_SHARED_SCHOOL", HowMet.SCHOOL),
)


### Errors ###


class RequestAlreadyAnswered(HandschlagError):
    """The request is no longer pending: answered, withdrawn or dismissed already."""

    def __init__(self) -> None:
        super().__init__(_("This request has already been answered."))


class NothingToUndo(HandschlagError):
    """Only the policy's declines and "I don't know this person" can be taken back."""

    def __init__(self) -> None:
        super().__init__(_("This decision cannot be undone."))


class UndoConflict(HandschlagError):
    """The sender has asked again, or the two connected since; the old request stays."""

    def __init__(self) -> None:
        super().__init__(
            _("This person has sent you a newer request; you will find it in your inbox.")
        )


class ReplyEmpty(HandschlagError):
    """A reply needs words."""

    def __init__(self) -> None:
        super().__init__(_("Please write a reply, or decline without one."), field="reply_text")


class ReplyTooLong(HandschlagError):
    """Replies are short by design."""

    def __init__(self, *, limit: int, length: int) -> None:
        super().__init__(
            _("Your reply has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": length, "limit": limit},
            field="reply_text",
        )


class InvalidReportReason(HandschlagError):
    """The report reason is not one of the choices."""

    def __init__(self) -> None:
        super().__init__(_("Please choose why you are reporting this request."), field="reason")


### Helpers ###


def _pending_request(recipient: Member, request_id: int) -> ContactRequest:
    """Lock the recipient's own pending request; 404 for anyone else's."""
    request = (
        ContactRequest.objects.select_for_update()
        .filter(recipient_id=recipient.pk, pk=request_id)
        .select_related("sender", "recipient")
        .first()
    )
    if request is None:
        raise Http404
    if request.status != RequestStatus.PENDING:
        raise RequestAlreadyAnswered
    return request


def _decide(request: ContactRequest, *, status: str, decision: str, reply_text: str = "") -> None:
    request.status = status
    request.decision = decision
    request.reply_text = reply_text
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decision", "reply_text", "decided_at"])
    # Members' decisions are the text model's training data; retrain once enough came in.
    tasks.schedule_retraining_if_due()


def how_met_for(request: ContactRequest) -> str:
    """How the two met, from the introduction, the declared intent or the common ground."""
    if request.introduction_id is not None:
        return HowMet.INTRODUCTION
    if request.intent in _HOW_MET_BY_INTENT:
        return _HOW_MET_BY_INTENT[request.intent]
    codes = {str(hit.get("code", "")) for hit in request.hits if isinstance(hit, dict)}
    for code, how_met in _HOW_MET_BY_HIT:
        if code in codes:
            return how_met
    return HowMet.OTHER


### Decisions ###


@transaction.atomic(durable=True)
def accept_contact_request(recipient: Member, *, request_id: int) -> ContactRequest:
    """Accept and connect the two, recording how they met."""
    request = _pending_request(recipient, request_id)
    _decide(request, status=RequestStatus.ACCEPTED, decision=Decision.ACCEPTED)
    connect_members(recipient, contact=request.sender, how_met=how_met_for(request))
    # An accepted request is an interaction; network health counts from here.
    Connection.objects.filter(
        Q(owner=recipient, contact=request.sender) | Q(owner=request.sender, contact=recipient)
    ).update(last_interaction_at=request.decided_at)
    return request


@transaction.atomic(durable=True)
def decline_contact_request(
    recipient: Member, *, request_id: int, reply_text: str | None = None
) -> ContactRequest:
    """Decline, optionally with a reply that goes to the sender by email once committed.

    Without a reply the sender is not notified; the request just stops being pending.
    """
    text = (reply_text or "").strip()
    if reply_text is not None and not text:
        raise ReplyEmpty
    if len(text) > REPLY_MAX_LENGTH:
        raise ReplyTooLong(limit=REPLY_MAX_LENGTH, length=len(text))
    request = _pending_request(recipient, request_id)
    decision = Decision.REPLIED if text else Decision.DECLINED
    _decide(request, status=RequestStatus.DECLINED, decision=decision, reply_text=text)
    if text:
        transaction.on_commit(lambda: _send_reply(request.pk))
    quotas.review_sender_standing(request.sender)
    return request


def _send_reply(request_id: int) -> None:
    """Email the recipient's reply to the sender, framed in the sender's language."""
    request = (
        ContactRequest.objects.select_related("sender", "recipient__profile")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not request.reply_text:
        return
    sender = request.sender
    name = request.recipient.profile.full_name
    with translation.override(sender.language or None):
        subject = _("%(name)s replied to your contact request") % {"name": name}
        body = _(
            "%(name)s declined your contact request and wrote:\n\n%(reply)s\n\n"
            "You can read this reply on Handschlag as well. Please do not answer this email."
        ) % {"name": name, "reply": request.reply_text}
    send_mail(subject, body, None, [sender.email])


@transaction.atomic(durable=True)
def mark_unknown(recipient: Member, *, request_id: int) -> ContactRequest:
    """Decline as "I don't know this person"; it weighs on the sender's standing."""
    request = _pending_request(recipient, request_id)
    _decide(request, status=RequestStatus.DECLINED, decision=Decision.UNKNOWN)
    quotas.review_sender_standing(request.sender)
    return request


@transaction.atomic(durable=True)
def report_contact_request(
    recipient: Member, *, request_id: int, reason: str, comment: str = ""
) -> Report:
    """Decline and report the sender to the moderators, who get a copy of the note.

    The reporter is stored for the moderators only; nothing the reported member can
    reach names them (SECURITY.md P4), and the log entry leaves them out as well.
    """
    if reason not in ReportReason.values:
        raise InvalidReportReason
    request = _pending_request(recipient, request_id)
    _decide(request, status=RequestStatus.DECLINED, decision=Decision.REPORTED)
    report = Report.objects.create(
        reporter=recipient,
        reported=request.sender,
        reason=reason,
        comment=comment.strip(),
        content=request.note,
        contact_request=request,
    )
    ModerationAction.objects.create(
        moderator=None,
        subject=request.sender,
        action="report.created",
        reason=reason,
        details={"report": report.pk, "contact_request": request.pk},
    )
    quotas.review_sender_standing(request.sender)
    return report


@transaction.atomic(durable=True)
def dismiss_filed(recipient: Member) -> int:
    """Decline everything still pending in the filed folder, telling nobody; returns how many.

    Dismissed requests count as declined for the senders' acceptance rates.
    """
    filed = ContactRequest.objects.select_for_update().filter(
        recipient_id=recipient.pk, status=RequestStatus.PENDING, folder=Folder.FILED
    )
    sender_ids = set(filed.values_list("sender_id", flat=True))
    count = filed.update(
        status=RequestStatus.DECLINED, decision=Decision.DISMISSED, decided_at=timezone.now()
    )
    for sender in Member.objects.filter(pk__in=sender_ids):
        quotas.review_sender_standing(sender)
    return count


@transaction.atomic(durable=True)
def undo_decision(recipient: Member, *, request_id: int) -> ContactRequest:
    """Take back the policy's decline or a mistaken "I don't know": pending in the inbox again.

    The sender's standing is reviewed again, since quotas read the decisions.
    """
    request = (
        ContactRequest.objects.select_for_update()
        .filter(recipient_id=recipient.pk, pk=request_id)
        .select_related("sender")
        .first()
    )
    if request is None:
        raise Http404
    if request.decision not in UNDOABLE:
        raise NothingToUndo
    request.status = RequestStatus.PENDING
    request.decision = ""
    request.decided_at = None
    request.folder = Folder.INBOX
    request.undone_at = timezone.now()
    try:
        # A savepoint: a newer pending request between the two breaks the uniqueness.
        with transaction.atomic():
            request.save(update_fields=["status", "decision", "decided_at", "folder", "undone_at"])
    except IntegrityError:
        raise UndoConflict from None
    quotas.review_sender_standing(request.sender)
    return request


### Policy ###

_POLICY_FIELDS = frozenset(
    {"note_required", "review_action", "decline_action", "spam_action", "filed_intents"}
)


@transaction.atomic(durable=True)
def save_request_policy(member: Member, *, changes: Mapping[str, object]) -> RequestPolicy:
    """Save how the member wants new requests handled; it applies from the next request on."""
    policy, _created = RequestPolicy.objects.select_for_update().get_or_create(member=member)
    choices = {
        "note_required": NoteRequirement.values,
        "review_action": AutoAction.values,
        "decline_action": AutoAction.values,
        "spam_action": AutoAction.values,
    }
    for name, value in changes.items():
        if name not in _POLICY_FIELDS:
            raise ValueError(f"unknown policy field {name!r}")
        if name == "filed_intents":
            intents = [str(i) for i in value] if isinstance(value, list | tuple) else []
            if any(i not in Intent.values for i in intents):
                raise ValueError("unknown intent in filed_intents")
            policy.filed_intents = sorted(set(intents))
        else:
            if value not in choices[name]:
                raise ValueError(f"unknown choice for {name}")
            setattr(policy, name, value)
    policy.save()
    return policy
