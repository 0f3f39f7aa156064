"""Every write about posts and the feed: posts (judged by the engine when written or
edited), comments, reactions, follows, mutes and the member's label choices."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.feed.cases import build_post_case
from handschlag.feed.errors import (
    CannotFollowSelf,
    CommentNotFound,
    EmptyText,
    InvalidChoice,
    MemberNotFound,
    NotAGroupMember,
    NotTheAuthor,
    PostNotFound,
    TextTooLong,
)
from handschlag.feed.labels import labels_of, post_hits
from handschlag.feed.markup import extract_topics, is_topic, normalise_topic
from handschlag.feed.models import (
    COMMENT_MAX_LENGTH,
    POST_MAX_LENGTH,
    Comment,
    ContentLabel,
    FeedSettings,
    FollowedMember,
    FollowedTopic,
    LabelAction,
    Mute,
    MuteKind,
    Post,
    PostTopic,
    Reaction,
    ReactionKind,
)
from handschlag.feed.queries import get_post_for_viewer
from handschlag.feed.topics import TOPIC_FILTERS, fold_phrase
from handschlag.groups.errors import GroupNotFound
from handschlag.groups.models import Group, Membership
from handschlag.moderation.blocks import is_blocked_either_way
from handschlag.network.engine import get_engine

#: Words shorter than this cannot be muted (they would hide almost everything).
MIN_MUTED_WORD = 2
#: How many mutes of each kind a member may keep (the feed applies them all on every page).
MAX_MUTES = 200


### Posts ###


def _clean_text(text: str, *, limit: int) -> str:
    text = text.strip()
    if not text:
        raise EmptyText
    if len(text) > limit:
        raise TextTooLong(limit)
    return text


def _judge(
    author: Member, text: str, *, now: datetime
) -> tuple[str, float, list[dict[str, object]]]:
    """The engine's verdict on the text, plus the post rules (``feed.labels``)."""
    engine = get_engine()
    case = build_post_case(author, text=text, now=now)
    verdict = engine.evaluate(case)
    return verdict.label.value, verdict.score, post_hits(text, verdict, engine.analyse(case))


def _write_topics(post: Post) -> None:
    PostTopic.objects.filter(post=post).delete()
    PostTopic.objects.bulk_create(
        PostTopic(post=post, topic=topic, group_id=post.group_id, created_at=post.created_at)
        for topic in post.topics
    )


@transaction.atomic(durable=True)
def create_post(
    author: Member, *, text: str, group_id: int | None = None, now: datetime | None = None
) -> Post:
    """Publish a post, personal or in a group the author belongs to, labelled by the engine."""
    now = now or timezone.now()
    text = _clean_text(text, limit=POST_MAX_LENGTH)
    if group_id is not None:
        group = Group.objects.filter(pk=group_id).first()
        if group is None:
            raise GroupNotFound
        if not Membership.objects.filter(group_id=group_id, member_id=author.pk).exists():
            if group.is_closed:
                raise GroupNotFound
            raise NotAGroupMember
    label, score, hits = _judge(author, text, now=now)
    post = Post.objects.create(
        author=author,
        group_id=group_id,
        text=text,
        topics=extract_topics(text),
        label=label,
        score=score,
        hits=hits,
        content_labels=labels_of(hits),
        created_at=now,
    )
    _write_topics(post)
    return post


def _own_post(author: Member, post_id: int, *, lock: bool = False) -> Post:
    posts = Post.objects.select_for_update() if lock else Post.objects.all()
    post = posts.filter(pk=post_id).first()
    if post is None:
        raise PostNotFound
    if post.author_id != author.pk:
        raise NotTheAuthor
    return post


@transaction.atomic(durable=True)
def edit_post(author: Member, *, post_id: int, text: str, now: datetime | None = None) -> Post:
    """Change the text of one's own post; it is judged again and shows "edited"."""
    now = now or timezone.now()
    post = _own_post(author, post_id, lock=True)
    text = _clean_text(text, limit=POST_MAX_LENGTH)
    if text == post.text:
        return post
    post.label, post.score, post.hits = _judge(author, text, now=now)
    post.text = text
    post.topics = extract_topics(text)
    post.content_labels = labels_of(post.hits)
    post.edited_at = now
    post.save()
    _write_topics(post)
    return post


@transaction.atomic(durable=True)
def delete_post(author: Member, *, post_id: int) -> None:
    """Delete one's own post with its comments, reactions and topics."""
    _own_post(author, post_id).delete()


### Comments and reactions ###


@transaction.atomic(durable=True)
def add_comment(member: Member, *, post_id: int, text: str, now: datetime | None = None) -> Comment:
    """Comment on a post the member may see."""
    post = get_post_for_viewer(member, post_id=post_id)
    text = _clean_text(text, limit=COMMENT_MAX_LENGTH)
    return Comment.objects.create(
        post=post, author=member, text=text, created_at=now or timezone.now()
    )


