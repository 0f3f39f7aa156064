"""The export as files: ``data.json`` for programs and ``index.html`` for people, in one zip.

The HTML page is rendered by a Django template with autoescaping, so whatever a member or
another member wrote (a post, a message) is shown as text, never run. It carries its own
styles and no scripts, so it opens offline in any browser.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.gdpr.export import collect_export
from handschlag.network.inbox import language_of


@dataclass(frozen=True, slots=True)
class Node:
    """One value of the export as the HTML page lays it out."""

    kind: str  # "map", "list" or "text"
    text: str = ""
    items: list[tuple[str, Node]] = field(default_factory=list)
    entries: list[Node] = field(default_factory=list)


def _section_titles() -> dict[str, str]:
    return {
        "about_this_export": _("About this export"),
        "account": _("Account"),
        "profile": _("Profile"),
        "network": _("Network"),
        "messaging": _("Messages"),
        "offers": _("Job offers"),
        "recommendations": _("Recommendations"),
        "groups": _("Groups"),
        "events": _("Meetups"),
        "feed": _("Feed"),
        "imports": _("Imports"),
        "api_tokens": _("API tokens"),
        "notifications": _("Email notifications"),
        "moderation": _("Reports and blocks"),
    }


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def to_node(value: Any) -> Node:  # Any: a JSON value
    """A JSON value as nested nodes the template can walk."""
    if isinstance(value, dict):
        return Node("map", items=[(_label(str(k)), to_node(v)) for k, v in value.items()])
    if isinstance(value, list):
        return Node("list", entries=[to_node(v) for v in value])
    if value is None:
        return Node("text", text="—")
    if isinstance(value, bool):
        return Node("text", text=_("yes") if value else _("no"))
    return Node("text", text=str(value))


def render_html(data: dict[str, Any], *, lang: str) -> str:  # Any: a JSON object
    """The readable page of an export (escaped by the template)."""
    with translation.override(lang):
        titles = _section_titles()
        sections = [
            (key, titles.get(key, _label(key)), to_node(value))
            for key, value in data.items()
            if key not in ("format_version", "generated_at")
        ]
        return render_to_string(
            "gdpr/export_index.html",
            {"sections": sections, "generated_at": data.get("generated_at"), "lang": lang},
        )


def export_json(data: dict[str, Any]) -> bytes:  # Any: a JSON object
    """The export as UTF-8 JSON, indented for people who open it in an editor."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def build_archive(member: Member) -> bytes:
    """One zip with ``data.json`` and ``index.html`` of the member's data."""
    data = collect_export(member)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", export_json(data))
        archive.writestr("index.html", render_html(data, lang=language_of(member)))
    return buffer.getvalue()
