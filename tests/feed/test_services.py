"""Posting, editing, deleting, comments, reactions, follows and the engine's labels."""

import pytest

from handschlag.feed.errors import (
    CommentNotFound,
    EmptyText,
    NotAGroupMember,
    NotTheAuthor,
    PostNotFound,
)
from handschlag.feed.models import Comment, PostTopic, Reaction
from handschlag.feed.services import (
    add_comment,
    create_post,
    delete_comment,
    delete_post,
    edit_post,
    react,
)
from handschlag.groups.errors import GroupNotFound


def test_a_post_keeps_its_hashtags_as_topics(anna):
    post = create_post(anna, text="Neue Fristen für #Lohnsteuer und #DATEV, siehe #lohnsteuer")
    assert post.topics == ["lohnsteuer", "datev"]
    assert set(PostTopic.objects.filter(post=post).values_list("topic", flat=True)) == {
        "lohnsteuer",
        "datev",
    }


def test_an_address_with_a_fragment_is_no_hashtag(anna):
    post = create_post(anna, text="Siehe https://example.org/steuer#fristen")
    assert post.topics == []


def test_an_empty_post_is_refused(anna):
    with pytest.raises(EmptyText) as refused:
        create_post(anna, text="   ")
    assert refused.value.message == "Please write something first."


def test_only_members_post_in_a_group(bernd, handwerk, stammtisch):
    with pytest.raises(NotAGroupMember) as refused:
        create_post(bernd, text="Hallo", group_id=handwerk.pk)
    assert refused.value.message == "Only members of this group can post in it."
    # A closed group answers as if it did not exist.
    with pytest.raises(GroupNotFound):
        create_post(bernd, text="Hallo", group_id=stammtisch.pk)


def test_the_author_edits_and_the_post_says_so(anna, bernd):
    post = create_post(anna, text="Kurz notiert #steuern")
    with pytest.raises(NotTheAuthor):
        edit_post(bernd, post_id=post.pk, text="gekapert")
    edited = edit_post(anna, post_id=post.pk, text="Kurz notiert #lohn")
    assert edited.is_edited
    assert edited.topics == ["lohn"]
    assert list(PostTopic.objects.filter(post=post).values_list("topic", flat=True)) == ["lohn"]


def test_the_author_deletes_with_comments_and_reactions(anna, bernd):
    post = create_post(anna, text="Ein Update")
    add_comment(bernd, post_id=post.pk, text="Glückwunsch!")
    react(bernd, post_id=post.pk, kind="congrats")
    with pytest.raises(PostNotFound):
        delete_post(bernd, post_id=post.pk)
    delete_post(anna, post_id=post.pk)
    assert not Comment.objects.exists()
    assert not Reaction.objects.exists()


def test_comments_are_removed_by_their_author_or_the_posts_author(anna, bernd, clara):
    post = create_post(anna, text="Ein Update")
    first = add_comment(bernd, post_id=post.pk, text="Eins")
    second = add_comment(clara, post_id=post.pk, text="Zwei")
    with pytest.raises(CommentNotFound):
        delete_comment(clara, comment_id=first.pk)
    delete_comment(bernd, comment_id=first.pk)
    delete_comment(anna, comment_id=second.pk)
    assert not Comment.objects.exists()


def test_one_reaction_per_member_and_post(anna, bernd):
    post = create_post(anna, text="Ein Update")
    react(bernd, post_id=post.pk, kind="helpful")
    react(bernd, post_id=post.pk, kind="congrats")
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["congrats"]
    react(bernd, post_id=post.pk, kind="")
    assert not Reaction.objects.exists()


def test_nobody_outside_a_closed_group_comments_or_reacts(anna, clara, stammtisch):
    post = create_post(clara, text="Intern", group_id=stammtisch.pk)
    with pytest.raises(PostNotFound):
        add_comment(anna, post_id=post.pk, text="Hallo")
    with pytest.raises(PostNotFound):
        react(anna, post_id=post.pk, kind="helpful")


### Labels, in both languages ###


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Wie mögt ihr eure Eier \u2013 hart oder weich?", "engagement_bait"),
        ("Wer stimmt zu? Kommentiert mit JA!", "engagement_bait"),
        ("Coffee or tea? Tell me below!", "engagement_bait"),
        ("Do you agree? Like if you agree!", "engagement_bait"),
        ("#erfolg #motivation #mindset #business #leadership #karriere Heute!", "hashtag_spam"),
        ("#success #growth #mindset Monday!", "hashtag_spam"),
        ("Mein neues Buch ist da! Jetzt bestellen, Link in der Bio.", "self_promotion"),
        ("My new course is live. Book a free call, discount code SPRING.", "self_promotion"),
    ],
)
def test_the_engine_labels_posts(anna, text, label):
    post = create_post(anna, text=text)
    assert label in post.content_labels
    assert any(h["code"] for h in post.hits)


@pytest.mark.parametrize(
    "text",
    [
        "Nach zehn Jahren bei Becker & Partner beginne ich im Mai als Partnerin. Danke an alle!",
        "We shipped the new payroll export today; thanks to the team for two careful months.",
        "Kurzer Hinweis: die neuen #Lohnsteuer Tabellen sind online, gut erklärt beim BMF.",
    ],
)
def test_genuine_updates_carry_no_label(anna, text):
    assert create_post(anna, text=text).content_labels == []
