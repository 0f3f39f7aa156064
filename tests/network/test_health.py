"""Network health on a constructed network, with exact figures, for the member only."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from handschlag.accounts.models import Member
from handschlag.network.health import get_network_health
from handschlag.network.models import Connection, ContactRequest
from handschlag.network.services import connect_members
from tests.accounts.factories import MemberFactory
from tests.profiles.factories import EducationFactory, EmployerFactory, PositionFactory

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def _interacted(member: Member, contact: Member, when: datetime | None) -> None:
    Connection.objects.filter(owner=member, contact=contact).update(last_interaction_at=when)


def _received(recipient: Member, *, label: str, status: str, decision: str, sent_at) -> None:
    ContactRequest.objects.create(
        sender=MemberFactory(),
        recipient=recipient,
        intent="other",
        label=label,
        status=status,
        decision=decision,
        sent_at=sent_at,
    )


@pytest.fixture
def network(anna, bernd, olaf) -> dict[str, Member]:
    """Anna's five contacts and the requests she received.

    bernd: worked together, interacted in March 2025 (active)
    olaf: met at an event, never interacted (dormant)
    carl: "other", last interaction 2023, nothing shared (dormant, no context)
    dana: "other", same school, interacted in May 2025 (active, context)
    emil: "other", same employer in overlapping years, never interacted (dormant, context)
    """
    carl = MemberFactory(profile__full_name="Carl Kontextlos")
    dana = MemberFactory(profile__full_name="Dana Schulfreundin")
    emil = MemberFactory(profile__full_name="Emil Kollege")
    for contact in (carl, dana, emil):
        connect_members(anna, contact=contact)
    _interacted(anna, bernd, datetime(2025, 3, 1, tzinfo=UTC))
    _interacted(anna, carl, datetime(2023, 2, 1, tzinfo=UTC))
    _interacted(anna, dana, datetime(2025, 5, 1, tzinfo=UTC))
    EducationFactory(profile=anna.profile, school="Universität zu Köln")
    EducationFactory(profile=dana.profile, school="universität  zu köln")
    employer = anna.profile.positions.get().employer
    PositionFactory(
        profile=emil.profile,
        employer=employer,
        start_date=date(2016, 1, 1),
        end_date=date(2019, 12, 31),
    )
    # Carl worked at the same employer, but long before Anna: no shared years.
    PositionFactory(
        profile=carl.profile,
        employer=employer,
        start_date=date(2001, 1, 1),
        end_date=date(2003, 1, 1),
    )
    PositionFactory(profile=carl.profile, employer=EmployerFactory(name="Elsewhere GmbH"))

    within = datetime(2025, 1, 15, tzinfo=UTC)
    _received(anna, label="welcome", status="accepted", decision="accepted", sent_at=within)
    _received(anna, label="welcome", status="accepted", decision="accepted", sent_at=within)
    _received(anna, label="review", status="declined", decision="declined", sent_at=within)
    _received(anna, label="decline", status="declined", decision="replied", sent_at=within)
    _received(anna, label="spam", status="declined", decision="unknown", sent_at=within)
    _received(anna, label="review", status="pending", decision="", sent_at=within)
    # Two years ago: outside the 12 months.
    _received(
        anna,
        label="spam",
        status="declined",
        decision="reported",
        sent_at=datetime(2023, 6, 1, tzinfo=UTC),
    )
    # Sent by Anna, not received: not hers to count.
    ContactRequest.objects.create(
        sender=anna, recipient=MemberFactory(), intent="other", label="welcome", sent_at=within
    )
    return {"carl": carl, "dana": dana, "emil": emil}


def test_health_figures_on_a_constructed_network(anna, network) -> None:
    with time_machine.travel(NOW, tick=False):
        health = get_network_health(anna)

    assert (health.contacts, health.active, health.dormant, health.no_context) == (5, 2, 3, 1)
    assert health.active_percent == 40
    assert [p.full_name for p in health.dormant_contacts] == [
        "Olaf Brenner",
        "Emil Kollege",
        "Carl Kontextlos",
    ]
    assert [p.full_name for p in health.no_context_contacts] == ["Carl Kontextlos"]
    assert {bar.key: bar.count for bar in health.how_met} == {
        "event": 1,
        "employer": 1,
        "school": 0,
        "introduction": 0,
        "other": 3,
    }
    assert (health.received, health.declined) == (6, 3)
    assert {bar.key: (bar.count, bar.percent) for bar in health.decisions} == {
        "accepted": (2, 33),
        "declined": (1, 17),
        "replied": (1, 17),
        "auto_declined": (0, 0),
        "dismissed": (0, 0),
        "unknown": (1, 17),
        "reported": (0, 0),
        "pending": (1, 17),
    }
    assert {row.bar.key: (row.bar.count, row.declined) for row in health.labels} == {
        "welcome": (2, 0),
        "review": (2, 1),
        "decline": (1, 1),
        "spam": (1, 1),
    }


def test_never_interacted_contacts_are_listed_before_long_silent_ones(anna, network) -> None:
    with time_machine.travel(NOW, tick=False):
        health = get_network_health(anna)

    names = [p.full_name for p in health.dormant_contacts]
    assert names[-1] == "Carl Kontextlos"
    assert set(names[:2]) == {"Olaf Brenner", "Emil Kollege"}


def test_the_page_shows_the_figures_with_text_values(anna, network, client_for) -> None:
    with time_machine.travel(NOW, tick=False):
        page = client_for(anna).get("/network/health/").content.decode()

    assert "40 %" in page
    assert "2 of 5 contacts" in page
    assert "6 requests received, 3 declined." in page
    assert "Carl Kontextlos" in page
    # The chart is decoration for sighted readers; the numbers are in the table.
    assert 'aria-hidden="true"' in page


def test_a_member_without_contacts_sees_an_empty_state(clara, client_for) -> None:
    page = client_for(clara).get("/network/health/").content.decode()

    assert "You have no contacts yet." in page
    assert "0 requests received, 0 declined." in page


def test_the_health_page_shows_only_the_members_own_network(anna, network, client_for) -> None:
    stranger = MemberFactory()
    with time_machine.travel(NOW, tick=False):
        page = client_for(stranger).get(f"/network/health/?member={anna.pk}").content.decode()

    assert "Carl Kontextlos" not in page
    assert "You have no contacts yet." in page


def test_the_health_page_has_bounded_queries(
    anna, network, client_for, django_assert_max_num_queries
) -> None:
    for _ in range(20):
        connect_members(anna, contact=MemberFactory())
    client = client_for(anna)

    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(10):
        response = client.get("/network/health/")

    assert response.status_code == 200
