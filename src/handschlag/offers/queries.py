"""Reads about offers, permission-checked, for the two sides that see them.

The recipient sees everything about offers made to them, their own numbers included
(``list_offer_inbox``, ``get_offer_item``). The recruiter sees their offers only through
``SentOfferView`` (``list_sent_offers``, ``recruiter_statistics``): the one shape that
every recruiter-facing page and a future API use. It is built from the recruiter's own
offer fields and the outcome *once revealed*; it never reads the verdict's hits, the
recipient's preferences or the real decision, so it cannot carry a member's number.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.network.replies import ReplyDraft
from handschlag.offers.errors import OfferNotFound
from handschlag.offers.fit import FitLine, explain_fit, salary_range
from handschlag.offers.models import (
    Category,
    Folder,
    OfferStatus,
    Recruiter,
    RecruiterOffer,
    RemoteMode,
    Seniority,
)
from handschlag.offers.replies import reader_language, standard_reply
from handschlag.profiles.models import JobPreferences, Profile
from handschlag.trust.i18n import render

### Recruiters ###


def is_recruiter(member: Member) -> bool:
    """Whether the member may send offers (an active recruiter role)."""
    return Recruiter.objects.filter(member_id=member.pk, is_active=True).exists()


### The recipient's side ###


@dataclass(frozen=True, slots=True)
class Reason:
    """One of the engine's reasons, in the recipient's words (never shown to the recruiter)."""

    sentence: str
    is_reassuring: bool


@dataclass(frozen=True, slots=True)
class OfferItem:
    """An offer as its recipient sees it: the offer, who sent it, its fit and the reasons."""

    offer: RecruiterOffer
    recruiter_name: str
    recruiter_headline: str
    salary: str
    level: str
    remote: str
    fit: tuple[FitLine, ...]
    mismatches: tuple[str, ...]
    reasons: tuple[Reason, ...]

    @property
    def fits(self) -> bool:
        return not self.mismatches

    @property
    def url(self) -> str:
        return reverse("offer_detail", args=[self.offer.pk])


@dataclass(frozen=True, slots=True)
class OfferInbox:
    """The recipient's offers: matching ones, filed ones waiting, and those answered."""

    matching: tuple[OfferItem, ...]
    filed: tuple[OfferItem, ...]
    answered: tuple[OfferItem, ...]


#: How many answered offers the inbox lists.
ANSWERED_SHOWN = 50


def _reasons(offer: RecruiterOffer, lang: str) -> tuple[Reason, ...]:
    reasons = []
    for hit in offer.hits or []:
        if not isinstance(hit, dict) or hit.get("shadow"):
            continue
        evidence = hit.get("evidence")
        sentence = render(
            str(hit.get("message", "")), evidence if isinstance(evidence, dict) else {}, lang
        )
        reasons.append(Reason(sentence=sentence, is_reassuring=float(hit.get("score", 0)) < 0))
    return tuple(reasons)


def _items(member: Member, offers: list[RecruiterOffer], *, lang: str) -> tuple[OfferItem, ...]:
    if not offers:
        return ()
    preferences = JobPreferences.objects.filter(member_id=member.pk).first()
    profile = Profile.objects.filter(member_id=member.pk).first()
    own_skills = list(profile.skills.values_list("name", flat=True)) if profile else []
    return tuple(
        OfferItem(
            offer=offer,
            recruiter_name=getattr(getattr(offer.recruiter, "profile", None), "full_name", ""),
            recruiter_headline=getattr(getattr(offer.recruiter, "profile", None), "headline", ""),
            salary=salary_range(offer),
            level=str(Seniority(offer.level).label) if offer.level in Seniority.values else "",
            remote=str(RemoteMode(offer.remote).label),
            fit=tuple(explain_fit(offer, preferences=preferences, own_skills=own_skills)),
            mismatches=tuple(str(Category(c).label) for c in offer.mismatches or []),
            reasons=_reasons(offer, lang),
        )
        for offer in offers
    )


