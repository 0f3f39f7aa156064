"""The member's feed, assembled on reading: newest first, from what they follow, with the
reasons each post is there.

Cost grows with what the member follows, never with the network (docs/feed.md):

1. one statement reads the member's sources: contacts, followed members, groups, followed
   topics, mutes and blocks (each an index range of the member's own rows);
2. one statement reads, for each source, at most ``n`` post ids older than the cursor from
   that source's index range (``feed_post_author_idx``, ``feed_post_group_idx``,
   ``feed_topic_idx``) and keeps the newest ``n`` of their union. On PostgreSQL this is a
   ``LATERAL`` join over the arrays of sources, so each source is an index probe with a
   limit (a k-way merge done by the database); elsewhere it is one ordered query over the
   same indexes, which is what SQLite at the embedded scale needs;
3. one statement reads those posts with their authors' names and groups; mutes and label
   choices are applied in Python, and when they hide posts the next ``n`` are read, at
   most ``MAX_ROUNDS`` times, so a page of many muted posts stays bounded too;
   The same statement reads the member's own reaction to each post.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

from django.db import connection, models
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.feed.labels import LabelReason, reasons_by_label
from handschlag.feed.markup import fast_reverse, render_post, topic_url
from handschlag.feed.models import (
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
)
from handschlag.feed.topics import TOPIC_FILTERS, PhraseMatcher
from handschlag.groups.models import Group, Membership, Visibility
from handschlag.moderation.models import Block
from handschlag.network.models import Connection
from handschlag.profiles.models import Profile
from handschlag.trust.text.normalise import view

#: Posts per page.
PAGE_SIZE = 20
#: How many times a page reads the next posts when mutes and labels hid some.
MAX_ROUNDS = 4


### Cursor ###


@dataclass(frozen=True, slots=True, order=True)
class Cursor:
    """A position in a newest-first list: posts strictly older than (created_at, id)."""

    created_at: datetime
    post_id: int

    def encode(self) -> str:
        micros = int(self.created_at.timestamp() * 1_000_000)
        return f"{micros}.{self.post_id}"

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        """The cursor from a ``?before=`` value; None (the first page) for anything else."""
        if not value:
            return None
        micros, _, post_id = value.partition(".")
        if not (micros.isdigit() and post_id.isdigit()) or len(micros) > 18:
            return None
        moment = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
        return cls(moment, int(post_id))

    @classmethod
    def of(cls, post: Post) -> Cursor:
        return cls(post.created_at, post.pk)


def older_than(cursor: Cursor | None) -> Q:
    """Posts before the cursor in newest-first order."""
    if cursor is None:
        return Q()
    return Q(created_at__lt=cursor.created_at) | Q(
        created_at=cursor.created_at, id__lt=cursor.post_id
    )


### Sources ###


@dataclass
class Sources:
    """What a member's feed is made of, what they keep out of it, and their label choices."""

    member_id: int
    contacts: set[int] = field(default_factory=set)
    followed: set[int] = field(default_factory=set)
    #: Group id -> (name, slug) of the member's groups.
    groups: dict[int, tuple[str, str]] = field(default_factory=dict)
    topics: set[str] = field(default_factory=set)
    blocked: set[int] = field(default_factory=set)
    muted_words: list[str] = field(default_factory=list)
    muted_hashtags: set[str] = field(default_factory=set)
    muted_members: set[int] = field(default_factory=set)
    muted_topics: list[str] = field(default_factory=list)
    #: Content label -> show, collapse or hide (missing: the default, collapse).
    actions: dict[str, str] = field(default_factory=dict)

    @property
    def authors(self) -> set[int]:
        """Whose personal posts come in: the member, their contacts, whom they follow."""
        return {self.member_id} | self.contacts | self.followed

    @property
    def may_hide(self) -> bool:
        """Whether mutes or label choices may hide posts (then a page reads ahead)."""
        return bool(
            self.muted_words
            or self.muted_hashtags
            or self.muted_members
            or self.muted_topics
            or LabelAction.HIDE in self.actions.values()
        )

    def add_mute(self, kind: str, value: str) -> None:
        if kind == MuteKind.WORD:
            self.muted_words.append(value)
        elif kind == MuteKind.HASHTAG:
            self.muted_hashtags.add(value)
        elif kind == MuteKind.MEMBER and value.isdigit():
            self.muted_members.add(int(value))
        elif kind == MuteKind.TOPIC and value in TOPIC_FILTERS:
            self.muted_topics.append(value)

    def action_for(self, label: str) -> str:
        return self.actions.get(label, LabelAction.COLLAPSE)

    @cached_property
    def word_matcher(self) -> PhraseMatcher:
        return PhraseMatcher(self.muted_words)

    def muted_by(self, post: Post) -> bool:
        """Whether one of the member's mutes matches the post (never their own posts)."""
        if post.author_id == self.member_id:
            return False
        if post.author_id in self.muted_members:
            return True
        topics = post.topics if isinstance(post.topics, list) else []
        if self.muted_hashtags.intersection(topics):
            return True
        if not (self.muted_words or self.muted_topics):
            return False
        folded = view(post.text).joined
        if self.muted_words and self.word_matcher.find(folded):
            return True
        return any(TOPIC_FILTERS[key].match(folded, topics) for key in self.muted_topics)


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _sources_sql() -> str:
    conn, follow, membership, group = (
        _table(Connection),
        _table(FollowedMember),
        _table(Membership),
        _table(Group),
    )
    topic, mute, block, prefs = (
        _table(FollowedTopic),
        _table(Mute),
        _table(Block),
        _table(FeedSettings),
    )
    label_parts = " ".join(
        f"UNION ALL SELECT 6, 0, '{label}', {label} FROM {prefs} WHERE member_id = %(m)s"  # noqa: S608
        for label in ContentLabel.values
    )
    # The labels are our own identifiers (ContentLabel), never input.
    return (
        f"SELECT 0, contact_id, '', '' FROM {conn} WHERE owner_id = %(m)s "  # noqa: S608
        f"UNION ALL SELECT 1, followed_id, '', '' FROM {follow} WHERE follower_id = %(m)s "
        f"UNION ALL SELECT 2, ms.group_id, g.name, g.slug FROM {membership} ms "
        f"JOIN {group} g ON g.id = ms.group_id WHERE ms.member_id = %(m)s "
        f"UNION ALL SELECT 3, 0, topic, '' FROM {topic} WHERE follower_id = %(m)s "
        f"UNION ALL SELECT 4, 0, kind, value FROM {mute} WHERE member_id = %(m)s "
        f"UNION ALL SELECT 5, blocked_id, '', '' FROM {block} WHERE blocker_id = %(m)s "
        f"UNION ALL SELECT 5, blocker_id, '', '' FROM {block} WHERE blocked_id = %(m)s "
        f"{label_parts}"
    )


