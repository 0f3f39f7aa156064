"""Personal access tokens: a member's keys to the API, stored only as a hash."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalTokenQuerySet(models.QuerySet["PersonalToken"]):
    """Tokens in the domain's words."""

    def of(self, member_id: int) -> PersonalTokenQuerySet:
        return self.filter(member_id=member_id)

    def usable(self, now: datetime) -> PersonalTokenQuerySet:
        """Not revoked, not expired, and their member still active."""
        return self.filter(revoked_at__isnull=True, member__is_active=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class PersonalToken(models.Model):
    """A secret a member created to call the API as themself.

    Only the SHA-256 of the secret is stored (``secret_hash``); the secret is shown once,
    when it is created. ``prefix`` (the first characters) lets the member tell their
    tokens apart without revealing them.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_tokens",
        verbose_name=_("member"),
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=16, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = PersonalTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")
        indexes = [models.Index(fields=["member", "created_at"], name="token_member_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now: datetime) -> bool:
        """Whether the token opens the API at ``now``."""
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
