"""Job offers for the demo: two headhunters write to Lena, one who read her profile and
one who did not.

Both are marked as recruiters (as a host would in the admin) and send through the real
service, ``send_offer``, so each offer carries the engine's verdict and Lena's policy
(the default: decline mismatches automatically) applies:

- Sabine Roth, the careful recruiter, offers a Head of Engineering role in Freiburg with
  a salary above Lena's floor and five of its seven skills in her profile: it lands among
  Lena's matching offers with its fit explained;
- Rebecca Hall, the lazy headhunter, offers a senior Java position on site in Munich
  below Lena's floor: it is declined at once with Lena's standard reply in English. It was
  sent two days ago (its stored times are moved back, as traffic.py writes history), so
  Rebecca already sees "declined", without a reason or a number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError
from handschlag.network.services import record_profile_view
from handschlag.offers.cases import OfferDraft
from handschlag.offers.models import RecruiterOffer
from handschlag.offers.services import grant_recruiter_role, send_offer

Progress = Callable[[str], None]

GOOD_OFFER = OfferDraft(
    title="Head of Engineering",
    employer="Schwarzwald Handwerk Digital GmbH",
    level="head",
    salary_min=98_000,
    salary_max=115_000,
    currency="EUR",
    location="Freiburg im Breisgau",
    remote="hybrid",
    skills=(
        "Python",
        "Django",
        "PostgreSQL",
        "Docker",
        "TypeScript",
        "Kubernetes",
        "Personalführung",
    ),
    text=(
        "Guten Tag Frau Vogt, Sie leiten bei Werkbank Software ein Team mit Python und "
        "Django für das Handwerk. Unsere Mandantin baut genau dafür eine Plattform und sucht "
        "eine Leitung für zwölf Entwicklerinnen und Entwickler in Freiburg, zwei Tage die "
        "Woche im Büro. Hätten Sie Lust auf ein vertrauliches Gespräch?"
    ),
)

LAZY_OFFER = OfferDraft(
    title="Senior Java Developer (m/f/d)",
    employer="",
    level="senior",
    salary_min=55_000,
    salary_max=65_000,
    currency="EUR",
    location="München",
    remote="onsite",
    skills=("Java", "Spring Boot", "Oracle", "Hibernate"),
    text=(
        "Hi! I came across your impressive profile and think you would be a perfect fit "
        "for an exciting opportunity with my client, a market leader in Munich. "
        "Competitive package! Let's jump on a call this week?"
    ),
)


class DemoOffers:
    """The demo's recruiter offers; ``run()`` returns recruiter → what became of the offer."""

    def __init__(self, *, personas: Mapping[str, Member], progress: Progress | None = None) -> None:
        self.personas = personas
        self.progress: Progress = progress or (lambda _message: None)

    def run(self) -> dict[str, str]:
        lena = self.personas["lena"]
        sabine, rebecca = self.personas["sabine"], self.personas["rebecca"]
        grant_recruiter_role(sabine, organisation="Roth & Partner Personalberatung GmbH")
        grant_recruiter_role(rebecca, organisation="Brightpath Talent Ltd")
        outcomes: dict[str, str] = {}
        # Sabine reads the profile before she writes; Rebecca does not.
        record_profile_view(sabine, viewed_id=lena.pk)
        for key, draft, days_ago in (("rebecca", LAZY_OFFER, 2), ("sabine", GOOD_OFFER, 0)):
            try:
                offer = send_offer(self.personas[key], recipient_id=lena.pk, draft=draft)
            except HandschlagError as refusal:
                self.progress(f"  offer from {key} refused: {refusal}")
                continue
            if days_ago:
                self._move_back(offer, days=days_ago)
            outcomes[f"offer from {key}"] = f"{offer.folder}/{offer.status}"
        return outcomes

    @staticmethod
    def _move_back(offer: RecruiterOffer, *, days: int) -> None:
        """History: the offer was sent (and decided, and revealed) ``days`` ago."""
        shift = timedelta(days=days)
        RecruiterOffer.objects.filter(pk=offer.pk).update(
            sent_at=offer.sent_at - shift,
            reveal_at=offer.reveal_at - shift,
            decided_at=offer.decided_at - shift if offer.decided_at else None,
        )
