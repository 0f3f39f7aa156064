"""The host's view of members and invitations."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from handschlag.accounts.models import Invitation, Member
from handschlag.moderation.audit import AuditedAdmin, audited_bulk


@admin.register(Member)
class MemberAdmin(AuditedAdmin, UserAdmin):  # type: ignore[type-arg]
    """Members searchable by email and name; passwords only as hashes.

    Deactivating a member or changing their rights needs a reason (moderation log).
    """

    standing_fields = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")
    actions = ("deactivate_members", "reactivate_members")

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

    def _set_active(self, request: HttpRequest, queryset: QuerySet[Member], active: bool) -> None:
        def apply(member: Member) -> bool:
            if member.is_active == active or member.pk == request.user.pk:
                return False
            member.is_active = active
            member.save(update_fields=["is_active"])
            return True

        action = "member.reactivate" if active else "member.deactivate"
        done = audited_bulk(self, request, queryset, action=action, apply=apply)
        if done:
            self.message_user(
                request, _("%(count)d members changed.") % {"count": done}, messages.SUCCESS
            )

    @admin.action(description=_("Deactivate the selected members"))
    def deactivate_members(self, request: HttpRequest, queryset: QuerySet[Member]) -> None:
        self._set_active(request, queryset, active=False)

    @admin.action(description=_("Reactivate the selected members"))
    def reactivate_members(self, request: HttpRequest, queryset: QuerySet[Member]) -> None:
        self._set_active(request, queryset, active=True)


@admin.register(Invitation)
class InvitationAdmin(AuditedAdmin, admin.ModelAdmin[Invitation]):
    """Who invited whom: the accountable invitation tree (codes never reach the log)."""

    audit_secret_fields = ("code",)

    list_display = ("code", "inviter", "accepted_by", "created_at", "expires_at")
    search_fields = ("code", "inviter__email", "accepted_by__email")
    raw_id_fields = ("inviter", "accepted_by")
    list_select_related = ("inviter", "accepted_by")
