"""Rows → trust.Case: the engine sees exactly the facts in the database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.moderation.models import Report
from handschlag.network import cases, services
from handschlag.network.engine import reset_engine
from handschlag.network.models import ContactRequest, ProfileView, RequestStatus
from handschlag.profiles.services import save_position, set_skills, update_profile
from handschlag.trust import Hit, Intent, Kind, Level
from tests.profiles.factories import EducationFactory, ProfileFactory

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    reset_engine()
    yield
    reset_engine()


def _member(name: str) -> Member:
    return ProfileFactory(full_name=name).member


def _position(member: Member, employer: str, start: date, end: date | None) -> None:
    save_position(
        member,
        position_id=None,
        employer_name=employer,
        title="Sachbearbeitung",
        start_date=start,
        end_date=end,
    )


def _facts(sender: Member, recipient: Member, note: str = "Hallo", intent: str = "met"):
    return cases.build_contact_request_facts(
        sender, recipient=recipient, note=note, intent=intent, now=NOW
    )


def test_the_case_carries_the_request_itself(anna: Member, clara: Member) -> None:
    case = _facts(anna, clara, note="Guten Tag", intent="business").case

    assert case.kind is Kind.CONTACT_REQUEST
    assert case.text == "Guten Tag"
    assert case.intent is Intent.BUSINESS
    assert case.sent_at == NOW
    assert (case.sender.id, case.recipient.id) == (str(anna.pk), str(clara.pk))


def test_the_sender_side(anna: Member, bernd: Member, olaf: Member, clara: Member) -> None:
    update_profile(anna, changes={"offering": "Steuerberatung\nLohnbuchhaltung"})
    Member.objects.filter(pk=anna.pk).update(date_joined=NOW - timedelta(days=40))
    anna.refresh_from_db()
    old = NOW - timedelta(days=30)
    for i in range(3):
        ContactRequest.objects.create(
            sender=anna,
            recipient=_member(f"Person {i}"),
            note=f"Notiz {i}",
            intent="other",
            status=RequestStatus.ACCEPTED if i == 0 else RequestStatus.PENDING,
            sent_at=old + timedelta(days=i),
        )
    ContactRequest.objects.create(
        sender=anna, recipient=clara, note="an Clara", intent="other", sent_at=NOW
    )
    Report.objects.create(reporter=bernd, reported=anna, reason="spam", created_at=old)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: NOW)
        sender = _facts(anna, _member("Neue Person")).case.sender

    assert sender.name == "Anna Becker"
    assert sender.headline == "Steuerberaterin für Handwerksbetriebe"
    assert sender.contacts == 2  # bernd and olaf
    assert sender.account_age_days == 40
    assert (sender.requests_sent_7d, sender.requests_sent_90d) == (1, 4)
    assert sender.requests_accepted_90d == 1
    assert sender.reports_90d == 1
    assert sender.recent_texts == ("an Clara", "Notiz 2", "Notiz 1", "Notiz 0")
    assert sender.offering == ("Steuerberatung", "Lohnbuchhaltung")


def test_notes_to_the_same_recipient_are_not_the_senders_templates(
    anna: Member, clara: Member
) -> None:
    ContactRequest.objects.create(
        sender=anna, recipient=clara, note="Frühere Anfrage", intent="other", sent_at=NOW
    )

    assert _facts(anna, clara).case.sender.recent_texts == ()


def test_the_recipient_side_without_private_preferences(anna: Member, olaf: Member) -> None:
    olaf.language = "de"
    olaf.save(update_fields=["language"])
    update_profile(olaf, changes={"seeking": "Aufträge\n", "seniority": "lead"})
    set_skills(olaf, names=["Bauleitung", "AVA"])

    recipient = _facts(anna, olaf).case.recipient

    assert recipient.name == "Olaf Brenner"
    assert recipient.headline == "Bauleiter"
    assert recipient.lang == "de"
    assert recipient.skills == ("AVA", "Bauleitung")
    assert recipient.seeking == ("Aufträge",)
    assert recipient.level is Level.LEAD
    # Olaf's minimum salary and places stay out of a contact request's case.
    assert recipient.preferences.min_salary is None
    assert recipient.preferences.locations == ()


def test_connected_members(anna: Member, bernd: Member) -> None:
    relation = _facts(anna, bernd).case.relation

    assert relation.connected is True
    assert relation.connected_at is not None


def test_mutual_contacts_are_the_join_of_both_ranges(
    anna: Member, bernd: Member, olaf: Member, clara: Member
) -> None:
    services.connect_members(clara, contact=bernd)
    services.connect_members(clara, contact=olaf)
    services.connect_members(clara, contact=_member("Nur Claras Kontakt"))

    assert _facts(anna, clara).case.relation.mutual_contacts == 2
    assert cases.mutual_contact_count(clara.pk, anna.pk) == 2
    assert _facts(anna, bernd).case.relation.mutual_contacts == 0


def test_profile_views_before_the_request_count(anna: Member, clara: Member) -> None:
    assert _facts(anna, clara).viewed_profile_at is None
    ProfileView.objects.create(viewer=clara, viewed=anna, viewed_at=NOW - timedelta(days=1))
    ProfileView.objects.create(viewer=anna, viewed=clara, viewed_at=NOW + timedelta(hours=1))
    assert _facts(anna, clara).case.relation.viewed_profile_before is False

    ProfileView.objects.create(viewer=anna, viewed=clara, viewed_at=NOW - timedelta(days=2))

    facts = _facts(anna, clara)
    assert facts.case.relation.viewed_profile_before is True
    assert facts.viewed_profile_at == NOW - timedelta(days=2)


@pytest.mark.parametrize(
    ("theirs", "shared"),
    [
        ((date(2016, 1, 1), date(2018, 1, 1)), True),  # inside anna's years
        ((date(2010, 1, 1), date(2015, 4, 1)), True),  # overlaps her first day
        ((date(2010, 1, 1), date(2015, 3, 31)), False),  # left the day before she came
        ((date(2025, 1, 1), None), True),  # both there today
    ],
)
def test_shared_employers_need_overlapping_years(
    anna: Member, clara: Member, theirs: tuple[date, date | None], shared: bool
) -> None:
    # Anna: Becker & Partner Steuerberatung since 2015-04-01 (conftest).
    _position(clara, "Becker & Partner Steuerberatung", *theirs)
    _position(clara, "Andere Firma AG", date(2016, 1, 1), None)

    employers = _facts(anna, clara).case.relation.shared_employers

    assert employers == (("Becker & Partner Steuerberatung",) if shared else ())


def test_shared_schools(anna: Member, clara: Member) -> None:
    EducationFactory(profile=anna.profile, school="TH Köln", start_year=2005, end_year=2009)
    EducationFactory(profile=clara.profile, school="th  köln", start_year=2015, end_year=2018)
    EducationFactory(profile=clara.profile, school="Universität Bonn")

    assert _facts(anna, clara).case.relation.shared_schools == ("TH Köln",)


def test_groups_events_messages_and_meetings_do_not_exist_yet(anna: Member, clara: Member) -> None:
    relation = _facts(anna, clara).case.relation

    assert relation.shared_groups == relation.shared_events == ()
    assert relation.prior_messages == relation.prior_meetings == 0


def test_hits_are_stored_as_json_for_rendering_later() -> None:
    hit = Hit(
        code="TPL_SELF_NEAR_DUP",
        score=2.5,
        group="templates",
        message="this text nearly matches %(count)d",
        evidence={"count": 3},
        related=("Hallo …",),
    )

    assert cases.hits_to_json([hit]) == [
        {
            "code": "TPL_SELF_NEAR_DUP",
            "score": 2.5,
            "group": "templates",
            "message": "this text nearly matches %(count)d",
            "evidence": {"count": 3},
            "related": ["Hallo …"],
            "shadow": False,
        }
    ]


def test_the_case_costs_a_bounded_number_of_queries(
    anna: Member, clara: Member, django_assert_max_num_queries
) -> None:
    for i in range(30):
        services.connect_members(clara, contact=_member(f"Kontakt {i}"))

    with django_assert_max_num_queries(14):
        _facts(anna, clara)
