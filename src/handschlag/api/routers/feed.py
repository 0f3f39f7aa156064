"""The feed through the API: the member's chronological feed with the reasons for each
post, writing, editing and deleting one's posts, comments and reactions; mutes, follows
and the label settings (the settings page's services).

A post id names a post the caller may see (``feed.queries.get_post_for_viewer``: not
blocked either way, not in a closed group they are not in); editing and deleting need
its author. Anything else is 404, as for a post that does not exist.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from handschlag.accounts.models import Member
from handschlag.api.forms import cleaned, form_data
from handschlag.api.limits import limit
from handschlag.api.routers.common import Done, Id, InputSchema, caller, responses
from handschlag.feed import queries, services
from handschlag.feed.errors import MemberNotFound
from handschlag.feed.forms import (
    CommentForm,
    EditPostForm,
    LabelSettingsForm,
    MuteForm,
    PostForm,
)
from handschlag.feed.markup import normalise_topic
from handschlag.feed.models import TOPIC_MAX_LENGTH
from handschlag.feed.timeline import Cursor, FeedItem, list_feed, read_sources

router = Router(tags=["feed"])


class FeedReasonOut(Schema):
    """Why the post is in the feed: own, contact, followed, group or topic."""

    kind: str
    text: str


class CollapsedOut(Schema):
    """A content label the member collapses, with the sentences that explain it."""

    label: str
    name: str
    reasons: list[str]


class PostOut(Schema):
    id: int
    author_id: int
    author_name: str
    author_headline: str
    group_id: int | None
    #: The post's text as sanitised HTML (links for addresses and hashtags).
    html: str
    topics: list[str]
    created_at: datetime
    edited_at: datetime | None
    reasons: list[FeedReasonOut]
    collapsed: list[CollapsedOut]
    my_reaction: str


class FeedOut(Schema):
    posts: list[PostOut]
    #: Pass as ``before`` for the next (older) page; null at the end.
    next_cursor: str | None
    hidden_by_mutes: int
    hidden_by_labels: int


class FeedFilter(Schema):
    before: str | None = None


class CommentOut(Schema):
    id: int
    author_id: int
    author_name: str
    text: str
    created_at: datetime


class ReactionOut(Schema):
    member_id: int
    full_name: str
    kind: str


class PostDetailOut(Schema):
    post: PostOut
    comments: list[CommentOut]
    #: Who reacted how: for the post's author only (empty for everyone else).
    reactions: list[ReactionOut]


class PostIn(InputSchema):
    text: str
    group_id: Id | None = None


class TextIn(InputSchema):
    text: str


class ReactionIn(InputSchema):
    """An empty ``kind`` takes the reaction back."""

    kind: Literal["", "helpful", "congrats", "thanks", "insightful"]


def _lang() -> str:
    return get_language() or "en"


def _post(item: FeedItem) -> PostOut:
    post = item.post
    return PostOut(
        id=post.pk,
        author_id=post.author_id,
        author_name=item.author_name,
        author_headline=item.author_headline,
        group_id=post.group_id,
        html=str(item.html),
        topics=list(post.topics or []),
        created_at=post.created_at,
        edited_at=post.edited_at,
        reasons=[FeedReasonOut(kind=r.kind, text=r.text) for r in item.reasons],
        collapsed=[
            CollapsedOut(label=c.label, name=str(c.name), reasons=list(c.reasons))
            for c in item.collapsed
        ],
        my_reaction=item.my_reaction,
    )


def _detail(request: HttpRequest, post_id: int) -> PostDetailOut:
    page = queries.get_post_page(caller(request), post_id=post_id, lang=_lang())
    return PostDetailOut(
        post=_post(page.item),
        comments=[
            CommentOut(
                id=c.pk,
                author_id=c.author_id,
                author_name=getattr(getattr(c.author, "profile", None), "full_name", ""),
                text=c.text,
                created_at=c.created_at,
            )
            for c in page.comments
        ],
        reactions=[
            ReactionOut(member_id=member_id, full_name=name, kind=kind)
            for name, kind, member_id in page.reactions
        ],
    )


@router.get("/feed", response=responses(200, FeedOut), summary="Your feed, newest first")
def feed(request: HttpRequest, filters: Query[FeedFilter]) -> FeedOut:
    page = list_feed(caller(request), cursor=Cursor.decode(filters.before), lang=_lang())
    return FeedOut(
        posts=[_post(item) for item in page.items],
        next_cursor=page.next_cursor.encode() if page.next_cursor is not None else None,
        hidden_by_mutes=page.hidden_by_mutes,
        hidden_by_labels=page.hidden_by_labels,
    )


@router.post(
    "/posts",
    response=responses(201, PostDetailOut),
    throttle=limit("post", per_member=10),
    summary="Publish a post, personal or in one of your groups",
)
def create_post(request: HttpRequest, payload: PostIn) -> Status[PostDetailOut]:
    member = caller(request)
    groups = [(gid, name) for gid, (name, _slug) in read_sources(member.pk).groups.items()]
    form = cleaned(
        PostForm(form_data({"text": payload.text, "group": payload.group_id}), groups=groups)
    )
    post = services.create_post(
        member, text=form.cleaned_data["text"], group_id=form.cleaned_data["group"]
    )
    return Status(201, _detail(request, post.pk))


@router.get(
    "/posts/{post_id}", response=responses(200, PostDetailOut), summary="A post with comments"
)
def get_post(request: HttpRequest, post_id: Id) -> PostDetailOut:
    return _detail(request, post_id)


@router.patch(
    "/posts/{post_id}",
    response=responses(200, PostDetailOut),
    throttle=limit("post", per_member=10),
    summary="Change the text of your post",
)
def edit_post(request: HttpRequest, post_id: Id, payload: TextIn) -> PostDetailOut:
    form = cleaned(EditPostForm(form_data(payload.dict())))
    services.edit_post(caller(request), post_id=post_id, text=form.cleaned_data["text"])
    return _detail(request, post_id)


@router.delete(
    "/posts/{post_id}",
    response=responses(200, Done),
    throttle=limit("answer", per_member=120),
    summary="Delete your post",
)
def delete_post(request: HttpRequest, post_id: Id) -> Done:
    services.delete_post(caller(request), post_id=post_id)
    return Done(detail=_("Your post is deleted."))


@router.post(
    "/posts/{post_id}/comments",
    response=responses(201, PostDetailOut),
    throttle=limit("comment", per_member=30),
    summary="Comment on a post",
)
def add_comment(request: HttpRequest, post_id: Id, payload: TextIn) -> Status[PostDetailOut]:
    member = caller(request)
    queries.get_post_for_viewer(member, post_id=post_id)
    form = cleaned(CommentForm(form_data(payload.dict())))
    services.add_comment(member, post_id=post_id, text=form.cleaned_data["text"])
    return Status(201, _detail(request, post_id))


@router.delete(
    "/comments/{comment_id}",
    response=responses(200, Done),
    throttle=limit("answer", per_member=120),
    summary="Delete a comment (yours, or one under your post)",
)
def delete_comment(request: HttpRequest, comment_id: Id) -> Done:
    services.delete_comment(caller(request), comment_id=comment_id)
    return Done(detail=_("The comment is deleted."))


@router.put(
    "/posts/{post_id}/reaction",
    response=responses(200, PostDetailOut),
    throttle=limit("answer", per_member=120),
    summary="Set your reaction to a post (an empty kind takes it back)",
)
def react(request: HttpRequest, post_id: Id, payload: ReactionIn) -> PostDetailOut:
    member = caller(request)
    queries.get_post_for_viewer(member, post_id=post_id)
    services.react(member, post_id=post_id, kind=payload.kind)
    return _detail(request, post_id)


### Mutes, follows and label settings ###

LabelActionCode = Literal["show", "collapse", "hide"]
MuteKindCode = Literal["word", "hashtag", "member", "topic"]


class MutedMemberOut(Schema):
    member_id: int
    full_name: str


class TopicFilterOut(Schema):
    """A ready-made topic filter (politics), and whether the member mutes it."""

    key: str
    name: str
    description: str
    muted: bool


class MutesOut(Schema):
    """What the member muted, by kind: words and hashtags as stored (folded, without
    ``#``), members by id, and the ready-made topic filters."""

    words: list[str]
    hashtags: list[str]
    members: list[MutedMemberOut]
    topics: list[str]
    filters: list[TopicFilterOut]


class FollowingOut(Schema):
    members: list[MutedMemberOut]
    topics: list[str]


class LabelsSchema(Schema):
    """Show, collapse (with the reasons) or hide, for each content label."""

    self_promotion: LabelActionCode
    hashtag_spam: LabelActionCode
    engagement_bait: LabelActionCode


class FeedSettingsOut(Schema):
    labels: LabelsSchema
    mutes: MutesOut
    following: FollowingOut


class LabelsIn(InputSchema):
    """The labels to change; those not sent keep their choice."""

    self_promotion: LabelActionCode | None = None
    hashtag_spam: LabelActionCode | None = None
    engagement_bait: LabelActionCode | None = None


class MuteIn(InputSchema):
    """A word or hashtag as typed; a member's id as text (``"42"``); a topic filter's key
    (``"politics"``)."""

    kind: MuteKindCode
    value: str


class MuteFilter(Schema):
    kind: MuteKindCode
    value: str


def _settings(member: Member) -> FeedSettingsOut:
    mutes = queries.list_mutes(member)
    members, topics = queries.list_followed(member)
    return FeedSettingsOut(
        labels=LabelsSchema.model_validate(queries.label_actions(member.pk)),
        mutes=MutesOut(
            words=mutes.words,
            hashtags=mutes.hashtags,
            members=[MutedMemberOut(member_id=pk, full_name=name) for pk, name in mutes.members],
            topics=mutes.topics,
            filters=[
                TopicFilterOut(
                    key=f.key,
                    name=str(f.name),
                    description=str(f.description),
                    muted=f.key in mutes.topics,
                )
                for f in mutes.filters
            ],
        ),
        following=FollowingOut(
            members=[MutedMemberOut(member_id=pk, full_name=name) for pk, name in members],
            topics=topics,
        ),
    )


@router.get(
    "/feed/settings",
    response=responses(200, FeedSettingsOut),
    summary="Your label choices, mutes and what you follow",
)
def feed_settings(request: HttpRequest) -> FeedSettingsOut:
    return _settings(caller(request))


@router.patch(
    "/feed/settings/labels",
    response=responses(200, FeedSettingsOut),
    throttle=limit("feed_settings", per_member=60),
    summary="Show, collapse or hide posts with each content label",
)
def update_labels(request: HttpRequest, payload: LabelsIn) -> FeedSettingsOut:
    member = caller(request)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    form = cleaned(LabelSettingsForm(form_data({**queries.label_actions(member.pk), **changes})))
    services.save_feed_settings(member, actions=dict(form.cleaned_data))
    return _settings(member)


@router.post(
    "/feed/mutes",
    response=responses(201, FeedSettingsOut),
    throttle=limit("feed_settings", per_member=60),
    summary="Mute a word, hashtag, member or topic filter in your feed",
)
def add_mute(request: HttpRequest, payload: MuteIn) -> Status[FeedSettingsOut]:
    """A member a block stands between, or who does not exist, answers 404."""
    member = caller(request)
    value = payload.value
    if payload.kind in ("word", "hashtag"):
        # Words and hashtags come from the page's form; members and filters from buttons.
        form = cleaned(MuteForm(form_data(payload.dict())))
        value = form.cleaned_data["value"]
    if payload.kind == "hashtag":
        value = normalise_topic(value)
    if payload.kind == "member" and not (value.isdigit() and 0 < int(value) < 2**63):
        raise MemberNotFound  # what the service answers for any value that is no member
    services.mute(member, kind=payload.kind, value=value)
    return Status(201, _settings(member))


@router.delete(
    "/feed/mutes",
    response=responses(200, FeedSettingsOut),
    throttle=limit("feed_settings", per_member=60),
    summary="Take a mute back (the value as listed in your settings)",
)
def remove_mute(request: HttpRequest, filters: Query[MuteFilter]) -> FeedSettingsOut:
    member = caller(request)
    value = normalise_topic(filters.value) if filters.kind == "hashtag" else filters.value
    services.unmute(member, kind=filters.kind, value=value)
    return _settings(member)


@router.post(
    "/members/{member_id}/follow",
    response=responses(200, FeedSettingsOut),
    throttle=limit("feed_settings", per_member=60),
    summary="Follow a member's personal posts",
)
def follow_member(request: HttpRequest, member_id: Id) -> FeedSettingsOut:
    member = caller(request)
    services.follow_member(member, member_id=member_id)
    return _settings(member)


@router.delete(
    "/members/{member_id}/follow",
    response=responses(200, FeedSettingsOut),
    throttle=limit("feed_settings", per_member=60),
    summary="Stop following a member",
)
def unfollow_member(request: HttpRequest, member_id: Id) -> FeedSettingsOut:
    member = caller(request)
    services.unfollow_member(member, member_id=member_id)
    return _settings(member)


class TopicPath(Schema):
    topic: Annotated[str, Field(min_length=1, max_length=TOPIC_MAX_LENGTH)]


@router.post(
    "/topics/{topic}/follow",
    response=responses(200, FeedSettingsOut),
    throttle=limit("feed_settings", per_member=60),
    summary="Follow a topic (a hashtag, without #)",
)
def follow_topic(request: HttpRequest, path: Path[TopicPath]) -> FeedSettingsOut:
    member = caller(request)
    services.follow_topic(member, topic=path.topic)
    return _settings(member)


@router.delete(
    "/topics/{topic}/follow",
    response=responses(200, FeedSettingsOut),
    throttle=limit("feed_settings", per_member=60),
    summary="Stop following a topic",
)
def unfollow_topic(request: HttpRequest, path: Path[TopicPath]) -> FeedSettingsOut:
    member = caller(request)
    services.unfollow_topic(member, topic=path.topic)
    return _settings(member)
