"""Reports by members and the moderators' append-only action log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    """Why a member reports someone."""

    SPAM = "spam", _("Spam or mass messages")
    SALES = "sales", _("Unwanted sales pitch")
    FAKE = "fake", _("Fake profile or false claims")
    HARASSMENT = "harassment", _("Harassment")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACTIONED = "actioned", _("Action taken")
    DISMISSED = "dismissed", _("Dismissed")


class Report(models.Model):
    """A member's report; the reporter is never shown to the reported member (GDPR 15(4)).

    The reported content is copied into ``content`` so it stays even if the sender
    deletes it.
    """

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_against"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=ReportReason.choices)
    comment = models.TextField(_("anything else moderators should know"), blank=True)
    content = models.TextField(_("reported content"), blank=True)
    contact_request = models.ForeignKey(
        "network.ContactRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=12, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["reported", "created_at"], name="report_reported_idx"),
            models.Index(fields=["reporter", "created_at"], name="report_reporter_idx"),
            models.Index(fields=["status", "created_at"], name="report_status_idx"),
        ]

    def __str__(self) -> str:
        return f"report {self.pk} on {self.reported_id} ({self.reason})"


class AppendOnlyError(Exception):
    """An audit log entry was about to be changed or deleted; it never is."""


class ModerationActionQuerySet(models.QuerySet["ModerationAction"]):
    """Reads and appends only: bulk changes and deletes of the log are refused.

    Deleting a member still nulls ``moderator``/``subject`` (``on_delete=SET_NULL``):
    Django's collector does that through the base manager, which is a plain manager,
    and the PostgreSQL trigger allows exactly that change (docs/moderation.md).
    """

    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("moderation actions are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("moderation actions are append-only")

    def bulk_update(self, objs: object, fields: object, batch_size: int | None = None) -> int:
        raise AppendOnlyError("moderation actions are append-only")


class ModerationAction(models.Model):
    """One entry of the append-only audit log: who did what to whom, when, and why.

    Automatic actions have no moderator. Moderators' actions in the admin name the object
    they touched (``target_model``, ``target_id``) and its fields before and after
    (``changes``; secrets never, see ``moderation.audit``). Entries are never changed or
    deleted: ``save()`` refuses existing rows, ``delete()`` refuses, and so does the
    default manager's queryset; on PostgreSQL a trigger refuses it in the database too.
    """

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("member concerned"),
    )
    action = models.CharField(_("action"), max_length=40)
    reason = models.TextField(_("reason"), blank=True)
    target_model = models.CharField(_("kind of object"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    objects = ModerationActionQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        indexes = [
            models.Index(fields=["action", "created_at"], name="modaction_action_idx"),
            models.Index(fields=["moderator", "created_at"], name="modaction_moderator_idx"),
            models.Index(fields=["subject", "created_at"], name="modaction_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("moderation actions are append-only")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("moderation actions are append-only")


class Block(models.Model):
    """One member blocks another: no requests, messages or profile views between them.

    The blocked member is never told; every surface answers them as it would for a
    member who does not exist. ``moderation.blocks`` holds the reads and writes.
    """

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]
        # The unique pair's index serves "whom did I block"; this one "who blocked me".
        indexes = [models.Index(fields=["blocked", "blocker"], name="block_blocked_idx")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"
