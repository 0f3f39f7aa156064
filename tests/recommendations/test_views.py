"""Recommendation pages: the refusal a stranger reads, the recommender's view with the
reasons, approval before the profile shows anything, and objects of others."""

import pytest
from django.urls import reverse

from handschlag.recommendations import services

pytestmark = pytest.mark.django_db

TEXT = (
    "Bernd hat bei uns drei Jahre lang die Lohnabrechnung für 40 Mandanten verantwortet "
    "und die Umstellung auf DATEV sauber geplant."
)


def test_a_stranger_reads_why_they_cannot_ask(anna, clara, client_for):
    response = client_for(clara).get(reverse("ask_recommendation", args=[anna.pk]))

    assert response.status_code == 403
    body = response.content.decode()
    assert "is not one of your contacts" in body
    assert '<form method="post">' not in body.split("refusal")[1]
    post = client_for(clara).post(
        reverse("ask_recommendation", args=[anna.pk]),
        {"role": "x", "project": "y", "from_year": 2020},
    )
    assert post.status_code == 403
    assert not anna.recommendation_requests_received.exists()


def test_a_colleague_asks_and_the_recommender_sees_label_and_reasons(
    anna, colleague_bernd, client_for
):
    asker = client_for(colleague_bernd)
    page = asker.get(reverse("ask_recommendation", args=[anna.pk]))
    assert page.status_code == 200
    assert "You both worked at Becker &amp; Partner Steuerberatung at the same time." in (
        page.content.decode()
    )

    sent = asker.post(
        reverse("ask_recommendation", args=[anna.pk]),
        {
            "role": "Lohnbuchhalter",
            "project": "DATEV-Umstellung",
            "from_year": 2016,
            "to_year": 2019,
            "note": "",
        },
    )
    assert sent.status_code == 302

    overview = client_for(anna).get(reverse("recommendations")).content.decode()
    assert "Bernd Wagner" in overview
    assert 'data-testid="request-label">Welcome' in overview
    assert "you both worked at Becker &amp; Partner Steuerberatung" in overview


def test_the_profile_shows_a_recommendation_only_once_approved(
    anna, colleague_bernd, clara, draft, client_for
):
    request = services.request_recommendation(colleague_bernd, recommender_id=anna.pk, draft=draft)
    recommendation = services.write_recommendation(anna, request_id=request.pk, text=TEXT)
    profile_url = reverse("profile_detail", args=[colleague_bernd.pk])

    assert TEXT not in client_for(clara).get(profile_url).content.decode()

    approve = client_for(colleague_bernd).post(
        reverse("approve_recommendation", args=[recommendation.pk]), {"answer": "yes"}
    )
    assert approve.status_code == 302
    body = client_for(clara).get(profile_url).content.decode()
    assert TEXT in body
    assert 'data-testid="shown-recommendation"' in body
    # A third member sees no withdraw button.
    assert reverse("withdraw_recommendation", args=[recommendation.pk]) not in body


def test_others_requests_and_recommendations_answer_404(
    anna, colleague_bernd, clara, draft, client_for
):
    request = services.request_recommendation(colleague_bernd, recommender_id=anna.pk, draft=draft)
    recommendation = services.write_recommendation(anna, request_id=request.pk, text=TEXT)
    stranger = client_for(clara)

    assert stranger.get(reverse("write_recommendation", args=[request.pk])).status_code == 404
    assert (
        stranger.get(reverse("decline_recommendation_request", args=[request.pk])).status_code
        == 404
    )
    assert (
        stranger.post(
            reverse("approve_recommendation", args=[recommendation.pk]), {"answer": "yes"}
        ).status_code
        == 404
    )
    assert (
        stranger.post(reverse("withdraw_recommendation", args=[recommendation.pk])).status_code
        == 404
    )


def test_the_decline_page_drafts_the_reply_in_the_askers_language(
    anna, colleague_bernd, draft, client_for
):
    colleague_bernd.language = "de"
    colleague_bernd.save(update_fields=["language"])
    request = services.request_recommendation(colleague_bernd, recommender_id=anna.pk, draft=draft)
    client = client_for(anna)

    page = client.get(reverse("decline_recommendation_request", args=[request.pk]))
    assert "Guten Tag Bernd Wagner," in page.content.decode()

    client.post(
        reverse("decline_recommendation_request", args=[request.pk]),
        {"reply_text": "Guten Tag Bernd, leider nein."},
    )
    asked = client_for(colleague_bernd).get(reverse("recommendations")).content.decode()
    assert "Guten Tag Bernd, leider nein." in asked
