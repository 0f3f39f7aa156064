"""Standard replies to messages, drafted in the recipient's language for them to edit.

As for contact requests (``network.replies``), the trust engine's ``compose_reply``
picks the situation from the stored hits (a false claim of prior contact, a pitch, a
stranger's message worth a question) and fills in the two names and the phrase that gave
a false claim away. It is given only names and hits, never private preferences.
"""

from __future__ import annotations

from collections.abc import Mapping

from handschlag.core.models import Label
from handschlag.messaging.errors import NothingToReply
from handschlag.messaging.models import Message
from handschlag.network.replies import ReplyDraft
from handschlag.profiles.models import Profile
from handschlag.trust import Case, Hit, Kind, Recipient, Sender, Verdict, compose_reply
from handschlag.trust import Label as VerdictLabel


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
                code=str(raw.get("code") or ""),
                score=float(raw.get("score") or 0.0),
                group=str(raw.get("group") or ""),
                message=str(raw.get("message") or ""),
                evidence=dict(evidence) if isinstance(evidence, Mapping) else {},
            )
        )
    return tuple(hits)


def draft_reply(message: Message, *, reader_id: int, lang: str) -> ReplyDraft:
    """The standard reply to ``message`` from its reader, in ``lang``: a decline naming the
    false claim, a decline of the pitch, or a question for context (review)."""
    if message.sender_id == reader_id or message.label not in (
        Label.REVIEW,
        Label.DECLINE,
        Label.SPAM,
    ):
        raise NothingToReply
    names = dict(
        Profile.objects.filter(member_id__in=(message.sender_id, reader_id)).values_list(
            "member_id", "full_name"
        )
    )
    case = Case(
        id=f"message:{message.pk}",
        kind=Kind.MESSAGE,
        text=message.text,
        sent_at=message.created_at,
        sender=Sender(id=str(message.sender_id), name=names.get(message.sender_id, "")),
        recipient=Recipient(id=str(reader_id), name=names.get(reader_id, ""), lang=lang),
    )
    verdict = Verdict(
        case_id=case.id,
        label=VerdictLabel(message.label),
        score=message.score,
        hits=_hits(message.hits),
        lang=lang,
    )
    reply = compose_reply(case, verdict, lang)
    if reply is None:
        raise NothingToReply
    return ReplyDraft(situation=reply.situation, lang=reply.lang, text=reply.text)
