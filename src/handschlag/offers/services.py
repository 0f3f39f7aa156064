"""Every write about recruiter offers: send, answer (interested, decline, report), policy.

The defences against a recruiter probing a member's salary floor live here and in
``queries.sent_offer_view``; docs/offers.md explains each:

- the reply to a declined offer is one standard text, whatever did not match;
- every outcome becomes visible to the recruiter at a random moment 12 to 36 h after sending
  at the earliest (``reveal_at``), an automatic decline exactly like a member's own;
- per recruiter and member: one offer at a time, at least 30 days apart, at most two in
  90 days, and none for 90 days after a decline became visible; per recruiter a weekly
  quota; a sent offer cannot be edited.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError
from handschlag.core.models import Label
from handschlag.messaging.services import send_message
from handschlag.moderation.blocks import ensure_not_blocked
from handschlag.moderation.models import ModerationAction, Report, ReportReason
from handschlag.network.cases import verdict_to_json
from handschlag.network.engine import get_engine
from handschlag.offers.cases import OfferDraft, build_offer_case, mismatch_categories
from handschlag.offers.errors import (
    CannotOfferSelf,
    InvalidOffer,
    MemberNotFound,
    NotARecruiter,
    OfferAlreadyAnswered,
    OfferNotFound,
    OfferOpen,
    OfferQuotaExhausted,
    OfferTooSoon,
)
from handschlag.offers.models import (
    REVEAL_MAX,
    REVEAL_MIN,
    Currency,
    Decision,
    Folder,
    OfferPolicy,
    OfferStatus,
    Recruiter,
    RecruiterOffer,
    RemoteMode,
    Seniority,
)
from handschlag.offers.replies import standard_reply

#: Offers one recruiter may send in any 7 days (SECURITY.md A19: a documented limit).
WEEKLY_OFFERS = 20
#: SECURITY.md "Recruiter offers": one offer per recruiter and member per 30 days …
PAIR_MIN_GAP = timedelta(days=30)
#: … and at most two in 90 days (issue 6), so a bisection of a floor takes years.
PAIR_WINDOW = timedelta(days=90)
PAIR_MAX_IN_WINDOW = 2
#: "A re-offer after a decline is blocked": for 90 days from the moment it became visible.
DECLINE_COOL_DOWN = timedelta(days=90)
#: The longest personal message and the most skills an offer may name.
TEXT_MAX_LENGTH = 2000
MAX_SKILLS = 20
#: Yearly salaries above this are typing errors.
MAX_SALARY = 10_000_000
REPLY_MAX_LENGTH = 2000

_random = secrets.SystemRandom()


### Recruiters and policies ###


@transaction.atomic
def grant_recruiter_role(member: Member, *, organisation: str = "") -> Recruiter:
    """Let ``member`` send offers (the admin does the same through its form)."""
    role, _created = Recruiter.objects.update_or_create(
        member=member, defaults={"organisation": organisation.strip(), "is_active": True}
    )
    return role


@transaction.atomic
def save_offer_policy(member: Member, *, auto_decline: bool, share_categories: bool) -> OfferPolicy:
    """Store how the member wants offers handled; applies to offers from now on."""
    policy, _created = OfferPolicy.objects.update_or_create(
        member=member,
        defaults={"auto_decline": auto_decline, "share_categories": share_categories},
    )
    return policy


def offer_policy(member_id: int) -> OfferPolicy:
    """The member's policy; one who never saved one has the defaults."""
    return OfferPolicy.objects.filter(member_id=member_id).first() or OfferPolicy(
        member_id=member_id
    )


### Sending ###


