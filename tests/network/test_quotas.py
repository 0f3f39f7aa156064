"""Quotas, trust levels and restrictions (SECURITY.md S1, S3, S4, S7)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.moderation.models import ModerationAction, Report
from handschlag.network import errors, quotas, services
from handschlag.network.engine import reset_engine
from handschlag.network.models import (
    ContactRequest,
    Decision,
    RequestStatus,
    Restriction,
    SenderStanding,
    TrustLevel,
)
from handschlag.profiles.services import save_position
from tests.profiles.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    """The process's template index remembers notes across tests: start from this test's
    database (empty) and leave nothing behind."""
    reset_engine()
    yield
    reset_engine()


#: Notes that share no template: an organic sender writes each one for its reader.
ORGANIC_NOTES = [
    "Hallo {name}, wir saßen 2019 bei Muster Bau im selben Projektbüro am Rheinufer.",
    "Liebe {name}, dein Vortrag über Lohnabrechnung in der Baubranche hat mir geholfen.",
    "{name}, erinnerst du dich an die Inventur im Lager Porz? Ich war der mit der Leiter.",
    "Servus {name}! Seit dem Umzug nach Bonn haben wir uns aus den Augen verloren.",
    "Hi {name}, thanks again for covering my shift during the audit week in spring.",
    "Moin {name}, die Sache mit dem Gabelstapler-Führerschein ist immer noch legendär.",
    "Hallo {name}, ich habe deine Tabelle für Reisekosten bis heute in Gebrauch.",
    "{name}, wir haben beim Sommerfest zusammen den Grill betreut, schön, dich zu sehen.",
    "Dear {name}, your onboarding notes for new apprentices are still on our wiki.",
    "Hallo {name}, ohne deine Hilfe beim Jahresabschluss 2020 wäre ich verzweifelt.",
    "Grüß dich {name}, wie läuft es mit der Meisterschule? Ich drücke die Daumen.",
    "Hey {name}, the coffee machine on the third floor still misses you.",
]
TEMPLATE = (
    "Hallo {name}, ich bin immer auf der Suche nach spannenden Kontakten aus der Branche "
    "und denke, eine Vernetzung wäre für uns beide ein Gewinn. Lassen Sie uns connecten!"
)


def _member(name: str, *, age_days: int = 0, invited_by: Member | None = None) -> Member:
    member = ProfileFactory(full_name=name).member
    member.date_joined = timezone.now() - timedelta(days=age_days)
    member.invited_by = invited_by
    member.save(update_fields=["date_joined", "invited_by"])
    return member


def _requests(sender: Member, n: int, **fields: object) -> list[ContactRequest]:
    """Rows as they look after the recipients' decisions (B's services write these)."""
    now = timezone.now()
    made = []
    for i in range(n):
        recipient = _member(f"Empfänger {sender.pk}-{i}-{fields.get('status', '')}")
        made.append(
            ContactRequest.objects.create(
                sender=sender,
                recipient=recipient,
                intent="other",
                label="welcome",
                sent_at=now - timedelta(days=3),
                **fields,
            )
        )
    return made


### Levels and limits ###


def test_a_new_account_gets_the_new_account_limits(anna: Member) -> None:
    quota = quotas.quota_for(anna)

    assert quota.trust_level == TrustLevel.NEW
    assert (quota.daily_limit, quota.weekly_limit) == (5, 20)
    assert quota.remaining == 5
    assert quota.pending_cap == 200


@pytest.mark.parametrize(
    ("age", "accepted", "level", "limits"),
    [
        (6, 0, TrustLevel.NEW, (5, 20)),
        (7, 0, TrustLevel.BASIC, (10, 50)),
        (30, 4, TrustLevel.BASIC, (10, 50)),
        (30, 5, TrustLevel.MEMBER, (20, 100)),
        (180, 25, TrustLevel.TRUSTED, (20, 100)),
    ],
)
def test_levels_rise_with_time_and_accepted_requests(
    age: int, accepted: int, level: TrustLevel, limits: tuple[int, int]
) -> None:
    sender = _member("Paula Pünktlich", age_days=age)
    _requests(sender, accepted, status=RequestStatus.ACCEPTED, decision=Decision.ACCEPTED)

    quota = quotas.quota_for(sender)

    assert quota.trust_level == level
    assert (quota.daily_limit, quota.weekly_limit) == limits


def test_a_report_lowers_the_level_and_the_quota() -> None:
    sender = _member("Rolf Reich", age_days=60)
    _requests(sender, 6, status=RequestStatus.ACCEPTED, decision=Decision.ACCEPTED)
    before = quotas.quota_for(sender)
    reporter = _member("Mia Melder")

    Report.objects.create(reporter=reporter, reported=sender, reason="spam")

    after = quotas.quota_for(sender)
    assert before.trust_level == TrustLevel.MEMBER
    assert after.trust_level == TrustLevel.BASIC
    assert after.weekly_limit < before.weekly_limit
    assert after.reductions == ("1 recipient said they do not know you or reported a request.",)


def test_i_dont_know_this_person_lowers_the_quota() -> None:
    sender = _member("Udo Unbekannt", age_days=10)
    before = quotas.quota_for(sender).weekly_limit
    _requests(sender, 2, status=RequestStatus.DECLINED, decision=Decision.UNKNOWN)

    assert quotas.quota_for(sender).weekly_limit == before - 2 * 5


def test_mostly_declined_or_ignored_senders_get_fewer() -> None:
    sender = _member("Ignaz Ignoriert", age_days=60)
    _requests(sender, 3, status=RequestStatus.ACCEPTED, decision=Decision.ACCEPTED)
    _requests(sender, 4, status=RequestStatus.DECLINED, decision=Decision.DECLINED)
    old = timezone.now() - timedelta(days=15)
    for request in _requests(sender, 5):
        ContactRequest.objects.filter(pk=request.pk).update(sent_at=old)

    quota = quotas.quota_for(sender)

    assert quota.trust_level == TrustLevel.BASIC
    assert (quota.daily_limit, quota.weekly_limit) == (5, 25)  # 3 of 12 accepted: halved
    assert quota.reductions == (
        "Most of your recent requests were declined or not answered (3 of 12 accepted).",
    )


def test_the_weekly_quota_has_a_floor() -> None:
    sender = _member("Nora Negativ", age_days=10)
    _requests(sender, 12, status=RequestStatus.DECLINED, decision=Decision.UNKNOWN)

    quota = quotas.quota_for(sender)

    assert (quota.daily_limit, quota.weekly_limit) == (quotas.MIN_WEEKLY, quotas.MIN_WEEKLY)


### S1: parallel sends at the boundary ###


@pytest.mark.django_db(transaction=True)
def test_parallel_sends_never_exceed_the_quota() -> None:
    sender = _member("Paul Parallel", age_days=1)
    recipients = [_member(f"Ziel {i}") for i in range(24)]
    # Three requests left today: 2 of 5 used.
    SenderStanding.objects.create(member=sender, sent_today=2, sent_this_week=2)
    barrier = threading.Barrier(len(recipients))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(i: int, recipient: Member) -> str:
        try:
            services.send_contact_request(
                sender,
                recipient=recipient,
                note=ORGANIC_NOTES[i % len(ORGANIC_NOTES)].format(name=f"Ziel {i}"),
                intent="worked_together",
            )
        except errors.QuotaExhausted:
            return "quota"
        except Exception as error:  # the test reports every other outcome
            return repr(error)
        return "sent"

    def send(i: int, recipient: Member) -> None:
        barrier.wait()
        try:
            outcome = attempt(i, recipient)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=send, args=(i, r)) for i, r in enumerate(recipients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(set(outcomes)) == ["quota", "sent"], outcomes
    assert outcomes.count("sent") == 3
    assert ContactRequest.objects.filter(sender=sender).count() == 3
    standing = SenderStanding.objects.get(member=sender)
    assert (standing.sent_today, standing.sent_this_week) == (5, 5)


def test_the_record_after_a_send_is_what_counting_again_finds() -> None:
    """The standing review after a send works from the record in memory; it must be the
    record a fresh count finds, auto-declines and templates included."""
    sender = _member("Rita Rechnung", age_days=40)
    _requests(sender, 2, status=RequestStatus.ACCEPTED, decision=Decision.ACCEPTED)
    _requests(sender, 1, status=RequestStatus.DECLINED, decision=Decision.UNKNOWN)
    before = quotas.sender_record(sender)
    templated = [{"code": "TPL_MASS_SEND", "shadow": False}]
    ContactRequest.objects.create(
        sender=sender,
        recipient=_member("Anton Abgelehnt"),
        intent="other",
        label="spam",
        hits=templated,
        status=RequestStatus.DECLINED,
        decision=Decision.AUTO_DECLINED,
        sent_at=timezone.now(),
    )

    expected = before.after_send(auto_declined=True, templated=quotas.is_templated(templated))

    assert quotas.sender_record(sender) == expected
    assert expected.templated_7d == before.templated_7d + 1
    assert expected.declined_90d == before.declined_90d + 1


def test_a_shadow_template_hit_is_no_template() -> None:
    assert not quotas.is_templated([{"code": "TPL_MASS_SEND", "shadow": True}])
    assert not quotas.is_templated([{"code": "NOTE_GENERIC", "shadow": False}])
    assert not quotas.is_templated(None)


def test_the_record_counts_reports_and_each_window() -> None:
    sender = _member("Uwe Umfang", age_days=400)
    now = timezone.now()
    recipient = _member("Ziel Zähler")
    for days, status, decision in [
        (2, RequestStatus.PENDING, ""),
        (20, RequestStatus.PENDING, ""),
        (30, RequestStatus.ACCEPTED, Decision.ACCEPTED),
        (40, RequestStatus.DECLINED, Decision.REPLIED),
        (50, RequestStatus.DECLINED, Decision.REPORTED),
        (60, RequestStatus.WITHDRAWN, ""),
        (200, RequestStatus.ACCEPTED, Decision.ACCEPTED),
        (400, RequestStatus.ACCEPTED, Decision.ACCEPTED),
    ]:
        ContactRequest.objects.create(
            sender=sender,
            recipient=_member(f"Ziel {days}"),
            intent="other",
            label="welcome",
            status=status,
            decision=decision,
            sent_at=now - timedelta(days=days),
        )
    Report.objects.create(reporter=recipient, reported=sender, reason="spam")

    record = quotas.sender_record(sender, now=now)

    assert record.to_dict() == {
        "account_age_days": 400,
        "sent_7d": 1,
        "sent_90d": 6,
        "accepted_90d": 1,
        "accepted_365d": 2,
        "declined_90d": 1,
        "unknown_90d": 0,
        "reported_90d": 1,
        "ignored_90d": 1,
        "withdrawn_90d": 1,
        "reports_90d": 1,
        "templated_7d": 0,
    }


### S3: bots are restricted before their quota runs out; an organic sender is not ###


def _send(sender: Member, recipient: Member, note: str, intent: str = "other") -> None:
    services.send_contact_request(sender, recipient=recipient, note=note, intent=intent)


def _decide(sender: Member, recipient: Member, decision: str) -> None:
    """The recipient's answer, as B's decision services record it, then the review."""
    status = RequestStatus.ACCEPTED if decision == Decision.ACCEPTED else RequestStatus.DECLINED
    ContactRequest.objects.filter(sender=sender, recipient=recipient).update(
        status=status, decision=decision, decided_at=timezone.now()
    )
    quotas.review_sender_standing(sender)


def test_a_contact_collector_is_restricted_before_the_quota_runs_out() -> None:
    collector = _member("Kai Sammler", age_days=10)
    daily = quotas.quota_for(collector).daily_limit
    sent = 0
    with pytest.raises(errors.SenderRestricted):
        for i in range(daily):
            recipient = _member(f"Fremde {i}")
            _send(collector, recipient, ORGANIC_NOTES[i].format(name="du"))
            sent += 1
            # Strangers: most say "I don't know this person" or decline.
            _decide(collector, recipient, Decision.UNKNOWN if i % 2 else Decision.DECLINED)
    assert sent < daily
    restriction = quotas.current_restriction(collector)
    assert restriction is not None
    assert "SEND_UNKNOWN_REPORTED" in restriction.evidence["codes"]
    assert restriction.evidence["record"]["unknown_90d"] == 3


def test_a_collector_with_low_acceptance_is_restricted() -> None:
    collector = _member("Kim Klicker", age_days=40)
    _requests(collector, 1, status=RequestStatus.ACCEPTED, decision=Decision.ACCEPTED)
    _requests(collector, 14, status=RequestStatus.DECLINED, decision=Decision.DECLINED)

    restriction = quotas.review_sender_standing(collector)

    assert restriction is not None
    assert restriction.evidence["codes"] == ["SEND_LOW_ACCEPTANCE"]


def test_a_cold_acquirer_is_restricted_before_the_quota_runs_out() -> None:
    acquirer = _member("Sven Akquise", age_days=10)
    daily = quotas.quota_for(acquirer).daily_limit
    sent = 0
    with pytest.raises(errors.SenderRestricted):
        for i in range(daily):
            name = f"Fremder {i}"
            _send(acquirer, _member(name), TEMPLATE.format(name=name), intent="business")
            sent += 1
    assert sent == quotas.ACQUIRER_MIN_TEMPLATED + 2  # the first two are not yet a template
    assert sent < daily
    restriction = quotas.current_restriction(acquirer)
    assert restriction is not None
    assert restriction.evidence["codes"] == ["SEND_TEMPLATED"]
    assert ModerationAction.objects.filter(subject=acquirer, action="restrict_sender").exists()


def test_an_organic_sender_with_the_same_volume_is_not_restricted() -> None:
    organic = _member("Olga Organisch", age_days=10)
    save_position(
        organic,
        position_id=None,
        employer_name="Muster Bau GmbH",
        title="Bauzeichnerin",
        start_date=date(2015, 1, 1),
        end_date=date(2021, 12, 31),
    )
    daily = quotas.quota_for(organic).daily_limit
    for i in range(daily):
        name = f"Kollegin {i}"
        colleague = _member(name)
        save_position(
            colleague,
            position_id=None,
            employer_name="Muster Bau GmbH",
            title="Bauleiterin",
            start_date=date(2016, 1, 1),
            end_date=None,
        )
        _send(organic, colleague, ORGANIC_NOTES[i].format(name=name), intent="worked_together")
        _decide(organic, colleague, Decision.DECLINED if i == 3 else Decision.ACCEPTED)

    assert quotas.current_restriction(organic) is None
    quota = quotas.quota_for(organic)
    assert quota.reductions == ()
    assert quota.remaining == 0  # the whole day's quota was usable
    templated = [
        r.pk
        for r in ContactRequest.objects.filter(sender=organic)
        if any(h["code"] in quotas.TEMPLATE_CODES for h in r.hits)
    ]
    assert templated == []


def test_a_restriction_lasts_longer_each_time() -> None:
    sender = _member("Wim Wiederholt", age_days=40)
    _requests(sender, 15, status=RequestStatus.DECLINED, decision=Decision.DECLINED)

    first = quotas.review_sender_standing(sender)
    assert first is not None
    assert quotas.review_sender_standing(sender) == first  # one at a time
    Restriction.objects.filter(pk=first.pk).update(lifted_at=timezone.now())
    second = quotas.review_sender_standing(sender)

    assert second is not None and second.ends_at is not None and first.ends_at is not None
    assert second.ends_at - second.created_at == timedelta(days=28)
    assert first.ends_at - first.created_at == timedelta(days=14)


### S7: the notice in plain words, and the inviter ###


def test_the_notice_explains_the_evidence_without_scores() -> None:
    collector = _member("Kai Sammler", age_days=40)
    _requests(collector, 1, status=RequestStatus.ACCEPTED, decision=Decision.ACCEPTED)
    _requests(collector, 10, status=RequestStatus.DECLINED, decision=Decision.DECLINED)
    _requests(collector, 6, status=RequestStatus.DECLINED, decision=Decision.UNKNOWN)
    restriction = quotas.review_sender_standing(collector)
    assert restriction is not None

    lines = quotas.explain_restriction(restriction)

    assert lines == [
        "In the last 90 days, 6 members said they do not know you or reported a contact "
        "request or message of yours.",
        "Only 1 of your 17 requests in the last 90 days that were answered, or left "
        "unanswered for two weeks, were accepted.",
    ]


@pytest.mark.parametrize("invitation_only", [True, False])
def test_the_inviter_is_told_on_invitation_only_instances(
    settings, django_capture_on_commit_callbacks, invitation_only: bool
) -> None:
    settings.HANDSCHLAG_INVITATION_ONLY = invitation_only
    inviter = _member("Ines Einladend", age_days=100)
    invitee = _member("Kai Sammler", age_days=40, invited_by=inviter)
    _requests(invitee, 15, status=RequestStatus.DECLINED, decision=Decision.DECLINED)

    with django_capture_on_commit_callbacks(execute=True):
        restriction = quotas.review_sender_standing(invitee)

    assert restriction is not None
    if not invitation_only:
        assert mail.outbox == []
        return
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [inviter.email]
    assert email.subject == "Someone you invited may not send contact requests for now"
    assert "Kai Sammler, whom you invited to Handschlag" in email.body
    assert "SEND_" not in email.body
    restriction.refresh_from_db()
    assert restriction.inviter_notified_at is not None


def test_an_inviter_loses_invitation_rights_after_three_restricted_invitees() -> None:
    inviter = _member("Ines Einladend", age_days=100)
    invitees = [_member(f"Gast {i}", invited_by=inviter) for i in range(3)]
    for invitee in invitees[:2]:
        Restriction.objects.create(member=invitee)
    assert quotas.has_invitation_rights(inviter)

    Restriction.objects.create(member=invitees[2])

    assert not quotas.has_invitation_rights(inviter)
