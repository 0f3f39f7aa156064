"""The standard reply to a declined offer, in the language of the recruiter who reads it.

It comes from the trust engine's ``compose_reply`` (situation ``decline_offer``) and is
given only the two names and the offer's title: no hits, no preferences. So it is word for
word the same whether the salary, the level, the place or the skills did not fit, and the
same for a decline by the member's policy and the member's own unedited decline.
"""

from __future__ import annotations

from django.conf import settings

from handschlag.accounts.models import Member
from handschlag.offers.models import RecruiterOffer
from handschlag.profiles.models import Profile
from handschlag.trust import Case, Kind, Label, Offer, Recipient, Sender, Verdict, compose_reply

_LANGS = ("de", "en")


def reader_language(member: Member) -> str:
    """The language a member reads in: their own choice, else the site's default."""
    if member.language in _LANGS:
        return member.language
    default = settings.LANGUAGE_CODE.split("-")[0]
    return default if default in _LANGS else "en"


def standard_reply(offer: RecruiterOffer) -> str:
    """The recipient's polite decline of ``offer``, written in the recruiter's language."""
    names = dict(
        Profile.objects.filter(member_id__in=(offer.recruiter_id, offer.recipient_id)).values_list(
            "member_id", "full_name"
        )
    )
    lang = reader_language(offer.recruiter)
    case = Case(
        id=f"recruiter_offer:{offer.pk}",
        kind=Kind.RECRUITER_OFFER,
        text="",
        sent_at=offer.sent_at,
        sender=Sender(id=str(offer.recruiter_id), name=names.get(offer.recruiter_id, "")),
        recipient=Recipient(id=str(offer.recipient_id), name=names.get(offer.recipient_id, "")),
        offer=Offer(title=offer.title),
    )
    # A verdict without hits: the reply must not depend on why the offer was declined.
    verdict = Verdict(case_id=case.id, label=Label.DECLINE, score=0.0, hits=(), lang=lang)
    reply = compose_reply(case, verdict, lang)
    # compose_reply answers every declined offer with the "decline_offer" situation.
    assert reply is not None  # noqa: S101
    return reply.text
