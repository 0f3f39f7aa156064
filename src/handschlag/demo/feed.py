# ruff: noqa: RUF001, RUF002 (German typography: the en dash is meant)
"""Posts for the demo: Lena's feed with genuine updates, political debate, engagement bait,
hashtag spam and self-promotion, from her contacts, her group and a topic she follows.

Through the real service (``feed.services.create_post``), so every post carries the
engine's labels and reasons, written over the last three weeks:

- her contacts (Henrik and people from the crowd she knows) share genuine updates, and
  two of them argue about the Bundestagswahl and an election (the politics filter's
  example, in German and English);
- one contact asks „Wie mögt ihr eure Eier – hart oder weich?“ (engagement bait);
- Marco, the cold acquirer, whom Lena follows after a meetup, posts hashtag spam and
  self-promotion;
- "Python-Meetup Freiburg", her group, has posts by its members;
- Lena follows #python, so a stranger's post about it comes in with that reason;
- a few members she has nothing to do with post too; their posts stay out of her feed.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta

from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError
from handschlag.feed.models import Post
from handschlag.feed.services import create_post, follow_member, follow_topic
from handschlag.groups.models import Group, Membership
from handschlag.network.models import Connection

Progress = Callable[[str], None]

GENUINE = (
    "Nach drei Jahren Aufbauarbeit ist unser Freiburger Team jetzt zwölf Leute stark. "
    "Danke an alle, die an uns geglaubt haben – und an unsere Kundschaft im Handwerk.",
    "Neuer Artikel von mir: wie wir die E-Rechnung für einen Tischlereibetrieb in zwei "
    "Wochen eingeführt haben, mit allen Stolpersteinen. https://example.org/e-rechnung",
    "Heute meinen letzten Arbeitstag bei der Stadtverwaltung gehabt. Ab Montag bin ich "
    "bei einem kleinen Softwarehaus in Offenburg. Ich freue mich!",
    "We finally released the offline mode of our site survey app. Carpenters can now "
    "measure in cellars without signal and sync later. #Django #Handwerk",
    "Kleiner Tipp für alle, die mit DATEV-Exporten kämpfen: das Format hat sich zum "
    "Jahreswechsel geändert, die neue Beschreibung steht beim Hersteller.",
)
POLITICS = (
    "Die Bundestagswahl entscheidet auch über die Zukunft des Mittelstands. Wer jetzt "
    "noch die Ampel-Koalition verteidigt, hat die letzten Jahre nicht aufgepasst.",
    "Honestly, this election is about whether small firms survive. The politicians in "
    "parliament have no idea what a payroll department does all day.",
)
BAIT = "Wie mögt ihr eure Eier – hart oder weich? 🥚 Schreibt es in die Kommentare!"
SPAM = "#erfolg #motivation #mindset #vertrieb #leads #wachstum #business Montag!"
PROMO = (
    "Mein neues Buch „Mehr Termine in 30 Tagen“ ist da! Jetzt bestellen, Link in der Bio. "
    "Nur noch heute mit Rabattcode BOOSTER."
)
GROUP_POSTS = (
    "Nächstes Treffen am Donnerstag im Werkbank-Büro: zwei Vorträge über Django 5.2 und "
    "eine Runde Fragen. #python",
    "Danke an alle, die gestern da waren! Die Folien zu den Datenbank-Migrationen stehen "
    "im Wiki. #python #django",
)
TOPIC_POST = "Wir suchen Leute für einen #Python Lesekreis in Karlsruhe, einmal im Monat."
NOISE = (
    "Heute im Zug nach Hamburg, das WLAN funktioniert sogar.",
    "Our quarterly report is out; thanks to the finance team.",
    "Wer kennt eine gute Steuerberatung in Leipzig?",
)


class DemoFeed:
    """The demo's posts and Lena's follows; ``run()`` returns story → outcome."""

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

    def _post(
        self, author: Member, text: str, *, hours_ago: float, group: Group | None = None
    ) -> Post | None:
        try:
            return create_post(
                author,
                text=text,
                group_id=group.pk if group is not None else None,
                now=self.now_ - timedelta(hours=hours_ago),
            )
        except HandschlagError as refusal:
            self.progress(f"  post by {author.pk} refused: {refusal}")
            return None

    def run(self) -> dict[str, str]:
        lena, henrik, marco = (self.personas[k] for k in ("lena", "henrik", "marco"))
        if Post.objects.filter(author=lena).exists() or Post.objects.filter(text=BAIT).exists():
            return {}  # a second run
        rng = random.Random(self.seed + 11)
        self.now_ = timezone.now()
        contact_ids = list(
            Connection.objects.filter(owner_id=lena.pk)
            .exclude(contact_id__in=[p.pk for p in self.personas.values()])
            .order_by("contact_id")
            .values_list("contact_id", flat=True)[:8]
        )
        contacts = list(Member.objects.filter(pk__in=contact_ids).order_by("pk"))
        outcomes: dict[str, str] = {}
        authors = [henrik, *contacts]
        for number, text in enumerate(GENUINE):
            self._post(authors[number % len(authors)], text, hours_ago=20 + 70 * number)
        if len(contacts) >= 3:
            self._post(contacts[0], POLITICS[0], hours_ago=5)
            self._post(contacts[1], POLITICS[1], hours_ago=30)
            bait = self._post(contacts[2], BAIT, hours_ago=9)
            if bait is not None:
                outcomes["engagement bait"] = ", ".join(bait.content_labels)
        with contextlib.suppress(HandschlagError):
            follow_member(lena, member_id=marco.pk)
        spam = self._post(marco, SPAM, hours_ago=3)
        promo = self._post(marco, PROMO, hours_ago=50)
        if spam is not None:
            outcomes["hashtag spam"] = ", ".join(spam.content_labels)
        if promo is not None:
            outcomes["self-promotion"] = ", ".join(promo.content_labels)
        meetup = Group.objects.filter(name="Python-Meetup Freiburg").first()
        if meetup is not None:
            members = list(
                Member.objects.filter(
                    pk__in=Membership.objects.filter(group=meetup).values("member_id")
                ).order_by("pk")[:3]
            )
            for number, text in enumerate(GROUP_POSTS):
                self._post(
                    members[number % len(members)], text, hours_ago=12 + 100 * number, group=meetup
                )
        follow_topic(lena, topic="python")
        taken = {p.pk for p in self.personas.values()} | set(contact_ids)
        strangers = [i for i in rng.sample(self.crowd, min(len(self.crowd), 20)) if i not in taken]
        if strangers:
            self._post(Member.objects.get(pk=strangers[0]), TOPIC_POST, hours_ago=15)
        for number, member_id in enumerate(strangers[1 : 1 + len(NOISE)]):
            self._post(Member.objects.get(pk=member_id), NOISE[number], hours_ago=2 + 11 * number)
        outcomes["posts"] = str(Post.objects.count())
        return outcomes
