"""Content: hashtag spam and engagement bait, in messages, invitations and posts."""

from __future__ import annotations

from handschlag.trust.analysis import Analysis
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_

HASHTAGS = 5


@rule(
    code="TXT_HASHTAG_SPAM",
    group="content",
    explain=N_("contains %(count)d hashtags (%(tags)s)"),
)
def hashtag_spam(a: Analysis) -> Evidence | None:
    """Five or more hashtags: written for reach, not for a reader."""
    tags = a.text.hashtags
    if len(tags) < HASHTAGS:
        return None
    return Evidence({"count": len(tags), "tags": " ".join(f"#{t}" for t in tags[:4])})


@rule(
    code="TXT_ENGAGEMENT_BAIT",
    group="content",
    explain=N_("begs for reactions: “%(phrase)s”"),
)
def engagement_bait(a: Analysis) -> Evidence | None:
    """Engagement bait ("comment YES below", "Wer stimmt zu?")."""
    found = a.phrases("engagement_bait")
    return Evidence({"phrase": found[0].cited}) if found else None
