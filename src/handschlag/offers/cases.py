"""Rows → trust.Case: the facts the engine judges a recruiter offer by.

The recipient's private job preferences go into the case (the offer rules need them) and
nowhere else: the verdict's explanations are rendered for the recipient only, and the
recruiter's pages never read the hits (``queries.sent_offer_view``). Every query here is
bounded by the two members' own rows (the recruiter's offers, the recipient's profile).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q

from handschlag.accounts.models import Member
from handschlag.moderation.models import Report
from handschlag.network.cases import (
    last_profile_view,
    pair_facts,
    shared_employers,
    shared_schools,
)
from handschlag.offers.models import Category, OfferStatus, RecruiterOffer, RemoteMode
from handschlag.profiles.models import JobPreferences, Profile
from handschlag.trust import (
    Case,
    Kind,
    Level,
    Offer,
    Preferences,
    Recipient,
    Relation,
    Sender,
    Verdict,
)

#: How many of the recruiter's latest texts to others the template rules compare against.
RECENT_TEXTS = 20

_LANGS = ("de", "en")

#: The engine's offer rules and the category each one stands for.
CATEGORY_OF_RULE: dict[str, str] = {
    "OFFER_NOT_OPEN": Category.NOT_OPEN,
    "OFFER_BELOW_FLOOR": Category.SALARY,
    "OFFER_LEVEL_MISMATCH": Category.LEVEL,
    "OFFER_SKILL_MISMATCH": Category.SKILLS,
    "OFFER_PLACE_MISMATCH": Category.LOCATION,
}


@dataclass(frozen=True, slots=True)
class OfferDraft:
    """The fields of an offer before it is stored (the service validates them)."""

    title: str
    employer: str
    level: str
    salary_min: int | None
    salary_max: int | None
    currency: str
    location: str
    remote: str
    skills: tuple[str, ...]
    text: str

    def as_case_offer(self) -> Offer:
        """The offer as the engine reads it; hybrid work still happens at the location."""
        try:
            level = Level(self.level) if self.level else None
        except ValueError:
            level = None
        return Offer(
            title=self.title,
            level=level,
            salary_min=self.salary_min,
            salary_max=self.salary_max,
            currency=self.currency or "",
            location=self.location,
            remote=self.remote == RemoteMode.REMOTE,
            skills=self.skills,
        )


def _level(seniority: str) -> Level | None:
    try:
        return Level(seniority) if seniority else None
    except ValueError:
        return None


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def recipient_preferences(recipient: Member, profile: Profile | None) -> Preferences:
    """The recipient's private preferences as the engine reads them. A member who never
    saved any, or who asks for no recruiting approaches, is not open to offers."""
    saved = JobPreferences.objects.filter(member_id=recipient.pk).first()
    if saved is None:
        return Preferences(open_to_offers=False)
    return Preferences(
        open_to_offers=saved.open_to_offers and not (profile and profile.no_solicitation),
        min_salary=saved.min_salary,
        currency=saved.currency,
        levels=tuple(saved.levels or ()),
        locations=tuple(saved.locations or ()),
        remote_only=saved.remote_only,
        relocate=saved.willing_to_relocate,
    )


def _recruiter_counts(recruiter_id: int, *, now: datetime) -> dict[str, int]:
    since_90 = now - timedelta(days=90)
    counts = RecruiterOffer.objects.filter(
        recruiter_id=recruiter_id, sent_at__gte=since_90
    ).aggregate(
        sent_7d=Count("pk", filter=Q(sent_at__gte=now - timedelta(days=7))),
        sent_90d=Count("pk"),
        interested_90d=Count("pk", filter=Q(status=OfferStatus.INTERESTED)),
    )
    reports = Report.objects.filter(reported_id=recruiter_id, created_at__gte=since_90).count()
    return {key: int(value or 0) for key, value in counts.items()} | {"reports_90d": reports}


def recent_offer_texts(recruiter_id: int, *, excluding: int) -> tuple[str, ...]:
    """The recruiter's latest personal texts to others, newest first."""
    return tuple(
        RecruiterOffer.objects.filter(recruiter_id=recruiter_id)
        .exclude(recipient_id=excluding)
        .exclude(text="")
        .order_by("-sent_at")
        .values_list("text", flat=True)[:RECENT_TEXTS]
    )


def build_offer_case(
    recruiter: Member, *, recipient: Member, draft: OfferDraft, now: datetime
) -> Case:
    """Gather everything the engine needs to judge ``recruiter``'s offer to ``recipient``."""
    profiles = {
        p.member_id: p for p in Profile.objects.filter(member_id__in=(recruiter.pk, recipient.pk))
    }
    sender_profile = profiles.get(recruiter.pk)
    recipient_profile = profiles.get(recipient.pk)
    counts = _recruiter_counts(recruiter.pk, now=now)
    pair = pair_facts(recruiter.pk, recipient.pk)
    viewed_at = last_profile_view(recruiter.pk, recipient.pk, before=now)
    skills = (
        tuple(recipient_profile.skills.order_by("name").values_list("name", flat=True))
        if recipient_profile
        else ()
    )
    return Case(
        id=f"recruiter_offer:{recruiter.pk}:{recipient.pk}:{int(now.timestamp())}",
        kind=Kind.RECRUITER_OFFER,
        text=draft.text,
        sent_at=now,
        sender=Sender(
            id=str(recruiter.pk),
            name=sender_profile.full_name if sender_profile else "",
            headline=sender_profile.headline if sender_profile else "",
            contacts=pair.contacts,
            account_age_days=max(0, (now - recruiter.date_joined).days),
            requests_sent_7d=counts["sent_7d"],
            requests_sent_90d=counts["sent_90d"],
            requests_accepted_90d=counts["interested_90d"],
            reports_90d=counts["reports_90d"],
            recent_texts=recent_offer_texts(recruiter.pk, excluding=recipient.pk),
            offering=_lines(sender_profile.offering) if sender_profile else (),
            seeking=_lines(sender_profile.seeking) if sender_profile else (),
        ),
        recipient=Recipient(
            id=str(recipient.pk),
            name=recipient_profile.full_name if recipient_profile else "",
            headline=recipient_profile.headline if recipient_profile else "",
            lang=recipient.language if recipient.language in _LANGS else None,
            skills=skills,
            seeking=_lines(recipient_profile.seeking) if recipient_profile else (),
            offering=_lines(recipient_profile.offering) if recipient_profile else (),
            level=_level(recipient_profile.seniority) if recipient_profile else None,
            preferences=recipient_preferences(recipient, recipient_profile),
        ),
        relation=Relation(
            connected=pair.connected_at is not None,
            connected_at=pair.connected_at,
            mutual_contacts=pair.mutual_contacts,
            viewed_profile_before=viewed_at is not None,
            shared_employers=shared_employers(recruiter.pk, recipient.pk, today=now.date()),
            shared_schools=shared_schools(recruiter.pk, recipient.pk),
        ),
        offer=draft.as_case_offer(),
    )


def mismatch_categories(verdict: Verdict) -> list[str]:
    """The categories in which the offer did not match, in the catalogue's order."""
    found = {
        CATEGORY_OF_RULE[h.code]
        for h in verdict.hits
        if h.code in CATEGORY_OF_RULE and not h.shadow
    }
    return [c.value for c in Category if c.value in found]
