"""Meetups for the demo: past and upcoming ones in Köln, Düsseldorf, Bonn, Berlin and
München, with guests, a waiting list and check-ins.

Everything goes through the real services (``create_meetup``, ``rsvp_to_meetup``,
``check_in`` with the meetup's real code), told what time it was, so the rows are the
ones members would have left. Lena, the demo member, checked in at last month's
"Digitalisierung im Mittelstand" in Köln together with some of her contacts and a few
people she does not know yet: her attendee list there offers "Connect, met at this
meetup", and a request between two of them carries the meetup as common ground. She is
also going to an upcoming meetup in Düsseldorf and waits for a place at a full one in Bonn.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError
from handschlag.events import services
from handschlag.events.check_in import check_in_code
from handschlag.events.models import Meetup
from handschlag.network.models import Connection

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class DemoMeetup:
    """One meetup of the demo; ``days`` from today (negative: it has taken place)."""

    key: str
    title: str
    venue: str
    address: str
    city: str
    days: int
    hour: int
    capacity: int
    guests: int
    description: str
    checked_in_share: float = 0.0


MEETUPS = (
    DemoMeetup(
        key="koeln_past",
        title="Digitalisierung im Mittelstand: Praxisabend",
        venue="Startplatz im Mediapark",
        address="Im Mediapark 5",
        city="Köln",
        days=-30,
        hour=18,
        capacity=40,
        guests=14,
        checked_in_share=0.8,
        description=(
            "Drei Betriebe aus der Region zeigen, was bei ihnen mit Software besser läuft, "
            "und was nicht. Danach Gespräche bei Kölsch und Brezeln.\n"
            "Programm: https://example.org/mittelstand-digital"
        ),
    ),
    DemoMeetup(
        key="duesseldorf_past",
        title="Frauen im Handwerk: Frühstück",
        venue="Café Hüftgold",
        address="Ackerstraße 113",
        city="Düsseldorf",
        days=-12,
        hour=8,
        capacity=20,
        guests=12,
        checked_in_share=0.7,
        description="Austausch unter Meisterinnen, Gründerinnen und Ausbilderinnen.",
    ),
    DemoMeetup(
        key="berlin_past",
        title="Steuern für Selbstständige: Fragen an die Praxis",
        venue="Betahaus",
        address="Rudi-Dutschke-Straße 23",
        city="Berlin",
        days=-45,
        hour=19,
        capacity=60,
        guests=18,
        checked_in_share=0.6,
        description="Eine Steuerberaterin beantwortet Fragen, ohne Verkaufsgespräch.",
    ),
    DemoMeetup(
        key="duesseldorf_next",
        title="Python im Mittelstand",
        venue="Digital Hub Düsseldorf",
        address="Speditionstraße 15a",
        city="Düsseldorf",
        days=9,
        hour=18,
        capacity=35,
        guests=16,
        description=(
            "Zwei kurze Vorträge aus Betrieben, die Python für Angebote und Aufmaß nutzen, "
            "danach offene Runde. Slides: https://example.org/python-mittelstand"
        ),
    ),
    DemoMeetup(
        key="bonn_full",
        title="Unternehmerfrühstück Bonn",
        venue="Bönnsch Brauhaus",
        address="Sterntorbrücke 4",
        city="Bonn",
        days=5,
        hour=8,
        capacity=8,
        guests=11,
        description="Zwölf Plätze am großen Tisch, jede und jeder stellt sich in einer Minute vor.",
    ),
    DemoMeetup(
        key="koeln_next",
        title="Nachfolge im Familienbetrieb",
        venue="IHK Köln",
        address="Unter Sachsenhausen 10-26",
        city="Köln",
        days=16,
        hour=17,
        capacity=50,
        guests=9,
        description="Wie übergibt man einen Betrieb? Erfahrungen von beiden Seiten.",
    ),
    DemoMeetup(
        key="berlin_next",
        title="After-Work: Nachhaltig bauen",
        venue="Holzmarkt 25",
        address="Holzmarktstraße 25",
        city="Berlin",
        days=21,
        hour=18,
        capacity=45,
        guests=7,
        description="Architektinnen, Bauleiter und Handwerksbetriebe im Gespräch.",
    ),
    DemoMeetup(
        key="muenchen_next",
        title="Netzwerkabend Recruiting ohne Kaltakquise",
        venue="Werk1",
        address="Grafinger Straße 6",
        city="München",
        days=12,
        hour=19,
        capacity=30,
        guests=6,
        description="Wie man Fachkräfte findet, ohne sie zu belästigen.",
    ),
)

#: Lena's answers: checked in at the past Köln meetup, going in Düsseldorf, waiting in Bonn.
LENA_AT = ("koeln_past", "duesseldorf_next", "bonn_full")
#: Lena's contacts and non-contacts who checked in with her in Köln.
LENA_CONTACTS_THERE = 3
STRANGERS_THERE = 4


class DemoMeetups:
    """Create the demo's meetups and their guests; returns meetup key → a short summary."""

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

    def run(self) -> dict[str, str]:
        """Publish the meetups, sign guests up, check them in; report each."""
        self.rng_ = random.Random(self.seed + 7)
        self.now_ = timezone.now()
        lena = self.personas["lena"]
        contacts = list(
            Connection.objects.filter(owner_id=lena.pk)
            .order_by("contact_id")
            .values_list("contact_id", flat=True)[:200]
        )
        persona_ids = {member.pk for member in self.personas.values()}
        contact_set = set(contacts)
        pool = self.rng_.sample(list(self.crowd), min(len(self.crowd), 400))
        strangers = [i for i in pool if i not in contact_set and i not in persona_ids]
        organisers = strangers[: len(MEETUPS)]
        strangers = strangers[len(MEETUPS) :]
        members = Member.objects.in_bulk([*contacts, *strangers, *organisers])
        summary: dict[str, str] = {}
        for index, spec in enumerate(MEETUPS):
            organiser = members.get(organisers[index]) if index < len(organisers) else None
            if organiser is None:
                continue
            meetup = self._publish(spec, organiser)
            guests: list[Member] = []
            if spec.key in LENA_AT:
                guests.append(lena)
            if spec.key == "koeln_past":
                guests += [members[i] for i in contacts[:LENA_CONTACTS_THERE] if i in members]
                guests += [members[i] for i in strangers[:STRANGERS_THERE] if i in members]
            others = [i for i in strangers[STRANGERS_THERE:] if i in members]
            wanted = max(spec.guests - len(guests), 0)
            guests += [members[i] for i in self.rng_.sample(others, min(wanted, len(others)))]
            if spec.key == "bonn_full":
                # Lena answered last, so she waits behind a full table.
                guests = [g for g in guests if g.pk != lena.pk] + [lena]
            summary[spec.key] = self._answer_and_check_in(spec, meetup, guests, lena)
            self.progress(f"  meetup {spec.city}: {summary[spec.key]}")
        return summary

    def _start(self, spec: DemoMeetup) -> datetime:
        day = timezone.localtime(self.now_ + timedelta(days=spec.days))
        return day.replace(hour=spec.hour, minute=0, second=0, microsecond=0)

    def _publish(self, spec: DemoMeetup, organiser: Member) -> Meetup:
        start = self._start(spec)
        values = {
            "title": spec.title,
            "venue": spec.venue,
            "address": spec.address,
            "city": spec.city,
            "starts_at": start,
            "ends_at": start + timedelta(hours=2, minutes=30),
            "capacity": spec.capacity,
            "description": spec.description,
        }
        return services.create_meetup(organiser, values=values, now=start - timedelta(days=21))

    def _answer_and_check_in(
        self, spec: DemoMeetup, meetup: Meetup, guests: list[Member], lena: Member
    ) -> str:
        start = meetup.starts_at
        going: list[Member] = []
        for position, guest in enumerate(guests):
            answered = start - timedelta(days=14) + timedelta(minutes=17 * position)
            try:
                rsvp = services.rsvp_to_meetup(guest, meetup_id=meetup.pk, now=answered)
            except HandschlagError as refusal:
                self.progress(f"  RSVP {guest.pk} → {spec.key} refused: {refusal}")
                continue
            if rsvp.status == "going":
                going.append(guest)
        checked_in = 0
        if spec.days < 0:
            code = check_in_code(meetup.pk)
            must = {lena.pk} | {g.pk for g in going[: 1 + LENA_CONTACTS_THERE + STRANGERS_THERE]}
            for guest in going:
                if guest.pk not in must and self.rng_.random() > spec.checked_in_share:
                    continue
                when = start + timedelta(minutes=self.rng_.randint(5, 50))
                services.check_in(guest, meetup_id=meetup.pk, code=code, now=when)
                checked_in += 1
        waiting = meetup.rsvps.waiting().count()
        return f"{len(going)} going, {waiting} waiting, {checked_in} checked in"
