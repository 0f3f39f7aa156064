from django.contrib import admin

from handschlag.network.models import Connection


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin[Connection]):
    """Connections, one row per direction."""

    list_display = ("owner", "contact", "how_met", "created_at")
    raw_id_fields = ("owner", "contact")
    list_select_related = ("owner", "contact")
