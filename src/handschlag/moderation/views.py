"""Blocking pages: confirm a block from a profile, list one's blocks, lift one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from handschlag.core.errors import NotFound
from handschlag.core.requests import member_of
from handschlag.moderation import blocks


@login_required
def block_member(request: HttpRequest, member_id: int) -> HttpResponse:
    """GET: what a block does, and a button to confirm it. POST: block."""
    member = member_of(request)
    try:
        profile = blocks.get_member_to_block(member, member_id=member_id)
    except NotFound:
        raise Http404 from None
    if blocks.has_blocked(member, member_id=member_id):
        return redirect("blocked_members")
    if request.method == "POST":
        blocks.block_member(member, blocked_id=member_id)
        messages.success(
            request,
            _("You have blocked %(name)s. They are not told.") % {"name": profile.full_name},
        )
        return redirect("blocked_members")
    return render(request, "moderation/block_confirm.html", {"profile": profile})


@login_required
@require_GET
def blocked_members(request: HttpRequest) -> HttpResponse:
    """The members this member blocked, each with a button to unblock."""
    return render(
        request,
        "moderation/blocked_members.html",
        {"blocks": blocks.list_blocked(member_of(request))},
    )


@login_required
@require_POST
def unblock_member(request: HttpRequest, member_id: int) -> HttpResponse:
    """Lift one of the member's blocks."""
    try:
        blocks.unblock_member(member_of(request), blocked_id=member_id)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The block has been lifted."))
    return redirect("blocked_members")


urlpatterns: list[URLPattern] = [
    path("members/<int:member_id>/block/", block_member, name="block_member"),
    path("settings/blocks/", blocked_members, name="blocked_members"),
    path("settings/blocks/<int:member_id>/unblock/", unblock_member, name="unblock_member"),
]
