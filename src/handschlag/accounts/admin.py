"""The host's view of members and invitations."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from handschlag.accounts.models import Invitation, Member


@admin.register(Member)
class MemberAdmin(UserAdmin):  # type: ignore[type-arg]
    """Members searchable by email and name; passwords only as hashes."""

    ordering = ("-date_joined",)
    list_display = ("email", "display_name", "is_active", "is_staff", "date_joined")
    list_filter = ("is_active", "is_staff", "language")
    search_fields = ("email", "profile__full_name", "profile__headline")
    list_select_related = ("profile",)
    raw_id_fields = ("invited_by",)
    readonly_fields = ("date_joined", "last_login")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Membership"), {"fields": ("language", "invited_by", "date_joined", "last_login")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    @admin.display(description=_("name"), ordering="profile__full_name")
    def display_name(self, member: Member) -> str:
        profile = getattr(member, "profile", None)
        return profile.full_name if profile else ""


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    """Who invited whom: the accountable invitation tree."""

    list_display = ("code", "inviter", "accepted_by", "created_at", "expires_at")
    search_fields = ("code", "inviter__email", "accepted_by__email")
    raw_id_fields = ("inviter", "accepted_by")
    list_select_related = ("inviter", "accepted_by")
