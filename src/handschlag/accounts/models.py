"""Members (the user model) and the invitations that bring them in."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any, ClassVar

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: How long an invitation code stays valid.
INVITATION_VALID_FOR = timedelta(days=30)


class MemberManager(BaseUserManager["Member"]):
    """Create members by email; there are no usernames."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> Member:
        """Create an active member; ``extra`` are model fields (Any: Django's signature)."""
        member = self.model(email=self.normalize_email(email), **extra)
        member.set_password(password)
        member.save(using=self._db)
        # allauth keeps addresses in its own table and would otherwise create the row on
        # the first GET of the email page; a GET must never write (SECURITY.md A12).
        EmailAddress.objects.create(
            user=member, email=member.email, primary=True, verified=member.is_staff
        )
        return member

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> Member:
        """Create a host account with access to the admin."""
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class Member(AbstractBaseUser, PermissionsMixin):
    """A person with an account; the profile holds what others see of them."""

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty means: follow the browser."),
    )
    invited_by = models.ForeignKey(
        "self",
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitees",
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("host staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects: ClassVar[MemberManager] = MemberManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.email


class InvitationQuerySet(models.QuerySet["Invitation"]):
    """Invitations in the words of the domain."""

    def open(self) -> InvitationQuerySet:
        """Codes that can still be redeemed."""
        return self.filter(accepted_by__isnull=True, expires_at__gt=timezone.now())


def _new_code() -> str:
    return secrets.token_urlsafe(12)


def _default_expiry() -> Any:  # Any: Django calls this for a DateTimeField default
    return timezone.now() + INVITATION_VALID_FOR


class Invitation(models.Model):
    """A one-time code from a member; whoever redeems it records the inviter."""

    code = models.CharField(_("code"), max_length=32, unique=True, default=_new_code)
    inviter = models.ForeignKey(
        Member,
        verbose_name=_("inviter"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    note = models.CharField(_("for whom"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=_default_expiry)
    accepted_by = models.OneToOneField(
        Member,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitation",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        """Whether the code can still be redeemed."""
        return self.accepted_by_id is None and self.expires_at > timezone.now()


class SignupRecord(models.Model):
    """That an account was created from a network address; kept for one day.

    The address is stored only as a keyed hash: enough to count sign-ups per address
    (SECURITY.md S5), useless for finding out who signed up from where.
    """

    address_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["address_hash", "created_at"], name="signup_address_idx")]

    def __str__(self) -> str:
        return f"{self.address_hash[:8]}… {self.created_at:%Y-%m-%d %H:%M}"
