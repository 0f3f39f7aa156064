"""Every write about connections and contact requests (queries.py holds the reads)."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import NotFound
from handschlag.core.models import Label
from handschlag.moderation.models import ModerationAction
from handschlag.network.cases import (
    build_contact_request_facts,
    send_facts,
    verdict_to_json,
)
from handschlag.network.engine import get_engine, remember_note
from handschlag.network.errors import (
    AlreadyAppealed,
    NoteRequired,
    NotRestricted,
    RequestNotFound,
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
    Introduction,
    ProfileView,
    RequestPolicy,
    RequestStatus,
    Restriction,
)
from handschlag.network.queries import (
    check_basics,
    check_pair,
    check_restriction,
    note_required_for,
)
from handschlag.network.quotas import (
    consume_quota,
    current_restriction,
    is_templated,
    review_after_send,
    send_limits,
)

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
    check_basics(sender, recipient=recipient, note=note, intent=intent)
    # The record, the pair, blocks, restrictions and the policy in one statement.
    checks = send_facts(sender, recipient, now=now)
    if checks.blocked:
        # As moderation.blocks.ensure_not_blocked: the unknown-member answer, so a block
        # stays invisible.
        raise NotFound(_("This member does not exist."))
    check_pair(checks, recipient=recipient, now=now)
    policy = checks.policy
    if not note and note_required_for(policy, mutual_contacts=checks.pair.mutual_contacts):
        raise NoteRequired
    check_restriction(checks)
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


@transaction.atomic(durable=True)
def decide_appeal(moderator: Member, *, appeal_id: int, lift: bool, reason: str = "") -> Appeal:
    """A moderator lifts or upholds a restriction on appeal; logged in the action log.

    ``reason`` is the moderator's (the audit log's "why"); the member's text stays in the
    appeal.
    """
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
    changes: dict[str, dict[str, str | None]] = {
        "outcome": {"before": AppealOutcome.PENDING.value, "after": str(appeal.outcome)}
    }
    if lift:
        Restriction.objects.filter(pk=appeal.restriction_id).update(lifted_at=now)
        was = appeal.restriction.lifted_at
        changes["restriction.lifted_at"] = {
            "before": was.isoformat() if was else None,
            "after": now.isoformat(),
        }
    ModerationAction.objects.create(
        moderator=moderator,
        subject_id=appeal.restriction.member_id,
        action="lift_restriction" if lift else "uphold_restriction",
        reason=reason.strip(),
        target_model=Appeal._meta.label_lower,
        target_id=str(appeal.pk),
        changes=changes,
        details={"restriction": appeal.restriction_id, "appeal": appeal.pk},
        created_at=now,
    )
    return appeal
