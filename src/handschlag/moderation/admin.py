"""The moderators' view: reports (the queue) and the append-only audit log.

Automatic flags (a burst of profile views, see ``profiles.throttle``) are log entries
without a moderator; the list filters by action so they are one click away. Every change
a moderator makes here or in another app's admin is an entry (``moderation.audit``);
the log itself is read-only for everyone, superusers included.
"""

from __future__ import annotations

import json
from typing import Any

from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from handschlag.moderation.audit import AuditedAdmin, audited_bulk
from handschlag.moderation.models import ModerationAction, Report, ReportStatus


@admin.register(Report)
class ReportAdmin(AuditedAdmin, admin.ModelAdmin[Report]):
    """Members' reports with the reported content as it was when reported.

    Resolving or dismissing a report needs a reason, in the form or the action bar.
    """

    list_display = ("created_at", "reported", "reason", "status")
    list_filter = ("status", "reason", "created_at")
    list_select_related = ("reported",)
    raw_id_fields = ("reporter", "reported", "contact_request")
    readonly_fields = (
        "reporter",
        "reported",
        "reason",
        "comment",
        "content",
        "created_at",
        "resolved_at",
    )
    date_hierarchy = "created_at"
    standing_fields = ("status",)
    actions = ("mark_actioned", "dismiss")

    def save_model(self, request: HttpRequest, obj: Report, form: Any, change: bool) -> None:
        if "status" in form.changed_data:
            obj.resolved_at = None if obj.status == ReportStatus.OPEN else timezone.now()
        super().save_model(request, obj, form, change)

    def _resolve(self, request: HttpRequest, queryset: QuerySet[Report], status: str) -> None:
        def apply(report: Report) -> bool:
            if report.status == status:
                return False
            report.status = status
            report.resolved_at = timezone.now()
            report.save(update_fields=["status", "resolved_at"])
            return True

        done = audited_bulk(self, request, queryset, action=f"report.{status}", apply=apply)
        if done:
            self.message_user(
                request, _("%(count)d reports closed.") % {"count": done}, messages.SUCCESS
            )

    @admin.action(description=_("Close: action taken"))
    def mark_actioned(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        self._resolve(request, queryset, ReportStatus.ACTIONED)

    @admin.action(description=_("Close: dismiss"))
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        self._resolve(request, queryset, ReportStatus.DISMISSED)


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin[ModerationAction]):
    """The log: read-only for everyone, nothing is changed or deleted here."""

    list_display = ("created_at", "action", "subject", "moderator", "target", "reason")
    list_filter = (
        "action",
        ("moderator", admin.RelatedOnlyFieldListFilter),
        "created_at",
    )
    list_select_related = ("subject", "moderator")
    search_fields = ("=subject__id", "subject__email", "=target_id")
    search_help_text = _("A member's email or id, or an object's id.")
    fields = (
        "created_at",
        "action",
        "subject",
        "moderator",
        "target",
        "reason",
        "changes_readable",
        "details_readable",
    )
    readonly_fields = fields
    date_hierarchy = "created_at"
    actions = None

    @admin.display(description=_("object"))
    def target(self, obj: ModerationAction) -> str:
        if not obj.target_model:
            return ""
        app_label, _dot, model_name = obj.target_model.partition(".")
        label = f"{obj.target_model} #{obj.target_id}"
        try:
            url = reverse(f"admin:{app_label}_{model_name}_change", args=[obj.target_id])
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description=_("changes"))
    def changes_readable(self, obj: ModerationAction) -> SafeString:
        return format_html("<pre>{}</pre>", json.dumps(obj.changes, indent=2, ensure_ascii=False))

    @admin.display(description=_("details"))
    def details_readable(self, obj: ModerationAction) -> SafeString:
        return format_html("<pre>{}</pre>", json.dumps(obj.details, indent=2, ensure_ascii=False))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: ModerationAction | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: ModerationAction | None = None
    ) -> bool:
        return False


# Groups carry permissions: who may moderate is itself audited.
admin.site.unregister(Group)


@admin.register(Group)
class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    """Django's groups, with every change in the moderation log."""

    standing_fields = ("permissions",)


# Email addresses decide where a password reset goes: marking one verified is audited.
admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class AuditedEmailAddressAdmin(AuditedAdmin, EmailAddressAdmin):  # type: ignore[misc]
    """allauth's email addresses; the addresses themselves never reach the log."""

    standing_fields = ("user", "verified", "primary")
    actions = ("make_verified",)

    @admin.action(description=_("Mark selected email addresses as verified"))
    def make_verified(self, request: HttpRequest, queryset: QuerySet[EmailAddress]) -> None:
        def apply(address: EmailAddress) -> bool:
            if address.verified or not address.set_verified():
                return False
            email_confirmed.send(sender=EmailAddress, request=request, email_address=address)
            return True

        done = audited_bulk(self, request, queryset, action="emailaddress.verify", apply=apply)
        if done:
            self.message_user(
                request,
                _("%(count)d email addresses marked as verified.") % {"count": done},
                messages.SUCCESS,
            )


# Lifting a login lockout (deleting the attempt) is audited; who tried from where is not
# copied into the log.
if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)

    @admin.register(AccessAttempt)
    class AuditedAccessAttemptAdmin(AuditedAdmin, AccessAttemptAdmin):  # type: ignore[misc]
        """django-axes' lockouts; deleting one lets the account try again at once."""

        audit_secret_fields = ("username", "ip_address", "user_agent", "get_data", "post_data")
