"""Standard replies to contact requests, drafted for the recipient to read and edit.

The draft comes from the trust engine's `compose_reply`, which picks the situation from
the stored hits (a false claim, a pitch, a stranger's request) and fills in the names. It
is given only the names and the hits, never the recipient's private preferences, so a
reply cannot give them away. A request that declares recruiting gets its own wording,
the same whatever the recipient's reasons are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.network.models import ContactRequest
from handschlag.network.models import Intent as RequestIntent
from handschlag.trust import Case, Hit, Kind, Label, Recipient, Sender, Verdict, compose_reply
from handschlag.trust import Intent as CaseIntent

#: The situation of a declined recruiting approach; the engine's are in trust.replies.
DECLINE_RECRUITING = "decline_recruiting"


_CASE_INTENTS = frozenset(intent.value for intent in CaseIntent)


@dataclass(frozen=True, slots=True)
class ReplyDraft:
    """A standard reply for one request: which situation it answers, its language, its text."""

    situation: str
    lang: str
    text: str


def _name(member: Member) -> str:
    profile = getattr(member, "profile", None)
    return profile.full_name if profile is not None else ""


def _hits(stored: object) -> tuple[Hit, ...]:
    """The stored hits back as the engine's value objects (shadow hits left out)."""
    if not isinstance(stored, list):
        return ()
    hits = []
    for raw in stored:
        if not isinstance(raw, Mapping) or raw.get("shadow"):
            continue
        evidence = raw.get("evidence")
        hits.append(
            Hit(
                code=str(raw.get("code") or raw.get("rule") or ""),
                score=float(raw.get("score") or 0.0),
                group=str(raw.get("group") or ""),
                message=str(raw.get("message") or ""),
                evidence=dict(evidence) if isinstance(evidence, Mapping) else {},
            )
        )
    return tuple(hits)


def draft_reply(request: ContactRequest, *, lang: str) -> ReplyDraft:
    """The standard reply declining ``request``, in ``lang``, filled from the case and hits.

    The recipient is declining, so a request the engine found welcome or worth a look is
    answered with a decline as well, not with a question the sender could not answer
    during the cool-down.
    """
    sender_name = _name(request.sender)
    recipient_name = _name(request.recipient)
    if request.intent == RequestIntent.RECRUITING:
        with translation.override(lang):
            text = _(
                "Hello %(sender)s,\n\nthank you for thinking of me. I do not take up "
                "recruiting approaches through contact requests, so I will not accept "
                "yours.\n\nKind regards\n%(recipient)s"
            ) % {"sender": sender_name, "recipient": recipient_name}
        return ReplyDraft(situation=DECLINE_RECRUITING, lang=lang, text=text)
    # The recipient is declining: answer as the engine would answer a declined request.
    label = Label.SPAM if request.label == Label.SPAM else Label.DECLINE
    case = Case(
        id=str(request.pk),
        kind=Kind.CONTACT_REQUEST,
        text=request.note,
        sent_at=request.sent_at,
        sender=Sender(id=str(request.sender_id), name=sender_name),
        recipient=Recipient(id=str(request.recipient_id), name=recipient_name, lang=lang),
        intent=CaseIntent(request.intent) if request.intent in _CASE_INTENTS else None,
    )
    verdict = Verdict(
        case_id=case.id, label=label, score=request.score, hits=_hits(request.hits), lang=lang
    )
    reply = compose_reply(case, verdict, lang)
    # compose_reply answers every label but welcome, and the label is never welcome here.
    assert reply is not None  # noqa: S101
    return ReplyDraft(situation=reply.situation, lang=reply.lang, text=reply.text)