def clean_draft(draft: OfferDraft) -> OfferDraft:
    """Check every field (the form did so first); raise InvalidOffer naming the field."""
    title = draft.title.strip()
    if not title:
        raise InvalidOffer(_("Please enter the job title."), field="title")
    if draft.level not in Seniority.values:
        raise InvalidOffer(_("Please choose the career level."), field="level")
    if draft.remote not in RemoteMode.values:
        raise InvalidOffer(_("Please choose where the work is done."), field="remote")
    for name, amount in (("salary_min", draft.salary_min), ("salary_max", draft.salary_max)):
        if amount is not None and not 0 < amount <= MAX_SALARY:
            raise InvalidOffer(
                _("Enter a yearly salary between 1 and %(limit)s.") % {"limit": MAX_SALARY},
                field=name,
            )
    has_salary = draft.salary_min is not None or draft.salary_max is not None
    if (
        draft.salary_min is not None
        and draft.salary_max is not None
        and draft.salary_min > draft.salary_max
    ):
        raise InvalidOffer(
            _("The upper end of the salary range must not be below the lower end."),
            field="salary_max",
        )
    if has_salary and draft.currency not in Currency.values:
        raise InvalidOffer(_("Please choose the currency of the salary."), field="currency")
    if draft.remote != RemoteMode.REMOTE and not draft.location.strip():
        raise InvalidOffer(_("Please enter where the work is done."), field="location")
    skills = tuple(dict.fromkeys(s.strip() for s in draft.skills if s.strip()))
    if len(skills) > MAX_SKILLS:
        raise InvalidOffer(
            _("Name at most %(limit)d skills.") % {"limit": MAX_SKILLS}, field="skills"
        )
    text = draft.text.strip()
    if len(text) > TEXT_MAX_LENGTH:
        raise InvalidOffer(
            _("Your message has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": len(text), "limit": TEXT_MAX_LENGTH},
            field="text",
        )
    return OfferDraft(
        title=title,
        employer=draft.employer.strip(),
        level=draft.level,
        salary_min=draft.salary_min,
        salary_max=draft.salary_max,
        currency=draft.currency if has_salary else "",
        location=draft.location.strip(),
        remote=draft.remote,
        skills=skills,
        text=text,
    )


def active_recruiter(member: Member, *, lock: bool = False) -> Recruiter:
    """The member's recruiter role; NotARecruiter when they have none or it was revoked."""
    rows = Recruiter.objects.filter(member_id=member.pk, is_active=True)
    role = (rows.select_for_update() if lock else rows).first()
    if role is None or not member.is_active:
        raise NotARecruiter
    return role


def _recipient(recruiter: Member, recipient_id: int) -> Member:
    if recipient_id == recruiter.pk:
        raise CannotOfferSelf
    recipient = Member.objects.filter(pk=recipient_id, is_active=True).first()
    if recipient is None:
        raise MemberNotFound
    ensure_not_blocked(recruiter.pk, recipient.pk)
    return recipient


def check_weekly_quota(recruiter: Member, *, now: datetime) -> None:
    """At most ``WEEKLY_OFFERS`` in any 7 days (the caller holds the recruiter row's lock)."""
    week = list(
        RecruiterOffer.objects.from_recruiter(recruiter.pk)
        .sent_since(now - timedelta(days=7))
        .order_by("sent_at")
        .values_list("sent_at", flat=True)
    )
    if len(week) >= WEEKLY_OFFERS:
        # The send becomes possible when enough of the window's first offers fall out.
        resets_at = week[len(week) - WEEKLY_OFFERS] + timedelta(days=7)
        raise OfferQuotaExhausted(limit=WEEKLY_OFFERS, resets_at=resets_at)


def check_pair_limit(recruiter_id: int, recipient_id: int, *, now: datetime) -> None:
    """Refuse another offer to the same member within the limits (the defence against
    bisecting a salary floor). Only what the recruiter already sees is used: send times
    and outcomes whose reveal time has passed."""
    horizon = now - max(PAIR_WINDOW, DECLINE_COOL_DOWN + REVEAL_MAX)
    rows = list(
        RecruiterOffer.objects.filter(
            recruiter_id=recruiter_id, recipient_id=recipient_id, sent_at__gte=horizon
        ).order_by("sent_at")
    )
    if not rows:
        return
    untils: list[datetime] = []
    latest = rows[-1]
    if latest.sent_at + PAIR_MIN_GAP > now:
        untils.append(latest.sent_at + PAIR_MIN_GAP)
    in_window = [o.sent_at for o in rows if o.sent_at > now - PAIR_WINDOW]
    if len(in_window) >= PAIR_MAX_IN_WINDOW:
        untils.append(in_window[len(in_window) - PAIR_MAX_IN_WINDOW] + PAIR_WINDOW)
    for offer in rows:
        visible = offer.visible_from()
        if (
            offer.status == OfferStatus.DECLINED
            and visible is not None
            and visible <= now < visible + DECLINE_COOL_DOWN
        ):
            untils.append(visible + DECLINE_COOL_DOWN)
    if not untils:
        return
    latest_visible = latest.visible_from()
    if latest_visible is None or latest_visible > now:
        raise OfferOpen(until=max(untils))
    raise OfferTooSoon(until=max(untils))


