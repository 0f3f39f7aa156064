"""Contact requests for the demo: the personas (and some of the crowd) write to Lena.

The requests to the demo login go through the real service, ``send_contact_request``,
so every one carries the verdict the engine gives it, the quota is counted and the
recipient's policy files it, exactly as for a member who clicks "send" (Zulip's
``populate_db`` uses the real actions for the same reason). Their history, the requests
the senders wrote before today, cannot go through the service: it stamps the current
time and the quota would stop the collector after a few. That history is written as
rows with past ``sent_at`` and the engine's own verdict (the same facts and the same
``evaluate`` the service uses), oldest first, so each note sees the ones before it.

Who writes what:

- the contact collector (Kai) first sends about 30 mail-merged notes with spun synonyms
  to strangers in the crowd (most ignored, some declined, some "I don't know this
  person"), then the same template to Lena: the engine sees the template and the volume;
- the cold acquirer (Marco) claims an earlier call and pitches a meeting;
- the lazy headhunter (Rebecca) sends a Java role to a Python lead;
- the careful recruiter, the alumni organiser, the former colleague (Tobias, same
  employer in overlapping years) and the event acquaintance (Jonas) write specific notes;
- a few crowd members write to Lena too, and some of their earlier requests were
  accepted or declined already.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError
from handschlag.demo.feed import DemoFeed
from handschlag.demo.groups import DemoGroups
from handschlag.demo.offers import DemoOffers
from handschlag.demo.recommendations import DemoRecommendations
from handschlag.network.cases import build_contact_request_facts, verdict_to_json
from handschlag.network.models import (
    Connection,
    ContactRequest,
    Decision,
    Folder,
    HowMet,
    Intent,
    RequestStatus,
)
from handschlag.network.services import (
    connect_members,
    record_profile_view,
    send_contact_request,
)
from handschlag.profiles.models import Profile
from handschlag.trust import evaluate

Progress = Callable[[str], None]

#: Notes the collector sent to the crowd before writing to Lena.
COLLECTOR_HISTORY = 30
#: Pitches the cold acquirer sent to the crowd in the three weeks before.
ACQUIRER_HISTORY = 8
#: Crowd members who write to Lena today, and crowd members whose requests she decided.
CROWD_SENDERS = 4
CROWD_DECIDED = 6

_SPIN = re.compile(r"\{([^{}]*)\}")

#: The collector's template: ``{a|b|c}`` is spun per note, ``[first]`` is mail-merged.
COLLECTOR_TEMPLATE = (
    "{Hallo|Hi|Guten Tag} [first], {ich erweitere gerade|ich baue gerade|ich vergrößere gerade} "
    "mein {Netzwerk|berufliches Netzwerk|Business-Netzwerk} und {bin auf Ihr Profil "
    "gestoßen|habe Ihr Profil entdeckt|bin über Ihr Profil gestolpert}. {Es wäre toll|Ich würde "
    "mich freuen|Es wäre super}, {wenn wir uns vernetzen|uns zu vernetzen|wenn wir in Kontakt "
    "bleiben}! {Lassen Sie uns connecten|Let's connect}, {vielleicht entsteht|bestimmt "
    "entsteht|sicher entsteht} daraus etwas {Spannendes|Großartiges|Interessantes}. "
    "{Beste Grüße|Viele Grüße|LG}, Kai"
)

#: The cold acquirer's earlier pitches to the crowd (``[first]`` mail-merged).
ACQUIRER_TEMPLATE = (
    "{Hallo|Guten Tag} [first], wie {telefonisch|kurz} besprochen {sende ich Ihnen|hier} den "
    "Link zu unserer {kostenlosen Potenzialanalyse|Demo}: {mehr Termine in 30 Tagen|volle "
    "Kalender in 30 Tagen}. Buchen Sie {gleich|direkt} einen Termin: "
    "https://calendly.com/termintreffer/30min"
)


def spin(template: str, rng: random.Random, *, first: str) -> str:
    """One variant of a spun template with the recipient's first name merged in."""
    text = _SPIN.sub(lambda match: rng.choice(match.group(1).split("|")), template)
    return text.replace("[first]", first)


@dataclass(frozen=True, slots=True)
class PersonaRequest:
    """A persona's request to the demo login, as the persona would write it."""

    sender: str
    intent: str
    note: str
    #: Whether the sender opened Lena's profile before writing.
    viewed_profile: bool = True


