"""Factories for members and invitations.

A member always comes with a profile, as after a real sign-up; pass ``profile=None`` to
get a bare account (the profiles' own factory does, to make the profile itself).
"""

import factory
from factory.django import DjangoModelFactory

from handschlag.accounts.models import Invitation, Member

#: The password of every factory-made member.
FACTORY_PASSWORD = "Faktor-Passwort-2024!"


class MemberFactory(DjangoModelFactory[Member]):
    """A member who signed up with email and password, with a profile in their name."""

    class Meta:
        model = Member
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"mitglied{n}@example.org")
    language = ""
    password = factory.django.Password(FACTORY_PASSWORD)
    profile = factory.RelatedFactory(
        "tests.profiles.factories.ProfileFactory", factory_related_name="member"
    )


class InvitationFactory(DjangoModelFactory[Invitation]):
    """An open invitation code from a member, valid for the default 30 days."""

    class Meta:
        model = Invitation

    inviter = factory.SubFactory(MemberFactory)
    note = factory.Faker("first_name", locale="de_DE")
