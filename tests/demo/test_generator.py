"""The ``demo`` command, used as a developer uses it: through ``call_command``.

A small network (60 members) is enough to check what must hold at any scale: the same
seed gives the same people, dates are consistent, connections are stored both ways, the
printed login works, and a second run changes nothing.
"""

import re
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Q
from django.test import RequestFactory

from handschlag.accounts.models import Invitation, Member
from handschlag.network.models import Connection
from handschlag.profiles.models import (
    Education,
    JobPreferences,
    Position,
    Profile,
    ProfileSkill,
    SpokenLanguage,
)

MEMBERS = 60
AS_OF = "2025-03-15"


def run_demo(**options) -> str:
    out = StringIO()
    call_command("demo", members=MEMBERS, as_of=date.fromisoformat(AS_OF), stdout=out, **options)
    return out.getvalue()


def people() -> list[tuple[str, str]]:
    return list(Profile.objects.order_by("member_id").values_list("full_name", "member__email"))


@pytest.fixture
def demo_output(db) -> str:
    return run_demo()


@pytest.mark.django_db
def test_same_seed_gives_the_same_people():
    # Without the contact requests: the real send service insists on its own transaction.
    with transaction.atomic():
        run_demo(seed=7, no_traffic=True)
        first = people()
        first_positions = list(
            Position.objects.order_by("id").values_list("employer__name", "title", "start_date")
        )
        transaction.set_rollback(True)
    assert Member.objects.count() == 0

    run_demo(seed=7, no_traffic=True)

    assert people() == first
    assert (
        list(Position.objects.order_by("id").values_list("employer__name", "title", "start_date"))
        == first_positions
    )


@pytest.mark.django_db
def test_another_seed_gives_other_people():
    # Without the contact requests: the real send service insists on its own transaction.
    with transaction.atomic():
        run_demo(seed=7, no_traffic=True)
        first = people()
        transaction.set_rollback(True)

    run_demo(seed=8, no_traffic=True)

    assert people() != first


def test_the_crowd_and_the_personas_are_there(demo_output):
    personas = Member.objects.filter(email__endswith="@handschlag.example").count()
    assert Member.objects.count() == MEMBERS + personas
    assert personas >= 5
    assert Profile.objects.count() == Member.objects.count()
    assert Education.objects.exists()
    assert ProfileSkill.objects.exists()
    assert SpokenLanguage.objects.exists()
    assert Invitation.objects.filter(accepted_by__isnull=False).exists()
    assert Member.objects.filter(invited_by__isnull=False).exists()
    assert "accounts_member" in demo_output


def test_position_dates_are_consistent_and_never_in_the_future(demo_output):
    as_of = date.fromisoformat(AS_OF)
    assert Position.objects.count() >= MEMBERS
    assert not Position.objects.filter(end_date__lt=F("start_date")).exists()
    assert not Position.objects.filter(Q(start_date__gt=as_of) | Q(end_date__gt=as_of)).exists()
    assert not Education.objects.filter(end_year__lt=F("start_year")).exists()
    assert not Education.objects.filter(end_year__gt=as_of.year).exists()


def test_every_member_has_at_most_one_current_position_per_employer(demo_output):
    current = Position.objects.filter(end_date__isnull=True)
    assert current.exists()
    pairs = list(current.values_list("profile_id", "employer_id"))
    assert len(pairs) == len(set(pairs))


def test_connections_are_stored_in_both_directions(demo_output):
    rows = set(Connection.objects.values_list("owner_id", "contact_id", "how_met"))
    assert rows
    assert all((contact, owner, how) in rows for owner, contact, how in rows)
    assert {how for _owner, _contact, how in rows} <= {"employer", "school", "event", "other"}


def test_the_printed_demo_login_authenticates(demo_output):
    match = re.search(r"Demo login:\s+email (\S+)\s+password (\S+)", demo_output)
    assert match, demo_output
    email, password = match.groups()
    assert "http://127.0.0.1:8000" in demo_output
    assert len(password) >= 12

    request = RequestFactory().post("/accounts/login/")
    member = authenticate(request, username=email, password=password)

    assert member is not None
    assert member.profile.full_name
    assert member.profile.positions.exists()
    assert member.profile.skills.exists()
    assert member.profile.seeking_items
    assert member.profile.offering_items
    assert JobPreferences.objects.filter(member=member, open_to_offers=True).exists()
    assert Connection.objects.filter(owner=member).exists()


def test_the_demo_password_passes_the_sites_own_password_rules(demo_output):
    email, password = re.search(r"Demo login:\s+email (\S+)\s+password (\S+)", demo_output).groups()

    validate_password(password, Member.objects.get(email=email))


def test_the_printed_host_login_is_staff(demo_output):
    match = re.search(r"Host \(admin\):\s+email (\S+)\s+password (\S+)", demo_output)
    assert match, demo_output
    email, password = match.groups()

    host = authenticate(RequestFactory().post("/admin/login/"), username=email, password=password)

    assert host is not None
    assert host.is_staff
    assert host.is_superuser


def test_the_crowd_cannot_log_in(demo_output):
    crowd = Member.objects.exclude(email__endswith="@handschlag.example")
    assert crowd.exists()
    assert not any(member.has_usable_password() for member in crowd)


def test_job_preferences_exist_for_some_members_only(demo_output):
    with_preferences = JobPreferences.objects.count()
    assert 0 < with_preferences < Member.objects.count()
    assert not JobPreferences.objects.filter(open_to_offers=True, min_salary__isnull=True).exists()


def test_emails_are_unique_and_never_deliverable(demo_output):
    emails = list(Member.objects.values_list("email", flat=True))
    assert len(emails) == len(set(emails))
    assert all(email.endswith(".example") for email in emails)


def test_running_twice_changes_nothing(demo_output):
    before = (Member.objects.count(), Connection.objects.count(), Position.objects.count())

    again = run_demo()

    assert (Member.objects.count(), Connection.objects.count(), Position.objects.count()) == before
    assert "nothing was changed" in again
    assert "Demo login:" in again


@pytest.mark.django_db
def test_a_database_with_other_members_is_left_alone():
    Member.objects.create_user("somebody@example.org", password="not-the-demo-password")

    output = run_demo()

    assert Member.objects.count() == 1
    assert "no demo login" in output
