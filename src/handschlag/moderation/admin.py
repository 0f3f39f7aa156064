"""The moderators' view: reports (the queue) and the append-only action log.

Automatic flags (a burst of profile views, see ``profiles.throttle``) are log entries
without a moderator; the list filters by action so they are one click away.
"""

from __future__ import annotations

import json

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from handschlag.moderation.models import ModerationAction, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    """Members' reports with the reported content as it was when reported."""

    list_display = ("created_at", "reported", "reason", "status")
    list_filter = ("status", "reason", "created_at")
    list_select_related = ("reported",)
    raw_id_fields = ("reporter", "reported", "contact_request")
    readonly_fields = ("reporter", "reported", "reason", "comment", "content", "created_at")
    date_hierarchy = "created_at"


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin[ModerationAction]):
    """The log: read-only, nothing is changed or deleted here."""

    list_display = ("created_at", "action", "subject", "moderator", "reason")
    list_filter = ("action", "created_at")
    list_select_related = ("subject", "moderator")
    search_fields = ("subject__email", "action")
    fields = ("created_at", "action", "subject", "moderator", "reason", "details_readable")
    readonly_fields = fields
    date_hierarchy = "created_at"

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
