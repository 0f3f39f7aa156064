"""The feed: sources and their reasons, privacy, mutes, label choices, pages and cost."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from handschlag.accounts.models import Member
from handschlag.feed.models import LabelAction, MuteKind
from handschlag.feed.services import (
    follow_member,
    follow_topic,
    mute,
    save_feed_settings,
)
from handschlag.feed.timeline import Cursor, list_feed
from handschlag.groups.models import Membership
from handschlag.network.services import connect_members
from handschlag.profiles.services import create_profile


def texts(member, **kwargs):
    return [item.post.text for item in list_feed(member, **kwargs).items]


def reasons(member):
    return {item.post.text: [r.kind for r in item.reasons] for item in list_feed(member).items}


def _member(email, name):
    member = Member.objects.create_user(email, password="Handschlag-Testpasswort-2024!")
    create_profile(member, full_name=name)
    return member


### Sources and "why am I seeing this" ###


def test_each_source_says_why(anna, bernd, clara, olaf, handwerk, publish):
    follow_member(anna, member_id=clara.pk)
    follow_topic(anna, topic="#Steuern")
    publish(anna, "Mein eigener Beitrag", minutes=1)
    publish(bernd, "Von einem Kontakt", minutes=2)
    publish(clara, "Von Clara, der Anna folgt", minutes=3)
    publish(clara, "In der Gruppe", minutes=4, group=handwerk)
    stranger = _member("dora@example.org", "Dora Fremd")
    publish(stranger, "Neues zu #steuern", minutes=5)
    publish(stranger, "Nichts für Anna", minutes=6)
    assert reasons(anna) == {
        "Neues zu #steuern": ["topic"],
        "In der Gruppe": ["group"],
        "Von Clara, der Anna folgt": ["followed"],
        "Von einem Kontakt": ["contact"],
        "Mein eigener Beitrag": ["own"],
    }


def test_several_sources_are_all_named(anna, bernd, publish):
    follow_member(anna, member_id=bernd.pk)
    follow_topic(anna, topic="lohn")
    publish(bernd, "Tabellen für #Lohn", minutes=1)
    (item,) = list_feed(anna).items
    assert [r.kind for r in item.reasons] == ["contact", "followed", "topic"]
    assert [r.text for r in item.reasons][2] == "About #lohn, a topic you follow"


def test_newest_first_with_a_cursor(anna, bernd, publish):
    for minute in range(45):
        publish(bernd, f"Beitrag {minute}", minutes=minute)
    first = list_feed(anna)
    assert [i.post.text for i in first.items][:2] == ["Beitrag 44", "Beitrag 43"]
    assert len(first.items) == 20
    second = list_feed(anna, cursor=first.next_cursor)
    third = list_feed(anna, cursor=second.next_cursor)
    assert [i.post.text for i in third.items] == [f"Beitrag {m}" for m in range(4, -1, -1)]
    assert third.next_cursor is None
    assert Cursor.decode(first.next_cursor.encode()) == first.next_cursor


### Privacy ###


def test_closed_group_posts_stay_with_its_members(anna, clara, stammtisch, publish, client_for):
    follow_topic(anna, topic="steuern")
    follow_member(anna, member_id=clara.pk)
    post = publish(clara, "Interna zu #Steuern", minutes=1, group=stammtisch)
    assert texts(anna) == []
    anna_client = client_for(anna)
    assert "Interna" not in anna_client.get("/feed/topics/steuern/").content.decode()
    assert anna_client.get(f"/feed/posts/{post.pk}/").status_code == 404
    assert anna_client.get(f"/feed/groups/{stammtisch.slug}/").status_code == 404
    assert "Interna" not in anna_client.get(f"/feed/members/{clara.pk}/").content.decode()
    # Once Anna is a member, she sees it, on the topic page too.
    Membership.objects.create(group=stammtisch, member=anna)
    assert texts(anna) == ["Interna zu #Steuern"]
    assert "Interna" in anna_client.get("/feed/topics/steuern/").content.decode()


def test_public_group_posts_reach_topic_followers(anna, clara, publish):
    from handschlag.groups.models import Visibility
    from handschlag.groups.services import create_group

    group = create_group(
        clara, name="Lohn offen", description="", topics=["Thema"], visibility=Visibility.PUBLIC
    )
    follow_topic(anna, topic="lohn")
    publish(clara, "Offen zu #Lohn", minutes=1, group=group)
    assert reasons(anna) == {"Offen zu #Lohn": ["topic"]}


def test_a_post_is_inert_html(anna, bernd, publish, client_for):
    publish(
        bernd,
        "<script>alert(1)</script> <img src=x onerror=alert(2)> javascript:alert(3) "
        '#"><b>x</b> https://example.org/?q="><script>',
        minutes=1,
    )
    body = client_for(anna).get("/feed/").content.decode()
    post = body[body.index('class="post-text"') :]
    post = post[: post.index("</div>")]
    assert "<script" not in post
    assert "<img" not in post
    assert "<b>" not in post
    assert not re.search(r'href="javascript:', post)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in post


### Mutes ###


@pytest.mark.parametrize(
    "text",
    [
        "Die Ampel-Koalition ist am Ende, jetzt kommt der Wahlkampf.",
        "Was die Bundestagswahl für den Mittelstand bedeutet",
        "Die AfD und die CDU streiten über die Brandmauer.",
        "The election will be decided by swing voters.",
        "Brexit broke our supply chain, says every politician.",
        "Ein Gedanke zu #Politik am Sonntag",
    ],
)
def test_the_politics_filter_hides_debate_in_both_languages(anna, bernd, publish, text):
    publish(bernd, text, minutes=1)
    publish(bernd, "Neue Lohnsteuertabellen, gut erklärt", minutes=0)
    mute(anna, kind=MuteKind.TOPIC, value="politics")
    page = list_feed(anna)
    assert [i.post.text for i in page.items] == ["Neue Lohnsteuertabellen, gut erklärt"]
    assert page.hidden_by_mutes == 1


def test_the_politics_filter_leaves_business_alone(anna, bernd, publish):
    mute(anna, kind=MuteKind.TOPIC, value="politics")
    for minute, text in enumerate(
        [
            "Unsere Kanzlei sucht Verstärkung im Steuerrecht.",
            "Our payroll team votes on the new office chairs today.",
            "Tipps zur Partnerwahl im Mittelstand: wie man Zulieferer auswählt.",
        ]
    ):
        publish(bernd, text, minutes=minute)
    assert len(texts(anna)) == 3


def test_muting_words_hashtags_and_members(anna, bernd, olaf, publish):
    publish(bernd, "Heute wieder Stau auf der A3", minutes=1)
    publish(bernd, "Endlich Feierabend #Freitag", minutes=2)
    publish(olaf, "Neue Baustelle in Leverkusen", minutes=3)
    publish(bernd, "Traffic jam again, sigh", minutes=4)
    publish(bernd, "Bleibt stehen", minutes=5)
    mute(anna, kind=MuteKind.WORD, value="Stau")
    mute(anna, kind=MuteKind.WORD, value="traffic*")
    mute(anna, kind=MuteKind.HASHTAG, value="#freitag")
    mute(anna, kind=MuteKind.MEMBER, value=str(olaf.pk))
    page = list_feed(anna)
    assert [i.post.text for i in page.items] == ["Bleibt stehen"]
    assert page.hidden_by_mutes == 4


def test_own_posts_are_never_muted(anna, publish):
    mute(anna, kind=MuteKind.TOPIC, value="politics")
    publish(anna, "Meine Meinung zur Bundestagswahl", minutes=1)
    assert texts(anna) == ["Meine Meinung zur Bundestagswahl"]


def test_many_muted_posts_still_fill_the_page(anna, bernd, publish):
    for minute in range(30):
        publish(bernd, f"Wahlkampf Tag {minute}", minutes=100 + minute)
    for minute in range(25):
        publish(bernd, f"Fachliches {minute}", minutes=minute)
    mute(anna, kind=MuteKind.TOPIC, value="politics")
    page = list_feed(anna)
    assert len(page.items) == 20
    assert page.items[0].post.text == "Fachliches 24"
    assert page.hidden_by_mutes == 30


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_hidden_count_links_to_the_settings(anna, bernd, publish, client_for, lang):
    publish(bernd, "Wahlkampf!", minutes=1)
    publish(bernd, "Election night!", minutes=2)
    mute(anna, kind=MuteKind.TOPIC, value="politics")
    body = client_for(anna, HTTP_ACCEPT_LANGUAGE=lang).get("/feed/").content.decode()
    expected = {
        "de": "2 Beiträge durch Ihre Stummschaltungen ausgeblendet",
        "en": "2 posts hidden by your mutes",
    }[lang]
    assert expected in body
    assert 'href="/feed/settings/#mutes"' in body


### Label choices ###

BAIT = "Wie mögt ihr eure Eier \u2013 hart oder weich?"
SPAM = "#erfolg #motivation #mindset #business #leadership #karriere Heute!"


def test_labels_are_collapsed_with_reasons_by_default(anna, bernd, publish, client_for):
    publish(bernd, BAIT, minutes=1)
    (item,) = list_feed(anna, lang="de").items
    (label,) = item.collapsed
    assert label.name == "Köder für Reaktionen"
    assert label.reasons == ("fragt die Runde nach Reaktionen: „hart oder weich?“",)
    body = client_for(anna).get("/feed/").content.decode()
    assert '<details class="post-collapsed"' in body
    assert "asks the crowd for reactions: “hart oder weich?”" in body


def test_show_collapse_or_hide_per_label(anna, bernd, publish):
    publish(bernd, BAIT, minutes=1)
    publish(bernd, SPAM, minutes=2)
    save_feed_settings(
        anna, actions={"engagement_bait": LabelAction.SHOW, "hashtag_spam": LabelAction.HIDE}
    )
    page = list_feed(anna)
    assert [(i.post.text, i.collapsed) for i in page.items] == [(BAIT, [])]
    assert page.hidden_by_labels == 1
    save_feed_settings(anna, actions={"engagement_bait": LabelAction.HIDE})
    page = list_feed(anna)
    assert page.items == []
    assert page.hidden_by_labels == 2


@pytest.mark.parametrize("lang", ["de", "en"])
def test_label_settings_page_in_both_languages(anna, client_for, lang):
    client = client_for(anna, HTTP_ACCEPT_LANGUAGE=lang)
    response = client.post(
        "/feed/settings/labels/",
        {"self_promotion": "hide", "hashtag_spam": "show", "engagement_bait": "collapse"},
    )
    assert response.status_code == 302
    body = client.get("/feed/settings/").content.decode()
    assert {"de": "Eigenwerbung", "en": "Self-promotion"}[lang] in body
    assert {"de": "Politik", "en": "Politics"}[lang] in body
    assert anna.feed_settings.self_promotion == "hide"


### Cost ###


def test_queries_do_not_grow_with_sources(anna, publish, django_assert_max_num_queries):
    from handschlag.groups.models import Visibility
    from handschlag.groups.services import create_group

    def feed_queries():
        with CaptureQueriesContext(connection) as captured:
            list_feed(anna)
        return len(captured)

    contact = _member("c0@example.org", "Kontakt Null")
    connect_members(anna, contact=contact, how_met="employer")
    publish(contact, "Hallo", minutes=1)
    few = feed_queries()
    for number in range(1, 25):
        other = _member(f"c{number}@example.org", f"Kontakt {number}")
        connect_members(anna, contact=other, how_met="employer")
        follow_topic(anna, topic=f"thema{number}")
        group = create_group(
            other,
            name=f"Gruppe {number}",
            description="",
            topics=["Thema"],
            visibility=Visibility.PUBLIC,
        )
        Membership.objects.create(group=group, member=anna)
        publish(other, f"Beitrag {number} #thema{number}", minutes=number, group=group)
        publish(other, f"Persönlich {number}", minutes=number)
    many = feed_queries()
    assert many == few
    with django_assert_max_num_queries(6):
        list_feed(anna)