def read_sources(member_id: int) -> Sources:
    """The member's sources, mutes, blocks and label choices in one statement (each part
    an index range of the member's own rows)."""
    sources = Sources(member_id=member_id)
    with connection.cursor() as cursor:
        cursor.execute(_sources_sql(), {"m": member_id})
        rows = cursor.fetchall()
    for tag, number, text, extra in rows:
        if tag == 0:
            sources.contacts.add(int(number))
        elif tag == 1:
            sources.followed.add(int(number))
        elif tag == 2:
            sources.groups[int(number)] = (str(text), str(extra))
        elif tag == 3:
            sources.topics.add(str(text))
        elif tag == 4:
            sources.add_mute(str(text), str(extra))
        elif tag == 5:
            sources.blocked.add(int(number))
        elif extra in LabelAction.values:
            sources.actions[str(text)] = str(extra)
    return sources


### Candidates: the newest post ids of all sources ###


#: The windows a PostgreSQL page reads, in days before the cursor; the last is unbounded.
#: A page uses the first window that holds enough posts (then the newest posts overall are
#: in it), so an active network is read two days deep and a quiet one deeper.
WINDOWS_DAYS: tuple[int | None, ...] = (2, 16, None)


def _sources_union(*, with_cursor: bool, since: str | None) -> str:
    """Every source's newest posts (older than the cursor, newer than ``since``): each
    source one probe of its own index range with a limit, never a scan of everybody's
    posts in a time range (which would grow with the network)."""
    post, topic, group = _table(Post), _table(PostTopic), _table(Group)
    before = "AND (created_at, id) < (%(at)s, %(id)s)" if with_cursor else ""
    before_t = "AND (t.created_at, t.post_id) < (%(at)s, %(id)s)" if with_cursor else ""
    after = f"AND created_at >= %({since})s" if since else ""
    after_t = f"AND t.created_at >= %({since})s" if since else ""
    return f"""
          SELECT p.id, p.created_at FROM src_a AS src
          CROSS JOIN LATERAL (
            SELECT id, created_at FROM {post}
            WHERE author_id = src.id AND group_id IS NULL {after} {before}
            ORDER BY created_at DESC, id DESC LIMIT %(n)s
          ) p
          UNION
          SELECT p.id, p.created_at FROM src_g AS src
          CROSS JOIN LATERAL (
            SELECT id, created_at FROM {post}
            WHERE group_id = src.id {after} {before}
            ORDER BY created_at DESC, id DESC LIMIT %(n)s
          ) p
          UNION
          SELECT p.post_id, p.created_at FROM src_t AS src
          CROSS JOIN LATERAL (
            SELECT t.post_id, t.created_at FROM {topic} t
            WHERE t.topic = src.topic {after_t} {before_t}
              AND (t.group_id IS NULL OR t.group_id IN (SELECT id FROM src_g)
                   OR EXISTS (SELECT 1 FROM {group} g
                              WHERE g.id = t.group_id AND g.visibility = 'public'))
            ORDER BY t.created_at DESC, t.post_id DESC LIMIT %(n)s
          ) p
    """  # noqa: S608 (table names from our models; values are parameters)


