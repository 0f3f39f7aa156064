"""Reads about posts, permission-checked.

Who may see a post: a personal post, every member (unless a block stands between them and
the author); a post in a public group, every member likewise; a post in a closed group,
its members only. A post a member may not see answers exactly like one that does not
exist (``PostNotFound``, a 404), on its page, on topic and group pages, in comments and
reactions.
"""

from __future__ import annotations

from dataclasses import dataclass

from handschlag.accounts.models import Member
from handschlag.feed.errors import MemberNotFound, PostNotFound
from handschlag.feed.models import (
    Comment,
    FeedSettings,
    FollowedMember,
    FollowedTopic,
    Mute,
    MuteKind,
    Post,
    PostTopic,
    Reaction,
)
from handschlag.feed.timeline import (
    PAGE_SIZE,
    Cursor,
    FeedItem,
    Page,
    attach_reactions,
    older_than,
    present,
    visible_topic_rows,
    with_details,
)
from handschlag.feed.topics import TOPIC_FILTERS, TopicFilter
from handschlag.groups.errors import GroupNotFound
from handschlag.groups.models import Group, Membership
from handschlag.moderation.blocks import blocked_either_way_ids, is_blocked_either_way
from handschlag.profiles.models import Profile


def _member_groups(member_id: int) -> list[int]:
    return list(Membership.objects.filter(member_id=member_id).values_list("group_id", flat=True))


def label_actions(member_id: int) -> dict[str, str]:
    """The member's choice per content label (the defaults when never saved)."""
    settings_ = FeedSettings.objects.filter(member_id=member_id).first() or FeedSettings()
    return {
        "self_promotion": settings_.self_promotion,
        "hashtag_spam": settings_.hashtag_spam,
        "engagement_bait": settings_.engagement_bait,
    }


def get_feed_settings(member: Member) -> FeedSettings:
    """The member's label settings, unsaved defaults when they never chose."""
    return FeedSettings.objects.filter(member_id=member.pk).first() or FeedSettings(member=member)


def get_post_for_viewer(viewer: Member, *, post_id: int) -> Post:
    """The post if ``viewer`` may see it; ``PostNotFound`` otherwise."""
    post = with_details(Post.objects.filter(pk=post_id)).first()
    if post is None or is_blocked_either_way(viewer.pk, post.author_id):
        raise PostNotFound
    group = post.group
    if (
        group is not None
        and group.is_closed
        and not Membership.objects.filter(group_id=group.pk, member_id=viewer.pk).exists()
    ):
        raise PostNotFound
    return post


def _page(viewer: Member, posts: list[Post], *, page_size: int, lang: str) -> Page:
    """Items under the viewer's label choices; the extra post tells whether there is more."""
    more = len(posts) > page_size
    posts = posts[:page_size]
    blocked = blocked_either_way_ids(viewer.pk)
    items, hidden = present(
        [p for p in posts if p.author_id not in blocked],
        viewer_id=viewer.pk,
        actions=label_actions(viewer.pk),
        lang=lang,
    )
    return Page(
        items=items,
        next_cursor=Cursor.of(posts[-1]) if more and posts else None,
        hidden_by_labels=hidden,
    )


def list_topic_posts(
    viewer: Member, *, topic: str, cursor: Cursor | None = None, lang: str = "en"
) -> Page:
    """Posts with a hashtag, newest first; closed groups' posts only for their members."""
    rows = (
        PostTopic.objects.filter(topic=topic)
        .filter(visible_topic_rows(_member_groups(viewer.pk)))
        .filter(older_than(cursor))
        .order_by("-created_at", "-post_id")
        .values_list("post_id", flat=True)[: PAGE_SIZE + 1]
    )
    posts = list(with_details(Post.objects.filter(pk__in=list(rows)), viewer_id=viewer.pk))
    return _page(viewer, posts, page_size=PAGE_SIZE, lang=lang)


@dataclass(frozen=True, slots=True)
class GroupFeed:
    """A group as its posts page shows it."""

    group: Group
    is_member: bool


def get_group_for_posts(viewer: Member, *, slug: str) -> GroupFeed:
    """The group, if the viewer may read its posts (a closed group: its members only)."""
    group = Group.objects.filter(slug=slug).first()
    if group is None:
        raise GroupNotFound
    is_member = Membership.objects.filter(group_id=group.pk, member_id=viewer.pk).exists()
    if group.is_closed and not is_member:
        raise GroupNotFound
    return GroupFeed(group=group, is_member=is_member)


def list_group_posts(
    viewer: Member, *, group: Group, cursor: Cursor | None = None, lang: str = "en"
) -> Page:
    """A group's posts, newest first (the caller checked the viewer may read them)."""
    posts = list(
        with_details(
            Post.objects.filter(group_id=group.pk).filter(older_than(cursor)), viewer_id=viewer.pk
        )[: PAGE_SIZE + 1]
    )
    return _page(viewer, posts, page_size=PAGE_SIZE, lang=lang)


@dataclass(frozen=True, slots=True)
class Author:
    """A member as their posts page shows them, with the viewer's follow and mute."""

    member_id: int
    name: str
    headline: str
    is_followed: bool
    is_muted: bool
    is_self: bool


