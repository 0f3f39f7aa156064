"""The host marks members as recruiters; offers are listed read-only for moderation.

An offer's fields cannot be changed here either: a sent offer is never edited (a salary
that could be changed after sending would be a probe of the member's floor). The
members' job preferences are deliberately not registered anywhere.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from handschlag.moderation.audit import AuditedAdmin
from handschlag.offers.models import Recruiter, RecruiterOffer


@admin.register(Recruiter)
class RecruiterAdmin(AuditedAdmin, admin.ModelAdmin[Recruiter]):
    """Who may send offers; taking the right away needs a reason (moderation log)."""

    standing_fields = ("is_active",)

    list_display = ("member", "organisation", "is_active", "granted_at")
    list_filter = ("is_active",)
    search_fields = ("member__email", "member__profile__full_name", "organisation")
    raw_id_fields = ("member",)


@admin.register(RecruiterOffer)
class RecruiterOfferAdmin(AuditedAdmin, admin.ModelAdmin[RecruiterOffer]):
    """Offers for the moderators (a reported offer's copy is also in its report)."""

    list_display = ("title", "recruiter", "recipient", "sent_at", "status", "label")
    list_filter = ("status", "label")
    list_select_related = ("recruiter", "recipient")
    raw_id_fields = ("recruiter", "recipient", "report")
    # Which preferences failed stays between the member and the engine (and the log).
    exclude = ("mismatches", "hits")
    audit_secret_fields = ("mismatches", "hits")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: RecruiterOffer | None = None
    ) -> bool:
        return False
