"""Recommendations through the API: the gate and its explanation, asking, the recommender's
view with the label and reasons, writing, declining, approval before the profile shows
anything, withdrawing from either side, collaborations; refusals as the pages give them
(403 with what is missing, 409 for a state, 422 per field in the member's language) and
404 for others' requests and recommendations, exactly like unknown ids."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from handschlag.accounts.models import Member
from handschlag.profiles.services import save_position
from handschlag.recommendations import services
from handschlag.recommendations.cases import RequestDraft
from handschlag.recommendations.models import (
    Collaboration,
    Recommendation,
    RecommendationRequest,
)

from .conftest import API

TEXT = (
    "Bernd hat bei uns drei Jahre lang die Lohnabrechnung für 40 Mandanten verantwortet "
    "und die Umstellung auf DATEV sauber geplant."
)
ASK = {
    "role": "Lohnbuchhalter",
    "project": "Umstellung der Lohnabrechnung auf DATEV",
    "from_year": 2016,
    "to_year": 2019,
    "note": "Ich bewerbe mich als Teamleiter Lohn.",
}


def _json(client: Client, method: str, path: str, body: object | None = None):
    return getattr(client, method)(f"{API}{path}", body or {}, content_type="application/json")


@pytest.fixture
def colleague_bernd(bernd: Member) -> Member:
    """Bernd, Anna's contact, who worked with her at Becker & Partner 2016-2019."""
    save_position(
        bernd,
        position_id=None,
        employer_name="Becker & Partner Steuerberatung",
        title="Lohnbuchhalter",
        start_date=date(2016, 1, 1),
        end_date=date(2019, 12, 31),
    )
    return bernd


def _draft() -> RequestDraft:
    return RequestDraft(
        role=ASK["role"], project=ASK["project"], from_year=2016, to_year=2019, note=""
    )


def test_the_gate_explains_why_a_stranger_cannot_ask(anna, clara, api_for):
    client = api_for(clara)
    check = client.get(f"{API}/members/{anna.pk}/recommendation-request")
    assert check.status_code == 200
    assert check.json()["allowed"] is False
    assert check.json()["is_contact"] is False
    assert "is not one of your contacts" in check.json()["refusal"]
    refused = _json(client, "post", f"/members/{anna.pk}/recommendation-requests", ASK)
    assert refused.status_code == 403
    assert "is not one of your contacts" in refused.json()["detail"]
    assert not RecommendationRequest.objects.exists()


def test_a_contact_without_shared_work_reads_what_is_missing_in_german(anna, bernd, api_for):
    get_user_model().objects.filter(pk=bernd.pk).update(language="de")
    check = api_for(bernd).get(f"{API}/members/{anna.pk}/recommendation-request").json()
    assert check["allowed"] is False and check["is_contact"] is True
    assert check["refusal"].startswith("Anna Becker gehört zu Ihren Kontakten")
    refused = _json(api_for(bernd), "post", f"/members/{anna.pk}/recommendation-requests", ASK)
    assert refused.status_code == 403
    assert refused.json()["detail"] == check["refusal"]


def test_a_colleague_asks_and_anna_sees_label_and_reasons(anna, colleague_bernd, api_for):
    bernd_api, anna_api = api_for(colleague_bernd), api_for(anna)
    check = bernd_api.get(f"{API}/members/{anna.pk}/recommendation-request").json()
    assert check["allowed"] is True
    assert check["basis"] == (
        "You both worked at Becker & Partner Steuerberatung at the same time."
    )
    sent = _json(bernd_api, "post", f"/members/{anna.pk}/recommendation-requests", ASK)
    assert sent.status_code == 201, sent.content
    assert sent.json()["status"] == "pending"
    assert sent.json()["recommender_name"] == "Anna Becker"
    assert "label" not in sent.json() and "reasons" not in sent.json()

    again = _json(bernd_api, "post", f"/members/{anna.pk}/recommendation-requests", ASK)
    assert again.status_code == 409

    overview = anna_api.get(f"{API}/recommendations").json()
    [item] = overview["to_answer"]
    assert item["asker_name"] == "Bernd Wagner"
    assert item["label"] == "welcome"
    assert item["basis"].startswith("You both worked at Becker & Partner Steuerberatung")
    assert item["decline_draft"]
    assert anna_api.get(f"{API}/recommendation-requests/{item['id']}").json() == item
    asked = bernd_api.get(f"{API}/recommendations").json()["asked"]
    assert [a["id"] for a in asked] == [sent.json()["id"]]
    assert "reasons" not in asked[0]


