"""The audit log of moderators' actions (issue 9, SECURITY.md S7).

Every change a staff member makes in the admin is an entry naming the moderator, the
object and its fields before and after; a change to a member's standing needs a reason.
The log is read-only for everyone and never shown to members. Runs on SQLite and on
PostgreSQL (``scripts/with_postgres.py``), where a trigger also guards the table.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone

from handschlag.accounts.models import Invitation, Member
from handschlag.moderation.models import (
    AppendOnlyError,
    ModerationAction,
    Report,
    ReportReason,
    ReportStatus,
)
from handschlag.network import services as network_services
from handschlag.network.models import AppealOutcome, Restriction
from handschlag.profiles.models import Employer, Profile
from tests.conftest import PERSONA_PASSWORD

LOG_URL = "/admin/moderation/moderationaction/"
REASON = "Drei Meldungen von verschiedenen Mitgliedern, Inhalt geprüft."


@pytest.fixture
def host(db: None) -> Member:
    """The host's moderator: staff with every permission."""
    return Member.objects.create_superuser("moderatorin@example.org", password=PERSONA_PASSWORD)


@pytest.fixture
def admin_client(client_for: Callable[[Member], Client], host: Member) -> Client:
    return client_for(host)


def _form_data(response: Any) -> dict[str, Any]:
    """What the admin's change form would post back unchanged (main form and inlines)."""
    data: dict[str, Any] = {}

    def add(form: Any) -> None:
        for bound in form:
            if bound.field.disabled:
                continue
            value = bound.value()
            widget = bound.field.widget
            if hasattr(widget, "widgets"):  # a split date and time
                parts = widget.decompress(value) if value and not isinstance(value, list) else []
                for index, part in enumerate(parts or [None] * len(widget.widgets)):
                    data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            else:
                data[bound.html_name] = "" if value is None else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def _change(client: Client, url: str, **changes: Any) -> Any:
    page = client.get(url)
    assert page.status_code == 200
    data = _form_data(page)
    data.update(changes)
    return client.post(url, data)


def _entries(**filters: Any) -> list[ModerationAction]:
    return list(ModerationAction.objects.filter(**filters).order_by("pk"))


def _report(reported: Member, reporter: Member) -> Report:
    return Report.objects.create(
        reporter=reporter, reported=reported, reason=ReportReason.SPAM, content="Kaufen Sie!"
    )


### Reports ###


def test_closing_a_report_in_its_form_needs_a_reason(admin_client, host, anna, clara) -> None:
    report = _report(anna, clara)
    url = f"/admin/moderation/report/{report.pk}/change/"

    refused = _change(admin_client, url, status=ReportStatus.DISMISSED, audit_reason="")

    assert refused.status_code == 200
    assert "Please give a reason" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN
    assert not _entries(moderator=host)

    done = _change(admin_client, url, status=ReportStatus.DISMISSED, audit_reason=REASON)

    assert done.status_code == 302
    [entry] = _entries(moderator=host)
    assert entry.action == "report.change"
    assert entry.subject == anna
    assert (entry.target_model, entry.target_id) == ("moderation.report", str(report.pk))
    assert entry.reason == REASON
    assert entry.changes["status"] == {"before": "open", "after": "dismissed"}
    assert entry.changes["resolved_at"]["before"] is None
    assert entry.changes["resolved_at"]["after"]
    assert set(entry.changes) == {"status", "resolved_at"}


def test_closing_reports_in_bulk_logs_each_with_the_reason(admin_client, host, anna, clara):
    first, second = _report(anna, clara), _report(clara, anna)
    selected = {"action": "mark_actioned", "_selected_action": [first.pk, second.pk]}
    assert 'name="reason"' in admin_client.get("/admin/moderation/report/").content.decode()

    admin_client.post("/admin/moderation/report/", {**selected, "reason": ""})

    assert Report.objects.filter(status=ReportStatus.OPEN).count() == 2
    assert not _entries(moderator=host)

    admin_client.post("/admin/moderation/report/", {**selected, "reason": REASON})

    entries = _entries(moderator=host)
    assert {(e.action, e.target_id, e.subject_id) for e in entries} == {
        ("report.actioned", str(first.pk), anna.pk),
        ("report.actioned", str(second.pk), clara.pk),
    }
    assert {e.reason for e in entries} == {REASON}
    assert entries[0].changes["status"] == {"before": "open", "after": "actioned"}
    assert entries[0].details == {"via": "admin bulk action"}