def _count_below(window: int) -> str:
    return f"(SELECT count(*) FROM w{window}) < %(n)s"  # noqa: S608 (our own CTE name)


def _candidate_sql(*, with_cursor: bool) -> str:
    """One statement over the windows: each window's part runs only when every narrower
    window held fewer than ``n`` posts (an uncorrelated ``WHERE (SELECT count(*) …) < n``
    is a one-time filter: PostgreSQL skips the part without reading anything), and the
    result is the first window that held enough, else the unbounded one."""
    # Every name put together here is our own (w0, since1, …); values are parameters.
    # The arrays of sources are bound once (the driver writes each occurrence out).
    ctes: list[str] = [
        "src_a AS (SELECT unnest(%(authors)s::bigint[]) AS id)",
        "src_g AS (SELECT unnest(%(groups)s::bigint[]) AS id)",
        "src_t AS (SELECT unnest(%(topics)s::text[]) AS topic)",
    ]
    picks: list[str] = []
    for number, days in enumerate(WINDOWS_DAYS):
        narrower = [_count_below(k) for k in range(number)]
        gate = ("WHERE " + " AND ".join(narrower)) if narrower else ""
        since = f"since{number}" if days is not None else None
        union = _sources_union(with_cursor=with_cursor, since=since)
        order = "ORDER BY created_at DESC, id DESC LIMIT %(n)s"
        ctes.append(f"w{number} AS (SELECT id, created_at FROM ({union}) u {gate} {order})")  # noqa: S608
        enough = [] if days is None else [f"NOT {_count_below(number)}"]
        pick = " AND ".join(narrower + enough)
        where = f"WHERE {pick}" if pick else ""
        picks.append(f"SELECT id, created_at FROM w{number} {where}")  # noqa: S608
    body = " UNION ALL ".join(picks)
    return f"WITH {', '.join(ctes)} SELECT id FROM ({body}) f ORDER BY created_at DESC, id DESC"  # noqa: S608