@transaction.atomic(durable=True)
def delete_comment(member: Member, *, comment_id: int) -> None:
    """Delete a comment: its author may, and so may the author of the post it is under."""
    comment = (
        Comment.objects.filter(pk=comment_id)
        .filter(Q(author_id=member.pk) | Q(post__author_id=member.pk))
        .first()
    )
    if comment is None:
        raise CommentNotFound
    comment.delete()


@transaction.atomic(durable=True)
def react(member: Member, *, post_id: int, kind: str) -> Reaction | None:
    """Set the member's one reaction to a post; an empty ``kind`` takes it back."""
    post = get_post_for_viewer(member, post_id=post_id)
    if not kind:
        Reaction.objects.filter(post=post, member=member).delete()
        return None
    if kind not in ReactionKind.values:
        raise InvalidChoice(_("Please choose one of the reactions."))
    reaction, _created = Reaction.objects.update_or_create(
        post=post, member=member, defaults={"kind": kind, "created_at": timezone.now()}
    )
    return reaction


### Follows ###


def _other_member(member: Member, other_id: int) -> Member:
    if other_id == member.pk:
        raise CannotFollowSelf
    other = Member.objects.filter(pk=other_id, is_active=True).first()
    if other is None or is_blocked_either_way(member.pk, other_id):
        raise MemberNotFound
    return other


@transaction.atomic(durable=True)
def follow_member(member: Member, *, member_id: int) -> FollowedMember:
    """Follow another member's personal posts (no connection needed, nothing asked)."""
    other = _other_member(member, member_id)
    follow, _created = FollowedMember.objects.get_or_create(follower=member, followed=other)
    return follow


@transaction.atomic(durable=True)
def unfollow_member(member: Member, *, member_id: int) -> None:
    """Stop following a member (contacts stay in the feed: they are a source of their own)."""
    FollowedMember.objects.filter(follower=member, followed_id=member_id).delete()


def _topic(value: str) -> str:
    topic = normalise_topic(value)
    if not is_topic(topic):
        raise InvalidChoice(_("A topic is a hashtag: letters, digits, “_” and “-”."))
    return topic


@transaction.atomic(durable=True)
def follow_topic(member: Member, *, topic: str) -> FollowedTopic:
    """Follow a topic (hashtag): its posts come into the member's feed."""
    follow, _created = FollowedTopic.objects.get_or_create(follower=member, topic=_topic(topic))
    return follow


@transaction.atomic(durable=True)
def unfollow_topic(member: Member, *, topic: str) -> None:
    """Stop following a topic."""
    FollowedTopic.objects.filter(follower=member, topic=normalise_topic(topic)).delete()


### Mutes and label settings ###


def _mute_value(member: Member, kind: str, value: str) -> tuple[str, Member | None]:
    value = value.strip()
    if kind == MuteKind.WORD:
        folded = fold_phrase(value.rstrip("*"))
        if len(folded) < MIN_MUTED_WORD:
            raise InvalidChoice(_("Please enter a word of at least two letters."))
        return folded[:64], None
    if kind == MuteKind.HASHTAG:
        return _topic(value), None
    if kind == MuteKind.TOPIC:
        if value not in TOPIC_FILTERS:
            raise InvalidChoice(_("There is no such topic filter."))
        return value, None
    if kind == MuteKind.MEMBER:
        try:
            other_id = int(value)
        except ValueError:
            raise MemberNotFound from None
        other = _other_member(member, other_id)
        return str(other.pk), other
    raise InvalidChoice(_("There is no such kind of mute."))


@transaction.atomic(durable=True)
def mute(member: Member, *, kind: str, value: str) -> Mute:
    """Mute a word, hashtag, member or ready-made topic in the member's feed."""
    value, other = _mute_value(member, kind, value)
    if Mute.objects.filter(member=member, kind=kind).count() >= MAX_MUTES:
        raise InvalidChoice(
            _("You have reached the limit of %(count)d mutes of this kind.") % {"count": MAX_MUTES}
        )
    try:
        with transaction.atomic():
            return Mute.objects.create(member=member, kind=kind, value=value, muted_member=other)
    except IntegrityError:
        return Mute.objects.get(member=member, kind=kind, value=value)


@transaction.atomic(durable=True)
def unmute(member: Member, *, kind: str, value: str) -> None:
    """Take a mute back (the value as stored, e.g. a topic filter's key or a member's id)."""
    Mute.objects.filter(member=member, kind=kind, value=value).delete()


@transaction.atomic(durable=True)
def save_feed_settings(member: Member, *, actions: dict[str, str]) -> FeedSettings:
    """Store the member's choice (show, collapse, hide) for each content label."""
    settings_, _created = FeedSettings.objects.get_or_create(member=member)
    for label, action in actions.items():
        if action not in LabelAction.values or label not in ContentLabel.values:
            raise InvalidChoice(_("Please choose show, collapse or hide."))
        setattr(settings_, label, action)
    settings_.save()
    return settings_


__all__ = [
    "add_comment",
    "create_post",
    "delete_comment",
    "delete_post",
    "edit_post",
    "follow_member",
    "follow_topic",
    "mute",
    "react",
    "save_feed_settings",
    "unfollow_member",
    "unfollow_topic",
    "unmute",
]
