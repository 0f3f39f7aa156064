"""Deleting Anna's account: every personal row goes or loses her words, reports about her
stay, it is all or nothing, and she cannot log in afterwards."""

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import serializers
from django.db import IntegrityError
from django.test import Client
from tests.conftest import PERSONA_PASSWORD
from tests.gdpr.conftest import ANNA_MIN_SALARY, ANNA_PHONE, MARK, World

from handschlag.accounts.models import Member
from handschlag.gdpr.deletion import PLAN, delete_account, is_tombstone, tombstone_email
from handschlag.groups.models import Group
from handschlag.groups.services import create_group, join_group
from handschlag.messaging.models import Message, Participant, ParticipantState
from handschlag.moderation.models import ModerationAction, Report
from handschlag.network.models import Restriction
from handschlag.profiles.models import Profile

LOGIN_URL = "/accounts/login/"

#: What must not be in any row once Anna is gone.
ANNA_EMAIL = "anna.becker@example.org"


def _anna_canaries() -> list[str]:
    texts = [ANNA_EMAIL, "Anna Becker", ANNA_PHONE, str(ANNA_MIN_SALARY)]
    # Reports she filed stay with the moderators, without her (docs/gdpr.md).
    return texts + [m for key, m in MARK.items() if key != "report"]


def _rows_mentioning(needles: list[str]) -> dict[str, list[str]]:
    """Every row of every table, serialized, that contains one of ``needles``."""
    found: dict[str, list[str]] = {}
    lowered = [n.casefold() for n in needles]
    for model in apps.get_models():
        if model is Session:
            continue  # opaque; tested through the login below
        for obj in model._default_manager.all():
            text = serializers.serialize("json", [obj]).casefold()
            hits = [n for n in lowered if n in text]
            if hits:
                found.setdefault(model._meta.label, []).extend(hits)
    return found


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_the_plan_names_every_column_tied_to_a_member() -> None:
    columns = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model is Member
    }
    assert columns == set(PLAN)


def test_no_row_carries_annas_personal_data_afterwards(world: World) -> None:
    assert _rows_mentioning(_anna_canaries())  # the canaries are really there before

    summary = delete_account(world.anna)

    assert _rows_mentioning(_anna_canaries()) == {}
    assert summary.reports_kept == 1
    assert summary.messages_blanked == 1


def test_reports_about_anna_and_the_moderation_log_are_kept(world: World) -> None:
    delete_account(world.anna)

    report = Report.objects.get(pk=world.report_about_anna.pk)
    assert report.reported_id == world.anna.pk
    assert report.content == "Kaufen Sie jetzt!"
    assert ModerationAction.objects.filter(subject_id=world.anna.pk, action="restrict").exists()
    assert Restriction.objects.filter(member_id=world.anna.pk).exists()
    # Her own report on Clara stays for the moderators, without her.
    filed = Report.objects.get(comment=MARK["report"])
    assert filed.reporter_id is None


def test_a_group_with_other_members_stays_with_them(anna: Member, olaf: Member) -> None:
    alone = create_group(anna, name="Nur Anna", description="", topics=["a"], visibility="public")
    shared = create_group(
        anna, name="Steuerstammtisch", description="", topics=["b"], visibility="public"
    )
    join_group(olaf, group_id=shared.pk)

    delete_account(anna)

    assert not Group.objects.filter(pk=alone.pk).exists()
    kept = Group.objects.get(pk=shared.pk)
    assert kept.created_by_id is None
    assert list(kept.memberships.values_list("member_id", flat=True)) == [olaf.pk]


def test_the_member_row_becomes_a_nameless_tombstone(world: World) -> None:
    delete_account(world.anna)

    anna = Member.objects.get(pk=world.anna.pk)
    assert is_tombstone(anna)
    assert anna.email == tombstone_email(anna.pk)
    assert not anna.has_usable_password()
    assert not anna.is_staff
    assert not anna.is_superuser
    assert not Profile.objects.filter(member_id=anna.pk).exists()


def test_olaf_keeps_his_conversation_with_a_deleted_marker_for_annas_message(
    world: World, client_for
) -> None:
    delete_account(world.anna)

    messages = Message.objects.filter(sender_id__in=[world.anna.pk, world.olaf.pk])
    annas = messages.get(sender_id=world.anna.pk)
    assert annas.text == ""
    assert annas.deleted_at is not None
    assert messages.get(sender_id=world.olaf.pk).text == "Gern, Anna!"
    assert Participant.objects.get(member_id=world.anna.pk).state == ParticipantState.DECLINED

    page = client_for(world.olaf).get(f"/messages/{annas.conversation_id}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Gern, Anna!" in body
    assert MARK["message"] not in body
    assert "This message was deleted." in body
    assert "You cannot write in it any more" in body


def test_anna_cannot_log_in_afterwards_and_her_sessions_end(world: World) -> None:
    browser = Client()
    login = browser.post(LOGIN_URL, {"login": ANNA_EMAIL, "password": PERSONA_PASSWORD})
    assert login.status_code == 302
    assert browser.get("/settings/your-data/").status_code == 200

    delete_account(Member.objects.get(pk=world.anna.pk))

    # The session she had open elsewhere is no longer a login.
    assert browser.get("/settings/your-data/").status_code == 302
    again = Client()
    refused = again.post(LOGIN_URL, {"login": ANNA_EMAIL, "password": PERSONA_PASSWORD})
    assert refused.status_code == 200
    assert "_auth_user_id" not in again.session


@pytest.mark.django_db(transaction=True)
def test_a_failure_at_the_last_step_undoes_every_step_before(world: World) -> None:
    """A real constraint, no mock: someone already holds the tombstone address (only
    possible with the site's secret, as here), so the final UPDATE of the member row
    breaks the unique email, after all the deletes ran. Nothing may have changed."""
    Member.objects.create_user(tombstone_email(world.anna.pk), password=PERSONA_PASSWORD)
    before = _row_counts()
    personal_before = _rows_mentioning(_anna_canaries())

    with pytest.raises(IntegrityError):
        delete_account(Member.objects.get(pk=world.anna.pk))

    assert _row_counts() == before
    assert _rows_mentioning(_anna_canaries()) == personal_before
    anna = Member.objects.get(pk=world.anna.pk)
    assert anna.is_active
    assert anna.email == ANNA_EMAIL
    login = Client().post(LOGIN_URL, {"login": ANNA_EMAIL, "password": PERSONA_PASSWORD})
    assert login.status_code == 302
