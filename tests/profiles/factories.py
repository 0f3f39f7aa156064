"""Factories for profiles and what members list on them, with German-sounding data."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from handschlag.profiles.models import (
    Education,
    Employer,
    JobPreferences,
    Position,
    Profile,
    Skill,
    SpokenLanguage,
    normalise_name,
)
from tests.accounts.factories import MemberFactory


class ProfileFactory(DjangoModelFactory[Profile]):
    """A profile with a name, a headline and a city; contact details at their defaults."""

    class Meta:
        model = Profile

    member = factory.SubFactory(MemberFactory, profile=None)
    full_name = factory.Faker("name", locale="de_DE")
    headline = factory.Faker("job", locale="de_DE")
    location = factory.Faker("city", locale="de_DE")


class EmployerFactory(DjangoModelFactory[Employer]):
    """An employer, unique by its normalised name as the services keep it."""

    class Meta:
        model = Employer
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Muster {n} GmbH")
    key = factory.LazyAttribute(lambda employer: normalise_name(employer.name))


class SkillFactory(DjangoModelFactory[Skill]):
    """A skill, unique regardless of case."""

    class Meta:
        model = Skill
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Fähigkeit {n}")
    key = factory.LazyAttribute(lambda skill: normalise_name(skill.name))


class PositionFactory(DjangoModelFactory[Position]):
    """A past position of two years at a factory-made employer."""

    class Meta:
        model = Position

    profile = factory.SubFactory(ProfileFactory)
    employer = factory.SubFactory(EmployerFactory)
    title = factory.Faker("job", locale="de_DE")
    start_date = factory.Sequence(lambda n: date(2000 + n % 20, 1 + n % 12, 1))
    end_date = factory.LazyAttribute(
        lambda position: date(position.start_date.year + 2, position.start_date.month, 1)
    )


class EducationFactory(DjangoModelFactory[Education]):
    """A degree at a university, three years long."""

    class Meta:
        model = Education

    profile = factory.SubFactory(ProfileFactory)
    school = factory.Sequence(lambda n: f"Hochschule Nummer {n}")
    degree = "Bachelor of Arts"
    field_of_study = "Betriebswirtschaft"
    start_year = 2008
    end_year = 2011


class SpokenLanguageFactory(DjangoModelFactory[SpokenLanguage]):
    """German, spoken natively."""

    class Meta:
        model = SpokenLanguage

    profile = factory.SubFactory(ProfileFactory)
    language = "de"
    proficiency = "native"


class JobPreferencesFactory(DjangoModelFactory[JobPreferences]):
    """Preferences of a member open to offers from 60,000 EUR."""

    class Meta:
        model = JobPreferences

    member = factory.SubFactory(MemberFactory)
    open_to_offers = True
    min_salary = 60000
    currency = "EUR"
    locations = factory.LazyFunction(lambda: ["Köln"])
