"""Feed pages: the member's feed, posts with comments and reactions, topic, group and member
pages, follows, mutes and the label settings.

Views parse, call one service or query and render; refusals appear as messages or above
the form. Everything works without JavaScript (collapsed posts are ``<details>``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from handschlag.core.errors import HandschlagError, NotFound
from handschlag.core.requests import member_of
from handschlag.feed import queries, services
from handschlag.feed.forms import (
    CommentForm,
    EditPostForm,
    LabelSettingsForm,
    MuteForm,
    PostForm,
)
from handschlag.feed.markup import is_topic, normalise_topic
from handschlag.feed.models import MuteKind, ReactionKind
from handschlag.feed.timeline import Cursor, list_feed, read_sources


def _lang() -> str:
    lang = (get_language() or "en").split("-")[0]
    return lang if lang in ("de", "en") else "en"


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """Back to the page the form was on (``next``, same site only), else ``fallback``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def _cursor(request: HttpRequest) -> Cursor | None:
    return Cursor.decode(request.GET.get("before"))


@login_required
@require_http_methods(["GET"])
def feed(request: HttpRequest) -> HttpResponse:
    """The member's feed: newest first from contacts, follows, topics and groups."""
    member = member_of(request)
    page = list_feed(member, cursor=_cursor(request), lang=_lang())
    sources = page.sources or read_sources(member.pk)
    groups = sorted(
        ((gid, name) for gid, (name, _slug) in sources.groups.items()),
        key=lambda pair: pair[1].casefold(),
    )
    return render(
        request,
        "feed/feed.html",
        {
            "page": page,
            "form": PostForm(groups=groups),
            "is_first_page": "before" not in request.GET,
        },
    )


@login_required
@require_POST
def new_post(request: HttpRequest) -> HttpResponse:
    """Publish a post, personal or in one of the member's groups."""
    member = member_of(request)
    groups = [(gid, name) for gid, (name, _slug) in read_sources(member.pk).groups.items()]
    form = PostForm(request.POST, groups=groups)
    fallback = reverse("feed")
    if form.is_valid():
        try:
            services.create_post(
                member, text=form.cleaned_data["text"], group_id=form.cleaned_data["group"]
            )
        except HandschlagError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Your post is published."))
    else:
        for field_errors in form.errors.values():
            for problem in field_errors:
                messages.error(request, str(problem))
    return _back(request, fallback)