def _arrival(policy: OfferPolicy, *, mismatches: list[str], label: str) -> tuple[str, str, str]:
    """Folder, status and decision a new offer gets from the recipient's policy."""
    if mismatches and policy.auto_decline:
        return Folder.FILED, OfferStatus.DECLINED, Decision.AUTO_DECLINED
    if mismatches or label in (Label.DECLINE, Label.SPAM):
        return Folder.FILED, OfferStatus.PENDING, ""
    return Folder.INBOX, OfferStatus.PENDING, ""


def draw_reveal_at(sent_at: datetime) -> datetime:
    """A moment drawn uniformly 12 to 36 h after sending, unpredictable to the recruiter."""
    spread = (REVEAL_MAX - REVEAL_MIN).total_seconds()
    return sent_at + REVEAL_MIN + timedelta(seconds=_random.uniform(0, spread))


@transaction.atomic(durable=True)
def send_offer(recruiter: Member, *, recipient_id: int, draft: OfferDraft) -> RecruiterOffer:
    """Judge the offer against the recipient's preferences, apply their policy and store it
    with its verdict; refuse it when the role, the recipient, a field or a limit says no."""
    now = timezone.now()
    # The role row's lock makes one recruiter's sends queue up, so the quota holds under
    # parallel requests (SECURITY.md A19).
    active_recruiter(recruiter, lock=True)
    recipient = _recipient(recruiter, recipient_id)
    draft = clean_draft(draft)
    check_weekly_quota(recruiter, now=now)
    check_pair_limit(recruiter.pk, recipient.pk, now=now)
    case = build_offer_case(recruiter, recipient=recipient, draft=draft, now=now)
    verdict = get_engine().evaluate(case)
    mismatches = mismatch_categories(verdict)
    policy = offer_policy(recipient.pk)
    folder, status, decision = _arrival(policy, mismatches=mismatches, label=verdict.label.value)
    offer = RecruiterOffer(
        recruiter=recruiter,
        recipient=recipient,
        title=draft.title,
        employer=draft.employer,
        level=draft.level,
        salary_min=draft.salary_min,
        salary_max=draft.salary_max,
        currency=draft.currency,
        location=draft.location,
        remote=draft.remote,
        skills=list(draft.skills),
        text=draft.text,
        sent_at=now,
        reveal_at=draw_reveal_at(now),
        status=status,
        folder=folder,
        decision=decision,
        decided_at=now if decision else None,
        mismatches=mismatches,
        categories_shared=policy.share_categories if decision else False,
        label=verdict.label.value,
        score=verdict.score,
        hits=verdict_to_json(verdict),
    )
    if decision == Decision.AUTO_DECLINED:
        offer.reply_text = standard_reply(offer)
    offer.save()
    return offer


### Answering ###


def _pending_offer(member: Member, offer_id: int) -> RecruiterOffer:
    offer = (
        RecruiterOffer.objects.select_for_update()
        .select_related("recruiter")
        .filter(pk=offer_id, recipient_id=member.pk)
        .first()
    )
    if offer is None:
        raise OfferNotFound
    if offer.status != OfferStatus.PENDING:
        raise OfferAlreadyAnswered
    return offer


def _decide(
    offer: RecruiterOffer, *, status: str, decision: str, reply_text: str, now: datetime
) -> None:
    offer.status = status
    offer.decision = decision
    offer.decided_at = now
    offer.reply_text = reply_text
    offer.categories_shared = offer_policy(offer.recipient_id).share_categories
    offer.save(
        update_fields=["status", "decision", "decided_at", "reply_text", "categories_shared"]
    )


