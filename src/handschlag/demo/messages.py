"""Messages for the demo: what Lena finds under "Messages" and "Message requests".

Like the contact requests (``demo/traffic.py``), today's messages go through the real
action, ``messaging.services.send_message``, so each carries the verdict the engine gives
it. Histories (months of talk with a former colleague) cannot: the service stamps the
current time. They are written as rows with past dates; messages between contacts with a
two-way conversation are not judged by the service either, so the rows look exactly like
the ones it would have written.

The stories:

- a cold acquirer from the crowd (Sven) connects with Lena two days ago and with six
  other crowd members, sends all of them the same pitch, then Lena: selling right after
  connecting, mass sending;
- Marco, the persona who claims an earlier call, also writes Lena a message request with
  his booking link; another stranger sells lead generation; a third asks a genuine
  question about a talk of hers;
- Henrik, her former colleague, has talked with her for months (about forty messages), and
  his newest message is unread; two crowd contacts have shorter conversations; Lena,
  Henrik and a crowd contact plan a meetup in a group conversation.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError
from handschlag.messaging.models import Conversation, Message, Participant, pair_key
from handschlag.messaging.services import post_message, send_message, start_group
from handschlag.network.models import Connection, HowMet
from handschlag.network.services import connect_members
from handschlag.profiles.services import update_profile

Progress = Callable[[str], None]

#: Crowd members the cold acquirer pitched before Lena (the template rules need five).
PITCHED_BEFORE = 6

ACQUIRER_PITCH = (
    "Hallo, danke für die Vernetzung! Kurz zu mir: Mit unserer Software gewinnen "
    "Handwerksbetriebe qualifizierte Leads und mehr Umsatz, ganz ohne Kaltakquise. "
    "Hätten Sie Interesse an einer kostenlosen Demo? Buchen Sie gleich einen Termin: "
    "https://calendly.com/leadwerk/15min"
)

MARCO_REQUEST = (
    "Hallo Frau Vogt, wie telefonisch besprochen sende ich Ihnen den Link zu unserer "
    "kostenlosen Potenzialanalyse: mehr Termine in 30 Tagen für Ihr Team. Buchen Sie "
    "direkt einen Termin: https://calendly.com/termintreffer/30min"
)

STRANGER_PITCH = (
    "Sehr geehrte Frau Vogt, wir steigern Ihren Umsatz mit Leadgenerierung auf Autopilot. "
    "Unser Tool liefert jede Woche 50 qualifizierte Leads. Darf ich Ihnen unser exklusives "
    "Angebot schicken? Schreiben Sie mir Ihre Telefonnummer."
)

STRANGER_QUESTION = (
    "Hallo Frau Vogt, ich war bei Ihrem Vortrag beim Python-Meetup Freiburg über "
    "Aufmaß-Apps. Wir stehen bei unserem Handwerkerportal vor der gleichen Frage mit "
    "Offline-Formularen: Darf ich Ihnen dazu eine kurze Frage stellen?"
)

#: Lena and Henrik, former colleagues: a conversation over five months, oldest first.
HENRIK_TOPICS = (
    ("henrik", "Hallo Lena, wie läuft es im neuen Team? Seid ihr mit der Aufmaß-App live?"),
    ("lena", "Hallo Henrik! Fast: Die Offline-Synchronisation macht noch Ärger."),
    ("henrik", "Kenne ich. Wir hatten das bei der Zeiterfassung mit einer Outbox-Tabelle gelöst."),
    ("lena", "Stimmt, das war dein Entwurf. Hast du die Skizze noch?"),
    ("henrik", "Ich schaue nach und schicke sie dir."),
    ("henrik", "Gefunden: https://wiki.schwarzwald-digital.example/outbox (noch lesbar?)"),
    ("lena", "Perfekt, danke! Genau das brauchen wir."),
    ("lena", "Kommst du zum Python-Meetup im März?"),
    ("henrik", "Wenn die Kita mitspielt, ja."),
    ("lena", "Ich halte dort einen kurzen Vortrag über die App."),
    ("henrik", "Dann komme ich erst recht. Worüber genau?"),
    ("lena", "Formulare offline, Konflikte beim Abgleich und was wir dabei falsch gemacht haben."),
    ("henrik", "Das Letzte ist immer das Spannendste."),
    ("lena", "Deshalb steht es im Titel :)"),
    ("henrik", "Der Vortrag war super. Die Frage mit den Konflikten kam gut an."),
    ("lena", "Danke! Ich war ziemlich nervös."),
    ("henrik", "Hat man nicht gemerkt."),
    ("henrik", "Übrigens: Wir suchen jemanden für PostgreSQL-Tuning, kennst du wen?"),
    ("lena", "Frag mal Jonas Keller, der hat bei uns die Migration 2021 begleitet."),
    ("henrik", "Mache ich, danke."),
    ("lena", "Wie war das Gespräch mit Jonas?"),
    ("henrik", "Sehr gut, er fängt im Mai bei uns an."),
    ("lena", "Schön! Dann sehen wir uns ja öfter."),
    ("henrik", "Mittagessen nächste Woche? Dienstag oder Donnerstag?"),
    ("lena", "Donnerstag passt."),
    ("henrik", "12 Uhr beim Italiener am Bertoldsbrunnen?"),
    ("lena", "Abgemacht."),
    ("lena", "Danke fürs Mittagessen, das war schön."),
    ("henrik", "Gern. Schick mir den Artikel über CRDTs, von dem du erzählt hast."),
    ("lena", "Hier: https://crdt.tech/ (die Einführung reicht für den Anfang)"),
    ("henrik", "Gelesen. Für unsere Zwecke zu viel, aber spannend."),
    ("lena", "Sehe ich auch so. Die Outbox bleibt."),
    ("henrik", "Gute Wahl."),
    ("lena", "Bist du beim Handschlag-Treffen in Freiburg dabei?"),
    ("henrik", "Ja, ich organisiere es sogar mit."),
    ("lena", "Dann melde ich mich gleich an."),
    ("henrik", "Ich setze dich auf die Liste. Sollen wir ein Thema für den Abend vorschlagen?"),
    ("lena", "Vielleicht E-Rechnung im Handwerk? Das beschäftigt gerade alle."),
    ("henrik", "Gute Idee, ich frage Jonas, ob er etwas dazu erzählt."),
    ("henrik", "Jonas sagt zu! Ich schicke dir gleich die Einladung."),
)

CROWD_CONVERSATIONS: tuple[tuple[tuple[str, str], ...], ...] = (
    (
        ("them", "Hallo Lena, danke noch einmal für die Hilfe mit Django-Admin neulich."),
        ("lena", "Gern! Hat es mit den Inlines geklappt?"),
        ("them", "Ja, läuft. Ich schulde dir einen Kaffee."),
        ("lena", "Nehme ich beim nächsten Meetup."),
    ),
    (
        ("lena", "Hallo, haben Sie die Folien vom Meetup noch?"),
        ("them", "Ja, hier: https://meetup.example/folien-maerz.pdf"),
        ("lena", "Vielen Dank!"),
        ("them", "Gern. Nächstes Mal bin ich auch wieder dabei."),
        ("them", "Übrigens: Wir suchen noch Sprecher für Juni. Interesse?"),
    ),
)


class DemoMessages:
    """The demo's messages; ``run()`` writes them and returns what Lena will find.

    ``personas`` maps persona keys to accounts; ``crowd`` lists crowd member ids.
    """

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
        """Histories first (dated), then today's messages through the service."""
        self.rng_ = random.Random(self.seed + 5)
        self.now_ = timezone.now()
        lena = self.personas["lena"]
        contacts = set(
            Connection.objects.filter(owner_id=lena.pk).values_list("contact_id", flat=True)
        )
        persona_ids = {member.pk for member in self.personas.values()}
        crowd_contacts = sorted(contacts - persona_ids)
        self.rng_.shuffle(crowd_contacts)
        taken = contacts | persona_ids
        sample = self.rng_.sample(self.crowd, min(len(self.crowd), 4 * (PITCHED_BEFORE + 4)))
        self.strangers_ = [member_id for member_id in sample if member_id not in taken]
        outcome: dict[str, str] = {}
        henrik = self.personas["henrik"]
        self._history(lena, henrik, HENRIK_TOPICS, days=150, unread_last=True)
        for number, lines in enumerate(CROWD_CONVERSATIONS):
            if number < len(crowd_contacts):
                other = Member.objects.get(pk=crowd_contacts[number])
                self._history(lena, other, lines, days=20 + 25 * number, unread_last=number == 1)
        if crowd_contacts:
            self._group(lena, henrik, Member.objects.get(pk=crowd_contacts[-1]))
        outcome.update(self._cold_acquirer(lena))
        outcome.update(self._requests(lena))
        return outcome

    ### Helpers ###

    def _take_stranger(self) -> Member | None:
        while self.strangers_:
            member = Member.objects.filter(pk=self.strangers_.pop(), is_active=True).first()
            if member is not None:
                return member
        return None

    def _send(self, sender: Member, recipient: Member, text: str) -> str:
        # The real action; a refusal is reported, never hidden.
        try:
            sent = send_message(sender, recipient_id=recipient.pk, text=text)
        except HandschlagError as refusal:
            self.progress(f"  message {sender.pk} → {recipient.pk} refused: {refusal}")
            return "refused"
        return sent.message.label or "not judged"

    def _history(
        self,
        lena: Member,
        other: Member,
        lines: Sequence[tuple[str, str]],
        *,
        days: int,
        unread_last: bool,
    ) -> None:
        """A one-to-one conversation spread over ``days`` days until yesterday."""
        start = self.now_ - timedelta(days=days)
        step = (timedelta(days=days) - timedelta(hours=20)) / max(1, len(lines))
        with transaction.atomic():
            conversation, _created = Conversation.objects.get_or_create(
                pair_key=pair_key(lena.pk, other.pk),
                defaults={"started_by": other, "created_at": start},
            )
            rows = [
                Message(
                    conversation=conversation,
                    sender=lena if who == "lena" else other,
                    text=text,
                    created_at=start + step * number + timedelta(minutes=self.rng_.randint(0, 90)),
                )
                for number, (who, text) in enumerate(lines)
            ]
            Message.objects.bulk_create(rows)
            self._participants(conversation, [lena, other], rows, reader=lena, unread=unread_last)

    def _participants(
        self,
        conversation: Conversation,
        members: Sequence[Member],
        rows: Sequence[Message],
        *,
        reader: Member,
        unread: bool,
    ) -> None:
        last = rows[-1]
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=last.created_at)
        for member in members:
            # Lena has read all but the last message when it is someone else's and unread.
            leaves_unread = unread and member.pk == reader.pk and last.sender_id != reader.pk
            read_upto = rows[-2] if leaves_unread and len(rows) > 1 else last
            Participant.objects.update_or_create(
                conversation=conversation,
                member=member,
                defaults={
                    "joined_at": conversation.created_at,
                    "last_message_at": last.created_at,
                    "last_read_message": read_upto,
                    "last_read_at": read_upto.created_at,
                    "unread_count": 1 if leaves_unread else 0,
                },
            )

    def _group(self, lena: Member, henrik: Member, contact: Member) -> None:
        """Lena, Henrik and a crowd contact plan the meetup (through the service)."""
        if not Connection.objects.filter(owner_id=henrik.pk, contact_id=contact.pk).exists():
            connect_members(henrik, contact=contact, how_met=HowMet.EVENT)
        try:
            conversation = start_group(
                henrik,
                member_ids=[lena.pk, contact.pk],
                title="Handschlag-Treffen Freiburg",
                text="Hallo zusammen, wer bringt den Beamer mit? Ich kümmere mich um die Getränke.",
            )
        except HandschlagError as refusal:
            self.progress(f"  group conversation refused: {refusal}")
            return
        post_message(
            contact, conversation_id=conversation.pk, text="Ich habe einen, bringe ihn mit."
        )
        post_message(
            lena, conversation_id=conversation.pk, text="Super, dann mache ich die Anmeldeliste."
        )
        post_message(
            henrik, conversation_id=conversation.pk, text="Danke euch! Wir beginnen um 18:30."
        )

    def _cold_acquirer(self, lena: Member) -> dict[str, str]:
        """A crowd member turned cold acquirer: connects, then pitches everyone at once."""
        sven = self._take_stranger()
        if sven is None:
            return {}
        update_profile(
            sven,
            changes={
                "headline": "Growth-Berater | Leadgenerierung für Handwerk und Mittelstand",
                "offering": "Leadgenerierung\nVertriebsautomatisierung",
            },
        )
        targets = [m for m in (self._take_stranger() for _ in range(PITCHED_BEFORE)) if m]
        connected_at = self.now_ - timedelta(days=2)
        for target in [*targets, lena]:
            connect_members(sven, contact=target, how_met=HowMet.OTHER)
        Connection.objects.filter(owner_id=sven.pk).update(created_at=connected_at)
        Connection.objects.filter(contact_id=sven.pk).update(created_at=connected_at)
        for target in targets:
            self._send(sven, target, ACQUIRER_PITCH)
        return {"cold acquirer (contact since 2 days)": self._send(sven, lena, ACQUIRER_PITCH)}

    def _requests(self, lena: Member) -> dict[str, str]:
        """Message requests from people who are not Lena's contacts."""
        outcome = {
            "marco (message request)": self._send(self.personas["marco"], lena, MARCO_REQUEST)
        }
        for key, text in (("seller", STRANGER_PITCH), ("question", STRANGER_QUESTION)):
            stranger = self._take_stranger()
            if stranger is not None:
                outcome[f"stranger {key} (message request)"] = self._send(stranger, lena, text)
        return outcome
