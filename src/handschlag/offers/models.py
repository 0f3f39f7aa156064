"""Recruiters, their structured offers and each member's offer policy.

An offer carries two kinds of state: what really happened (``status``, ``decision``,
``decided_at``: the member's or their policy's answer, at once) and when the recruiter may
learn it (``reveal_at``, drawn at random 12 to 36 hours after sending). Recruiter-facing reads
(``queries.sent_offer_view``) show an outcome only once both are past, so an automatic
decline and a member's own decision in the first day look the same (docs/offers.md).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import Triaged
from handschlag.profiles.models import Currency, Seniority

__all__ = [
    "Category",
    "Currency",
    "Decision",
    "Folder",
    "OfferPolicy",
    "OfferStatus",
    "Recruiter",
    "RecruiterOffer",
    "RemoteMode",
    "Seniority",
]


class Recruiter(models.Model):
    """A member the host lets send offers (set in the admin); only recruiters may send."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="recruiter_role",
        verbose_name=_("member"),
    )
    organisation = models.CharField(_("agency or company"), max_length=160, blank=True)
    is_active = models.BooleanField(
        _("may send offers"),
        default=True,
        help_text=_("Clear this to stop the member from sending offers; sent offers stay."),
    )
    granted_at = models.DateTimeField(_("recruiter since"), default=timezone.now)

    class Meta:
        verbose_name = _("recruiter")
        verbose_name_plural = _("recruiters")

    def __str__(self) -> str:
        return str(self.member)


class OfferPolicy(models.Model):
    """How a member wants offers handled; members who never saved one have the defaults."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="offer_policy",
        verbose_name=_("member"),
    )
    auto_decline = models.BooleanField(
        _("decline offers that do not match my preferences automatically"),
        default=True,
        help_text=_(
            "With a polite standard reply. Otherwise they are filed apart for you to review."
        ),
    )
    share_categories = models.BooleanField(
        _("tell recruiters in which respects an offer did not match"),
        default=False,
        help_text=_(
            "For example “salary” or “level”. Recruiters never see your numbers, places or levels."
        ),
    )

    class Meta:
        verbose_name = _("offer policy")
        verbose_name_plural = _("offer policies")

    def __str__(self) -> str:
        return str(_("Offer policy"))


class RemoteMode(models.TextChoices):
    """Where the work is done."""

    ONSITE = "onsite", _("On site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class OfferStatus(models.TextChoices):
    """Where an offer stands for its recipient (the recruiter sees it only after the reveal)."""

    PENDING = "pending", _("Waiting for your answer")
    INTERESTED = "interested", _("Interested")
    DECLINED = "declined", _("Declined")


class Decision(models.TextChoices):
    """Who answered and how; never shown to the recruiter."""

    INTERESTED = "interested", _("You are interested")
    DECLINED = "declined", _("You declined it")
    AUTO_DECLINED = "auto_declined", _("Declined by your settings")
    REPORTED = "reported", _("You reported it")


class Folder(models.TextChoices):
    """Where the recipient finds an offer."""

    INBOX = "inbox", _("Matching offers")
    FILED = "filed", _("Did not match")


class Category(models.TextChoices):
    """A respect in which an offer did not match; the only detail a recruiter may learn."""

    NOT_OPEN = "not_open", _("not open to offers at the moment")
    SALARY = "salary", _("salary")
    LEVEL = "level", _("level")
    SKILLS = "skills", _("skills")
    LOCATION = "location", _("location or remote work")


class RecruiterOfferQuerySet(models.QuerySet["RecruiterOffer"]):
    """Offers in the words of the domain."""

    def from_recruiter(self, member_id: int) -> RecruiterOfferQuerySet:
        return self.filter(recruiter_id=member_id)

    def to_recipient(self, member_id: int) -> RecruiterOfferQuerySet:
        return self.filter(recipient_id=member_id)

    def revealed(self, now: datetime) -> RecruiterOfferQuerySet:
        """Offers whose outcome the recruiter may see: decided, and the reveal time past."""
        return self.filter(decided_at__isnull=False, decided_at__lte=now, reveal_at__lte=now)

    def unrevealed(self, now: datetime) -> RecruiterOfferQuerySet:
        """Offers the recruiter sees as delivered: undecided, or decided before the reveal."""
        return self.exclude(Q(decided_at__isnull=False, decided_at__lte=now, reveal_at__lte=now))

    def sent_since(self, moment: datetime) -> RecruiterOfferQuerySet:
        return self.filter(sent_at__gte=moment)


class RecruiterOffer(Triaged):
    """A structured offer: the position, its salary range and the engine's verdict on fit.

    There is deliberately no way to edit a sent offer (no service, no view, read-only in
    the admin): a salary that could be changed after sending would be a probe.
    """

    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="offers_sent",
        verbose_name=_("recruiter"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="offers_received",
        verbose_name=_("recipient"),
    )
    title = models.CharField(_("job title"), max_length=160)
    #: Empty means the recruiter keeps the employer confidential.
    employer = models.CharField(_("employer"), max_length=160, blank=True)
    level = models.CharField(_("career level"), max_length=16, choices=Seniority.choices)
    salary_min = models.PositiveIntegerField(_("salary from (per year)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary up to (per year)"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    location = models.CharField(_("location"), max_length=120, blank=True)
    remote = models.CharField(
        _("remote work"), max_length=8, choices=RemoteMode.choices, default=RemoteMode.ONSITE
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    text = models.TextField(_("personal message"), max_length=2000, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    #: The earliest moment the recruiter may learn the outcome (12 to 36 h after sending).
    reveal_at = models.DateTimeField(_("outcome visible from"))
    status = models.CharField(
        _("status"), max_length=12, choices=OfferStatus.choices, default=OfferStatus.PENDING
    )
    folder = models.CharField(
        _("folder"), max_length=8, choices=Folder.choices, default=Folder.INBOX
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    #: The categories that did not match (``Category``), for the recipient.
    mismatches = models.JSONField(_("did not match in"), default=list, blank=True)
    #: Whether the recipient's policy let the recruiter see the categories, fixed when the
    #: offer was decided.
    categories_shared = models.BooleanField(_("categories shared"), default=False)
    #: The reply as the recruiter reads it (empty for an expression of interest).
    reply_text = models.TextField(_("reply"), blank=True)
    #: The conversation opened by an expression of interest, if messaging opened one.
    conversation_id = models.PositiveIntegerField(null=True, blank=True)
    report = models.ForeignKey(
        "moderation.Report", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RecruiterOfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("recruiter offer")
        verbose_name_plural = _("recruiter offers")
        indexes = [
            models.Index(fields=["recruiter", "sent_at"], name="offer_recruiter_sent_idx"),
            models.Index(fields=["recipient", "folder", "sent_at"], name="offer_inbox_idx"),
            models.Index(fields=["recruiter", "recipient", "sent_at"], name="offer_pair_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(recruiter=models.F("recipient")), name="offer_not_self"
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="offer_salary_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.recruiter_id} → {self.recipient_id})"

    @property
    def has_salary(self) -> bool:
        return self.salary_min is not None or self.salary_max is not None

    @property
    def is_pending(self) -> bool:
        return self.status == OfferStatus.PENDING

    def visible_from(self) -> datetime | None:
        """When the recruiter may see the outcome: the later of the decision and the reveal."""
        if self.decided_at is None:
            return None
        return max(self.decided_at, self.reveal_at)


#: The delay window within which every outcome becomes visible at the earliest.
REVEAL_MIN = timedelta(hours=12)
REVEAL_MAX = timedelta(hours=36)
