"""Groups for the demo: Lena's meetup group, a relevant invitation and a bulk inviter.

Through the real services, so every invitation carries the engine's verdict and Lena's
policy (the default: decline irrelevant bulk invitations automatically) applies:

- Lena runs "Python-Meetup Freiburg" (public); Henrik and some of her contacts belong;
- Henrik, her contact, invites her to "Django im Handwerk", whose topics match her skills:
  it waits among her invitations, welcome, with the reasons;
- Marco Liebig, the cold acquirer, invites fifty members of the crowd to his
  "Vertriebs-Booster" group about cold calling and lead generation, then Lena: for her it
  is irrelevant and bulk, so it is declined automatically, counted against his quota.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Mapping, Sequence

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError
from handschlag.groups.errors import AlreadyMember
from handschlag.groups.models import Group
from handschlag.groups.services import create_group, invite_to_group, join_group
from handschlag.network.models import Connection

Progress = Callable[[str], None]

#: How many crowd members the bulk inviter invites before Lena (the engine's bulk mark).
BULK_INVITATIONS = 50


class DemoGroups:
    """The demo's groups and invitations; ``run()`` returns story → outcome."""

    def __init__(
        self,
        *,
        personas: Mapping[str, Member],
        crowd: Sequence[int],
        seed: int,
        progress: Progress | None = None,
    ) -> None:
        self.personas = personas
        self.crowd = crowd
        self.seed = seed
        self.progress: Progress = progress or (lambda _message: None)

    @staticmethod
    def _group(
        creator: Member, *, name: str, description: str, topics: list[str], visibility: str
    ) -> Group:
        existing = Group.objects.filter(name=name).first()
        if existing is not None:
            return existing
        return create_group(
            creator, name=name, description=description, topics=topics, visibility=visibility
        )

    def _invite(self, inviter: Member, group: Group, invitee_id: int) -> str | None:
        try:
            return invite_to_group(inviter, group_id=group.pk, invitee_id=invitee_id).status
        except HandschlagError as refusal:
            self.progress(f"  invitation {inviter.pk} → {invitee_id} refused: {refusal}")
            return None

    def run(self) -> dict[str, str]:
        lena, henrik, marco = (self.personas[k] for k in ("lena", "henrik", "marco"))
        rng = random.Random(self.seed + 7)
        meetup = self._group(
            lena,
            name="Python-Meetup Freiburg",
            description=(
                "Einmal im Monat: Vorträge und Gespräche über Python, Django und Daten, "
                "diesmal im Werkbank-Büro. Neue Sprecherinnen und Sprecher willkommen."
            ),
            topics=["Python", "Django", "Meetup", "Freiburg"],
            visibility="public",
        )
        contacts = list(
            Connection.objects.filter(owner_id=lena.pk).values_list("contact_id", flat=True)[:12]
        )
        for member in Member.objects.filter(pk__in=[henrik.pk, *contacts]):
            with contextlib.suppress(AlreadyMember):  # a second run
                join_group(member, group_id=meetup.pk)
        django = self._group(
            henrik,
            name="Django im Handwerk",
            description=(
                "Wer Software für Handwerksbetriebe mit Django baut: Erfahrungen mit Aufmaß, "
                "Angeboten, E-Rechnung und Offline-Apps."
            ),
            topics=["Django", "Handwerk", "E-Rechnung"],
            visibility="closed",
        )
        booster = self._group(
            marco,
            name="Vertriebs-Booster: Mehr Termine in 30 Tagen",
            description="Kaltakquise, die funktioniert: Skripte, Leadlisten und Terminbuchung.",
            topics=["Kaltakquise", "Leadgenerierung", "Terminbuchung"],
            visibility="public",
        )
        outcomes: dict[str, str] = {}
        status = self._invite(henrik, django, lena.pk)
        if status is not None:
            outcomes["invitation from henrik"] = status
        taken = {m.pk for m in self.personas.values()}
        pool = [i for i in self.crowd if i not in taken]
        for invitee_id in rng.sample(pool, min(len(pool), BULK_INVITATIONS)):
            self._invite(marco, booster, invitee_id)
        status = self._invite(marco, booster, lena.pk)
        if status is not None:
            outcomes["invitation from marco"] = status
        return outcomes
