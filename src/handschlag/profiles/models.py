"""What a member shows of themselves, and the preferences only they ever see."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import TimeStampedModel


class Visibility(models.TextChoices):
    """Who may see a contact detail."""

    NOBODY = "nobody", _("Nobody")
    CONTACTS = "contacts", _("My contacts")
    MEMBERS = "members", _("All members")


class ViewMode(models.TextChoices):
    """How a member appears to those whose profiles they open."""

    NAMED = "named", _("With my name and headline")
    EMPLOYER = "employer", _("Anonymously, as “someone from” my employer")
    HIDDEN = "hidden", _("Not at all")


class Seniority(models.TextChoices):
    """Career level, as offers and preferences speak of it."""

    JUNIOR = "junior", _("Junior")
    MID = "mid", _("Professional")
    SENIOR = "senior", _("Senior")
    LEAD = "lead", _("Lead")
    HEAD = "head", _("Head of")
    EXECUTIVE = "executive", _("Executive")


class BusinessModel(models.TextChoices):
    """Whom an employer sells to."""

    B2B = "b2b", _("B2B")
    B2C = "b2c", _("B2C")
    BOTH = "both", _("B2B and B2C")


class Currency(models.TextChoices):
    """Currencies a salary may be stated in."""

    EUR = "EUR", "EUR"
    CHF = "CHF", "CHF"
    GBP = "GBP", "GBP"
    USD = "USD", "USD"


class Proficiency(models.TextChoices):
    """How well a member speaks a language."""

    BASIC = "basic", _("Basic")
    CONVERSATIONAL = "conversational", _("Conversational")
    FLUENT = "fluent", _("Fluent")
    NATIVE = "native", _("Native")


def normalise_name(name: str) -> str:
    """The key under which employers and skills are unique: case and spacing ignored."""
    return " ".join(name.split()).casefold()


class Employer(models.Model):
    """An organisation members worked for; shared between members for common ground."""

    name = models.CharField(_("name"), max_length=160)
    key = models.CharField(max_length=160, unique=True, editable=False)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    """A skill members list; unique regardless of case."""

    name = models.CharField(_("name"), max_length=80)
    key = models.CharField(max_length=80, unique=True, editable=False)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name


class Profile(TimeStampedModel):
    """The member's public face; contact details carry their own visibility."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="profile",
        verbose_name=_("member"),
    )
    full_name = models.CharField(_("full name"), max_length=120)
    headline = models.CharField(
        _("headline"),
        max_length=160,
        blank=True,
        help_text=_("One line on what you do, e.g. “Tax advisor for craft businesses”."),
    )
    location = models.CharField(_("location"), max_length=120, blank=True)
    about = models.TextField(_("about"), max_length=4000, blank=True)
    seeking = models.TextField(
        _("I am looking for"), max_length=1000, blank=True, help_text=_("One item per line.")
    )
    offering = models.TextField(
        _("I can offer"), max_length=1000, blank=True, help_text=_("One item per line.")
    )
    seniority = models.CharField(
        _("career level"), max_length=16, choices=Seniority.choices, blank=True
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email_visibility = models.CharField(
        _("who sees my email address"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.CONTACTS,
    )
    phone_visibility = models.CharField(
        _("who sees my phone number"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.NOBODY,
    )
    view_mode = models.CharField(
        _("when I view profiles, I appear"),
        max_length=16,
        choices=ViewMode.choices,
        default=ViewMode.NAMED,
        # Also a database default: the demo generator's bulk inserts name columns.
        db_default=ViewMode.NAMED,
    )
    no_solicitation = models.BooleanField(
        _("no sales or recruiting approaches"),
        default=False,
        db_default=False,
        help_text=_("Shown on your profile; requests that pitch anyway are declined."),
    )
    skills: models.ManyToManyField[Skill, ProfileSkill] = models.ManyToManyField(
        Skill, through="ProfileSkill", related_name="profiles", verbose_name=_("skills")
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.full_name

    @property
    def seeking_items(self) -> list[str]:
        """The "looking for" text as a list, one item per line."""
        return [line.strip() for line in self.seeking.splitlines() if line.strip()]

    @property
    def offering_items(self) -> list[str]:
        """The "can offer" text as a list, one item per line."""
        return [line.strip() for line in self.offering.splitlines() if line.strip()]


class ProfileSkill(models.Model):
    """A skill on a profile."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="profile_skill_unique")
        ]
        indexes = [models.Index(fields=["skill", "profile"], name="profileskill_skill_idx")]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.skill_id}"


class Position(models.Model):
    """A job a member holds or held; an open end means current."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="positions", verbose_name=_("profile")
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="positions", verbose_name=_("employer")
    )
    title = models.CharField(_("title"), max_length=120)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    business_model = models.CharField(
        _("business model"), max_length=8, choices=BusinessModel.choices, blank=True
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ("-start_date",)
        indexes = [models.Index(fields=["employer", "profile"], name="position_employer_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="position_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.employer}"

    @property
    def is_current(self) -> bool:
        """A position without an end date is the member's current one."""
        return self.end_date is None


class Education(models.Model):
    """A school, university or training a member attended."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="education", verbose_name=_("profile")
    )
    school = models.CharField(_("school"), max_length=160)
    degree = models.CharField(_("degree"), max_length=120, blank=True)
    field_of_study = models.CharField(_("field of study"), max_length=120, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to (year)"), null=True, blank=True)

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ("-end_year", "-start_year")
        #: The shared-school fact compares schools across profiles (network.cases).
        indexes = [models.Index(fields=["school", "profile"], name="education_school_idx")]

    def __str__(self) -> str:
        return self.school


class SpokenLanguage(models.Model):
    """A language a member speaks."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="languages", verbose_name=_("profile")
    )
    language = models.CharField(_("language"), max_length=8)
    proficiency = models.CharField(
        _("proficiency"), max_length=16, choices=Proficiency.choices, default=Proficiency.FLUENT
    )

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="spoken_language_unique")
        ]

    def __str__(self) -> str:
        return self.language


class JobPreferences(TimeStampedModel):
    """What offers a member wants; private: nobody but the member ever sees this."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="job_preferences",
        verbose_name=_("member"),
    )
    open_to_offers = models.BooleanField(_("open to offers"), default=False)
    min_salary = models.PositiveIntegerField(_("minimum yearly salary"), null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    levels = models.JSONField(_("accepted levels"), default=list, blank=True)
    locations = models.JSONField(_("locations"), default=list, blank=True)
    remote_only = models.BooleanField(_("remote only"), default=False)
    willing_to_relocate = models.BooleanField(_("willing to relocate"), default=False)

    class Meta:
        verbose_name = _("job preferences")
        verbose_name_plural = _("job preferences")

    def __str__(self) -> str:
        return str(_("Job preferences"))
