"""Creating and moderating groups and inviting to them through the API, as on the pages:
the creator moderates; only moderators see and answer join requests and name moderators
(403 for members, 404 for a request of a group one does not moderate); invitations are
judged by the engine, filed or declined by the invitee's settings, and counted against
the weekly quota (429 with Retry-After when spent)."""

from datetime import timedelta

from django.utils import timezone

from handschlag.groups import services as group_services
from handschlag.groups.models import GroupInvitation, JoinRequest, Membership
from handschlag.network.services import connect_members

from .conftest import API, make_member


def _post(client, path: str, body: dict[str, object] | None = None):
    return client.post(f"{API}{path}", body or {}, content_type="application/json")


def test_create_a_group_and_let_a_member_in(anna, bernd, malte, api_for):
    created = _post(
        api_for(anna),
        "/groups",
        {
            "name": "Steuerkreis Köln",
            "description": "Fachaustausch zu Steuern im Handwerk",
            "topics": ["Steuern", "Handwerk", "steuern"],
            "visibility": "closed",
        },
    )
    assert created.status_code == 201, created.content
    group = created.json()
    assert (group["slug"], group["is_moderator"], group["is_closed"]) == (
        "steuerkreis-koln",
        True,
        True,
    )
    assert group["topics"] == ["Steuern", "Handwerk"]
    slug = group["slug"]

    asked = _post(api_for(malte), f"/groups/{slug}/join-request", {"message": "Darf ich?"})
    assert asked.status_code == 200
    waiting = api_for(anna).get(f"{API}/groups/{slug}/join-requests").json()
    assert [(r["full_name"], r["message"]) for r in waiting] == [("Malte Fuchs", "Darf ich?")]
    # Not a moderator: refused, and nobody learns who asked.
    refused = api_for(malte).get(f"{API}/groups/{slug}/join-requests")
    assert refused.status_code == 403
    assert "Malte" not in refused.content.decode()

    request_id = waiting[0]["id"]
    answered = _post(
        api_for(anna), f"/groups/{slug}/join-requests/{request_id}/answer", {"accept": True}
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["members"] == 2
    again = _post(
        api_for(anna), f"/groups/{slug}/join-requests/{request_id}/answer", {"accept": False}
    )
    assert again.status_code == 409

    # Malte is in, but not a moderator: he cannot name one.
    made = _post(api_for(malte), f"/groups/{slug}/moderators/{malte.pk}")
    assert made.status_code == 403
    made = _post(api_for(anna), f"/groups/{slug}/moderators/{malte.pk}")
    assert made.status_code == 200
    assert {m["full_name"] for m in made.json()["moderators"]} == {"Anna Becker", "Malte Fuchs"}
    # Bernd is no member: as if he did not exist in the group.
    assert _post(api_for(anna), f"/groups/{slug}/moderators/{bernd.pk}").status_code == 404


def test_a_join_request_of_another_group_is_a_404(anna, bernd, malte, api_for):
    theirs = group_services.create_group(
        anna, name="Lohnkreis", description="", topics=["lohn"], visibility="closed"
    )
    mine = group_services.create_group(
        malte, name="Maltes Kreis", description="", topics=["lohn"], visibility="closed"
    )
    join = group_services.request_to_join(bernd, group_id=theirs.pk, message="Hallo")
    for slug in (mine.slug, theirs.slug):
        refused = _post(
            api_for(malte), f"/groups/{slug}/join-requests/{join.pk}/answer", {"accept": True}
        )
        unknown = _post(
            api_for(malte), f"/groups/{slug}/join-requests/999999/answer", {"accept": True}
        )
        assert refused.status_code == 404
        assert refused.json() == unknown.json()
    assert JoinRequest.objects.get(pk=join.pk).status == "pending"
    assert not Membership.objects.filter(group=theirs, member=bernd).exists()


def test_invite_a_contact_within_the_quota(anna, bernd, clara, malte, api_for):
    group = group_services.create_group(
        anna,
        name="Lohn und Gehalt",
        description="",
        topics=["Lohnbuchhaltung"],
        visibility="public",
    )
    options = api_for(anna).get(f"{API}/groups/{group.slug}/invite").json()
    assert [c["full_name"] for c in options["contacts"]] == ["Bernd Wagner"]
    assert options["quota"]["left"] == options["quota"]["limit"]

    sent = _post(
        api_for(anna),
        f"/groups/{group.slug}/invitations",
        {"invitee_id": bernd.pk, "note": "Du kennst dich mit Lohn aus."},
    )
    assert sent.status_code == 201, sent.content
    assert sent.json()["quota"]["used"] == 1
    invitation = GroupInvitation.objects.get(pk=sent.json()["id"])
    assert (invitation.invitee, invitation.label != "") == (bernd, True)
    waiting = api_for(bernd).get(f"{API}/group-invitations").json()
    assert [i["id"] for i in waiting["waiting"] + waiting["filed"]] == [invitation.pk]

    twice = _post(api_for(anna), f"/groups/{group.slug}/invitations", {"invitee_id": bernd.pk})
    assert twice.status_code == 409
    # Not one of her contacts: the form's own refusal on the field.
    stranger = _post(api_for(anna), f"/groups/{group.slug}/invitations", {"invitee_id": clara.pk})
    assert stranger.status_code == 422
    assert stranger.json()["errors"][0]["field"] == "invitee"
    # Malte is no member of the group: he may not invite to it.
    connect_members(malte, contact=clara, how_met="other")
    outside = _post(api_for(malte), f"/groups/{group.slug}/invitations", {"invitee_id": clara.pk})
    assert outside.status_code == 403
    assert GroupInvitation.objects.count() == 1


def test_a_spent_quota_is_a_429_with_retry_after(anna, api_for):
    group = group_services.create_group(
        anna, name="Lohn und Gehalt", description="", topics=["Lohn"], visibility="public"
    )
    dora = make_member("dora.kranz@example.org", "Dora Kranz")
    connect_members(anna, contact=dora, how_met="school")
    sent_at = timezone.now() - timedelta(days=1)
    quota = group_services.weekly_invitation_quota(anna.pk, now=timezone.now())
    for number in range(quota.limit):
        filler = make_member(f"f{number}@example.org", f"Füll Mitglied {number}")
        GroupInvitation.objects.create(
            group=group, inviter=anna, invitee=filler, sent_at=sent_at, status="declined"
        )
    refused = _post(api_for(anna), f"/groups/{group.slug}/invitations", {"invitee_id": dora.pk})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused["X-RateLimit-Limit"] == str(quota.limit)


def test_the_invitation_settings_and_their_choices(rita, api_for):
    client = api_for(rita)  # Rita reads German
    assert client.get(f"{API}/group-invitations/settings").json() == {
        "irrelevant_action": "decline"
    }
    saved = client.put(
        f"{API}/group-invitations/settings",
        {"irrelevant_action": "file"},
        content_type="application/json",
    )
    assert saved.json() == {"irrelevant_action": "file"}
    wrong = client.put(
        f"{API}/group-invitations/settings",
        {"irrelevant_action": "delete"},
        content_type="application/json",
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"] == [
        {"field": "irrelevant_action", "message": "Wählen Sie einen der erlaubten Werte."}
    ]


def test_a_group_needs_a_name_in_the_members_language(rita, api_for):
    refused = _post(api_for(rita), "/groups", {"name": "", "topics": []})
    assert refused.status_code == 422
    fields = {e["field"] for e in refused.json()["errors"]}
    assert fields == {"name", "topics"}
    assert refused.json()["errors"][0]["message"] == "Dieses Feld ist zwingend erforderlich."


def test_the_group_choices_match_the_models():
    from typing import get_args

    from handschlag.api.routers import groups as group_router
    from handschlag.groups.models import IrrelevantAction, Visibility

    assert set(get_args(group_router.VisibilityCode)) == set(Visibility.values)
    assert set(get_args(group_router.IrrelevantActionCode)) == set(IrrelevantAction.values)