def test_field_errors_come_in_the_askers_language(anna, colleague_bernd, api_for):
    get_user_model().objects.filter(pk=colleague_bernd.pk).update(language="de")
    refused = _json(
        api_for(colleague_bernd),
        "post",
        f"/members/{anna.pk}/recommendation-requests",
        {**ASK, "from_year": 2019, "to_year": 2016},
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "field": "to_year",
            "message": "Das Endjahr muss zwischen dem Anfangsjahr und dem aktuellen Jahr liegen.",
        }
    ]
    wrong_type = _json(
        api_for(colleague_bernd),
        "post",
        f"/members/{anna.pk}/recommendation-requests",
        {**ASK, "from_year": "2016"},
    )
    assert wrong_type.status_code == 422
    assert wrong_type.json()["errors"] == [
        {"field": "from_year", "message": "Geben Sie eine ganze Zahl ein."}
    ]


def test_write_approve_and_withdraw(anna, colleague_bernd, clara, api_for):
    request = services.request_recommendation(
        colleague_bernd, recommender_id=anna.pk, draft=_draft()
    )
    anna_api, bernd_api = api_for(anna), api_for(colleague_bernd)
    short = _json(
        anna_api, "post", f"/recommendation-requests/{request.pk}/recommendation", {"text": "Gut."}
    )
    assert short.status_code == 422
    assert short.json()["errors"][0]["field"] == "text"

    written = _json(
        anna_api, "post", f"/recommendation-requests/{request.pk}/recommendation", {"text": TEXT}
    )
    assert written.status_code == 201
    recommendation = written.json()
    assert recommendation["status"] == "awaiting"
    assert recommendation["other_name"] == "Bernd Wagner"
    assert anna_api.get(f"{API}/recommendations").json()["given"][0]["id"] == recommendation["id"]
    twice = _json(
        anna_api, "post", f"/recommendation-requests/{request.pk}/recommendation", {"text": TEXT}
    )
    assert twice.status_code == 409

    # Only the subject approves; for the author it is 404, as for anyone else's.
    assert (
        _json(
            anna_api, "post", f"/recommendations/{recommendation['id']}/approve", {"show": True}
        ).status_code
        == 404
    )
    shown = _json(
        bernd_api, "post", f"/recommendations/{recommendation['id']}/approve", {"show": True}
    )
    assert shown.status_code == 200 and shown.json()["status"] == "shown"
    assert bernd_api.get(f"{API}/recommendations").json()["received"][0]["text"] == TEXT

    withdrawn = anna_api.post(f"{API}/recommendations/{recommendation['id']}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert (
        bernd_api.post(f"{API}/recommendations/{recommendation['id']}/withdraw").status_code == 409
    )


def test_decline_with_the_standard_reply_and_withdraw_a_request(anna, colleague_bernd, api_for):
    get_user_model().objects.filter(pk=colleague_bernd.pk).update(language="de")
    colleague_bernd.refresh_from_db()
    request = services.request_recommendation(
        colleague_bernd, recommender_id=anna.pk, draft=_draft()
    )
    anna_api, bernd_api = api_for(anna), api_for(colleague_bernd)
    draft = anna_api.get(f"{API}/recommendation-requests/{request.pk}").json()["decline_draft"]
    assert draft.startswith("Guten Tag Bernd Wagner,")
    declined = _json(anna_api, "post", f"/recommendation-requests/{request.pk}/decline", {})
    assert declined.status_code == 200
    [asked] = bernd_api.get(f"{API}/recommendations").json()["asked"]
    assert asked["status"] == "declined" and asked["reply_text"] == draft
    # Asking again within the cool-down is a state the request is in: 409.
    soon = _json(bernd_api, "post", f"/members/{anna.pk}/recommendation-requests", ASK)
    assert soon.status_code == 409
    assert bernd_api.post(f"{API}/recommendation-requests/{request.pk}/withdraw").status_code == 409