def get_author(viewer: Member, *, member_id: int) -> Author:
    """The member whose personal posts the viewer reads; a block answers as unknown."""
    profile = Profile.objects.filter(member_id=member_id, member__is_active=True).first()
    if profile is None or is_blocked_either_way(viewer.pk, member_id):
        raise MemberNotFound
    return Author(
        member_id=member_id,
        name=profile.full_name,
        headline=profile.headline,
        is_followed=FollowedMember.objects.filter(
            follower_id=viewer.pk, followed_id=member_id
        ).exists(),
        is_muted=Mute.objects.filter(
            member_id=viewer.pk, kind=MuteKind.MEMBER, value=str(member_id)
        ).exists(),
        is_self=viewer.pk == member_id,
    )


def list_member_posts(
    viewer: Member, *, member_id: int, cursor: Cursor | None = None, lang: str = "en"
) -> Page:
    """A member's personal posts, newest first (group posts stay in their groups)."""
    posts = list(
        with_details(
            Post.objects.filter(author_id=member_id, group__isnull=True).filter(older_than(cursor)),
            viewer_id=viewer.pk,
        )[: PAGE_SIZE + 1]
    )
    return _page(viewer, posts, page_size=PAGE_SIZE, lang=lang)


@dataclass(frozen=True, slots=True)
class TopicState:
    """The viewer's relation to a topic: following it, muting it."""

    topic: str
    is_followed: bool
    is_muted: bool


def get_topic_state(viewer: Member, *, topic: str) -> TopicState:
    """Whether the viewer follows and mutes the topic."""
    return TopicState(
        topic=topic,
        is_followed=FollowedTopic.objects.filter(follower_id=viewer.pk, topic=topic).exists(),
        is_muted=Mute.objects.filter(
            member_id=viewer.pk, kind=MuteKind.HASHTAG, value=topic
        ).exists(),
    )


@dataclass
class PostPage:
    """A post with its comments, and, for its author, who reacted how."""

    item: FeedItem
    comments: list[Comment]
    reactions: list[tuple[str, str, int]]


def get_post_page(viewer: Member, *, post_id: int, lang: str = "en") -> PostPage:
    """A post the viewer may see, its comments and (for its author only) its reactions."""
    post = get_post_for_viewer(viewer, post_id=post_id)
    items, _hidden = present(
        [post], viewer_id=viewer.pk, actions=label_actions(viewer.pk), lang=lang
    )
    if not items:
        # Hidden by the viewer's label choice: on its own page it is shown collapsed.
        actions = dict.fromkeys(post.content_labels, "collapse")
        items, _hidden = present([post], viewer_id=viewer.pk, actions=actions, lang=lang)
    attach_reactions(items, viewer.pk)
    blocked = blocked_either_way_ids(viewer.pk)
    comments = [
        c
        for c in Comment.objects.filter(post=post)
        .select_related("author__profile")
        .order_by("created_at", "id")
        if c.author_id not in blocked
    ]
    reactions: list[tuple[str, str, int]] = []
    if post.author_id == viewer.pk:
        reactions = [
            (name or "", kind, member_id)
            for member_id, name, kind in Reaction.objects.filter(post=post)
            .order_by("created_at")
            .values_list("member_id", "member__profile__full_name", "kind")
        ]
    return PostPage(item=items[0], comments=comments, reactions=reactions)


@dataclass(frozen=True, slots=True)
class MuteSettings:
    """Everything the mute settings page lists."""

    words: list[str]
    hashtags: list[str]
    members: list[tuple[int, str]]
    topics: list[str]
    filters: list[TopicFilter]


def list_mutes(member: Member) -> MuteSettings:
    """The member's mutes by kind, and the ready-made topic filters."""
    words: list[str] = []
    hashtags: list[str] = []
    members: list[tuple[int, str]] = []
    topics: list[str] = []
    for kind, value, name in (
        Mute.objects.filter(member=member)
        .order_by("kind", "value")
        .values_list("kind", "value", "muted_member__profile__full_name")
    ):
        if kind == MuteKind.WORD:
            words.append(value)
        elif kind == MuteKind.HASHTAG:
            hashtags.append(value)
        elif kind == MuteKind.MEMBER:
            members.append((int(value), name or ""))
        elif kind == MuteKind.TOPIC:
            topics.append(value)
    return MuteSettings(
        words=words,
        hashtags=hashtags,
        members=members,
        topics=topics,
        filters=list(TOPIC_FILTERS.values()),
    )


def list_followed(member: Member) -> tuple[list[tuple[int, str]], list[str]]:
    """The members and topics the member follows, by name."""
    members = [
        (member_id, name or "")
        for member_id, name in FollowedMember.objects.filter(follower=member)
        .order_by("followed__profile__full_name")
        .values_list("followed_id", "followed__profile__full_name")
    ]
    topics = list(
        FollowedTopic.objects.filter(follower=member)
        .order_by("topic")
        .values_list("topic", flat=True)
    )
    return members, topics


__all__ = [
    "get_author",
    "get_feed_settings",
    "get_group_for_posts",
    "get_post_for_viewer",
    "get_post_page",
    "get_topic_state",
    "label_actions",
    "list_followed",
    "list_group_posts",
    "list_member_posts",
    "list_mutes",
    "list_topic_posts",
]