#: The persona requests to Lena, in the order they arrive (the newest is listed last).
PERSONA_REQUESTS: tuple[PersonaRequest, ...] = (
    PersonaRequest(
        sender="rebecca",
        intent=Intent.RECRUITING,
        note=(
            "Hi Lena, I have an exciting opportunity for a Senior Java Developer (Spring "
            "Boot, on-site in London, 5 days a week). Competitive package! Are you open to a "
            "quick call this week? Please send me your CV and your phone number."
        ),
        viewed_profile=False,
    ),
    PersonaRequest(
        sender="marco",
        intent=Intent.SHARED_INTEREST,
        note=(
            "Hallo Frau Vogt, wie telefonisch besprochen sende ich Ihnen den Link zu unserer "
            "kostenlosen Potenzialanalyse: mehr Termine in 30 Tagen für Ihr Vertriebsteam. "
            "Buchen Sie direkt einen Termin: https://calendly.com/termintreffer/30min"
        ),
        viewed_profile=False,
    ),
    PersonaRequest(
        sender="sabine",
        intent=Intent.RECRUITING,
        note=(
            "Guten Tag Frau Vogt, ich suche für einen Handwerkssoftware-Anbieter in Freiburg "
            "eine Leitung Engineering (Python, Django, Team von acht), 105.000 € plus Bonus. "
            "Ihr Vortrag beim Python-Meetup Freiburg über Aufmaß-Apps hat mich beeindruckt. "
            "Darf ich Ihnen die Eckdaten schicken?"
        ),
    ),
    PersonaRequest(
        sender="jonas",
        intent=Intent.MET,
        note=(
            "Hallo Lena, wir haben uns beim Handschlag-Treffen in Freiburg über die E-Rechnung "
            "für Handwerksbetriebe unterhalten. Ich würde Ihnen gern zwei Kunden vorstellen, "
            "die Ihre Aufmaß-Software testen möchten."
        ),
    ),
    PersonaRequest(
        sender="anna",
        intent=Intent.SHARED_INTEREST,
        note=(
            "Hallo Lena, wir sind beide Ehemalige des KIT. Beim Alumni-Treffen in Freiburg "
            "im Mai suchen wir jemanden, der über Django im Handwerk erzählt: Hätten Sie Lust "
            "auf einen kurzen Vortrag?"
        ),
    ),
    PersonaRequest(
        sender="kai",
        intent=Intent.SHARED_INTEREST,
        note="",  # filled from the collector's template
        viewed_profile=False,
    ),
    PersonaRequest(
        sender="tobias",
        intent=Intent.WORKED_TOGETHER,
        note=(
            "Hallo Lena, schön, dich hier zu finden! Vier Jahre Schwarzwald Digital, die "
            "Zeiterfassung und unsere PostgreSQL-Migration 2021 vergesse ich nicht. Lass uns "
            "in Kontakt bleiben, ich bin jetzt auch hier."
        ),
    ),
)

#: Notes of crowd members who write to Lena today.
CROWD_NOTES: tuple[tuple[str, str], ...] = (
    (
        Intent.SHARED_INTEREST,
        "Hallo Frau Vogt, ich arbeite auch mit Django im Mittelstand und würde mich gern über "
        "htmx und Code-Reviews austauschen.",
    ),
    (
        Intent.OTHER,
        "Hallo, Ihr Profil ist mir aufgefallen. Ich würde mich über eine Vernetzung freuen.",
    ),
    (
        Intent.BUSINESS,
        "Sehr geehrte Damen und Herren, wir bieten günstige Entwickler aus Nearshore-Teams an. "
        "Rufen Sie mich an für ein unverbindliches Angebot!",
    ),
    (
        Intent.SHARED_INTEREST,
        "Hallo Lena, ich organisiere das Django-Meetup in Basel und suche Sprecherinnen. "
        "Ihr Profil erwähnt das Python-Meetup Freiburg: Wollen wir uns austauschen?",
    ),
)


