"""A member's choice about email notifications and when their last digest went out."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestPreference(models.Model):
    """Whether the member gets the daily digest, and what the last one covered.

    A member without a row gets the digest (the default); unsubscribing or switching it
    off in the settings stores ``daily_digest=False``.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="digest_preference",
    )
    daily_digest = models.BooleanField(_("send me a daily email digest"), default=True)
    #: The moment the last digest was composed: it covered everything up to here, and the
    #: next one starts from here. Claimed with a conditional UPDATE, so two runs at once
    #: send one digest.
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)
    #: When the member last switched the digest off (settings or unsubscribe link).
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")

    def __str__(self) -> str:
        return f"digest for {self.member_id}: {'on' if self.daily_digest else 'off'}"
