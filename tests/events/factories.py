"""Factories for meetups: organised by a fresh member, a week ahead, two hours long."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from handschlag.events.models import Meetup
from tests.accounts.factories import MemberFactory


class MeetupFactory(DjangoModelFactory[Meetup]):
    """A meetup in Köln next week; pass ``starts_at`` to move it (it lasts two hours)."""

    class Meta:
        model = Meetup

    organiser = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Unternehmerfrühstück Nr. {n}")
    venue = "Café Central"
    address = "Friesenplatz 1"
    city = "Köln"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + timedelta(hours=2))
    capacity = 10
    description = "Kurze Vorstellungsrunde, dann Gespräche. Infos: https://example.org/fruehstueck"
