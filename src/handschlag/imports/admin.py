from django.contrib import admin

from handschlag.imports.models import ImportJob
from handschlag.moderation.audit import AuditedAdmin


@admin.register(ImportJob)
class ImportJobAdmin(AuditedAdmin, admin.ModelAdmin[ImportJob]):
    # The uploaded data stays out of the moderation log as it stays out of the form.
    audit_secret_fields = ("report", "actions_csv", "profile_data")
    list_display = ("owner", "file_name", "status", "progress", "created_at")
    list_filter = ("status",)
    exclude = ("report", "actions_csv", "profile_data")