class DemoTraffic:
    """The demo's contact requests; ``run()`` writes them, oldest first.

    ``personas`` maps persona keys to their accounts; ``crowd`` lists crowd member ids
    that may write or be written to (the generator passes its crowd's id range).
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
        """Write the history, then the requests to Lena; returns sender → label."""
        self.rng_ = random.Random(self.seed + 4)
        self.now_ = timezone.now()
        lena = self.personas["lena"]
        taken = set(
            Connection.objects.filter(owner_id=lena.pk).values_list("contact_id", flat=True)
        )
        taken.update(member.pk for member in self.personas.values())
        wanted = COLLECTOR_HISTORY + ACQUIRER_HISTORY + CROWD_SENDERS + CROWD_DECIDED
        # A sample, not a shuffle: the crowd may have a million members.
        sample = self.rng_.sample(self.crowd, min(len(self.crowd), 2 * wanted + len(taken)))
        self.candidates_ = [member_id for member_id in sample if member_id not in taken]
        self._write_history(
            self.personas["kai"], COLLECTOR_TEMPLATE, COLLECTOR_HISTORY, days=6, accept_share=0.05
        )
        self._write_history(
            self.personas["marco"], ACQUIRER_TEMPLATE, ACQUIRER_HISTORY, days=20, accept_share=0.1
        )
        self._write_decided_crowd_requests(lena)
        labels: dict[str, str] = {}
        for index, (intent, note) in enumerate(CROWD_NOTES[:CROWD_SENDERS]):
            sender = self._take_crowd_member()
            if sender is None:
                break
            request = self._send(Member.objects.get(pk=sender), lena, intent=intent, note=note)
            if request is not None:
                labels[f"crowd {index + 1}"] = request.label
        for wish in PERSONA_REQUESTS:
            sender_member = self.personas[wish.sender]
            note = wish.note
            if not note:
                first = lena.profile.full_name.split()[0]
                note = spin(COLLECTOR_TEMPLATE, self.rng_, first=first)
            if wish.viewed_profile:
                record_profile_view(sender_member, viewed_id=lena.pk)
            request = self._send(sender_member, lena, intent=wish.intent, note=note)
            if request is not None:
                labels[wish.sender] = request.label
        # Recruiter offers to Lena (demo/offers.py): a fitting one and a lazy one.
        labels.update(DemoOffers(personas=self.personas, progress=self.progress).run())
        # Recommendations (demo/recommendations.py) and groups (demo/groups.py).
        labels.update(DemoRecommendations(personas=self.personas, progress=self.progress).run())
        groups = DemoGroups(
            personas=self.personas, crowd=self.crowd, seed=self.seed, progress=self.progress
        )
        labels.update(groups.run())
        # Posts in Lena's feed (demo/feed.py): updates, debate, bait, spam, her group.
        labels.update(
            DemoFeed(
                personas=self.personas, crowd=self.crowd, seed=self.seed, progress=self.progress
            ).run()
        )
        return labels

    ### Helpers ###

    def _take_crowd_member(self) -> int | None:
        return self.candidates_.pop() if self.candidates_ else None

    def _send(
        self, sender: Member, recipient: Member, *, intent: str, note: str
    ) -> ContactRequest | None:
        # The real action; a refusal (quota, cool-down …) is reported, never hidden.
        try:
            return send_contact_request(sender, recipient=recipient, note=note, intent=intent)
        except HandschlagError as refusal:
            self.progress(f"  request {sender.pk} → {recipient.pk} refused: {refusal}")
            return None

    def _judged_row(
        self,
        sender: Member,
        recipient: Member,
        *,
        note: str,
        intent: str,
        sent_at: datetime,
    ) -> ContactRequest:
        # The engine's verdict on the facts as they stood then, stored like the service does.
        facts = build_contact_request_facts(
            sender, recipient=recipient, note=note, intent=intent, now=sent_at
        )
        verdict = evaluate(facts.case)
        return ContactRequest.objects.create(
            sender=sender,
            recipient=recipient,
            note=note,
            intent=intent,
            sent_at=sent_at,
            label=verdict.label.value,
            score=verdict.score,
            hits=verdict_to_json(verdict),
        )

    def _write_history(
        self, sender: Member, template: str, count: int, *, days: int, accept_share: float
    ) -> None:
        """Earlier templated requests of a sender to strangers, spread over ``days``."""
        rng = self.rng_
        recipients = [self._take_crowd_member() for _ in range(count)]
        chosen = [member_id for member_id in recipients if member_id is not None]
        names = dict(
            Profile.objects.filter(member_id__in=chosen).values_list("member_id", "full_name")
        )
        members = Member.objects.in_bulk(chosen)
        start = self.now_ - timedelta(days=days)
        step = timedelta(days=days) / max(1, len(chosen) + 1)
        with transaction.atomic():
            for number, member_id in enumerate(chosen, start=1):
                first = names.get(member_id, "").split(" ")[0]
                sent_at = start + step * number
                recipient = members[member_id]
                note = spin(template, rng, first=first)
                request = self._judged_row(
                    sender, recipient, note=note, intent=Intent.SHARED_INTEREST, sent_at=sent_at
                )
                # Strangers mostly ignore it; some decline, some do not know him at all.
                shape = rng.random()
                answered = sent_at + timedelta(hours=rng.randint(1, 30))
                if answered >= self.now_:
                    continue
                if shape < accept_share:
                    self._decide(request, Decision.ACCEPTED, answered)
                    connect_members(recipient, contact=sender, how_met=HowMet.OTHER)
                elif shape < 0.35:
                    self._decide(request, Decision.DECLINED, answered)
                elif shape < 0.5:
                    self._decide(request, Decision.UNKNOWN, answered)

    def _write_decided_crowd_requests(self, lena: Member) -> None:
        """Requests from the crowd that Lena answered weeks ago: some yes, some no."""
        with transaction.atomic():
            for number in range(CROWD_DECIDED):
                sender_id = self._take_crowd_member()
                if sender_id is None:
                    return
                sender = Member.objects.get(pk=sender_id)
                intent, note = CROWD_NOTES[number % len(CROWD_NOTES)]
                sent_at = self.now_ - timedelta(days=30 + 9 * number)
                request = self._judged_row(sender, lena, note=note, intent=intent, sent_at=sent_at)
                answered = sent_at + timedelta(days=1)
                if number % 2 == 0:
                    self._decide(request, Decision.ACCEPTED, answered)
                    connect_members(lena, contact=sender, how_met=HowMet.OTHER)
                else:
                    self._decide(request, Decision.DECLINED, answered)

    @staticmethod
    def _decide(request: ContactRequest, decision: str, when: datetime) -> None:
        status = RequestStatus.ACCEPTED if decision == Decision.ACCEPTED else RequestStatus.DECLINED
        request.status = status
        request.decision = decision
        request.decided_at = when
        request.folder = Folder.INBOX
        request.save(update_fields=["status", "decision", "decided_at", "folder"])