def test_deleting_reports_in_bulk_needs_a_reason_and_logs_what_was_deleted(
    admin_client, host, anna, clara
):
    report = _report(anna, clara)
    selected = {"action": "delete_selected", "_selected_action": [report.pk]}

    confirm = admin_client.post("/admin/moderation/report/", {**selected, "reason": REASON})
    refused = admin_client.post("/admin/moderation/report/", {**selected, "post": "yes"})

    assert confirm.status_code == 200  # the confirmation page keeps the reason typed
    assert REASON in confirm.content.decode()
    assert refused.status_code == 302
    assert Report.objects.filter(pk=report.pk).exists()
    assert not _entries(moderator=host)

    response = admin_client.post(
        "/admin/moderation/report/", {**selected, "post": "yes", "reason": REASON}
    )

    assert response.status_code == 302
    assert not Report.objects.exists()
    [entry] = _entries(moderator=host)
    assert (entry.action, entry.subject, entry.reason) == ("report.delete", anna, REASON)
    assert entry.changes["content"] == {"before": "Kaufen Sie!", "after": None}
    assert entry.details == {"via": "admin bulk action"}


### Restrictions and appeals ###


def test_deciding_an_appeal_logs_the_moderators_reason(admin_client, host, anna) -> None:
    restriction = Restriction.objects.create(
        member=anna, evidence={"codes": ["SEND_TEMPLATED"]}, ends_at=timezone.now() + timedelta(7)
    )
    appeal = network_services.appeal_restriction(anna, text="Ich kenne alle persönlich.")
    selected = {"action": "lift_restrictions", "_selected_action": [appeal.pk]}

    admin_client.post("/admin/network/appeal/", {**selected, "reason": ""})

    appeal.refresh_from_db()
    assert appeal.outcome == AppealOutcome.PENDING
    assert not _entries(moderator=host)

    admin_client.post("/admin/network/appeal/", {**selected, "reason": REASON})

    appeal.refresh_from_db()
    restriction.refresh_from_db()
    assert appeal.outcome == AppealOutcome.LIFTED
    assert restriction.lifted_at is not None
    [entry] = _entries(moderator=host)
    assert entry.action == "lift_restriction"
    assert entry.subject == anna
    assert entry.reason == REASON
    assert (entry.target_model, entry.target_id) == ("network.appeal", str(appeal.pk))
    assert entry.changes["outcome"] == {"before": "pending", "after": "lifted"}
    assert entry.changes["restriction.lifted_at"]["before"] is None


def test_changing_a_restriction_needs_a_reason_and_logs_before_and_after(
    admin_client, host, anna
) -> None:
    ends = timezone.now() + timedelta(days=7)
    restriction = Restriction.objects.create(member=anna, evidence={"codes": ["X"]}, ends_at=ends)
    url = f"/admin/network/restriction/{restriction.pk}/change/"
    new_end = (ends + timedelta(days=3)).replace(microsecond=0)
    local = timezone.localtime(new_end)
    new_ends_at = {"ends_at_0": local.date().isoformat(), "ends_at_1": local.time().isoformat()}

    assert _change(admin_client, url, **new_ends_at).status_code == 200
    assert not _entries(moderator=host)

    assert _change(admin_client, url, **new_ends_at, audit_reason=REASON).status_code == 302

    [entry] = _entries(moderator=host)
    assert entry.action == "restriction.change"
    assert entry.subject == anna
    assert entry.reason == REASON
    assert set(entry.changes) == {"ends_at"}
    assert entry.changes["ends_at"]["after"] == new_end.astimezone(UTC).isoformat()


def test_lifting_restrictions_in_bulk_is_logged(admin_client, host, anna, clara) -> None:
    restrictions = [
        Restriction.objects.create(member=member, ends_at=timezone.now() + timedelta(days=7))
        for member in (anna, clara)
    ]

    admin_client.post(
        "/admin/network/restriction/",
        {
            "action": "lift_now",
            "_selected_action": [r.pk for r in restrictions],
            "reason": REASON,
        },
    )

    assert not Restriction.objects.filter(lifted_at__isnull=True).exists()
    entries = _entries(moderator=host, action="restriction.lift")
    assert {e.subject_id for e in entries} == {anna.pk, clara.pk}
    assert all(e.changes["lifted_at"]["before"] is None for e in entries)


### Members, rights and content ###


