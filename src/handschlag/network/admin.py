"""The host's view of connections, restrictions and appeals.

Restrictions show the evidence behind them (rule codes and the sender's counts) so that a
moderator can judge an appeal (SECURITY.md S7); appeals are the moderators' review queue.
"""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from handschlag.accounts.models import Member
from handschlag.core.errors import NotFound
from handschlag.moderation.audit import AuditedAdmin, action_reason, audited_bulk
from handschlag.network import services
from handschlag.network.models import (
    Appeal,
    AppealOutcome,
    Connection,
    Restriction,
    TextModelVersion,
)


@admin.register(Connection)
class ConnectionAdmin(AuditedAdmin, admin.ModelAdmin[Connection]):
    """Connections, one row per direction."""

    list_display = ("owner", "contact", "how_met", "created_at")
    raw_id_fields = ("owner", "contact")
    list_select_related = ("owner", "contact")


def _evidence_html(evidence: object) -> SafeString:
    return format_html("<pre>{}</pre>", json.dumps(evidence, indent=2, ensure_ascii=False))


@admin.register(Restriction)
class RestrictionAdmin(AuditedAdmin, admin.ModelAdmin[Restriction]):
    """Restricted senders with the facts behind each decision.

    Changing when a restriction ends or lifting it needs a reason (moderation log).
    """

    standing_fields = ("ends_at", "lifted_at")
    actions = ("lift_now",)

    list_display = ("member", "reasons", "created_at", "ends_at", "lifted_at", "has_appeal")
    list_filter = ("created_at", "lifted_at")
    list_select_related = ("member", "appeal")
    search_fields = ("member__email",)
    raw_id_fields = ("member",)
    readonly_fields = ("member", "evidence_readable", "created_at", "inviter_notified_at")
    fields = ("member", "evidence_readable", "created_at", "ends_at", "lifted_at")
    date_hierarchy = "created_at"

    @admin.display(description=_("reasons"))
    def reasons(self, obj: Restriction) -> str:
        return ", ".join(obj.evidence.get("codes", []))

    @admin.display(description=_("evidence"))
    def evidence_readable(self, obj: Restriction) -> SafeString:
        return _evidence_html(obj.evidence)

    @admin.display(description=_("appealed"), boolean=True)
    def has_appeal(self, obj: Restriction) -> bool:
        return hasattr(obj, "appeal")

    @admin.action(description=_("Lift the restriction now"))
    def lift_now(self, request: HttpRequest, queryset: QuerySet[Restriction]) -> None:
        now = timezone.now()

        def lift(restriction: Restriction) -> bool:
            if restriction.lifted_at is not None:
                return False
            restriction.lifted_at = now
            restriction.save(update_fields=["lifted_at"])
            return True

        done = audited_bulk(self, request, queryset, action="restriction.lift", apply=lift)
        if done:
            self.message_user(
                request, _("%(count)d restrictions lifted.") % {"count": done}, messages.SUCCESS
            )


@admin.register(Appeal)
class AppealAdmin(AuditedAdmin, admin.ModelAdmin[Appeal]):
    """The moderators' review queue: each appeal with the restriction's evidence."""

    list_display = ("restriction", "member", "created_at", "outcome", "moderator")
    list_filter = ("outcome",)
    list_select_related = ("restriction__member", "moderator")
    readonly_fields = (
        "member",
        "text",
        "evidence_readable",
        "created_at",
        "outcome",
        "decided_at",
        "moderator",
    )
    fields = readonly_fields
    actions = ("lift_restrictions", "uphold_restrictions")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("member"))
    def member(self, obj: Appeal) -> str:
        return str(obj.restriction.member)

    @admin.display(description=_("evidence"))
    def evidence_readable(self, obj: Appeal) -> SafeString:
        return _evidence_html(obj.restriction.evidence)

    def _decide(self, request: HttpRequest, queryset: QuerySet[Appeal], *, lift: bool) -> None:
        moderator = request.user
        assert isinstance(moderator, Member)  # noqa: S101 (the admin needs a logged-in member)
        reason = action_reason(request)
        if not reason:
            self.message_user(
                request,
                _("Please give a reason in the box next to the action: nothing was changed."),
                messages.ERROR,
            )
            return
        done = 0
        for appeal in queryset.filter(outcome=AppealOutcome.PENDING):
            try:
                services.decide_appeal(moderator, appeal_id=appeal.pk, lift=lift, reason=reason)
            except NotFound:
                continue
            done += 1
        self.message_user(
            request, _("%(count)d appeals decided.") % {"count": done}, messages.SUCCESS
        )

    @admin.action(description=_("Lift the restriction"))
    def lift_restrictions(self, request: HttpRequest, queryset: QuerySet[Appeal]) -> None:
        self._decide(request, queryset, lift=True)

    @admin.action(description=_("Uphold the restriction"))
    def uphold_restrictions(self, request: HttpRequest, queryset: QuerySet[Appeal]) -> None:
        self._decide(request, queryset, lift=False)


@admin.register(TextModelVersion)
class TextModelVersionAdmin(AuditedAdmin, admin.ModelAdmin[TextModelVersion]):
    """The text model's versions and their measured effect, for the host.

    Accuracy before and after is measured on members' held-out decisions; a version that
    did worse than the active one is kept for the record but not activated.
    """

    list_display = ("created_at", "examples", "accuracy_before", "accuracy_after", "is_active")
    list_filter = ("is_active",)
    readonly_fields = ("created_at", "examples", "metrics_table", "is_active")
    exclude = ("model", "metrics")

    @admin.display(description=_("accuracy of the model before"))
    def accuracy_before(self, version: TextModelVersion) -> str:
        return _percent(version.metrics.get("accuracy_before"))

    @admin.display(description=_("accuracy of the new model"))
    def accuracy_after(self, version: TextModelVersion) -> str:
        return _percent(version.metrics.get("accuracy_after"))

    @admin.display(description=_("measured effect"))
    def metrics_table(self, version: TextModelVersion) -> SafeString:
        rows = [
            (_("held-out decisions"), str(version.metrics.get("holdout", "—"))),
            (_("share flagged by members"), _percent(version.metrics.get("flagged_share"))),
            (_("accuracy before"), _percent(version.metrics.get("accuracy_before"))),
            (_("accuracy after"), _percent(version.metrics.get("accuracy_after"))),
            (_("words that point to flagged"), ", ".join(version.metrics.get("top_features", []))),
        ]
        return format_html_join("\n", "<p><strong>{}</strong>: {}</p>", rows)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Versions come from retraining only; a host activates nothing by hand.
        return False


def _percent(value: object) -> str:
    return f"{value:.1%}" if isinstance(value, float) else "—"
