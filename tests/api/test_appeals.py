"""The restriction on sending contact requests through the API, as on the page: the
evidence in plain words (counts, never scores), one appeal, the outcome; a member without
a restriction has nothing to appeal (404), a second appeal is a 409."""

from datetime import timedelta

from django.utils import timezone

from handschlag.network.models import Appeal, Restriction
from handschlag.network.services import decide_appeal

from .conftest import API, make_member

EVIDENCE = {
    "codes": ["SEND_UNKNOWN_REPORTED"],
    "record": {"unknown_90d": 7, "reported_90d": 2, "score": 0.93},
}


def _appeal(client, text: str):
    return client.post(f"{API}/restriction/appeal", {"text": text}, content_type="application/json")


def test_see_the_restriction_with_its_evidence_and_appeal_once(anna, api_for):
    ends = timezone.now() + timedelta(days=7)
    restriction = Restriction.objects.create(member=anna, evidence=EVIDENCE, ends_at=ends)
    client = api_for(anna)
    shown = client.get(f"{API}/restriction").json()
    assert shown["restricted"] is True
    assert shown["can_appeal"] is True
    assert shown["appeal"] is None
    assert shown["reasons"] == [
        "In the last 90 days, 9 members said they do not know you or reported a contact "
        "request or message of yours."
    ]
    assert "0.93" not in str(shown)  # never a score

    made = _appeal(client, "Ich kenne diese Leute aus dem Steuerforum.")
    assert made.status_code == 201, made.content
    assert made.json()["appeal"]["outcome"] == "pending"
    assert made.json()["can_appeal"] is False
    assert Appeal.objects.get().restriction == restriction

    again = _appeal(client, "Noch einmal.")
    assert again.status_code == 409
    assert Appeal.objects.count() == 1

    host = make_member("host@example.org", "Host")
    host.is_staff = True
    host.save()
    decide_appeal(host, appeal_id=Appeal.objects.get().pk, lift=True, reason="Belegt.")
    assert client.get(f"{API}/restriction").json()["restricted"] is False


def test_without_a_restriction_there_is_nothing_to_appeal(bernd, api_for):
    assert api_for(bernd).get(f"{API}/restriction").json() == {
        "restricted": False,
        "ends_at": None,
        "reasons": [],
        "appeal": None,
        "can_appeal": False,
    }
    refused = _appeal(api_for(bernd), "Warum?")
    assert refused.status_code == 404
    assert not Appeal.objects.exists()


def test_each_member_sees_only_their_own_restriction(anna, malte, api_for):
    Restriction.objects.create(member=anna, evidence=EVIDENCE)
    assert api_for(malte).get(f"{API}/restriction").json()["restricted"] is False
    assert _appeal(api_for(malte), "Ich auch.").status_code == 404
    assert not Appeal.objects.exists()


def test_an_empty_appeal_is_refused_in_the_members_language(rita, api_for):
    Restriction.objects.create(member=rita, evidence=EVIDENCE)
    refused = _appeal(api_for(rita), "")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "text", "message": "Bitte schreiben Sie, was das Moderationsteam wissen sollte."}
    ]
    assert (
        api_for(rita)
        .get(f"{API}/restriction")
        .json()["reasons"][0]
        .startswith("In den letzten 90 Tagen")
    )