def visible_topic_rows(groups: Iterable[int]) -> Q:
    """Topic rows a member may see: personal posts, public groups' and their groups' posts."""
    return (
        Q(group__isnull=True)
        | Q(group_id__in=list(groups))
        | Q(group__visibility=Visibility.PUBLIC)
    )


def candidate_ids(sources: Sources, *, cursor: Cursor | None, n: int) -> list[int]:
    """The ids of the newest ``n`` posts older than ``cursor`` from all sources (one query)."""
    authors = sorted(sources.authors - sources.blocked)
    groups = sorted(sources.groups)
    topics = sorted(sources.topics)
    if connection.vendor == "postgresql":
        return _candidate_ids_postgresql(authors, groups, topics, cursor=cursor, n=n)
    wanted = Q(author_id__in=authors, group__isnull=True) | Q(group_id__in=groups)
    if topics:
        tagged = PostTopic.objects.filter(topic__in=topics).filter(visible_topic_rows(groups))
        wanted |= Q(pk__in=tagged.values("post_id"))
    return list(
        Post.objects.filter(wanted)
        .filter(older_than(cursor))
        .order_by("-created_at", "-id")
        .values_list("id", flat=True)[:n]
    )


def _candidate_ids_postgresql(
    authors: list[int], groups: list[int], topics: list[str], *, cursor: Cursor | None, n: int
) -> list[int]:
    # Any: the driver adapts lists to arrays, which the stubs do not describe.
    params: dict[str, Any] = {"authors": authors, "groups": groups, "topics": topics, "n": n}
    if cursor is not None:
        params.update(at=cursor.created_at, id=cursor.post_id)
    top = cursor.created_at if cursor is not None else timezone.now()
    for number, days in enumerate(WINDOWS_DAYS):
        if days is not None:
            params[f"since{number}"] = top - timedelta(days=days)
    with connection.cursor() as db:
        db.execute(_candidate_sql(with_cursor=cursor is not None), params)
        return [row[0] for row in db.fetchall()]


def with_details(posts: QuerySet[Post], *, viewer_id: int | None = None) -> QuerySet[Post]:
    """Posts with what an item shows: the author's name and headline, the group, and the
    viewer's own reaction (when ``viewer_id`` is given)."""
    profile = Profile.objects.filter(member_id=OuterRef("author_id"))
    posts = posts.select_related("group").annotate(
        author_name=Subquery(profile.values("full_name")[:1]),
        author_headline=Subquery(profile.values("headline")[:1]),
    )
    if viewer_id is not None:
        mine = Reaction.objects.filter(post_id=OuterRef("pk"), member_id=viewer_id)
        posts = posts.annotate(my_reaction=Subquery(mine.values("kind")[:1]))
    return posts.order_by("-created_at", "-id")


### Items ###


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a post is in the feed: one source that brought it."""

    kind: str  # own, contact, followed, group, topic
    text: str
    url: str = ""


@dataclass
class FeedItem:
    """One post as a page shows it."""

    post: Post
    html: SafeString
    author_name: str
    author_headline: str
    reasons: list[Reason] = field(default_factory=list)
    #: Labels the member collapses, with their reasons (empty: shown as it is).
    collapsed: list[LabelReason] = field(default_factory=list)
    my_reaction: str = ""


@dataclass
class Page:
    """A page of items, the cursor of the next one, and what the member's settings hid."""

    items: list[FeedItem]
    next_cursor: Cursor | None
    hidden_by_mutes: int = 0
    hidden_by_labels: int = 0
    #: The member's sources, when the page is their feed (the compose form lists groups).
    sources: Sources | None = None


def reasons_for(post: Post, sources: Sources) -> list[Reason]:
    """Every source that brought ``post`` into the member's feed."""
    reasons: list[Reason] = []
    if post.group_id is None:
        if post.author_id == sources.member_id:
            reasons.append(Reason("own", _("Your own post")))
        if post.author_id in sources.contacts:
            reasons.append(Reason("contact", _("From one of your contacts")))
        if post.author_id in sources.followed:
            reasons.append(Reason("followed", _("From a member you follow")))
    elif post.group_id in sources.groups:
        name, slug = sources.groups[post.group_id]
        reasons.append(
            Reason(
                "group",
                _("From your group %(group)s") % {"group": name},
                fast_reverse("feed_group", slug),
            )
        )
    topics = post.topics if isinstance(post.topics, list) else []
    reasons.extend(
        Reason(
            "topic",
            _("About #%(topic)s, a topic you follow") % {"topic": topic},
            topic_url(topic),
        )
        for topic in topics
        if topic in sources.topics
    )
    return reasons


