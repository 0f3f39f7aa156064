"""Standard replies: per situation, in German or English, filled from the case and its hits.

A standardised reply, not a standard reply: it names the sender, the offer or the group and
the phrase that gave a false claim away. It never reveals the recipient's private
preferences: a declined offer gets the same words whether the salary, the level, the place
or the skills did not fit, so a recruiter cannot bisect a salary floor.
"""

from __future__ import annotations

from dataclasses import dataclass

from handschlag.trust.case import Case, Kind
from handschlag.trust.i18n import N_, render
from handschlag.trust.verdict import Label, Verdict

__all__ = ["SITUATIONS", "Reply", "compose_reply", "situation_for"]

SITUATIONS: dict[str, str] = {
    "ask_context": N_(
        "Hello %(sender)s,\n\nthank you for your request. I connect with people I know or have a "
        "concrete reason to talk to. Could you tell me where we know each other from, or what "
        "you have in mind?\n\nKind regards\n%(recipient)s"
    ),
    "decline_request": N_(
        "Hello %(sender)s,\n\nthank you for your request. As far as I can see we have not met, "
        "and I keep my network to people I know, so I will not accept it.\n\nKind regards\n"
        "%(recipient)s"
    ),
    "decline_claim": N_(
        "Hello %(sender)s,\n\nyou write “%(phrase)s”, but I cannot find any earlier conversation "
        "or appointment between us. Please do not send me further offers.\n\nKind regards\n"
        "%(recipient)s"
    ),
    "decline_pitch": N_(
        "Hello %(sender)s,\n\nthank you for your message. I am not interested in offers I have "
        "not asked for, and I would ask you not to send me any more.\n\nKind regards\n"
        "%(recipient)s"
    ),
    "decline_offer": N_(
        "Hello %(sender)s,\n\nthank you for thinking of me for the position “%(title)s”. It does "
        "not match what I am looking for at the moment, so I will pass on it.\n\nKind regards\n"
        "%(recipient)s"
    ),
    "decline_recommendation": N_(
        "Hello %(sender)s,\n\nI only write recommendations for people whose work I know from "
        "working with them, so I cannot help with this request.\n\nKind regards\n%(recipient)s"
    ),
    "decline_group": N_(
        "Hello %(sender)s,\n\nthank you for the invitation to “%(group)s”. Its topics are outside "
        "my focus, so I will not join.\n\nKind regards\n%(recipient)s"
    ),
}

_PITCH_CODES = frozenset({"PITCH_SALES", "PITCH_AFTER_CONNECT", "PITCH_MEETING_LINK"})


@dataclass(frozen=True, slots=True)
class Reply:
    """A reply ready to send: which situation it answers, its language and its text."""

    situation: str
    lang: str
    text: str


def situation_for(case: Case, verdict: Verdict) -> str | None:
    """Which standard reply fits the case and its verdict (None: nothing to answer)."""
    if verdict.label is Label.WELCOME:
        return None
    codes = verdict.codes
    if case.kind is Kind.RECRUITER_OFFER:
        return "decline_offer"
    if case.kind is Kind.RECOMMENDATION_REQUEST:
        return "ask_context" if verdict.label is Label.REVIEW else "decline_recommendation"
    if case.kind is Kind.GROUP_INVITATION:
        return "decline_group"
    if "CLAIM_FALSE_CONTACT" in codes:
        return "decline_claim"
    if codes & _PITCH_CODES:
        return "decline_pitch"
    if verdict.label is Label.REVIEW:
        return "ask_context"
    return "decline_request"


def compose_reply(case: Case, verdict: Verdict, lang: str | None = None) -> Reply | None:
    """The standard reply for this case in `lang` (default: the verdict's language)."""
    situation = situation_for(case, verdict)
    if situation is None:
        return None
    use = lang or verdict.lang
    phrase = next(
        (
            str(h.evidence.get("phrase", ""))
            for h in verdict.hits
            if h.code == "CLAIM_FALSE_CONTACT"
        ),
        "",
    )
    values = {
        "sender": case.sender.name or "",
        "recipient": case.recipient.name or "",
        "title": case.offer.title if case.offer is not None else "",
        "group": case.group.name if case.group is not None else "",
        "phrase": phrase,
    }
    text = render(SITUATIONS[situation], values, use)
    return Reply(situation=situation, lang=use, text=text.replace("Hello ,", "Hello,"))
