"""Pitches: sales language, selling right after connecting, booking links, contact harvesting."""

from __future__ import annotations

from datetime import timedelta

from handschlag.trust.analysis import Analysis
from handschlag.trust.case import Kind
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_
from handschlag.trust.text.normalise import view

PITCHABLE = (Kind.CONTACT_REQUEST, Kind.MESSAGE, Kind.GROUP_INVITATION)
AFTER_CONNECT = timedelta(days=7)
_SHORT = 3


def _quote(phrases: list[str], n: int = 2) -> str:
    return ", ".join(f"“{p}”" for p in dict.fromkeys(phrases[:n]))


def _words(values: tuple[str, ...]) -> set[str]:
    return {t for v in values for t in view(v).tokens if len(t) > _SHORT}


def sought_overlap(a: Analysis) -> str | None:
    """What the sender offers that the recipient says they are looking for: every word of one
    of the recipient's wishes, or two of them, appear in one of the sender's offers."""
    for item in a.case.sender.offering:
        offered = _words((item,))
        for wish in a.case.recipient.seeking:
            wanted = _words((wish,))
            shared = wanted & offered
            if wanted and (shared == wanted or len(shared) >= 2):
                return item
    return None


@rule(
    code="PITCH_SALES",
    kinds=PITCHABLE,
    group="pitch",
    explain=N_("sales language: %(phrases)s"),
)
def sales(a: Analysis) -> Evidence | None:
    """The text sells: a strong sales phrase, or three or more weaker ones."""
    found = a.pitch_phrases
    return Evidence({"phrases": _quote(found), "count": len(found)}) if found else None


@rule(
    code="PITCH_AFTER_CONNECT",
    kinds=(Kind.MESSAGE,),
    group="pitch",
    explain=N_("sells %(days)d days after you connected"),
)
def after_connect(a: Analysis) -> Evidence | None:
    """A sales message within a week of the connection: connect first, pitch at once."""
    rel = a.case.relation
    if not rel.connected or rel.connected_at is None or not a.pitch_phrases:
        return None
    age = a.case.now - rel.connected_at
    if timedelta(0) <= age <= AFTER_CONNECT:
        return Evidence({"days": age.days})
    return None


@rule(
    code="PITCH_MEETING_LINK",
    kinds=PITCHABLE,
    group="pitch",
    explain=N_("asks you to book a meeting (%(link)s) without any prior contact"),
)
def meeting_link(a: Analysis) -> Evidence | None:
    """An unsolicited link or call to book a meeting in the sender's calendar."""
    if a.case.relation.has_history:
        return None
    if a.booking_links:
        return Evidence({"link": a.booking_links[0]})
    phrases = a.phrases("booking")
    return Evidence({"link": phrases[0].cited}) if phrases else None


@rule(
    code="PITCH_NOT_SOUGHT",
    kinds=PITCHABLE,
    group="pitch",
    explain=N_("offers something your profile does not say you are looking for"),
)
def not_sought(a: Analysis) -> Evidence | None:
    """A pitch for something unrelated to what the recipient seeks."""
    if not a.pitch_phrases or sought_overlap(a) is not None:
        return None
    return Evidence({})


@rule(
    code="PITCH_ASKS_CONTACT",
    kinds=PITCHABLE,
    group="pitch",
    explain=N_("asks for your phone number or e-mail address: “%(phrase)s”"),
)
def asks_contact(a: Analysis) -> Evidence | None:
    """A stranger asks to move off the platform, to phone or e-mail."""
    if a.case.relation.has_history:
        return None
    found = a.phrases("contact_ask")
    return Evidence({"phrase": found[0].cited}) if found else None


@rule(
    code="PITCH_SOUGHT",
    kinds=PITCHABLE,
    group="pitch",
    explain=N_("offers “%(item)s”, which you say you are looking for"),
)
def sought(a: Analysis) -> Evidence | None:
    """The sender offers what the recipient's profile says they seek: a welcome business contact."""
    item = sought_overlap(a)
    return Evidence({"item": item}) if item is not None else None
