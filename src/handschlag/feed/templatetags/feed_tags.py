"""Template helpers of the feed: one post as HTML, and the reaction choices.

A feed page shows twenty posts, each with a header, its text or a collapsed ``<details>``
with the label reasons, the reaction buttons and the reasons it is there. Built in Python
with ``format_html`` (every value escaped, the post's own HTML from ``feed.markup``
already sanitised), this costs a fraction of the same markup through an included
template per post, which dominated the page's time (docs/feed.md).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.middleware.csrf import get_token
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from handschlag.feed.markup import fast_reverse
from handschlag.feed.models import ReactionKind
from handschlag.feed.timeline import FeedItem

register = template.Library()


@register.simple_tag
def reaction_kinds() -> list[tuple[str, str]]:
    """The reactions a member can leave, as (value, name) pairs."""
    return [(str(value), str(name)) for value, name in ReactionKind.choices]


def _collapsed(item: FeedItem, statics: _Statics) -> SafeString:
    badges = format_html_join(
        "",
        '<span class="label-badge" data-label="{}">{}</span> ',
        ((label.label, label.name) for label in item.collapsed),
    )
    reasons = format_html_join(
        "", "<li>{}</li>", ((reason,) for label in item.collapsed for reason in label.reasons)
    )
    return format_html(
        '<details class="post-collapsed" data-testid="collapsed"><summary>{}{}</summary>'
        '<ul class="label-reasons" data-testid="label-reasons">{}</ul>'
        '<div class="post-text">{}</div></details>',
        badges,
        statics.show,
        reasons,
        item.html,
    )


class _Statics:
    """What every item on a page shares, computed once per page: translated words, the
    reaction buttons for each choice, the CSRF token and the page's address."""

    def __init__(self, request: Any) -> None:
        # Any: the request as the template context holds it.
        self.csrf = get_token(request)
        self.back = request.get_full_path()
        self.show = _("Show the post")
        self.why = _("Why am I seeing this?")
        self.comments = _("Comments")
        self.edited = _("edited")
        self.in_group = pgettext("posted in a group", "in")
        self.datetime_format = formats.get_format("DATETIME_FORMAT")
        choices = [(str(value), str(name)) for value, name in ReactionKind.choices]
        self.buttons = {
            chosen: format_html_join(
                "",
                '<button type="submit" name="kind" value="{}" class="small {}" '
                'aria-pressed="{}">{}</button>',
                (
                    (
                        "" if chosen == value else value,
                        "chosen" if chosen == value else "secondary",
                        "true" if chosen == value else "false",
                        name,
                    )
                    for value, name in choices
                ),
            )
            for chosen in ["", *(value for value, _name in choices)]
        }


def _statics(context: Any) -> _Statics:
    # Any: Django's template context; render_context lives for one rendering.
    cache = context.render_context
    statics = cache.get("feed_statics")
    if isinstance(statics, _Statics):
        return statics
    fresh = cache["feed_statics"] = _Statics(context["request"])
    return fresh


def _reactions(item: FeedItem, statics: _Statics) -> SafeString:
    buttons = statics.buttons.get(item.my_reaction, statics.buttons[""])
    csrf, back = statics.csrf, statics.back
    return format_html(
        '<form method="post" action="{}" class="reactions">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}#post-{}">{}</form>',
        fast_reverse("feed_react", item.post.pk),
        csrf,
        back,
        item.post.pk,
        buttons,
    )


def _why(item: FeedItem, statics: _Statics) -> SafeString:
    if not item.reasons:
        return mark_safe("")
    rows = format_html_join(
        "",
        '<li data-reason="{}">{}</li>',
        (
            (
                reason.kind,
                format_html('<a href="{}">{}</a>', reason.url, reason.text)
                if reason.url
                else reason.text,
            )
            for reason in item.reasons
        ),
    )
    return format_html(
        '<details class="why" data-testid="why"><summary>{}</summary><ul>{}</ul></details>',
        statics.why,
        rows,
    )


@register.simple_tag(takes_context=True)
def feed_item(context: dict[str, Any], item: FeedItem) -> SafeString:
    """One post as the feed, topic, group and member pages show it."""
    # Any: Django's template context.
    statics = _statics(context)
    post = item.post
    group = post.group
    moment = timezone.localtime(post.created_at)
    head = format_html(
        '<a href="{}"><strong>{}</strong></a>{}{}<br><a class="muted small-text" href="{}">'
        '<time datetime="{}">{}</time></a>{}',
        fast_reverse("feed_member", post.author_id),
        item.author_name,
        format_html(' <span class="muted">· {}</span>', item.author_headline)
        if item.author_headline
        else "",
        format_html(
            '<span class="muted"> · {} <a href="{}">{}</a></span>',
            statics.in_group,
            fast_reverse("feed_group", group.slug),
            group.name,
        )
        if group is not None
        else "",
        fast_reverse("feed_post", post.pk),
        moment.isoformat(),
        dateformat.format(moment, statics.datetime_format),
        format_html(
            ' <span class="muted small-text" data-testid="edited">· {}</span>', statics.edited
        )
        if post.is_edited
        else "",
    )
    body = (
        _collapsed(item, statics)
        if item.collapsed
        else format_html('<div class="post-text">{}</div>', item.html)
    )
    return format_html(
        '<article class="card post-item" data-testid="post" data-post-id="{}">'
        '<header class="post-head">{}</header>{}<footer class="post-foot">{}'
        '<a href="{}#comments">{}</a>{}</footer></article>',
        post.pk,
        head,
        body,
        _reactions(item, statics),
        fast_reverse("feed_post", post.pk),
        statics.comments,
        _why(item, statics),
    )
