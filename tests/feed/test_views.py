"""The feed's pages: forms post and come back, refusals read as the member expects, and
nobody reaches another member's post to change it."""

from html.parser import HTMLParser

import nh3
import pytest

from handschlag.feed.markup import render_post
from handschlag.feed.models import Comment, FollowedMember, FollowedTopic, Mute, Post, Reaction
from handschlag.feed.services import create_post


def test_publish_edit_and_delete_through_the_pages(anna, client_for):
    client = client_for(anna)
    response = client.post("/feed/posts/new/", {"text": "Hallo #Steuern"})
    assert response.status_code == 302
    post = Post.objects.get()
    assert client.get(f"/feed/posts/{post.pk}/edit/").status_code == 200
    client.post(f"/feed/posts/{post.pk}/edit/", {"text": "Hallo #Lohn"})
    body = client.get(f"/feed/posts/{post.pk}/").content.decode()
    assert 'data-testid="edited"' in body
    assert 'href="/feed/topics/lohn/"' in body
    client.post(f"/feed/posts/{post.pk}/delete/")
    assert not Post.objects.exists()


def test_another_members_post_cannot_be_changed(anna, bernd, client_for):
    post = create_post(anna, text="Meins")
    client = client_for(bernd)
    assert client.get(f"/feed/posts/{post.pk}/edit/").status_code == 404
    assert client.post(f"/feed/posts/{post.pk}/edit/", {"text": "Seins"}).status_code == 404
    assert client.post(f"/feed/posts/{post.pk}/delete/").status_code == 404
    post.refresh_from_db()
    assert post.text == "Meins"


def test_state_changes_need_post(anna, client_for):
    post = create_post(anna, text="Ein Update")
    client = client_for(anna)
    for url in (
        f"/feed/posts/{post.pk}/delete/",
        f"/feed/posts/{post.pk}/react/",
        "/feed/topics/lohn/follow/",
        "/feed/settings/mutes/",
    ):
        assert client.get(url).status_code == 405
    assert Post.objects.exists()


def test_pages_need_login(client, anna):
    post = create_post(anna, text="Ein Update")
    for url in ("/feed/", f"/feed/posts/{post.pk}/", "/feed/topics/lohn/", "/feed/settings/"):
        assert client.get(url).status_code == 302


def test_comment_react_and_the_author_sees_who(anna, bernd, client_for):
    post = create_post(anna, text="Ein Update")
    bernds = client_for(bernd)
    bernds.post(f"/feed/posts/{post.pk}/comments/", {"text": "Glückwunsch!"})
    bernds.post(f"/feed/posts/{post.pk}/react/", {"kind": "congrats", "next": "/feed/"})
    assert Comment.objects.get().text == "Glückwunsch!"
    assert Reaction.objects.get().kind == "congrats"
    assert 'data-testid="reactions"' not in bernds.get(f"/feed/posts/{post.pk}/").content.decode()
    annas = client_for(anna).get(f"/feed/posts/{post.pk}/").content.decode()
    assert 'data-testid="reactions"' in annas
    assert "Bernd Wagner" in annas
    assert "Congratulations" in annas


def test_follow_and_mute_buttons(anna, clara, client_for):
    client = client_for(anna)
    client.post(f"/feed/members/{clara.pk}/follow/")
    client.post("/feed/topics/Lohnsteuer/follow/")
    client.post("/feed/settings/mutes/", {"kind": "hashtag", "value": "#Politik"})
    client.post("/feed/settings/mutes/", {"kind": "member", "value": str(clara.pk)})
    client.post("/feed/settings/mutes/", {"kind": "topic", "value": "politics"})
    assert FollowedMember.objects.filter(follower=anna, followed=clara).exists()
    assert FollowedTopic.objects.get(follower=anna).topic == "lohnsteuer"
    assert set(Mute.objects.values_list("kind", "value")) == {
        ("hashtag", "politik"),
        ("member", str(clara.pk)),
        ("topic", "politics"),
    }
    client.post("/feed/settings/mutes/", {"kind": "topic", "value": "politics", "action": "unmute"})
    assert not Mute.objects.filter(kind="topic").exists()


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "There is no such topic filter."),
        ("de", "Diesen Themenfilter gibt es nicht."),
    ],
)
def test_refusals_in_both_languages(anna, client_for, lang, message):
    client = client_for(anna, HTTP_ACCEPT_LANGUAGE=lang)
    response = client.post(
        "/feed/settings/mutes/", {"kind": "topic", "value": "sport"}, follow=True
    )
    assert message in response.content.decode()


def test_a_blocked_member_answers_as_unknown(anna, clara, client_for):
    from handschlag.moderation.blocks import block_member

    post = create_post(clara, text="Hallo")
    block_member(clara, blocked_id=anna.pk)
    client = client_for(anna)
    assert client.get(f"/feed/members/{clara.pk}/").status_code == 404
    assert client.get(f"/feed/posts/{post.pk}/").status_code == 404
    assert client.post(f"/feed/members/{clara.pk}/follow/").status_code == 404


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a> javascript:alert(2)',
        '#<img/src=x onerror=alert(1)> https://x.org/"onmouseover=alert(1)',
        'www.example.org/<svg onload=alert(1)> #tag"><script>',
    ],
)
def test_rendering_is_inert_and_idempotent(text):
    html = str(render_post(text))
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag == "a"
        for name, value in attrs:
            assert name in ("href", "rel")
            assert not (value or "").lower().startswith("javascript")
    options = {"tags": {"a"}, "attributes": {"a": {"href"}}, "link_rel": "nofollow noopener ugc"}
    assert nh3.clean(html, **options) == html