def test_deactivating_a_member_is_logged_with_the_reason(admin_client, host, anna) -> None:
    admin_client.post(
        "/admin/accounts/member/",
        {"action": "deactivate_members", "_selected_action": [anna.pk], "reason": REASON},
    )

    anna.refresh_from_db()
    assert not anna.is_active
    [entry] = _entries(moderator=host)
    assert (entry.action, entry.subject, entry.reason) == ("member.deactivate", anna, REASON)
    assert entry.changes == {"is_active": {"before": True, "after": False}}


def test_making_a_member_staff_needs_a_reason(admin_client, host, anna) -> None:
    url = f"/admin/accounts/member/{anna.pk}/change/"

    refused = _change(admin_client, url, is_staff="on")

    assert refused.status_code == 200
    anna.refresh_from_db()
    assert not anna.is_staff

    assert _change(admin_client, url, is_staff="on", audit_reason=REASON).status_code == 302

    [entry] = _entries(moderator=host)
    assert entry.action == "member.change"
    assert entry.changes == {"is_staff": {"before": False, "after": True}}
    assert entry.reason == REASON


def test_a_password_set_by_a_moderator_is_logged_but_never_copied(admin_client, host, anna) -> None:
    old_hash = anna.password
    response = admin_client.post(
        f"/admin/accounts/member/{anna.pk}/password/",
        {"password1": "Ein-neues-Passwort-2026!", "password2": "Ein-neues-Passwort-2026!"},
    )

    assert response.status_code == 302
    anna.refresh_from_db()
    [entry] = _entries(moderator=host)
    assert entry.changes == {"password": {"before": "[redacted]", "after": "[redacted]"}}
    logged = str(entry.changes) + str(entry.details)
    assert old_hash not in logged
    assert anna.password not in logged


def test_adding_a_member_in_the_admin_logs_no_secret(admin_client, host) -> None:
    password = "Ein-neues-Passwort-2026!"
    response = admin_client.post(
        "/admin/accounts/member/add/",
        {
            "email": "neu@example.org",
            "password1": password,
            "password2": password,
            "usable_password": "true",
            "audit_reason": "Konto für die Redaktion",
        },
    )

    assert response.status_code == 302
    member = Member.objects.get(email="neu@example.org")
    [entry] = _entries(moderator=host)
    assert (entry.action, entry.subject, entry.reason) == (
        "member.add",
        member,
        "Konto für die Redaktion",
    )
    assert entry.changes["password"] == {"before": None, "after": "[redacted]"}
    assert entry.changes["email"] == {"before": None, "after": "[redacted]"}
    assert "neu@example.org" not in str(entry.changes)
    assert member.password not in str(entry.changes)


def test_an_invitation_code_never_reaches_the_log(admin_client, host, anna) -> None:
    invitation = Invitation.objects.create(inviter=anna)
    admin_client.post(
        "/admin/accounts/invitation/",
        {
            "action": "delete_selected",
            "_selected_action": [invitation.pk],
            "post": "yes",
            "reason": "Einladung an die falsche Adresse",
        },
    )

    [entry] = _entries(moderator=host)
    assert entry.action == "invitation.delete"
    assert entry.changes["code"] == {"before": "[redacted]", "after": None}
    assert invitation.code not in str(entry.changes)


def test_marking_an_email_verified_is_logged_without_the_address(admin_client, host, anna):
    address = EmailAddress.objects.get(user=anna)
    assert not address.verified
    selected = {"action": "make_verified", "_selected_action": [address.pk]}

    admin_client.post("/admin/account/emailaddress/", selected)
    address.refresh_from_db()
    assert not address.verified

    admin_client.post("/admin/account/emailaddress/", {**selected, "reason": REASON})

    address.refresh_from_db()
    assert address.verified
    [entry] = _entries(moderator=host)
    assert (entry.action, entry.subject, entry.reason) == ("emailaddress.verify", anna, REASON)
    assert entry.changes == {"verified": {"before": False, "after": True}}
    assert anna.email not in str(entry.changes) + str(entry.details)


def test_lifting_a_login_lockout_is_logged_without_who_tried(admin_client, host) -> None:
    attempt = AccessAttempt.objects.create(
        username="anna.becker@example.org",
        ip_address="203.0.113.7",
        user_agent="Firefox",
        failures_since_start=5,
        get_data="",
        post_data="login=anna.becker@example.org",
    )

    admin_client.post(
        "/admin/axes/accessattempt/",
        {
            "action": "delete_selected",
            "_selected_action": [attempt.pk],
            "post": "yes",
            "reason": "Telefonisch bestätigt",
        },
    )

    assert not AccessAttempt.objects.exists()
    [entry] = _entries(moderator=host)
    assert (entry.action, entry.reason) == ("accessattempt.delete", "Telefonisch bestätigt")
    assert entry.changes["failures_since_start"] == {"before": 5, "after": None}
    logged = str(entry.changes)
    assert "anna.becker" not in logged
    assert "203.0.113.7" not in logged


