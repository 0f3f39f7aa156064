"""The audit log of moderators' actions: every change a staff member makes in the admin.

``record`` appends one ``ModerationAction``. ``AuditedAdmin`` is a mixin for a
``ModelAdmin``: Django's own hooks (``get_object``, ``log_addition``, ``log_change``,
``log_deletions``) write an entry next to Django's ``LogEntry`` with the object, its
fields before and after, and the moderator's reason. Where a change alters a member's
standing (``standing_fields``), the form asks for a reason and refuses to save without
one; bulk actions read theirs from ``ReasonActionForm`` on the change list.

Secrets (password hashes, invitation codes, tokens) and email addresses are never copied:
only the fact that they changed. The log names members by id (docs/moderation.md).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.accounts.models import Member
from handschlag.moderation.models import ModerationAction

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

    _Base = ModelAdmin[Any]
else:
    _Base = object

#: The form field in which a moderator says why.
REASON_FIELD = "audit_reason"
#: What the log shows instead of a secret's value.
REDACTED = "[redacted]"
#: Fields whose values are never copied into the log, in any model.
SECRET_FIELD_PARTS = ("password", "token", "secret", "api_key", "otp")

_BEFORE_ATTR = "_audit_before"
NO_REASON = _("Please give a reason in the box next to the action: nothing was changed.")
NO_DELETE_REASON = _("Please give a reason for the deletion: nothing was deleted.")
_MAX_TEXT = 2000


def record(
    moderator: Member | None,
    action: str,
    *,
    subject: models.Model | None = None,
    target: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    details: Mapping[str, Any] | None = None,
) -> ModerationAction:
    """Append one entry to the audit log and return it."""
    return ModerationAction.objects.create(
        moderator=moderator,
        subject_id=subject.pk if subject is not None else None,
        action=action[:40],
        reason=reason.strip(),
        target_model=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        changes=dict(changes or {}),
        details=dict(details or {}),
    )


def moderator_of(request: HttpRequest) -> Member | None:
    """The staff member acting in this request."""
    user = request.user
    return user if isinstance(user, Member) else None


def is_secret(field_name: str, extra: Iterable[str] = ()) -> bool:
    """True for a field whose value must never reach the log."""
    name = field_name.lower()
    return name in set(extra) or any(part in name for part in SECRET_FIELD_PARTS)


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a field's value (ids for objects, text for dates)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted((_plain(item) for item in value), key=str)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(value)} bytes>"
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    text = str(value)
    return text if len(text) <= _MAX_TEXT else text[:_MAX_TEXT] + "…"


class _Secret:
    """A secret in a snapshot: compares by a digest, shows as ``[redacted]``."""

    __slots__ = ("digest",)

    def __init__(self, value: Any) -> None:
        self.digest = hashlib.sha256(repr(value).encode()).hexdigest()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Secret) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


def _shown(value: Any) -> Any:
    return REDACTED if isinstance(value, _Secret) else value


def snapshot(obj: models.Model, *, secret_fields: Iterable[str] = ()) -> dict[str, Any]:
    """The object's own fields and many-to-many ids as the log stores them."""
    secrets = set(secret_fields)
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        name = field.name
        value = getattr(obj, field.attname)
        hidden = is_secret(name, secrets) or isinstance(field, models.EmailField)
        values[name] = _Secret(value) if hidden else _plain(value)
    if obj.pk is not None:
        for m2m in obj._meta.many_to_many:
            ids = list(getattr(obj, m2m.name).values_list("pk", flat=True))
            values[m2m.name] = sorted(ids, key=str)
    return values


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields that changed, each as ``{"before": …, "after": …}``.

    A secret that changed shows as changed with both values redacted.
    """
    changed: dict[str, dict[str, Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changed[name] = {"before": _shown(old), "after": _shown(new)}
    return changed


def subject_of(obj: models.Model) -> models.Model | None:
    """The member an object is about: itself if a member, else its ``member`` or the like."""
    if isinstance(obj, Member):
        return obj
    for name in ("member", "user", "reported", "recipient", "owner", "inviter"):
        related = getattr(obj, name, None)
        if isinstance(related, Member):
            return related
    restriction = getattr(obj, "restriction", None)
    if restriction is not None:
        return subject_of(restriction)
    return None


def _related_changes(message: Any) -> list[dict[str, Any]]:
    """Inline rows added, changed or deleted, by kind and fields (no object text)."""
    related: list[dict[str, Any]] = []
    for part in message if isinstance(message, list) else []:
        for kind, info in part.items():
            if isinstance(info, dict) and "name" in info:
                related.append(
                    {"kind": kind, "name": str(info["name"]), "fields": info.get("fields", [])}
                )
    return related


def audited_bulk(
    modeladmin: Any,
    request: HttpRequest,
    queryset: Iterable[Any],
    *,
    action: str,
    apply: Callable[[Any], bool],
    reason_required: bool = True,
) -> int:
    """Run a change-list action on each object, one audit entry per object changed.

    ``apply`` changes and saves one object and says whether it did anything. Without a
    reason where one is required, nothing happens and the moderator is told.
    """
    reason = action_reason(request)
    if reason_required and not reason:
        modeladmin.message_user(
            request,
            NO_REASON,
            messages.ERROR,
        )
        return 0
    done = 0
    secrets = getattr(modeladmin, "audit_secret_fields", ())
    for obj in queryset:
        with transaction.atomic():
            before = snapshot(obj, secret_fields=secrets)
            if not apply(obj):
                continue
            obj.refresh_from_db()
            record(
                moderator_of(request),
                action,
                subject=subject_of(obj),
                target=obj,
                changes=diff(before, snapshot(obj, secret_fields=secrets)),
                reason=reason,
                details={"via": "admin bulk action"},
            )
        done += 1
    return done


class ReasonActionForm(helpers.ActionForm):
    """The change list's action bar with a box for the moderator's reason."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"size": 40}),
    )


