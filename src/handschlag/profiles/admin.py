"""The host's view of profiles; job preferences are deliberately not shown."""

from django.contrib import admin

from handschlag.moderation.audit import AuditedAdmin
from handschlag.profiles.models import Education, Employer, Position, Profile, Skill


class PositionInline(admin.TabularInline[Position, Profile]):
    model = Position
    raw_id_fields = ("employer",)
    extra = 0


class EducationInline(admin.TabularInline[Education, Profile]):
    model = Education
    extra = 0


@admin.register(Profile)
class ProfileAdmin(AuditedAdmin, admin.ModelAdmin[Profile]):
    """Profiles searchable by name, headline, location and email."""

    list_display = ("full_name", "headline", "location", "member")
    search_fields = ("full_name", "headline", "location", "member__email")
    raw_id_fields = ("member",)
    list_select_related = ("member",)
    inlines = (PositionInline, EducationInline)


@admin.register(Employer)
class EmployerAdmin(AuditedAdmin, admin.ModelAdmin[Employer]):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(Skill)
class SkillAdmin(AuditedAdmin, admin.ModelAdmin[Skill]):
    list_display = ("name",)
    search_fields = ("name",)
