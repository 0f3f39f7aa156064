"""The Connect page, its preview, the sent list, withdrawing and the restriction notice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.network.engine import reset_engine
from handschlag.network.models import ContactRequest, Restriction, SenderStanding
from tests.conftest import OLAF_MIN_SALARY, OLAF_PREFERRED_LOCATION

NOTE = (
    "Hallo Clara, wir haben uns auf dem Steuerberatertag in Köln über Lohnbuchhaltung unterhalten."
)


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    """The process's template index remembers notes across tests: start from this test's
    database (empty) and leave nothing behind."""
    reset_engine()
    yield
    reset_engine()


def test_anonymous_visitors_are_sent_to_log_in(client, clara: Member) -> None:
    for url in (
        reverse("send_request", args=[clara.pk]),
        reverse("sent_requests"),
        reverse("restriction_notice"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_unknown_members_and_oneself_are_404(client_for, anna: Member) -> None:
    client = client_for(anna)
    assert client.get(reverse("send_request", args=[999999])).status_code == 404
    assert client.get(reverse("send_request", args=[anna.pk])).status_code == 404
    assert client.post(reverse("preview_request", args=[999999])).status_code == 404


def test_the_connect_page_shows_intents_quota_and_preview(
    client_for, anna: Member, clara: Member
) -> None:
    response = client_for(anna).get(reverse("send_request", args=[clara.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Connect with Clara Vogt" in body
    assert "We worked together" in body
    assert "You can send 20 more requests this week." in body
    assert "What Clara Vogt will see" in body
    assert "required by this member" in body
    assert 'data-testid="no-solicitation"' not in body


def test_no_solicitation_is_shown_next_to_the_intent(
    client_for, anna: Member, clara: Member
) -> None:
    clara.profile.no_solicitation = True
    clara.profile.save(update_fields=["no_solicitation"])

    body = client_for(anna).get(reverse("send_request", args=[clara.pk])).content.decode()

    assert "Clara Vogt asks for no sales or recruiting approaches." in body


def test_mutual_contacts_lead_to_an_introduction_first(
    client_for, anna: Member, bernd: Member, clara: Member
) -> None:
    from handschlag.network.services import connect_members

    connect_members(bernd, contact=clara)

    body = client_for(anna).get(reverse("send_request", args=[clara.pk])).content.decode()

    assert 'data-testid="introduction-path"' in body
    assert "You and Clara Vogt have 1 contact in common." in body
    assert reverse("request_introduction", kwargs={"member_id": clara.pk}) in body


def test_sending_redirects_to_the_sent_list(client_for, anna: Member, clara: Member) -> None:
    client = client_for(anna)

    response = client.post(
        reverse("send_request", args=[clara.pk]), {"intent": "met", "note": NOTE}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("sent_requests")
    request = ContactRequest.objects.get()
    assert (request.sender, request.recipient) == (anna, clara)
    body = client.get(response["Location"]).content.decode()
    assert "Your request has been sent to Clara Vogt." in body
    assert "Waiting for an answer" in body
    assert "Withdraw" in body
    # The sender never sees the recipient's label, score or reasons.
    assert request.hits[0]["message"] not in body


def test_refusals_are_form_errors(client_for, anna: Member, clara: Member) -> None:
    client = client_for(anna)
    url = reverse("send_request", args=[clara.pk])

    missing_intent = client.post(url, {"note": NOTE})
    missing_note = client.post(url, {"intent": "met", "note": ""})

    assert missing_intent.status_code == 200
    assert missing_intent.context["form"].errors == {
        "intent": ["Please choose what your request is about."]
    }
    assert missing_note.context["form"].errors == {
        "note": ["This member asks for a short note saying why you would like to connect."]
    }
    assert not ContactRequest.objects.exists()


def test_already_connected_is_a_form_error(client_for, anna: Member, bernd: Member) -> None:
    response = client_for(anna).post(
        reverse("send_request", args=[bernd.pk]), {"intent": "met", "note": "Hallo Bernd"}
    )

    assert response.context["form"].non_field_errors() == [
        "You are already connected with this member."
    ]


def test_the_htmx_preview_is_a_partial_and_writes_nothing(
    client_for, anna: Member, clara: Member
) -> None:
    response = client_for(anna).post(
        reverse("preview_request", args=[clara.pk]),
        {"intent": "met", "note": NOTE},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith("<section")
    assert "<html" not in body
    assert "the sender did not open your profile before writing" in body
    assert not ContactRequest.objects.exists()
    assert not SenderStanding.objects.exists()


def test_the_preview_works_without_javascript(client_for, anna: Member, clara: Member) -> None:
    response = client_for(anna).post(
        reverse("preview_request", args=[clara.pk]), {"intent": "met", "note": NOTE}
    )

    body = response.content.decode()
    assert "<html" in body
    assert "What Clara Vogt will see" in body
    assert NOTE in body
    assert not ContactRequest.objects.exists()


def test_the_preview_hides_the_recipients_private_preferences(
    client_for, clara: Member, olaf: Member
) -> None:
    response = client_for(clara).post(
        reverse("preview_request", args=[olaf.pk]),
        {"intent": "recruiting", "note": "Hallo Olaf, eine Stelle als Bauleiter für Sie."},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert str(OLAF_MIN_SALARY) not in body
    assert OLAF_PREFERRED_LOCATION not in body


def test_the_preview_in_german(client_for, anna: Member, clara: Member) -> None:
    anna.language = "de"
    anna.save(update_fields=["language"])

    body = (
        client_for(anna)
        .post(
            reverse("preview_request", args=[clara.pk]),
            {"intent": "met", "note": NOTE},
            headers={"HX-Request": "true"},
        )
        .content.decode()
    )

    assert "Profil" in body
    assert "the sender did not open" not in body


def test_withdraw_from_the_sent_list(client_for, anna: Member, clara: Member) -> None:
    client = client_for(anna)
    client.post(reverse("send_request", args=[clara.pk]), {"intent": "met", "note": NOTE})
    request = ContactRequest.objects.get()

    response = client.post(reverse("withdraw_request", args=[request.pk]), follow=True)

    assert "Your request has been withdrawn." in response.content.decode()
    request.refresh_from_db()
    assert request.status == "withdrawn"


def test_nobody_else_can_withdraw_or_see_a_sent_request(
    client_for, anna: Member, clara: Member, olaf: Member
) -> None:
    client_for(anna).post(reverse("send_request", args=[clara.pk]), {"intent": "met", "note": NOTE})
    request = ContactRequest.objects.get()

    for member in (clara, olaf):
        client = client_for(member)
        assert client.post(reverse("withdraw_request", args=[request.pk])).status_code == 404
        assert NOTE not in client.get(reverse("sent_requests")).content.decode()
    request.refresh_from_db()
    assert request.status == "pending"


def test_withdraw_needs_post(client_for, anna: Member) -> None:
    assert client_for(anna).get(reverse("withdraw_request", args=[1])).status_code == 405


def test_profile_actions_show_connect_pending_or_connected(
    client_for, anna: Member, bernd: Member, clara: Member
) -> None:
    client = client_for(anna)
    state = "profile_request_state"

    assert "Connect" in client.get(reverse(state, args=[clara.pk])).content.decode()
    client.post(reverse("send_request", args=[clara.pk]), {"intent": "met", "note": NOTE})
    assert "Request pending" in client.get(reverse(state, args=[clara.pk])).content.decode()
    assert "Connected" in client.get(reverse(state, args=[bernd.pk])).content.decode()
    incoming = client_for(clara).get(reverse(state, args=[anna.pk])).content.decode()
    assert "Anna Becker has asked to connect with you." in incoming


def test_the_profile_page_carries_the_connect_link(client_for, anna: Member, clara: Member) -> None:
    body = client_for(anna).get(reverse("profile_detail", args=[clara.pk])).content.decode()

    assert reverse("send_request", args=[clara.pk]) in body
    assert reverse("profile_request_state", args=[clara.pk]) in body


### Restriction notice and appeal (S7) ###


@pytest.fixture
def restricted_anna(anna: Member) -> Member:
    Restriction.objects.create(
        member=anna,
        evidence={
            "codes": ["SEND_TEMPLATED"],
            "record": {"templated_7d": 6},
            "level": 1,
        },
        ends_at=timezone.now() + timedelta(days=14),
    )
    return anna


def test_the_notice_explains_in_plain_words_without_scores(
    client_for, restricted_anna: Member
) -> None:
    body = client_for(restricted_anna).get(reverse("restriction_notice")).content.decode()

    assert "You cannot send contact requests for now" in body
    assert (
        "This week, 6 of your requests had nearly the same note as requests you sent to "
        "other people."
    ) in body
    for hidden in ("SEND_TEMPLATED", "score", "weight", "TPL_"):
        assert hidden not in body
    assert "Send appeal" in body


def test_a_restricted_member_sees_why_on_the_connect_page(
    client_for, restricted_anna: Member, clara: Member
) -> None:
    client = client_for(restricted_anna)
    page = client.get(reverse("send_request", args=[clara.pk])).content.decode()
    assert reverse("restriction_notice") in page

    response = client.post(
        reverse("send_request", args=[clara.pk]), {"intent": "met", "note": NOTE}
    )
    assert response.context["form"].non_field_errors()[0].startswith("Until ")
    assert not ContactRequest.objects.exists()


def test_appeal_once(client_for, restricted_anna: Member) -> None:
    client = client_for(restricted_anna)

    response = client.post(
        reverse("restriction_notice"), {"text": "Ich kenne diese Leute."}, follow=True
    )

    body = response.content.decode()
    assert "Your appeal has been sent to the moderators." in body
    assert "Send appeal" not in body
    assert "Waiting for a moderator" in body
    again = client.post(reverse("restriction_notice"), {"text": "Noch einmal."})
    assert again.context["form"].errors == {
        "text": ["You have already appealed against this restriction. A moderator will answer."]
    }


def test_no_restriction_no_notice(client_for, anna: Member) -> None:
    body = client_for(anna).get(reverse("restriction_notice")).content.decode()

    assert "Nothing restricts you." in body


def test_moderators_see_the_evidence_in_the_admin(client_for, restricted_anna: Member) -> None:
    host = Member.objects.create_superuser("host@example.org", "Host-Passwort-2024!")
    restriction = Restriction.objects.get()
    client = client_for(host)

    listing = client.get(reverse("admin:network_restriction_changelist")).content.decode()
    detail = client.get(
        reverse("admin:network_restriction_change", args=[restriction.pk])
    ).content.decode()

    assert "SEND_TEMPLATED" in listing
    assert "templated_7d" in detail