def test_editing_a_profile_logs_the_text_before_and_after(admin_client, host, anna) -> None:
    profile = Profile.objects.get(member=anna)
    url = f"/admin/profiles/profile/{profile.pk}/change/"

    response = _change(admin_client, url, headline="", audit_reason="Werbung in der Überschrift")

    assert response.status_code == 302
    [entry] = _entries(moderator=host)
    assert entry.action == "profile.change"
    assert entry.subject == anna
    assert entry.changes["headline"] == {
        "before": "Steuerberaterin für Handwerksbetriebe",
        "after": "",
    }
    assert set(entry.changes) == {"headline", "updated_at"}
    assert entry.reason == "Werbung in der Überschrift"


def test_adding_and_deleting_an_employer_is_logged(admin_client, host) -> None:
    admin_client.post("/admin/profiles/employer/add/", {"name": "Muster GmbH", "audit_reason": ""})
    employer = Employer.objects.get(name="Muster GmbH")
    delete_url = f"/admin/profiles/employer/{employer.pk}/delete/"
    page = admin_client.get(delete_url)
    refused = admin_client.post(delete_url, {"post": "yes"})
    assert 'name="reason"' in page.content.decode()
    assert refused.status_code == 302
    assert Employer.objects.filter(pk=employer.pk).exists()
    admin_client.post(delete_url, {"post": "yes", "reason": "Doppelt angelegt"})

    added, deleted = _entries(moderator=host)
    assert (added.action, added.target_id) == ("employer.add", str(employer.pk))
    assert added.changes["name"] == {"before": None, "after": "Muster GmbH"}
    assert (deleted.action, deleted.target_id) == ("employer.delete", str(employer.pk))
    assert deleted.changes["name"] == {"before": "Muster GmbH", "after": None}
    assert deleted.reason == "Doppelt angelegt"
    assert not Employer.objects.filter(pk=employer.pk).exists()


def test_giving_a_group_permissions_needs_a_reason(admin_client, host) -> None:
    group = Group.objects.create(name="Moderation")
    permission = Permission.objects.get(codename="change_report")
    url = f"/admin/auth/group/{group.pk}/change/"

    assert _change(admin_client, url, permissions=[str(permission.pk)]).status_code == 200
    assert (
        _change(
            admin_client, url, permissions=[str(permission.pk)], audit_reason=REASON
        ).status_code
        == 302
    )

    [entry] = _entries(moderator=host)
    assert entry.changes == {"permissions": {"before": [], "after": [permission.pk]}}


### Who can read the log ###


def test_the_log_lists_filters_and_searches_for_moderators(admin_client, host, anna, clara):
    for member in (anna, clara):
        ModerationAction.objects.create(
            moderator=host, subject=member, action="member.deactivate", reason=REASON
        )
    ModerationAction.objects.create(subject=anna, action="restrict_sender")

    listing = admin_client.get(LOG_URL)
    by_action = admin_client.get(LOG_URL, {"action": "restrict_sender"})
    by_moderator = admin_client.get(LOG_URL, {"moderator__id__exact": host.pk})
    by_subject = admin_client.get(LOG_URL, {"q": clara.email})
    today = timezone.localdate()
    by_date = admin_client.get(
        LOG_URL,
        {
            "created_at__year": today.year,
            "created_at__month": today.month,
            "created_at__day": today.day,
        },
    )

    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 3
    assert by_action.context["cl"].result_count == 1
    assert by_moderator.context["cl"].result_count == 2
    assert [e.subject for e in by_subject.context["cl"].result_list] == [clara]
    assert by_date.context["cl"].result_count == 3


def test_nobody_changes_or_deletes_an_entry_in_the_admin(admin_client, host, anna) -> None:
    entry = ModerationAction.objects.create(
        moderator=host, subject=anna, action="member.deactivate", reason=REASON
    )
    change_url = f"{LOG_URL}{entry.pk}/change/"

    view = admin_client.get(change_url)
    edit = admin_client.post(change_url, {"action": "x", "reason": "geändert"})
    delete = admin_client.post(f"{LOG_URL}{entry.pk}/delete/", {"post": "yes"})
    add = admin_client.get(f"{LOG_URL}add/")
    bulk = admin_client.post(
        LOG_URL, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )

    assert view.status_code == 200
    assert REASON in view.content.decode()
    assert edit.status_code == 403
    assert delete.status_code == 403
    assert add.status_code == 403
    assert bulk.status_code == 200  # the change list again: no action to run
    entry.refresh_from_db()
    assert (entry.action, entry.reason) == ("member.deactivate", REASON)