@login_required
@require_http_methods(["GET"])
def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    """A post with its comments; its author also sees who reacted how."""
    try:
        page = queries.get_post_page(member_of(request), post_id=post_id, lang=_lang())
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "feed/post.html",
        {"page": page, "comment_form": CommentForm(), "reaction_kinds": ReactionKind.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_post(request: HttpRequest, post_id: int) -> HttpResponse:
    """Change the text of one's own post."""
    member = member_of(request)
    try:
        post = queries.get_post_for_viewer(member, post_id=post_id)
    except NotFound:
        raise Http404 from None
    if post.author_id != member.pk:
        raise Http404
    form = EditPostForm(request.POST or None, initial={"text": post.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(member, post_id=post_id, text=form.cleaned_data["text"])
        except HandschlagError as error:
            form.add_error("text", str(error.message))
        else:
            messages.success(request, _("Your post is changed."))
            return redirect("feed_post", post_id=post_id)
    return render(request, "feed/edit.html", {"form": form, "post": post})


@login_required
@require_POST
def delete_post(request: HttpRequest, post_id: int) -> HttpResponse:
    """Delete one's own post."""
    try:
        services.delete_post(member_of(request), post_id=post_id)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("Your post is deleted."))
    return redirect("feed")


@login_required
@require_POST
def add_comment(request: HttpRequest, post_id: int) -> HttpResponse:
    """Comment on a post."""
    form = CommentForm(request.POST)
    try:
        if form.is_valid():
            services.add_comment(
                member_of(request), post_id=post_id, text=form.cleaned_data["text"]
            )
        else:
            messages.error(request, _("Please write something first."))
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    return redirect(reverse("feed_post", kwargs={"post_id": post_id}) + "#comments")


@login_required
@require_POST
def delete_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Delete a comment (its author, or the post's author)."""
    try:
        services.delete_comment(member_of(request), comment_id=comment_id)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The comment is deleted."))
    return _back(request, reverse("feed"))


@login_required
@require_POST
def react(request: HttpRequest, post_id: int) -> HttpResponse:
    """Set or take back the member's reaction to a post."""
    try:
        services.react(member_of(request), post_id=post_id, kind=request.POST.get("kind", ""))
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    return _back(request, reverse("feed_post", kwargs={"post_id": post_id}))


@login_required
@require_http_methods(["GET"])
def topic(request: HttpRequest, topic: str) -> HttpResponse:
    """Posts with a hashtag, newest first; follow or mute the topic."""
    key = normalise_topic(topic)
    if not is_topic(key):
        raise Http404
    member = member_of(request)
    return render(
        request,
        "feed/topic.html",
        {
            "topic": queries.get_topic_state(member, topic=key),
            "page": queries.list_topic_posts(
                member, topic=key, cursor=_cursor(request), lang=_lang()
            ),
        },
    )


@login_required
@require_POST
def follow_topic(request: HttpRequest, topic: str) -> HttpResponse:
    """Follow or stop following a topic."""
    member = member_of(request)
    try:
        if request.POST.get("action") == "unfollow":
            services.unfollow_topic(member, topic=topic)
        else:
            services.follow_topic(member, topic=topic)
    except HandschlagError as error:
        messages.error(request, str(error.message))
    return _back(request, reverse("feed_topic", kwargs={"topic": normalise_topic(topic)}))


@login_required
@require_http_methods(["GET"])
def group_posts(request: HttpRequest, slug: str) -> HttpResponse:
    """A group's posts (a closed group: for its members only), with a form for members."""
    member = member_of(request)
    try:
        state = queries.get_group_for_posts(member, slug=slug)
    except NotFound:
        raise Http404 from None
    form = PostForm(groups=[(state.group.pk, state.group.name)], initial={"group": state.group.pk})
    return render(
        request,
        "feed/group.html",
        {
            "state": state,
            "form": form,
            "page": queries.list_group_posts(
                member, group=state.group, cursor=_cursor(request), lang=_lang()
            ),
        },
    )


@login_required
@require_http_methods(["GET"])
def member_posts(request: HttpRequest, member_id: int) -> HttpResponse:
    """A member's personal posts; follow or mute them."""
    viewer = member_of(request)
    try:
        author = queries.get_author(viewer, member_id=member_id)
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "feed/member.html",
        {
            "author": author,
            "page": queries.list_member_posts(
                viewer, member_id=member_id, cursor=_cursor(request), lang=_lang()
            ),
        },
    )


@login_required
@require_POST
def follow_member(request: HttpRequest, member_id: int) -> HttpResponse:
    """Follow or stop following a member."""
    member = member_of(request)
    try:
        if request.POST.get("action") == "unfollow":
            services.unfollow_member(member, member_id=member_id)
        else:
            services.follow_member(member, member_id=member_id)
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    return _back(request, reverse("feed_member", kwargs={"member_id": member_id}))


@login_required
@require_http_methods(["GET"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """Mutes, the ready-made topic filters, label choices and what the member follows."""
    member = member_of(request)
    followed_members, followed_topics = queries.list_followed(member)
    current = queries.label_actions(member.pk)
    return render(
        request,
        "feed/settings.html",
        {
            "mutes": queries.list_mutes(member),
            "mute_form": MuteForm(),
            "label_form": LabelSettingsForm(initial=current),
            "followed_members": followed_members,
            "followed_topics": followed_topics,
        },
    )


@login_required
@require_POST
def mutes(request: HttpRequest) -> HttpResponse:
    """Add or remove a mute: a word or hashtag from the form, a member or topic filter
    from a button (``kind`` and ``value``; ``action=unmute`` takes it back)."""
    member = member_of(request)
    kind = request.POST.get("kind", "")
    value = request.POST.get("value", "")
    if kind == MuteKind.HASHTAG:
        value = normalise_topic(value)
    try:
        if request.POST.get("action") == "unmute":
            services.unmute(member, kind=kind, value=value)
            messages.success(request, _("The mute is removed."))
        else:
            services.mute(member, kind=kind, value=value)
            messages.success(request, _("Muted. Matching posts no longer appear in your feed."))
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    return _back(request, reverse("feed_settings"))


@login_required
@require_POST
def label_settings(request: HttpRequest) -> HttpResponse:
    """Save show, collapse or hide for each content label."""
    form = LabelSettingsForm(request.POST)
    if form.is_valid():
        services.save_feed_settings(member_of(request), actions=dict(form.cleaned_data))
        messages.success(request, _("Your choices are saved."))
    else:
        messages.error(request, _("Please choose show, collapse or hide."))
    return redirect(reverse("feed_settings") + "#labels")
