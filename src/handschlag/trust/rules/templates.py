"""Templates: the same text sent to many people, by this sender or by many accounts."""

from __future__ import annotations

from handschlag.trust.analysis import Analysis, excerpt
from handschlag.trust.case import Kind
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_
from handschlag.trust.text.shingles import without_salutation

TEXT_KINDS = (
    Kind.CONTACT_REQUEST,
    Kind.MESSAGE,
    Kind.RECRUITER_OFFER,
    Kind.RECOMMENDATION_REQUEST,
    Kind.GROUP_INVITATION,
)

#: From this many near-duplicates among the sender's recent texts the note is a template.
SELF_DUPLICATES = 2
MASS_DUPLICATES = 5
#: Other accounts using the same text.
CROSS_SENDERS = 2


@rule(
    code="TPL_SELF_NEAR_DUP",
    kinds=TEXT_KINDS,
    group="templates",
    explain=N_(
        "this text nearly matches %(count)d of the sender's %(total)d recent texts to others "
        "(up to %(similarity)d%% alike), e.g. “%(example)s”"
    ),
)
def self_near_duplicate(a: Analysis) -> Evidence | None:
    """A template: the note nearly duplicates the sender's texts to others, names merged or
    words spun."""
    m = a.self_matches
    if m.count < SELF_DUPLICATES:
        return None
    return Evidence(
        {
            "count": m.count,
            "total": m.total,
            "similarity": round(m.best_similarity * 100),
            "example": excerpt(without_salutation(m.best_text, a.lexicon)),
        },
        related=(excerpt(without_salutation(m.best_text, a.lexicon), 200),),
    )


@rule(
    code="TPL_MASS_SEND",
    kinds=TEXT_KINDS,
    group="templates",
    explain=N_("the same text went to at least %(count)d other people recently"),
)
def mass_send(a: Analysis) -> Evidence | None:
    """Mass sending: five or more near-duplicates, on top of the template itself."""
    m = a.self_matches
    return Evidence({"count": m.count}) if m.count >= MASS_DUPLICATES else None


@rule(
    code="TPL_CROSS_SENDER",
    kinds=TEXT_KINDS,
    group="templates",
    explain=N_(
        "this text nearly matches %(count)d texts sent by %(senders)d other accounts "
        "(up to %(similarity)d%% alike)"
    ),
)
def cross_sender(a: Analysis) -> Evidence | None:
    """One template used by several accounts: a tool or a sales team, not a person."""
    m = a.cross_matches
    if m is None or m.senders < CROSS_SENDERS:
        return None
    return Evidence(
        {"count": m.count, "senders": m.senders, "similarity": round(m.best_similarity * 100)}
    )
