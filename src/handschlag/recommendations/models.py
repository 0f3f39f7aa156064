"""Confirmed collaborations, recommendation requests and the recommendations written.

A request may only be made to a contact with whom the asker shares an employer in
overlapping years, a school, or a collaboration the other side confirmed
(``services.check_request_allowed``). The request carries the engine's verdict for the
recommender; the recommendation written for it is shown on the asker's profile only after
the asker approved it, and either side may withdraw it later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import Triaged

__all__ = [
    "Basis",
    "Collaboration",
    "CollaborationStatus",
    "Recommendation",
    "RecommendationQuerySet",
    "RecommendationRequest",
    "RecommendationStatus",
    "RequestStatus",
]


class CollaborationStatus(models.TextChoices):
    """Whether the other side has confirmed a declared collaboration."""

    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Not confirmed")


class Collaboration(models.Model):
    """One member declares a project, role and period with another; the other confirms.

    Only a confirmed collaboration counts as shared work for a recommendation request.
    """

    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="collaborations_declared",
        verbose_name=_("declared by"),
    )
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="collaborations_to_confirm",
        verbose_name=_("worked with"),
    )
    project = models.CharField(_("project"), max_length=160)
    role = models.CharField(_("your role"), max_length=120)
    from_year = models.PositiveSmallIntegerField(_("from (year)"))
    to_year = models.PositiveSmallIntegerField(_("to (year)"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CollaborationStatus.choices,
        default=CollaborationStatus.PENDING,
    )
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)
    decided_at = models.DateTimeField(_("confirmed or declined at"), null=True, blank=True)

    class Meta:
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        indexes = [
            models.Index(fields=["declared_by", "partner", "status"], name="collab_pair_idx"),
            models.Index(fields=["partner", "status"], name="collab_partner_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(declared_by=models.F("partner")), name="collab_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} ({self.declared_by_id} ↔ {self.partner_id})"

    @property
    def period(self) -> str:
        return period_text(self.from_year, self.to_year)


EN_DASH = "\u2013"


def period_text(from_year: int | None, to_year: int | None) -> str:
    """ "2019-2021" (with an en dash), "2019", or "since 2019" while still going."""
    if from_year is None:
        return ""
    if to_year is None:
        return _gettext("since %(year)d") % {"year": from_year}
    return str(from_year) if to_year == from_year else f"{from_year}{EN_DASH}{to_year}"


class Basis(models.TextChoices):
    """The shared history a request rests on (the strongest one the two have)."""

    EMPLOYER = "employer", _("worked at the same employer at the same time")
    SCHOOL = "school", _("studied at the same school")
    COLLABORATION = "collaboration", _("confirmed collaboration")


class RequestStatus(models.TextChoices):
    """Where a request stands."""

    PENDING = "pending", _("Waiting for the recommender")
    WRITTEN = "written", _("Recommendation written")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RecommendationRequest(Triaged):
    """A member asks a contact for a recommendation about a role, project and period."""

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recommendation_requests_sent",
        verbose_name=_("asked by"),
    )
    recommender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recommendation_requests_received",
        verbose_name=_("asked"),
    )
    role = models.CharField(_("role"), max_length=120)
    project = models.CharField(_("project or context"), max_length=160)
    from_year = models.PositiveSmallIntegerField(_("from (year)"))
    to_year = models.PositiveSmallIntegerField(_("to (year)"), null=True, blank=True)
    note = models.TextField(_("message"), max_length=1000, blank=True)
    basis = models.CharField(_("shared history"), max_length=16, choices=Basis.choices)
    #: The employers, schools or collaboration projects the two share, as found on sending.
    shared = models.JSONField(_("what you share"), default=list, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    #: The polite standard reply the asker reads after a decline (in the asker's language).
    reply_text = models.TextField(_("reply"), blank=True)

    class Meta:
        verbose_name = _("recommendation request")
        verbose_name_plural = _("recommendation requests")
        indexes = [
            models.Index(fields=["recommender", "status", "sent_at"], name="recreq_inbox_idx"),
            models.Index(fields=["asker", "recommender", "sent_at"], name="recreq_pair_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(asker=models.F("recommender")), name="recreq_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} ({self.asker_id} → {self.recommender_id})"

    @property
    def period(self) -> str:
        return period_text(self.from_year, self.to_year)

    @property
    def is_pending(self) -> bool:
        return self.status == RequestStatus.PENDING


class RecommendationStatus(models.TextChoices):
    """Whether a written recommendation is on the profile of the member it recommends."""

    AWAITING_APPROVAL = "awaiting", _("Waiting for your approval")
    SHOWN = "shown", _("Shown on the profile")
    NOT_SHOWN = "not_shown", _("Not shown (not approved)")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    """Recommendations in the words of the domain."""

    def shown(self) -> RecommendationQuerySet:
        return self.filter(status=RecommendationStatus.SHOWN)

    def about(self, member_id: int) -> RecommendationQuerySet:
        return self.filter(subject_id=member_id)

    def by(self, member_id: int) -> RecommendationQuerySet:
        return self.filter(author_id=member_id)


class Recommendation(models.Model):
    """The text a recommender wrote; on the subject's profile only once they approve it."""

    request = models.OneToOneField(
        RecommendationRequest,
        on_delete=models.CASCADE,
        related_name="recommendation",
        verbose_name=_("request"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recommendations_written",
        verbose_name=_("written by"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recommendations_received",
        verbose_name=_("recommends"),
    )
    text = models.TextField(_("recommendation"), max_length=3000)
    written_at = models.DateTimeField(_("written at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.AWAITING_APPROVAL,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [
            models.Index(fields=["subject", "status", "approved_at"], name="rec_profile_idx"),
            models.Index(fields=["author", "status"], name="rec_author_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.author_id} → {self.subject_id}"