def test_members_cannot_read_the_log(client_for, anna, host) -> None:
    entry = ModerationAction.objects.create(
        moderator=host, subject=anna, action="member.deactivate", reason=REASON
    )
    member = client_for(anna)

    for url in (LOG_URL, f"{LOG_URL}{entry.pk}/change/"):
        response = member.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_staff_without_the_permission_cannot_read_the_log(client_for, anna, host) -> None:
    anna.is_staff = True
    anna.save(update_fields=["is_staff"])

    assert client_for(anna).get(LOG_URL).status_code == 403


def test_the_log_is_never_in_the_api_or_the_members_pages(client_for, anna, host) -> None:
    ModerationAction.objects.create(
        moderator=host, subject=anna, action="member.deactivate", reason=REASON
    )
    member = client_for(anna)

    schema = member.get("/api/v1/openapi.json")
    pages = [member.get(url) for url in ("/", f"/members/{anna.pk}/", "/settings/blocks/")]

    assert schema.status_code == 200
    text = schema.content.decode().lower()
    assert "moderationaction" not in text
    assert "audit" not in text
    for page in pages:
        assert page.status_code in {200, 302}
        assert REASON not in page.content.decode()


### Append-only ###


def test_entries_cannot_be_changed_or_deleted_through_the_orm(host, anna) -> None:
    entry = ModerationAction.objects.create(moderator=host, subject=anna, action="x", reason="r")

    entry.reason = "geändert"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        ModerationAction.objects.filter(pk=entry.pk).update(reason="geändert")
    with pytest.raises(AppendOnlyError):
        ModerationAction.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        ModerationAction.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        ModerationAction.objects.bulk_update([entry], ["reason"])

    stored = ModerationAction.objects.get(pk=entry.pk)
    assert stored.reason == "r"


def test_deleting_a_member_keeps_their_entries_without_the_link(host, anna, clara) -> None:
    about_anna = ModerationAction.objects.create(
        moderator=host,
        subject=anna,
        action="member.deactivate",
        target_model="accounts.member",
        target_id=str(anna.pk),
        reason=REASON,
    )
    by_clara = ModerationAction.objects.create(moderator=clara, subject=host, action="x")
    anna_id = anna.pk

    anna.delete()
    clara.delete()

    about_anna.refresh_from_db()
    by_clara.refresh_from_db()
    assert about_anna.subject_id is None
    assert about_anna.moderator == host
    assert (about_anna.target_id, about_anna.reason) == (str(anna_id), REASON)
    assert by_clara.moderator_id is None
    assert by_clara.subject == host


def test_deleting_a_member_in_the_admin_is_logged_and_keeps_the_entry(
    admin_client, host, anna
) -> None:
    anna_id = anna.pk

    response = admin_client.post(
        f"/admin/accounts/member/{anna_id}/delete/", {"post": "yes", "reason": REASON}
    )

    assert response.status_code == 302
    assert not Member.objects.filter(pk=anna_id).exists()
    [entry] = _entries(moderator=host)
    assert (entry.action, entry.target_id, entry.subject_id) == (
        "member.delete",
        str(anna_id),
        None,
    )
    assert entry.changes["email"] == {"before": "[redacted]", "after": None}
    assert entry.changes["password"] == {"before": "[redacted]", "after": None}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)
def test_the_database_refuses_changes_and_deletes_on_postgresql(host, anna) -> None:
    entry = ModerationAction.objects.create(moderator=host, subject=anna, action="x", reason="r")
    refused = (
        ("UPDATE moderation_moderationaction SET reason = 'geändert' WHERE id = %s", [entry.pk]),
        (
            "UPDATE moderation_moderationaction SET subject_id = %s WHERE id = %s",
            [host.pk, entry.pk],
        ),
        ("DELETE FROM moderation_moderationaction WHERE id = %s", [entry.pk]),
    )
    for sql, params in refused:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)

    with connection.cursor() as cursor:  # what on_delete=SET_NULL does
        cursor.execute(
            "UPDATE moderation_moderationaction SET subject_id = NULL WHERE id = %s", [entry.pk]
        )
    assert ModerationAction.objects.get(pk=entry.pk).subject_id is None
