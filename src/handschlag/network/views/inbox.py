"""Network pages: the recipient's inbox, the answers to a request and the request policy.

Every action is a plain POST that redirects back to the inbox; with htmx, the same view
answers with the request's card (``network/request_card.html``) in its new state, so
the page works with and without JavaScript. The cards' buttons all submit the page's one
form (CSRF token and the way back) to their own action address, which lies right under the
request's address (``inbox_request``): the card builds the action addresses from it
instead of reversing five URLs per card.
"""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError
from handschlag.core.requests import member_of
from handschlag.moderation.models import ReportReason
from handschlag.network import decisions, inbox, replies
from handschlag.network.models import Folder, Intent, RequestPolicy
from handschlag.network.views import fragments

### Forms ###


class ReplyForm(forms.Form):
    """The standard reply, as the recipient edits it."""

    reply_text = forms.CharField(
        label=gettext_lazy("Your reply"),
        max_length=decisions.REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 9}),
        help_text=gettext_lazy("Edit it as you like. It is sent by email when you decline."),
    )


class ReportForm(forms.Form):
    """Why the recipient reports a request."""

    reason = forms.ChoiceField(
        label=gettext_lazy("Why are you reporting this request?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Anything else the moderators should know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RequestPolicyForm(forms.ModelForm[RequestPolicy]):
    """How the member wants new requests handled."""

    filed_intents = forms.MultipleChoiceField(
        label=gettext_lazy("File these requests apart, whatever the engine says"),
        choices=Intent.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RequestPolicy
        fields = ("note_required", "review_action", "decline_action", "spam_action")
        widgets = {
            "note_required": forms.RadioSelect,
            "review_action": forms.RadioSelect,
            "decline_action": forms.RadioSelect,
            "spam_action": forms.RadioSelect,
        }
        labels = {
            "review_action": gettext_lazy("Requests worth a second look"),
            "decline_action": gettext_lazy("Requests you would probably decline"),
            "spam_action": gettext_lazy("Mass requests and spam"),
        }


### Helpers ###


def _back(request: HttpRequest) -> HttpResponse:
    """Back to where the member acted (a safe local address), else to the inbox."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("inbox")


#: One request's card; the inbox page keeps each card's HTML in the cache (fragments.py).
CARD_TEMPLATE = "network/request_card.html"
#: The inbox's list: label tabs, filter, the cards and the page links.
LIST_TEMPLATE = "network/inbox_list.html"
#: How long a rendered list is used while its tab counts' stamp stays the same (seconds):
#: bounds how long a sender's new name or a new contact in common takes to show.
LIST_TTL = 60


def _card_context(item: inbox.InboxItem) -> dict[str, object]:
    return {"items": (item,)}


def _card(
    request: HttpRequest, recipient: Member, request_id: int, *, outcome: str = ""
) -> HttpResponse:
    item = inbox.get_inbox_item(recipient, request_id)
    return render(request, CARD_TEMPLATE, {"items": (item,), "outcome": outcome})


def _answer(
    request: HttpRequest, recipient: Member, request_id: int, *, outcome: str
) -> HttpResponse:
    """After an action: the card in its new state for htmx, else a message and a redirect."""
    if getattr(request, "htmx", False):
        return _card(request, recipient, request_id, outcome=outcome)
    messages.success(request, outcome)
    return _back(request)


def _refuse(
    request: HttpRequest, recipient: Member, request_id: int, error: HandschlagError
) -> HttpResponse:
    if getattr(request, "htmx", False):
        return _card(request, recipient, request_id, outcome=str(error.message))
    messages.error(request, str(error.message))
    return _back(request)


def _sender_name(recipient: Member, request_id: int) -> str:
    return inbox.get_inbox_item(recipient, request_id).sender.name


### Pages ###


@login_required
@require_GET
def inbox_page(request: HttpRequest) -> HttpResponse:
    """The requests the member received, by label, with the filed folder one tab away.

    The list (tabs, filter, cards, page links) is kept rendered in the cache under the
    tab counts' stamp, which changes with every request that arrives, is answered or is
    undone; so an unchanged inbox is one grouped count and one cache read. What the
    senders show (name, headline, position, contacts in common) may lag by at most
    ``LIST_TTL`` seconds.
    """
    recipient = member_of(request)
    counts = inbox.count_inbox(
        recipient,
        folder=request.GET.get("folder", Folder.INBOX),
        label=request.GET.get("label") or None,
        intent=request.GET.get("intent") or None,
    )
    number = counts.page_number(request.GET.get("page", 1))
    inbox_list = fragments.render_fragment(
        LIST_TEMPLATE,
        (recipient.pk, counts.folder, counts.label, counts.intent, number, counts.stamp),
        partial(_list_context, recipient, counts, number),
        ttl=LIST_TTL,
    )
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted:
        return HttpResponse(inbox_list)
    return render(request, "network/inbox.html", {"inbox": counts, "inbox_list": inbox_list})


def _list_context(recipient: Member, counts: inbox.InboxCounts, number: int) -> dict[str, object]:
    """What the list template needs; its cards come from the cache where they can."""
    page = inbox.list_inbox(recipient, counts=counts, page=number)
    items = page.items
    html = fragments.render_fragments(
        CARD_TEMPLATE,
        [(item.card_parts, partial(_card_context, item)) for item in items],
        before_render=lambda positions: inbox.load_hits([items[p] for p in positions]),
    )
    cards = {item.request.pk: card for item, card in zip(items, html, strict=True)}
    return {
        "inbox": page,
        "cards": html,
        "sections": [
            (section, [cards[item.request.pk] for item in section.items])
            for section in page.sections
        ],
        "intents": Intent.choices,
        "labels": inbox.LABEL_ORDER,
    }


@login_required
@require_GET
def request_card(request: HttpRequest, request_id: int) -> HttpResponse:
    """One received request as a card (htmx uses it to cancel the reply or report form)."""
    recipient = member_of(request)
    if getattr(request, "htmx", False):
        return _card(request, recipient, request_id)
    inbox.get_request_for_recipient(recipient, request_id)
    return redirect("inbox")


@login_required
@require_POST
def accept(request: HttpRequest, request_id: int) -> HttpResponse:
    """Accept: the two become contacts."""
    recipient = member_of(request)
    try:
        done = decisions.accept_contact_request(recipient, request_id=request_id)
    except HandschlagError as error:
        return _refuse(request, recipient, request_id, error)
    name = _sender_name(recipient, done.pk)
    return _answer(
        request,
        recipient,
        done.pk,
        outcome=_("You and %(name)s are now connected.") % {"name": name},
    )


@login_required
@require_POST
def decline(request: HttpRequest, request_id: int) -> HttpResponse:
    """Decline without a word; the sender is not notified."""
    recipient = member_of(request)
    try:
        done = decisions.decline_contact_request(recipient, request_id=request_id)
    except HandschlagError as error:
        return _refuse(request, recipient, request_id, error)
    name = _sender_name(recipient, done.pk)
    return _answer(
        request,
        recipient,
        done.pk,
        outcome=_("You declined the request from %(name)s.") % {"name": name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, request_id: int) -> HttpResponse:
    """Decline with a standard reply: drafted in the member's language, previewed, edited."""
    recipient = member_of(request)
    item = inbox.get_inbox_item(recipient, request_id)
    draft = replies.draft_reply(item.request, lang=inbox.language_of(recipient))
    form = ReplyForm(request.POST or None, initial={"reply_text": draft.text})
    preview = draft.text
    if request.method == "POST" and form.is_valid():
        preview = form.cleaned_data["reply_text"]
        if "send" in request.POST:
            try:
                decisions.decline_contact_request(
                    recipient, request_id=request_id, reply_text=preview
                )
            except HandschlagError as error:
                if error.field:
                    form.add_error(error.field, str(error.message))
                else:
                    return _refuse(request, recipient, request_id, error)
            else:
                return _answer(
                    request,
                    recipient,
                    request_id,
                    outcome=_("You declined the request from %(name)s and sent your reply.")
                    % {"name": item.sender.name},
                )
    context = {"item": item, "form": form, "preview": preview, "situation": draft.situation}
    if getattr(request, "htmx", False):
        return render(request, "network/request_card_reply.html", context)
    return render(request, "network/inbox_reply.html", context)


@login_required
@require_POST
def unknown(request: HttpRequest, request_id: int) -> HttpResponse:
    """ "I don't know this person": declined, and it counts against the sender."""
    recipient = member_of(request)
    try:
        done = decisions.mark_unknown(recipient, request_id=request_id)
    except HandschlagError as error:
        return _refuse(request, recipient, request_id, error)
    name = _sender_name(recipient, done.pk)
    return _answer(
        request,
        recipient,
        done.pk,
        outcome=_("You told us you do not know %(name)s. The request is declined.")
        % {"name": name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, request_id: int) -> HttpResponse:
    """Report the request to the moderators; the sender never learns who reported them."""
    recipient = member_of(request)
    item = inbox.get_inbox_item(recipient, request_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decisions.report_contact_request(
                recipient,
                request_id=request_id,
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
            )
        except HandschlagError as error:
            return _refuse(request, recipient, request_id, error)
        return _answer(
            request,
            recipient,
            request_id,
            outcome=_(
                "Thank you. The moderators will look at your report; "
                "%(name)s will not learn who reported them."
            )
            % {"name": item.sender.name},
        )
    context = {"item": item, "form": form}
    if getattr(request, "htmx", False):
        return render(request, "network/request_card_report.html", context)
    return render(request, "network/inbox_report.html", context)


@login_required
@require_POST
def undo(request: HttpRequest, request_id: int) -> HttpResponse:
    """Take back the policy's decline or a mistaken "I don't know": pending again."""
    recipient = member_of(request)
    try:
        decisions.undo_decision(recipient, request_id=request_id)
    except HandschlagError as error:
        return _refuse(request, recipient, request_id, error)
    return _answer(
        request,
        recipient,
        request_id,
        outcome=_("Undone. The request is waiting in your inbox again."),
    )


@login_required
@require_POST
def dismiss_filed(request: HttpRequest) -> HttpResponse:
    """Decline everything in the filed folder at once, without notifying anyone."""
    count = decisions.dismiss_filed(member_of(request))
    messages.success(
        request,
        ngettext(
            "%(count)d filed request was dismissed.",
            "%(count)d filed requests were dismissed.",
            count,
        )
        % {"count": count},
    )
    return redirect(f"{reverse('inbox')}?folder={Folder.FILED}")


@login_required
@require_http_methods(["GET", "POST"])
def request_policy(request: HttpRequest) -> HttpResponse:
    """Choose what is filed apart or declined politely on arrival; nothing is deleted."""
    member = member_of(request)
    policy = inbox.get_request_policy(member)
    form = RequestPolicyForm(
        request.POST or None, instance=policy, initial={"filed_intents": policy.filed_intents}
    )
    if request.method == "POST" and form.is_valid():
        decisions.save_request_policy(member, changes=form.cleaned_data)
        messages.success(request, _("Your request policy has been saved."))
        return redirect("request_policy")
    return render(request, "network/policy.html", {"form": form})


urlpatterns: list[URLPattern] = [
    path("inbox/", inbox_page, name="inbox"),
    path("inbox/policy/", request_policy, name="request_policy"),
    path("inbox/filed/dismiss/", dismiss_filed, name="inbox_dismiss_filed"),
    # The actions lie right under the request's address: request_card.html relies on it.
    path("inbox/<int:request_id>/", request_card, name="inbox_request"),
    path("inbox/<int:request_id>/accept/", accept, name="inbox_accept"),
    path("inbox/<int:request_id>/decline/", decline, name="inbox_decline"),
    path("inbox/<int:request_id>/reply/", reply, name="inbox_reply"),
    path("inbox/<int:request_id>/unknown/", unknown, name="inbox_unknown"),
    path("inbox/<int:request_id>/report/", report, name="inbox_report"),
    path("inbox/<int:request_id>/undo/", undo, name="inbox_undo"),
]
