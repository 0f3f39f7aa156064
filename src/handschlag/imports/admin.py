from django.contrib import admin

from handschlag.imports.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin[ImportJob]):
    list_display = ("owner", "file_name", "status", "progress", "created_at")
    list_filter = ("status",)
    exclude = ("report", "actions_csv", "profile_data")
