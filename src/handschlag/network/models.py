"""Connections between members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HowMet(models.TextChoices):
    """How two members know each other."""

    EVENT = "event", _("At an event")
    EMPLOYER = "employer", _("Worked together")
    SCHOOL = "school", _("Studied together")
    INTRODUCTION = "introduction", _("Through an introduction")
    OTHER = "other", _("Other")


class ConnectionQuerySet(models.QuerySet["Connection"]):
    """Connections in the words of the domain."""

    def of(self, member_id: int) -> ConnectionQuerySet:
        """The member's side of their connections."""
        return self.filter(owner_id=member_id)


class Connection(models.Model):
    """One direction of a mutual connection; each connection is stored as two rows.

    Two rows make "contacts of A" a single index range and mutual contacts a join of
    two ranges, bounded by the members' own network sizes, never by the network's.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections"
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    how_met = models.CharField(
        _("how we met"), max_length=16, choices=HowMet.choices, default=HowMet.OTHER
    )
    created_at = models.DateTimeField(_("connected at"), auto_now_add=True)

    objects = ConnectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.UniqueConstraint(fields=["owner", "contact"], name="connection_unique"),
            models.CheckConstraint(
                condition=~models.Q(owner=models.F("contact")), name="connection_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} → {self.contact_id}"
