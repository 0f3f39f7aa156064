"""Posts, their comments and reactions, what a member follows and mutes, and their choices
for the engine's content labels.

The feed is assembled on reading (``feed.timeline``): each source a member follows is one
index range (``feed_post_author_idx``, ``feed_post_group_idx``, ``feed_topic_idx``) read
newest first with a limit, and the ranges are merged. See docs/feed.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import Triaged

__all__ = [
    "Comment",
    "ContentLabel",
    "FeedSettings",
    "FollowedMember",
    "FollowedTopic",
    "LabelAction",
    "Mute",
    "MuteKind",
    "Post",
    "PostTopic",
    "Reaction",
    "ReactionKind",
]

#: The longest post, comment and hashtag a member can write.
POST_MAX_LENGTH = 3000
COMMENT_MAX_LENGTH = 1500
TOPIC_MAX_LENGTH = 64


class ContentLabel(models.TextChoices):
    """Kinds of post the engine labels when it is written; each member decides what to do."""

    SELF_PROMOTION = "self_promotion", _("Self-promotion")
    HASHTAG_SPAM = "hashtag_spam", _("Hashtag spam")
    ENGAGEMENT_BAIT = "engagement_bait", _("Engagement bait")


class LabelAction(models.TextChoices):
    """What the feed does with a post that carries a content label."""

    SHOW = "show", _("Show")
    COLLAPSE = "collapse", _("Collapse, with the reasons")
    HIDE = "hide", _("Hide")


class Post(Triaged):
    """A member's post: plain text with links and hashtags, personal or in a group.

    ``topics`` are the post's hashtags, case-folded, in order of appearance; they are
    copied into ``PostTopic`` rows so that a topic is one index range. ``content_labels``
    are the labels derived from the engine's hits when the post was written or edited.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="posts",
        verbose_name=_("author"),
    )
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("group"),
        # feed_post_group_idx serves every lookup by group; a plain index would also hold
        # a NULL for every personal post.
        db_index=False,
    )
    text = models.TextField(_("text"), max_length=POST_MAX_LENGTH)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    content_labels = models.JSONField(_("content labels"), default=list, blank=True)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            # A member's personal posts, newest first: the contact and follow sources.
            models.Index(
                fields=["author", "created_at", "id"],
                name="feed_post_author_idx",
                condition=Q(group__isnull=True),
            ),
            # A group's posts, newest first: the group source and the group's page.
            models.Index(
                fields=["group", "created_at", "id"],
                name="feed_post_group_idx",
                condition=Q(group__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_id}: {self.text[:40]}"

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None


class PostTopic(models.Model):
    """One hashtag of a post, with the post's time and group copied for the topic's range."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="topic_rows", verbose_name=_("post")
    )
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX_LENGTH)
    #: Copied from the post, so a topic page can leave out closed groups without a join.
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("group"),
    )
    created_at = models.DateTimeField(_("written at"))

    class Meta:
        verbose_name = _("post topic")
        verbose_name_plural = _("post topics")
        constraints = [
            models.UniqueConstraint(fields=["post", "topic"], name="feed_post_topic_unique"),
        ]
        indexes = [
            models.Index(fields=["topic", "created_at", "post"], name="feed_topic_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.topic} ({self.post_id})"


class Comment(models.Model):
    """A comment under a post; comments are flat, in the order they were written."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="comments", verbose_name=_("post")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="post_comments",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["post", "created_at"], name="feed_comment_post_idx")]

    def __str__(self) -> str:
        return f"{self.author_id} on {self.post_id}"


class ReactionKind(models.TextChoices):
    """The few reactions a member can leave; nobody ranks anything by them."""

    HELPFUL = "helpful", _("Helpful")
    CONGRATS = "congrats", _("Congratulations")
    THANKS = "thanks", _("Thank you")
    INSIGHTFUL = "insightful", _("Good point")


class Reaction(models.Model):
    """One member's reaction to a post (at most one per member and post)."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="reactions", verbose_name=_("post")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="post_reactions",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("reaction"), max_length=12, choices=ReactionKind.choices)
    created_at = models.DateTimeField(_("reacted at"), default=timezone.now)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="feed_reaction_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.post_id}"


class FollowedMember(models.Model):
    """A member follows another member's personal posts without being connected."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followed_members",
        verbose_name=_("follower"),
    )
    followed = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("followed member"),
    )
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)

    class Meta:
        verbose_name = _("followed member")
        verbose_name_plural = _("followed members")
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="feed_follow_unique"),
            models.CheckConstraint(
                condition=~Q(follower=models.F("followed")), name="feed_follow_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} follows {self.followed_id}"


class FollowedTopic(models.Model):
    """A member follows a topic (a hashtag, case-folded)."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followed_topics",
        verbose_name=_("follower"),
    )
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX_LENGTH)
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)

    class Meta:
        verbose_name = _("followed topic")
        verbose_name_plural = _("followed topics")
        constraints = [
            models.UniqueConstraint(fields=["follower", "topic"], name="feed_topic_follow_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} follows #{self.topic}"


class MuteKind(models.TextChoices):
    """What a mute matches."""

    WORD = "word", _("Word")
    HASHTAG = "hashtag", _("Hashtag")
    MEMBER = "member", _("Member")
    TOPIC = "topic", _("Topic filter")


class Mute(models.Model):
    """Something a member does not want in their feed: a word, a hashtag, a member or one
    of the ready-made topic filters (``feed.topics.TOPIC_FILTERS``).

    ``value`` is the folded word, the hashtag without ``#``, the filter's key, or the
    muted member's id; ``muted_member`` keeps the member mute tied to the account, so it
    goes when either account is deleted.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feed_mutes",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=MuteKind.choices)
    value = models.CharField(_("muted"), max_length=TOPIC_MAX_LENGTH)
    muted_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("muted member"),
    )
    created_at = models.DateTimeField(_("muted since"), default=timezone.now)

    class Meta:
        verbose_name = _("mute")
        verbose_name_plural = _("mutes")
        constraints = [
            models.UniqueConstraint(fields=["member", "kind", "value"], name="feed_mute_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} mutes {self.kind} {self.value}"


class FeedSettings(models.Model):
    """What a member's feed does with each content label (defaults when never saved)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="feed_settings",
        verbose_name=_("member"),
    )
    self_promotion = models.CharField(
        _("Self-promotion"),
        max_length=8,
        choices=LabelAction.choices,
        default=LabelAction.COLLAPSE,
    )
    hashtag_spam = models.CharField(
        _("Hashtag spam"), max_length=8, choices=LabelAction.choices, default=LabelAction.COLLAPSE
    )
    engagement_bait = models.CharField(
        _("Engagement bait"),
        max_length=8,
        choices=LabelAction.choices,
        default=LabelAction.COLLAPSE,
    )

    class Meta:
        verbose_name = _("feed settings")
        verbose_name_plural = _("feed settings")

    def __str__(self) -> str:
        return str(_("Feed settings"))

    def action_for(self, label: str) -> str:
        """The member's choice for one content label (show for a label we do not know)."""
        if label not in ContentLabel.values:
            return LabelAction.SHOW.value
        return str(getattr(self, label))
