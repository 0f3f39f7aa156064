"""Recommendations for the demo: a stranger is refused, a colleague is judged, and Lena's
profile shows one she approved.

Everything goes through the real services, so the gate and the engine decide:

- Kai Brandt, the contact collector, is not Lena's contact and shares no work with her:
  his request is refused with the explanation he reads (it never reaches Lena);
- Henrik Sommer, her colleague at Werkbank Software in overlapping years and her contact,
  asks her for a recommendation about the ticket system they built: it waits among the
  requests to her, with its label and reasons;
- earlier, Lena asked Henrik for one; he wrote it and she approved it, so it is shown on
  her profile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError
from handschlag.network.services import record_profile_view
from handschlag.recommendations.cases import RequestDraft
from handschlag.recommendations.models import RecommendationRequest
from handschlag.recommendations.services import (
    approve_recommendation,
    request_recommendation,
    write_recommendation,
)

Progress = Callable[[str], None]

STRANGER_DRAFT = RequestDraft(
    role="Growth Hacker",
    project="Netzwerkaufbau",
    from_year=2024,
    to_year=None,
    note="Hallo Lena, könnten Sie mir kurz eine Empfehlung schreiben? Das wäre super! LG Kai",
)

HENRIK_DRAFT = RequestDraft(
    role="Head of Engineering",
    project="Einführung des Ticketsystems für den Kundendienst",
    from_year=2023,
    to_year=2024,
    note=(
        "Hallo Lena, ich bewerbe mich im Verband der Handwerkssoftware-Anbieter für den "
        "Beirat. Könntest du ein paar Sätze zu unserer Zusammenarbeit beim Ticketsystem "
        "schreiben?"
    ),
)

LENA_DRAFT = RequestDraft(
    role="Lead Software Engineer",
    project="Aufmaß-App für Handwerksbetriebe",
    from_year=2023,
    to_year=None,
    note="Hallo Henrik, magst du ein paar Sätze zur Aufmaß-App für mein Profil schreiben?",
)

HENRIK_TEXT = (
    "Lena hat bei Werkbank Software die Aufmaß-App von der ersten Skizze bis zum Einsatz "
    "bei über 200 Handwerksbetrieben gebracht. Sie hört den Betrieben zu, bevor sie "
    "plant, hält ihr Team auch unter Termindruck ruhig und schreibt Code, den andere gern "
    "übernehmen. Ich würde jederzeit wieder mit ihr arbeiten."
)


class DemoRecommendations:
    """The demo's recommendations; ``run()`` returns story → what became of it."""

    def __init__(self, *, personas: Mapping[str, Member], progress: Progress | None = None) -> None:
        self.personas = personas
        self.progress: Progress = progress or (lambda _message: None)

    def run(self) -> dict[str, str]:
        lena, henrik, kai = (self.personas[k] for k in ("lena", "henrik", "kai"))
        outcomes: dict[str, str] = {}
        try:
            request_recommendation(kai, recommender_id=lena.pk, draft=STRANGER_DRAFT)
        except HandschlagError as refusal:
            outcomes["recommendation request from kai"] = "refused"
            self.progress(f"  recommendation request from kai refused: {refusal}")
        if not RecommendationRequest.objects.filter(asker=lena, recommender=henrik).exists():
            try:
                asked = request_recommendation(lena, recommender_id=henrik.pk, draft=LENA_DRAFT)
                written = write_recommendation(henrik, request_id=asked.pk, text=HENRIK_TEXT)
                approve_recommendation(lena, recommendation_id=written.pk, show=True)
                outcomes["recommendation for lena"] = "shown"
            except HandschlagError as refusal:
                self.progress(f"  recommendation for lena refused: {refusal}")
        # Henrik reads Lena's profile before he asks, as a colleague would.
        record_profile_view(henrik, viewed_id=lena.pk)
        try:
            request = request_recommendation(henrik, recommender_id=lena.pk, draft=HENRIK_DRAFT)
            outcomes["recommendation request from henrik"] = request.label
        except HandschlagError as refusal:
            self.progress(f"  recommendation request from henrik refused: {refusal}")
        return outcomes