def action_reason(request: HttpRequest) -> str:
    """The reason typed into the action bar (``ReasonActionForm``)."""
    return str(request.POST.get("reason", "")).strip()


class AuditedAdmin(_Base):
    """Mix into a ``ModelAdmin`` (first base) to log every add, change and delete.

    ``standing_fields``: fields whose change alters a member's standing; changing one
    needs a reason. ``audit_secret_fields``: more fields never copied into the log.
    """

    action_form = ReasonActionForm
    delete_confirmation_template = "moderation/admin/delete_confirmation.html"
    delete_selected_confirmation_template = "moderation/admin/delete_selected_confirmation.html"
    #: Deleting needs a reason (a member, their content, a report or a measure is gone).
    audit_delete_needs_reason: ClassVar[bool] = True
    standing_fields: ClassVar[tuple[str, ...]] = ()
    audit_secret_fields: ClassVar[tuple[str, ...]] = ()
    #: The log's name for this kind of object (``<prefix>.change``); the model's name if empty.
    audit_action_prefix: ClassVar[str] = ""

    def _action_name(self, verb: str) -> str:
        prefix = self.audit_action_prefix or self.model._meta.model_name
        return f"{prefix}.{verb}"

    def _snapshot(self, obj: models.Model) -> dict[str, Any]:
        return snapshot(obj, secret_fields=self.audit_secret_fields)

    # Deleting: one object, or "Delete selected" from the change list; both ask why.
    def _refuse_without_reason(self, request: HttpRequest) -> bool:
        if not request.POST.get("post") or not self.audit_delete_needs_reason:
            return False
        if action_reason(request):
            return False
        self.message_user(request, NO_DELETE_REASON, messages.ERROR)
        return True

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method == "POST" and self._refuse_without_reason(request):
            return HttpResponseRedirect(request.get_full_path())
        context = {"audit_reason_required": self.audit_delete_needs_reason}
        return super().delete_view(request, object_id, {**context, **(extra_context or {})})

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions: dict[str, Any] = super().get_actions(request)
        if "delete_selected" in actions:
            func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (self._audited_delete(func), name, description)
        return actions

    def _audited_delete(self, func: Callable[..., Any]) -> Callable[..., Any]:
        def delete_selected(modeladmin: Any, request: HttpRequest, queryset: Any) -> Any:
            if self._refuse_without_reason(request):
                return None
            response = func(modeladmin, request, queryset)
            if isinstance(response, TemplateResponse) and response.context_data is not None:
                response.context_data["audit_reason"] = action_reason(request)
                response.context_data["audit_reason_required"] = self.audit_delete_needs_reason
            return response

        delete_selected.allowed_permissions = getattr(  # type: ignore[attr-defined]
            func, "allowed_permissions", ("delete",)
        )
        return delete_selected

    # The object as it was, before the change form touches it.
    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            setattr(obj, _BEFORE_ATTR, self._snapshot(obj))
        return obj

    # The change form: a reason box, required when a standing field changes.
    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        can_edit = (
            self.has_change_permission(request, obj)
            if obj is not None
            else self.has_add_permission(request)
        )
        if can_edit:
            fieldsets.append(
                (
                    _("Moderation"),
                    {
                        "fields": (REASON_FIELD,),
                        "description": _(
                            "Every change is recorded in the moderation log with your name."
                        ),
                    },
                )
            )
        return fieldsets

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        # ``fields=None`` (Django asking which fields the form has) means all of them.
        fields = (
            kwargs["fields"]
            if "fields" in kwargs
            else flatten_fieldsets(self.get_fieldsets(request, obj))
        )
        if fields is not None:
            kwargs["fields"] = [name for name in fields if name != REASON_FIELD]
        form_class = super().get_form(request, obj, change=change, **kwargs)
        standing = tuple(self.standing_fields)

        def clean(form: forms.ModelForm[Any]) -> dict[str, Any]:
            cleaned: dict[str, Any] = form_class.clean(form) or form.cleaned_data
            touched = [name for name in form.changed_data if name in standing]
            if touched and form.instance.pk is not None and not cleaned.get(REASON_FIELD):
                form.add_error(
                    REASON_FIELD,
                    _("Please give a reason: this change affects the member's standing."),
                )
            return cleaned

        return type(
            form_class.__name__,
            (form_class,),
            {
                REASON_FIELD: forms.CharField(
                    label=_("Reason"),
                    required=False,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
                    help_text=_(
                        "Why you make this change. Required where it affects a member's standing."
                    ),
                ),
                "clean": clean,
            },
        )

    # Django's log hooks: each also writes the audit entry.
    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)
        record(
            moderator_of(request),
            self._action_name("add"),
            subject=subject_of(obj),
            target=obj,
            changes=diff({}, self._snapshot(obj)),
            reason=str(request.POST.get(REASON_FIELD, "")),
            details={"via": "admin"},
        )
        return entry

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_change(request, obj, message)
        before: dict[str, Any] = getattr(obj, _BEFORE_ATTR, None) or {}
        changes = diff(before, self._snapshot(obj))
        details: dict[str, Any] = {"via": "admin"}
        related = _related_changes(message)
        if related:
            details["related"] = related
        record(
            moderator_of(request),
            self._action_name("change"),
            subject=subject_of(obj),
            target=obj,
            changes=changes,
            reason=str(request.POST.get(REASON_FIELD, "")),
            details=details,
        )
        return entry

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        entries = super().log_deletions(request, queryset)
        moderator = moderator_of(request)
        bulk = "action" in request.POST
        for obj in queryset:
            record(
                moderator,
                self._action_name("delete"),
                subject=subject_of(obj),
                target=obj,
                changes=diff(self._snapshot(obj), {}),
                reason=action_reason(request),
                details={"via": "admin bulk action" if bulk else "admin"},
            )
        return entries
