"""Mutes, follows and the label settings through the API: the settings page's services,
the page's field messages in the member's language, and 404 for a member a block stands
between, exactly like one who does not exist."""

from django.contrib.auth import get_user_model
from django.test import Client

from handschlag.feed import services as feed_services
from handschlag.feed.models import FeedSettings, FollowedMember, FollowedTopic, Mute
from handschlag.moderation.blocks import block_member

from .conftest import API, make_member


def _json(client: Client, method: str, path: str, body: object | None = None):
    return getattr(client, method)(f"{API}{path}", body or {}, content_type="application/json")


def test_the_settings_list_labels_mutes_filters_and_follows(anna, bernd, api_for):
    feed_services.follow_topic(anna, topic="steuern")
    settings = api_for(anna).get(f"{API}/feed/settings")
    assert settings.status_code == 200
    body = settings.json()
    assert body["labels"] == {
        "self_promotion": "collapse",
        "hashtag_spam": "collapse",
        "engagement_bait": "collapse",
    }
    assert body["mutes"]["words"] == []
    assert [f["key"] for f in body["mutes"]["filters"]] == ["politics"]
    assert body["mutes"]["filters"][0]["muted"] is False
    assert body["following"] == {"members": [], "topics": ["steuern"]}


def test_a_member_mutes_and_unmutes_words_hashtags_members_and_politics(anna, clara, api_for):
    client = api_for(anna)
    for kind, value in (
        ("word", "Gewinnspiel"),
        ("hashtag", "#Krypto"),
        ("member", str(clara.pk)),
        ("topic", "politics"),
    ):
        added = _json(client, "post", "/feed/mutes", {"kind": kind, "value": value})
        assert added.status_code == 201, (kind, added.content)
    mutes = added.json()["mutes"]
    assert mutes["words"] == ["gewinnspiel"]
    assert mutes["hashtags"] == ["krypto"]
    assert mutes["members"] == [{"member_id": clara.pk, "full_name": "Clara Vogt"}]
    assert mutes["topics"] == ["politics"]
    assert mutes["filters"][0]["muted"] is True
    assert Mute.objects.filter(member=anna).count() == 4

    removed = client.delete(f"{API}/feed/mutes?kind=hashtag&value=%23Krypto")
    assert removed.status_code == 200
    assert removed.json()["mutes"]["hashtags"] == []
    client.delete(f"{API}/feed/mutes?kind=topic&value=politics")
    client.delete(f"{API}/feed/mutes?kind=member&value={clara.pk}")
    assert set(Mute.objects.filter(member=anna).values_list("kind", flat=True)) == {"word"}


def test_muting_a_blocked_or_unknown_member_is_the_same_404(anna, api_for):
    egon = make_member("egon.ernst@example.org", "Egon Ernst")
    block_member(egon, blocked_id=anna.pk)
    client = api_for(anna)
    blocked = _json(client, "post", "/feed/mutes", {"kind": "member", "value": str(egon.pk)})
    unknown = _json(client, "post", "/feed/mutes", {"kind": "member", "value": "999999"})
    nonsense = _json(client, "post", "/feed/mutes", {"kind": "member", "value": "9" * 40})
    assert blocked.status_code == unknown.status_code == nonsense.status_code == 404
    assert blocked.json() == unknown.json() == nonsense.json()
    assert not Mute.objects.filter(member=anna).exists()


def test_a_mute_that_does_not_fit_is_refused_in_the_members_language(anna, api_for):
    get_user_model().objects.filter(pk=anna.pk).update(language="de")
    client = api_for(anna)
    too_short = _json(client, "post", "/feed/mutes", {"kind": "word", "value": "x"})
    assert too_short.status_code == 422
    assert too_short.json()["errors"] == [
        {
            "field": "value",
            "message": "Bitte geben Sie ein Wort mit mindestens zwei Buchstaben ein.",
        }
    ]
    too_long = _json(client, "post", "/feed/mutes", {"kind": "word", "value": "a" * 65})
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "value"
    assert "höchstens 64 Zeichen" in too_long.json()["errors"][0]["message"]
    no_filter = _json(client, "post", "/feed/mutes", {"kind": "topic", "value": "sport"})
    assert no_filter.status_code == 422
    assert no_filter.json()["detail"] == "Diesen Themenfilter gibt es nicht."
    wrong_kind = _json(client, "post", "/feed/mutes", {"kind": "mood", "value": "grumpy"})
    assert wrong_kind.status_code == 422
    assert wrong_kind.json()["errors"] == [
        {"field": "kind", "message": "Wählen Sie einen der erlaubten Werte."}
    ]


def test_label_settings_change_only_the_labels_sent(anna, api_for):
    client = api_for(anna)
    saved = _json(client, "patch", "/feed/settings/labels", {"engagement_bait": "hide"})
    assert saved.status_code == 200
    assert saved.json()["labels"] == {
        "self_promotion": "collapse",
        "hashtag_spam": "collapse",
        "engagement_bait": "hide",
    }
    assert FeedSettings.objects.get(member=anna).engagement_bait == "hide"
    refused = _json(client, "patch", "/feed/settings/labels", {"hashtag_spam": "burn"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "hashtag_spam"


def test_a_member_follows_and_unfollows_members_and_topics(anna, clara, api_for):
    client = api_for(anna)
    followed = client.post(f"{API}/members/{clara.pk}/follow")
    assert followed.status_code == 200
    assert followed.json()["following"]["members"] == [
        {"member_id": clara.pk, "full_name": "Clara Vogt"}
    ]
    topic = client.post(f"{API}/topics/Lohnsteuer/follow")
    assert topic.status_code == 200
    assert topic.json()["following"]["topics"] == ["lohnsteuer"]
    assert FollowedTopic.objects.filter(follower=anna, topic="lohnsteuer").exists()

    assert client.delete(f"{API}/members/{clara.pk}/follow").status_code == 200
    assert client.delete(f"{API}/topics/lohnsteuer/follow").json()["following"] == {
        "members": [],
        "topics": [],
    }
    assert not FollowedMember.objects.filter(follower=anna).exists()


def test_following_a_blocked_member_is_a_404_and_a_bad_topic_a_field_error(anna, api_for):
    egon = make_member("egon.ernst@example.org", "Egon Ernst")
    block_member(anna, blocked_id=egon.pk)
    client = api_for(anna)
    assert client.post(f"{API}/members/{egon.pk}/follow").status_code == 404
    assert client.post(f"{API}/members/999999/follow").status_code == 404
    assert not FollowedMember.objects.filter(follower=anna).exists()
    bad = client.post(f"{API}/topics/no%20spaces/follow")
    assert bad.status_code == 422
    assert client.post(f"{API}/members/{anna.pk}/follow").status_code == 400


def test_settings_are_each_members_own(anna, clara, api_for):
    """Nothing in the settings names another member's objects: Clara's settings stay hers."""
    feed_services.mute(clara, kind="word", value="Steuern")
    feed_services.follow_topic(clara, topic="personal")
    mine = api_for(anna).get(f"{API}/feed/settings").json()
    assert mine["mutes"]["words"] == [] and mine["following"]["topics"] == []
    api_for(anna).delete(f"{API}/feed/mutes?kind=word&value=steuern")
    assert Mute.objects.filter(member=clara).count() == 1
