"""The send reads its facts in two statements; they must find what the one-query-each
functions find (which offers, messaging and suggestions still use)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from handschlag.network import cases
from handschlag.network.models import ContactRequest, RequestPolicy, RequestStatus, Restriction
from handschlag.network.services import connect_members
from handschlag.profiles.services import set_skills
from tests.profiles.factories import (
    EducationFactory,
    EmployerFactory,
    PositionFactory,
    ProfileFactory,
)

TODAY = date(2025, 6, 2)


def test_the_profile_statement_finds_what_the_single_reads_find(db: None) -> None:
    sender, recipient = ProfileFactory(), ProfileFactory()
    stadtwerke, bank = EmployerFactory(name="Stadtwerke Bremen"), EmployerFactory(name="Bank")
    PositionFactory(profile=sender, employer=stadtwerke, start_date=date(2015, 1, 1), end_date=None)
    PositionFactory(
        profile=recipient,
        employer=stadtwerke,
        start_date=date(2018, 1, 1),
        end_date=date(2020, 1, 1),
    )
    # The same bank, but years apart: no colleagues.
    PositionFactory(
        profile=sender, employer=bank, start_date=date(2001, 1, 1), end_date=date(2003, 1, 1)
    )
    PositionFactory(profile=recipient, employer=bank, start_date=date(2010, 1, 1), end_date=None)
    EducationFactory(profile=sender, school="Universität  Bremen")
    EducationFactory(profile=recipient, school="universität bremen")
    EducationFactory(profile=recipient, school="Hochschule Emden")
    set_skills(recipient.member, names=["PostgreSQL", "Django", "Kafka"])
    others = [ProfileFactory().member for _ in range(25)]
    now = timezone.now()
    for i, other in enumerate(others):
        ContactRequest.objects.create(
            sender=sender.member,
            recipient=other,
            intent="met",
            note=f"Notiz Nummer {i}" if i % 5 else "",
            sent_at=now - timedelta(hours=i),
        )
    ContactRequest.objects.create(
        sender=sender.member, recipient=recipient.member, intent="met", note="An sie selbst",
        status=RequestStatus.DECLINED, sent_at=now,
    )  # fmt: skip

    facts = cases.profile_facts(sender.member_id, recipient.member_id, today=TODAY)

    assert facts.shared_employers == cases.shared_employers(
        sender.member_id, recipient.member_id, today=TODAY
    )
    assert facts.shared_employers == ("Stadtwerke Bremen",)
    assert facts.shared_schools == cases.shared_schools(sender.member_id, recipient.member_id)
    assert facts.shared_schools == ("Universität  Bremen",)
    assert facts.recipient_skills == ("Django", "Kafka", "PostgreSQL")
    assert facts.sender_notes == cases.recent_notes(sender.member_id, excluding=recipient.member_id)
    assert len(facts.sender_notes) == 20
    assert facts.sender_notes[0] == "Notiz Nummer 1"


def test_the_send_statement_reads_the_pair_the_policy_and_the_restriction(
    anna, bernd, clara
) -> None:
    now = timezone.now()
    connect_members(anna, contact=bernd)
    connect_members(clara, contact=bernd)
    RequestPolicy.objects.create(
        member=clara, note_required="always", spam_action="decline", filed_intents=["business"]
    )
    ContactRequest.objects.create(
        sender=anna, recipient=clara, intent="met", status=RequestStatus.WITHDRAWN,
        decided_at=now - timedelta(days=2), sent_at=now - timedelta(days=3),
    )  # fmt: skip
    Restriction.objects.create(member=anna, ends_at=now + timedelta(days=3))

    facts = cases.send_facts(anna, clara, now=now)

    pair = cases.pair_facts(anna.pk, clara.pk)
    assert facts.pair == pair
    assert facts.pair.mutual_contacts == 1
    assert facts.refused_at == now - timedelta(days=2)
    assert facts.pending_sender_id is None
    assert facts.restricted
    assert facts.restricted_until == now + timedelta(days=3)
    assert (facts.policy.note_required, facts.policy.spam_action) == ("always", "decline")
    assert facts.policy.filed_intents == ["business"]
    assert not facts.blocked
    assert facts.sender_pending == 0