def present(
    posts: Sequence[Post], *, viewer_id: int, actions: dict[str, str], lang: str
) -> tuple[list[FeedItem], int]:
    """Posts as items under the member's label choices; also how many the choices hid."""
    items: list[FeedItem] = []
    hidden = 0
    for post in posts:
        labels = post.content_labels if isinstance(post.content_labels, list) else []
        collapse: list[str] = []
        is_hidden = False
        if post.author_id != viewer_id:
            for label in labels:
                action = actions.get(label, LabelAction.COLLAPSE)
                if action == LabelAction.HIDE:
                    is_hidden = True
                elif action == LabelAction.COLLAPSE:
                    collapse.append(label)
        if is_hidden:
            hidden += 1
            continue
        items.append(
            FeedItem(
                post=post,
                html=render_post(post.text),
                author_name=getattr(post, "author_name", None) or "",
                author_headline=getattr(post, "author_headline", None) or "",
                collapsed=reasons_by_label(post.hits, collapse, lang) if collapse else [],
                my_reaction=getattr(post, "my_reaction", None) or "",
            )
        )
    return items, hidden


def attach_reactions(items: list[FeedItem], viewer_id: int) -> None:
    """Fill in the member's own reaction on each item (one query)."""
    if not items:
        return
    mine = dict(
        Reaction.objects.filter(
            member_id=viewer_id, post_id__in=[i.post.pk for i in items]
        ).values_list("post_id", "kind")
    )
    for item in items:
        item.my_reaction = mine.get(item.post.pk, "")


def list_feed(
    member: Member, *, cursor: Cursor | None = None, lang: str = "en", page_size: int = PAGE_SIZE
) -> Page:
    """The member's feed page older than ``cursor``: newest first, each item with its
    reasons; muted posts and posts with hidden labels are counted, not shown."""
    sources = read_sources(member.pk)
    items: list[FeedItem] = []
    hidden_mutes = hidden_labels = 0
    # What was hidden before the page's last item; later ones count on the next page.
    counted: tuple[int, int] | None = None
    position = cursor
    exhausted = False
    for _round in range(MAX_ROUNDS):
        want = page_size + 1 - len(items)
        # Read a little more than the page when mutes may hide some.
        n = want + (want if sources.may_hide else 0)
        ids = candidate_ids(sources, cursor=position, n=n)
        posts = (
            list(with_details(Post.objects.filter(pk__in=ids), viewer_id=member.pk)) if ids else []
        )
        exhausted = len(ids) < n
        for post in posts:
            if len(items) > page_size:
                break
            position = Cursor.of(post)
            if post.author_id in sources.blocked:
                continue
            if sources.muted_by(post):
                hidden_mutes += 1
                continue
            shown, hid = present([post], viewer_id=member.pk, actions=sources.actions, lang=lang)
            hidden_labels += hid
            for item in shown:
                item.reasons = reasons_for(post, sources)
                items.append(item)
                if len(items) == page_size:
                    counted = (hidden_mutes, hidden_labels)
        if len(items) > page_size or exhausted:
            break
    next_cursor: Cursor | None = None
    if len(items) > page_size:
        # The extra item proves there is more; the next page starts after the last shown.
        items = items[:page_size]
        next_cursor = Cursor.of(items[-1].post)
        if counted is not None:
            hidden_mutes, hidden_labels = counted
    elif not exhausted and position is not None:
        next_cursor = position
    return Page(
        items=items,
        next_cursor=next_cursor,
        hidden_by_mutes=hidden_mutes,
        hidden_by_labels=hidden_labels,
        sources=sources,
    )
