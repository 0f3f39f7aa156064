"""The items of a conversation's thread as HTML, built in Python.

A conversation page shows fifty messages; written as a template loop they cost about a
thousand variable lookups per page, most of the page's time. Here each message is one
``format_html`` call over values ``queries.MessageView`` has worked out, with every
label translated once per page. Everything a member typed passes through
``format_html``'s escaping or is the sanitised ``MessageView.html``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from handschlag.messaging.queries import MessageView
from handschlag.network.inbox import Reason


@dataclass(frozen=True, slots=True)
class _Labels:
    you: str
    reported: str
    deleted: str
    hidden: str
    why: str
    why_review: str
    delete: str
    your_message: str
    reply: str
    report: str
    speaks_for: str
    concern: str

    @classmethod
    def translated(cls) -> _Labels:
        return cls(
            you=_("You"),
            reported=_("Reported"),
            deleted=_("This message was deleted."),
            hidden=_("Hidden because the automatic check flagged it. Show it anyway"),
            why=_("Why it was flagged:"),
            why_review=_("Why the automatic check marked this"),
            delete=_("Delete"),
            your_message=_("your message"),
            reply=_("Reply with a standard reply"),
            report=_("Report"),
            speaks_for=_("Speaks for it:"),
            concern=_("Concern:"),
        )


def _reasons(reasons: Sequence[Reason], labels: _Labels) -> SafeString:
    return format_html(
        '<ul class="reasons">{}</ul>',
        format_html_join(
            "",
            '<li class="{}"><span class="visually-hidden">{} </span>{}</li>',
            (
                (
                    "reassuring" if r.is_reassuring else "concern",
                    labels.speaks_for if r.is_reassuring else labels.concern,
                    r.sentence,
                )
                for r in reasons
            ),
        ),
    )


def _body(m: MessageView, labels: _Labels) -> SafeString:
    if m.is_deleted:
        return format_html('<p class="message-text muted">{}</p>', labels.deleted)
    text = format_html('<div class="message-text">{}</div>', m.html)
    if m.is_flagged:
        return format_html(
            '<details class="flagged-message" data-testid="flagged-message"><summary>'
            '<span class="badge label-{}">{}</span> {}</summary><div class="why"><p><strong>'
            "{}</strong></p>{}</div>{}</details>",
            m.label,
            m.label_name,
            labels.hidden,
            labels.why,
            _reasons(m.reasons, labels),
            text,
        )
    if m.is_questionable:
        return format_html(
            '{}<details class="why-review"><summary><span class="badge label-review">{}</span>'
            " {}</summary>{}</details>",
            text,
            m.label_name,
            labels.why_review,
            _reasons(m.reasons, labels),
        )
    return text


def _actions(m: MessageView, labels: _Labels, csrf_token: str) -> SafeString:
    if m.is_deleted:
        return mark_safe("")
    if m.is_mine:
        inner = format_html(
            '<form method="post" action="{}" class="inline"><input type="hidden" '
            'name="csrfmiddlewaretoken" value="{}"><button type="submit" class="link-button">'
            '{}<span class="visually-hidden"> {}</span></button></form>',
            m.delete_url,
            csrf_token,
            labels.delete,
            labels.your_message,
        )
    else:
        reply = format_html('<a href="{}">{}</a>', m.reply_url, labels.reply) if m.can_reply else ""
        report = (
            ""
            if m.is_reported
            else format_html(
                '<a href="{}">{}<span class="visually-hidden"> {}</span></a>',
                m.report_url,
                labels.report,
                m.sender.name,
            )
        )
        # Blocking the sender (issue 5, built by another engineer): its link goes here,
        # next to Report.
        inner = format_html("{}{}", reply, report)
    return format_html('<div class="message-actions">{}</div>', inner)


def render_items(messages: Sequence[MessageView], *, csrf_token: str) -> SafeString:
    """The ``<li>`` of each message, oldest first."""
    labels = _Labels.translated()
    items = []
    for m in messages:
        classes = (
            "chat-message" + (" mine" if m.is_mine else "") + (" flagged" if m.is_flagged else "")
        )
        author = (
            labels.you
            if m.is_mine
            else format_html('<a href="{}">{}</a>', m.sender.url, m.sender.name)
        )
        reported = (
            format_html(' · <span class="badge">{}</span>', labels.reported)
            if m.is_reported
            else ""
        )
        items.append(
            format_html(
                '<li class="{}" id="{}" data-testid="message"><p class="message-meta muted">'
                '<span class="message-author">{}</span> · <time datetime="{}">{}</time>{}</p>'
                "{}{}</li>",
                classes,
                m.dom_id,
                author,
                m.time_iso,
                m.time_text,
                reported,
                _body(m, labels),
                _actions(m, labels, csrf_token),
            )
        )
    return mark_safe("\n".join(items))  # noqa: S308 - each item is format_html output