def test_the_asker_withdraws_a_waiting_request(anna, colleague_bernd, api_for):
    request = services.request_recommendation(
        colleague_bernd, recommender_id=anna.pk, draft=_draft()
    )
    withdrawn = api_for(colleague_bernd).post(
        f"{API}/recommendation-requests/{request.pk}/withdraw"
    )
    assert withdrawn.status_code == 200
    assert RecommendationRequest.objects.get(pk=request.pk).status == "withdrawn"


def test_a_collaboration_is_declared_and_confirmed(anna, bernd, api_for):
    declared = _json(
        api_for(bernd),
        "post",
        f"/members/{anna.pk}/collaborations",
        {"project": "Lohnumstellung Bäckerei Schmitz", "role": "Lohnbuchhalter", "from_year": 2021},
    )
    assert declared.status_code == 201, declared.content
    [item] = api_for(anna).get(f"{API}/recommendations").json()["collaborations_to_confirm"]
    assert item["other_name"] == "Bernd Wagner"
    confirmed = _json(
        api_for(anna), "post", f"/collaborations/{item['id']}/answer", {"confirm": True}
    )
    assert confirmed.status_code == 200
    assert Collaboration.objects.get(pk=item["id"]).status == "confirmed"
    check = api_for(bernd).get(f"{API}/members/{anna.pk}/recommendation-request").json()
    assert check["allowed"] is True
    assert "Lohnumstellung Bäckerei Schmitz" in check["basis"]


def test_others_requests_and_recommendations_answer_404_like_unknown_ids(
    anna, colleague_bernd, malte, api_for
):
    request = services.request_recommendation(
        colleague_bernd, recommender_id=anna.pk, draft=_draft()
    )
    other = services.request_recommendation(
        anna,
        recommender_id=colleague_bernd.pk,
        draft=RequestDraft(
            role="Steuerberaterin", project="Mandat", from_year=2016, to_year=2019, note=""
        ),
    )
    recommendation = services.write_recommendation(colleague_bernd, request_id=other.pk, text=TEXT)
    collaboration = services.declare_collaboration(
        anna,
        partner_id=colleague_bernd.pk,
        project="Jahresabschluss",
        role="Leitung",
        from_year=2020,
        to_year=None,
    )
    client = api_for(malte)
    attempts = [
        ("get", "/recommendation-requests/{}", request.pk, {}),
        ("post", "/recommendation-requests/{}/recommendation", request.pk, {"text": TEXT}),
        ("post", "/recommendation-requests/{}/decline", request.pk, {}),
        ("post", "/recommendation-requests/{}/withdraw", request.pk, {}),
        ("get", "/recommendations/{}", recommendation.pk, {}),
        ("post", "/recommendations/{}/approve", recommendation.pk, {"show": True}),
        ("post", "/recommendations/{}/withdraw", recommendation.pk, {}),
        ("post", "/collaborations/{}/answer", collaboration.pk, {"confirm": True}),
    ]
    for method, template, pk, body in attempts:
        theirs = _json(client, method, template.format(pk), body)
        unknown = _json(client, method, template.format(999999), body)
        assert theirs.status_code == 404, (template, theirs.content)
        assert (theirs.status_code, theirs.json()) == (unknown.status_code, unknown.json())
    # The asker does not answer their own request either.
    assert (
        api_for(colleague_bernd).get(f"{API}/recommendation-requests/{request.pk}").status_code
        == 404
    )
    assert RecommendationRequest.objects.get(pk=request.pk).status == "pending"
    assert Recommendation.objects.get(pk=recommendation.pk).status == "awaiting"
    assert Collaboration.objects.get(pk=collaboration.pk).status == "pending"