def list_offer_inbox(member: Member, *, lang: str) -> OfferInbox:
    """The member's offers by section, newest first, with their fit and reasons."""
    base = RecruiterOffer.objects.to_recipient(member.pk).select_related("recruiter__profile")
    pending = list(base.filter(status=OfferStatus.PENDING).order_by("-sent_at", "-pk"))
    answered = list(
        base.exclude(status=OfferStatus.PENDING).order_by("-sent_at", "-pk")[:ANSWERED_SHOWN]
    )
    return OfferInbox(
        matching=_items(member, [o for o in pending if o.folder == Folder.INBOX], lang=lang),
        filed=_items(member, [o for o in pending if o.folder == Folder.FILED], lang=lang),
        answered=_items(member, answered, lang=lang),
    )


def get_offer_item(member: Member, *, offer_id: int, lang: str) -> OfferItem:
    """One offer made to the member; OfferNotFound (404) for anyone else's."""
    offer = (
        RecruiterOffer.objects.to_recipient(member.pk)
        .select_related("recruiter__profile")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise OfferNotFound
    return _items(member, [offer], lang=lang)[0]


def count_pending_offers(member: Member) -> int:
    """Matching offers waiting for the member's answer (for a badge)."""
    return (
        RecruiterOffer.objects.to_recipient(member.pk)
        .filter(status=OfferStatus.PENDING, folder=Folder.INBOX)
        .count()
    )


def draft_decline(member: Member, *, offer_id: int) -> ReplyDraft:
    """The standard reply for declining one of the member's offers, in the recruiter's
    language: sent unedited, it is word for word what an automatic decline sends."""
    offer = (
        RecruiterOffer.objects.to_recipient(member.pk)
        .select_related("recruiter")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise OfferNotFound
    lang = reader_language(offer.recruiter)
    return ReplyDraft(situation="decline_offer", lang=lang, text=standard_reply(offer))


### The recruiter's side ###


class RecruiterStatus:
    """What the recruiter may know of an offer's outcome."""

    DELIVERED = "delivered"
    INTERESTED = "interested"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class SentOfferView:
    """An offer as its recruiter sees it: their own fields and the revealed outcome only.

    No field here is derived from the recipient's preferences, the verdict or the real
    decision before ``reveal_at``; ``as_dict`` is the API's shape.
    """

    id: int
    recipient_id: int
    recipient_name: str
    title: str
    employer: str
    level: str
    salary: str
    location: str
    remote: str
    sent_at: datetime
    status: str
    #: A word for the badge ("Declined") and the sentence that says what it means.
    status_label: str
    status_text: str
    #: The reply the recruiter reads (declined offers only).
    reply_text: str
    #: The categories that did not match, when the member lets recruiters see them.
    categories: tuple[str, ...]
    #: Whether the offer fitted, when the member lets recruiters see it (None: not told).
    fitted: bool | None
    conversation_id: int | None

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict (dates as ISO strings)."""
        data = asdict(self)
        data["sent_at"] = self.sent_at.isoformat()
        data["categories"] = list(self.categories)
        return data


def _status_label(status: str) -> str:
    return {
        RecruiterStatus.DELIVERED: _("Delivered"),
        RecruiterStatus.INTERESTED: _("Interested"),
        RecruiterStatus.DECLINED: _("Declined"),
    }[status]


def _status_text(status: str) -> str:
    return {
        RecruiterStatus.DELIVERED: _("Delivered; no answer yet"),
        RecruiterStatus.INTERESTED: _("The member is interested"),
        RecruiterStatus.DECLINED: _(
            "Declined: the offer does not match what the member is looking for"
        ),
    }[status]


def sent_offer_view(offer: RecruiterOffer, *, now: datetime) -> SentOfferView:
    """The recruiter's view of one offer at ``now``: the outcome only once revealed."""
    visible = offer.visible_from()
    revealed = visible is not None and visible <= now
    status = RecruiterStatus.DELIVERED
    if revealed:
        status = (
            RecruiterStatus.INTERESTED
            if offer.status == OfferStatus.INTERESTED
            else RecruiterStatus.DECLINED
        )
    shared = revealed and offer.categories_shared
    categories: tuple[str, ...] = ()
    fitted: bool | None = None
    if shared:
        categories = (
            tuple(str(Category(c).label) for c in offer.mismatches or [])
            if status == RecruiterStatus.DECLINED
            else ()
        )
        fitted = not offer.mismatches
    profile = getattr(offer.recipient, "profile", None)
    return SentOfferView(
        id=offer.pk,
        recipient_id=offer.recipient_id,
        recipient_name=profile.full_name if profile is not None else "",
        title=offer.title,
        employer=offer.employer or _("Confidential"),
        level=str(Seniority(offer.level).label) if offer.level in Seniority.values else "",
        salary=salary_range(offer),
        location=offer.location,
        remote=str(RemoteMode(offer.remote).label),
        sent_at=offer.sent_at,
        status=status,
        status_label=_status_label(status),
        status_text=_status_text(status),
        reply_text=offer.reply_text if status == RecruiterStatus.DECLINED else "",
        categories=categories,
        fitted=fitted,
        conversation_id=offer.conversation_id if status == RecruiterStatus.INTERESTED else None,
    )


def list_sent_offers(recruiter: Member, *, now: datetime) -> list[SentOfferView]:
    """The recruiter's own offers, newest first, as they may see them at ``now``."""
    offers = (
        RecruiterOffer.objects.from_recruiter(recruiter.pk)
        .select_related("recipient__profile")
        .order_by("-sent_at", "-pk")
    )
    return [sent_offer_view(o, now=now) for o in offers]


def get_sent_offer(recruiter: Member, *, offer_id: int, now: datetime) -> SentOfferView:
    """One of the recruiter's own offers; OfferNotFound (404) for anyone else's."""
    offer = (
        RecruiterOffer.objects.from_recruiter(recruiter.pk)
        .select_related("recipient__profile")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise OfferNotFound
    return sent_offer_view(offer, now=now)


@dataclass(frozen=True, slots=True)
class RecruiterStatistics:
    """A recruiter's own figures, computed from their ``SentOfferView``s only, so they can
    never tell more than the offers' statuses do."""

    sent: int
    awaiting: int
    matched: int
    interested: int
    declined: int

    @property
    def answered(self) -> int:
        return self.interested + self.declined

    @property
    def acceptance_percent(self) -> int | None:
        """Interested of the answered offers, in percent (None before any answer)."""
        if not self.answered:
            return None
        return round(100 * self.interested / self.answered)


def statistics_from(views: list[SentOfferView]) -> RecruiterStatistics:
    """Count the views: "matched" are the offers known to fit (an interested member, or a
    member who lets recruiters see that no category failed)."""
    return RecruiterStatistics(
        sent=len(views),
        awaiting=sum(1 for v in views if v.status == RecruiterStatus.DELIVERED),
        matched=sum(1 for v in views if v.status == RecruiterStatus.INTERESTED or v.fitted is True),
        interested=sum(1 for v in views if v.status == RecruiterStatus.INTERESTED),
        declined=sum(1 for v in views if v.status == RecruiterStatus.DECLINED),
    )


def recruiter_statistics(recruiter: Member, *, now: datetime) -> RecruiterStatistics:
    """The recruiter's figures over all their offers, as of ``now``."""
    return statistics_from(list_sent_offers(recruiter, now=now))


__all__ = [
    "OfferInbox",
    "OfferItem",
    "RecruiterStatistics",
    "RecruiterStatus",
    "SentOfferView",
    "get_offer_item",
    "get_sent_offer",
    "is_recruiter",
    "list_offer_inbox",
    "list_sent_offers",
    "recruiter_statistics",
    "sent_offer_view",
]
