"""The member's own policies and figures through the API, as on the pages: the contact
request policy, the offer policy (the salary floor stays in the job preferences, for the
member alone), the health of one's own network, and a recruiter's own figures, counted
only from what the recruiter may see of their offers (never a member's numbers)."""

from datetime import timedelta

from handschlag.network.models import RequestPolicy
from handschlag.offers import services as offer_services
from handschlag.offers.models import OfferPolicy, RecruiterOffer
from tests.conftest import OLAF_MIN_SALARY, OLAF_PREFERRED_LOCATION
from tests.offers.conftest import good_offer

from .conftest import API


def _patch(client, path: str, body: dict[str, object]):
    return client.patch(f"{API}{path}", body, content_type="application/json")


def test_the_request_policy_is_read_and_changed_field_by_field(anna, bernd, api_for):
    client = api_for(anna)
    defaults = client.get(f"{API}/request-policy").json()
    assert defaults["spam_action"] == "file"
    changed = _patch(
        client, "/request-policy", {"decline_action": "decline", "filed_intents": ["recruiting"]}
    )
    assert changed.status_code == 200, changed.content
    assert changed.json() == {
        **defaults,
        "decline_action": "decline",
        "filed_intents": ["recruiting"],
    }
    policy = RequestPolicy.objects.get(member=anna)
    assert (policy.decline_action, policy.filed_intents) == ("decline", ["recruiting"])
    # Each member has their own: Bernd's is untouched.
    assert api_for(bernd).get(f"{API}/request-policy").json() == defaults


def test_a_wrong_policy_choice_is_refused_in_the_members_language(rita, api_for):
    refused = _patch(api_for(rita), "/request-policy", {"spam_action": "delete"})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "spam_action", "message": "Wählen Sie einen der erlaubten Werte."}
    ]
    wrong_type = _patch(api_for(rita), "/offer-policy", {"auto_decline": "ja"})
    assert wrong_type.status_code == 422
    assert wrong_type.json()["errors"] == [
        {"field": "auto_decline", "message": "Geben Sie true oder false an."}
    ]
    assert not RequestPolicy.objects.filter(member=rita).exists()
    assert not OfferPolicy.objects.filter(member=rita).exists()


def test_the_offer_policy_never_carries_the_salary_floor(olaf, api_for):
    client = api_for(olaf)
    shown = client.get(f"{API}/offer-policy")
    assert shown.json() == {"auto_decline": True, "share_categories": False}
    changed = _patch(client, "/offer-policy", {"share_categories": True})
    assert changed.json() == {"auto_decline": True, "share_categories": True}
    assert OfferPolicy.objects.get(member=olaf).share_categories is True
    for answer in (shown, changed):
        assert str(OLAF_MIN_SALARY) not in answer.content.decode()
        assert OLAF_PREFERRED_LOCATION not in answer.content.decode()


def test_network_health_is_the_callers_own(anna, bernd, olaf, clara, api_for):
    figures = api_for(anna).get(f"{API}/network-health")
    assert figures.status_code == 200
    body = figures.json()
    assert body["contacts"] == 2
    assert body["active"] + body["dormant"] == 2
    assert {b["key"] for b in body["how_met"]} >= {"employer", "event"}
    assert sum(b["count"] for b in body["how_met"]) == 2
    named = {p["full_name"] for p in body["dormant_contacts"]}
    assert named <= {"Bernd Wagner", "Olaf Brenner"}
    # Clara's own network is empty; she sees nothing of Anna's.
    hers = api_for(clara).get(f"{API}/network-health").json()
    assert (hers["contacts"], hers["dormant_contacts"]) == (0, [])
    assert "Bernd" not in str(hers)


def test_a_recruiter_sees_her_own_figures_only_as_far_as_revealed(rita, sven, olaf, anna, api_for):
    offer = offer_services.send_offer(rita, recipient_id=olaf.pk, draft=good_offer())
    answered = api_for(olaf).post(
        f"{API}/offers/{offer.pk}/interested", {"message": "Gern!"}, content_type="application/json"
    )
    assert answered.status_code == 200, answered.content
    early = api_for(rita).get(f"{API}/recruiter-statistics").json()
    # Not revealed yet: it counts as awaiting, as the sent list shows it.
    assert (early["sent"], early["awaiting"], early["interested"]) == (1, 1, 0)
    assert early["acceptance_percent"] is None

    offer.refresh_from_db()
    RecruiterOffer.objects.filter(pk=offer.pk).update(
        sent_at=offer.sent_at - timedelta(days=3),
        reveal_at=offer.reveal_at - timedelta(days=3),
        decided_at=offer.decided_at - timedelta(days=3),
    )
    later = api_for(rita).get(f"{API}/recruiter-statistics")
    assert later.json() == {
        "sent": 1,
        "awaiting": 0,
        "matched": 1,
        "interested": 1,
        "declined": 0,
        "answered": 1,
        "acceptance_percent": 100,
    }
    assert str(OLAF_MIN_SALARY) not in later.content.decode()
    # Another recruiter's figures are her own; a member without the role is refused.
    assert api_for(sven).get(f"{API}/recruiter-statistics").json()["sent"] == 0
    assert api_for(anna).get(f"{API}/recruiter-statistics").status_code == 403


def test_the_policy_choices_match_the_models():
    from typing import get_args

    from handschlag.api.routers import network as network_router
    from handschlag.network.models import AutoAction, NoteRequirement

    assert set(get_args(network_router.NoteRequirementCode)) == set(NoteRequirement.values)
    assert set(get_args(network_router.AutoActionCode)) == set(AutoAction.values)