@transaction.atomic(durable=True)
def decline_offer(member: Member, *, offer_id: int, reply_text: str = "") -> RecruiterOffer:
    """Decline a pending offer with the (edited) standard reply; an empty reply sends the
    standard one. The recruiter reads it once the offer's reveal time has passed."""
    offer = _pending_offer(member, offer_id)
    text = reply_text.strip()
    if len(text) > REPLY_MAX_LENGTH:
        raise InvalidOffer(
            _("Your reply has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": len(text), "limit": REPLY_MAX_LENGTH},
            field="reply_text",
        )
    _decide(
        offer,
        status=OfferStatus.DECLINED,
        decision=Decision.DECLINED,
        reply_text=text or standard_reply(offer),
        now=timezone.now(),
    )
    return offer


@transaction.atomic(durable=True)
def _record_interest(member: Member, offer_id: int) -> RecruiterOffer:
    offer = _pending_offer(member, offer_id)
    _decide(
        offer,
        status=OfferStatus.INTERESTED,
        decision=Decision.INTERESTED,
        reply_text="",
        now=timezone.now(),
    )
    return offer


@dataclass(frozen=True, slots=True)
class Interest:
    """An expression of interest: the offer, and the conversation it opened (if any)."""

    offer: RecruiterOffer
    conversation_id: int | None
    #: Why no conversation could be opened (a limit of messaging's), if none was.
    problem: HandschlagError | None


def express_interest(member: Member, *, offer_id: int, message: str) -> Interest:
    """Record the member's interest, then open a conversation with the recruiter through
    messaging's own send (its limits and judgement apply). The interest stands even when
    messaging refuses; the member reads why."""
    offer = _record_interest(member, offer_id)
    try:
        sent = send_message(member, recipient_id=offer.recruiter_id, text=message)
    except HandschlagError as problem:
        return Interest(offer=offer, conversation_id=None, problem=problem)
    RecruiterOffer.objects.filter(pk=offer.pk).update(conversation_id=sent.conversation.pk)
    offer.conversation_id = sent.conversation.pk
    return Interest(offer=offer, conversation_id=sent.conversation.pk, problem=None)


def _report_content(offer: RecruiterOffer) -> str:
    """A copy of the offer for the moderators, kept even if the offer is deleted."""
    salary = (
        f"{offer.salary_min or ''}-{offer.salary_max or ''} {offer.currency}"
        if offer.has_salary
        else "-"
    )
    return (
        f"{offer.title} · {offer.employer or '(confidential)'} · {offer.level} · {salary} · "
        f"{offer.location} ({offer.remote}) · {', '.join(offer.skills or [])}\n\n{offer.text}"
    )


@transaction.atomic(durable=True)
def report_offer(
    member: Member, *, offer_id: int, reason: str, comment: str = ""
) -> RecruiterOffer:
    """Report an offer to the moderators. A pending offer is declined with the standard
    reply as well, so the recruiter reads what any declined offer reads."""
    if reason not in ReportReason.values:
        raise InvalidOffer(_("Please choose why you are reporting this offer."), field="reason")
    offer = (
        RecruiterOffer.objects.select_for_update()
        .select_related("recruiter")
        .filter(pk=offer_id, recipient_id=member.pk)
        .first()
    )
    if offer is None:
        raise OfferNotFound
    if offer.report_id is not None:
        raise OfferAlreadyAnswered
    now = timezone.now()
    report = Report.objects.create(
        reporter=member,
        reported=offer.recruiter,
        reason=reason,
        comment=comment.strip()[:1000],
        content=_report_content(offer),
        created_at=now,
    )
    offer.report = report
    offer.save(update_fields=["report"])
    if offer.status == OfferStatus.PENDING:
        _decide(
            offer,
            status=OfferStatus.DECLINED,
            decision=Decision.REPORTED,
            reply_text=standard_reply(offer),
            now=now,
        )
    ModerationAction.objects.create(
        moderator=None,
        subject=offer.recruiter,
        action="report.created",
        reason=reason,
        details={"report": report.pk, "offer": offer.pk},
        created_at=now,
    )
    return offer
