"""Group pages: the closed group's member list, joining and join requests, invitations
with their reasons, and the settings."""

import pytest
from django.urls import reverse

from handschlag.groups import services
from handschlag.profiles.services import set_skills

pytestmark = pytest.mark.django_db


def test_an_outsider_sees_a_closed_group_but_not_its_members(
    anna, bernd, clara, closed_group, client_for
):
    services.answer_invitation(
        bernd,
        invitation_id=services.invite_to_group(
            anna, group_id=closed_group.pk, invitee_id=bernd.pk
        ).pk,
        accept=True,
    )
    url = reverse("group_detail", args=[closed_group.slug])

    outsider = client_for(clara).get(url).content.decode()
    insider = client_for(bernd).get(url).content.decode()

    assert "Only members of this closed group see who belongs to it." in outsider
    assert "Bernd Wagner" not in outsider
    assert "Lohnbuchhalter" not in outsider
    assert "Bernd Wagner" in insider


def test_join_request_through_the_page_and_the_moderator_accepts(
    anna, clara, closed_group, client_for
):
    url = reverse("join_group", args=[closed_group.slug])
    client_for(clara).post(url, {"message": "Ich bin Steuerfachangestellte."})

    page = client_for(anna).get(reverse("group_detail", args=[closed_group.slug]))
    body = page.content.decode()
    assert 'data-testid="join-request"' in body
    assert "Ich bin Steuerfachangestellte." in body
    join_request = closed_group.join_requests.get()

    client_for(anna).post(
        reverse("answer_join_request", args=[closed_group.slug, join_request.pk]),
        {"answer": "yes"},
    )
    assert closed_group.memberships.filter(member=clara).exists()


def test_only_moderators_answer_join_requests(anna, bernd, clara, closed_group, client_for):
    join_request = services.request_to_join(clara, group_id=closed_group.pk)

    response = client_for(bernd).post(
        reverse("answer_join_request", args=[closed_group.slug, join_request.pk]),
        {"answer": "yes"},
    )

    assert response.status_code == 404
    assert not closed_group.memberships.filter(member=clara).exists()


def test_the_invitee_reads_the_reasons(anna, bernd, tax_group, client_for):
    set_skills(bernd, names=["DATEV"])
    services.invite_to_group(anna, group_id=tax_group.pk, invitee_id=bernd.pk)

    body = client_for(bernd).get(reverse("group_invitations")).content.decode()

    assert "Steuern im Handwerk" in body
    assert "is about DATEV, which matches your interests" in body
    assert "Invited by Anna Becker" in body


def test_the_invite_page_lists_contacts_and_the_quota(anna, bernd, tax_group, client_for):
    page = client_for(anna).get(reverse("invite_to_group", args=[tax_group.slug]))

    body = page.content.decode()
    assert "Bernd Wagner" in body
    assert "60 of 60 invitations left this week." in body

    sent = client_for(anna).post(
        reverse("invite_to_group", args=[tax_group.slug]), {"invitee": bernd.pk, "note": ""}
    )
    assert sent.status_code == 302
    assert tax_group.invitations.filter(invitee=bernd).exists()


def test_the_settings_switch_to_filing(anna, client_for):
    client = client_for(anna)
    client.post(reverse("group_settings"), {"irrelevant_action": "file"})

    body = client.get(reverse("group_invitations")).content.decode()

    assert "are filed apart for you" in body


def test_create_a_group_through_the_page(anna, client_for):
    response = client_for(anna).post(
        reverse("new_group"),
        {
            "name": "Lohn & Gehalt",
            "description": "",
            "topics": "Lohnbuchhaltung, DATEV",
            "visibility": "public",
        },
    )

    assert response.status_code == 302
    page = client_for(anna).get(response["Location"]).content.decode()
    assert "Lohn &amp; Gehalt" in page
    assert "Lohnbuchhaltung" in page
