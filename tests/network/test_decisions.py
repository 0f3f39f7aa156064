"""The recipient's decisions on contact requests, their reply drafts and the inbox reads.

Requests are stored the way ``send_contact_request`` stores them (label, score and hits
JSON from a real verdict), built here from hand-made cases so that each test controls
the verdict: Kai the contact collector (mass templated notes, 1,800 contacts) and Bernd
the former colleague (shared employer, mutual contacts).
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.http import Http404
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.moderation.models import ModerationAction, Report
from handschlag.network import decisions, inbox, learning, quotas, replies
from handschlag.network.cases import verdict_to_json
from handschlag.network.models import (
    AutoAction,
    Connection,
    ContactRequest,
    Decision,
    Folder,
    HowMet,
    Introduction,
    RequestPolicy,
    RequestStatus,
)
from handschlag.network.services import send_contact_request
from handschlag.trust import Case, Kind, Recipient, Relation, Sender, evaluate
from handschlag.trust import Intent as CaseIntent
from tests.accounts.factories import MemberFactory
from tests.conftest import OLAF_MIN_SALARY, OLAF_PREFERRED_LOCATION

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)

COLLECTOR_NOTE = "Hi, I'd like to add you to my professional network. Let's connect!"
COLLEAGUE_NOTE = (
    "Anna, we sat next to each other at Becker & Partner for three years - great to find you here!"
)
COLLEAGUE_EMPLOYER = "Becker & Partner Steuerberatung"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


### Builders ###


def member(name: str, *, language: str = "", email: str | None = None) -> Member:
    """A member with a profile under ``name``."""
    extra = {"email": email} if email else {}
    return MemberFactory(profile__full_name=name, profile__headline="", language=language, **extra)


def store_request(
    sender: Member,
    recipient: Member,
    *,
    note: str,
    intent: str = "other",
    sender_facts: dict[str, object] | None = None,
    relation: Relation | None = None,
    **fields: object,
) -> ContactRequest:
    """Judge a hand-made case and store the request as ``send_contact_request`` would."""
    case = Case(
        id="test",
        kind=Kind.CONTACT_REQUEST,
        text=note,
        sent_at=timezone.now(),
        sender=Sender(id=str(sender.pk), name=sender.profile.full_name, **(sender_facts or {})),
        recipient=Recipient(id=str(recipient.pk), name=recipient.profile.full_name),
        relation=relation or Relation(),
        intent=CaseIntent(intent),
    )
    verdict = evaluate(case)
    values: dict[str, object] = {
        "label": verdict.label.value,
        "score": verdict.score,
        "hits": verdict_to_json(verdict),
        "sent_at": timezone.now(),
    }
    values.update(fields)
    return ContactRequest.objects.create(
        sender=sender, recipient=recipient, note=note, intent=intent, **values
    )


def collector_request(sender: Member, recipient: Member, **fields: object) -> ContactRequest:
    """Kai's request: the same stock note to hundreds of strangers."""
    return store_request(
        sender,
        recipient,
        note=COLLECTOR_NOTE,
        intent="shared_interest",
        sender_facts={
            "contacts": 1800,
            "account_age_days": 20,
            "requests_sent_7d": 150,
            "requests_sent_90d": 900,
            "requests_accepted_90d": 40,
            "recent_texts": (COLLECTOR_NOTE,) * 30,
        },
        **fields,
    )


def colleague_request(sender: Member, recipient: Member, **fields: object) -> ContactRequest:
    """Bernd's request: a former colleague with four contacts in common."""
    return store_request(
        sender,
        recipient,
        note=COLLEAGUE_NOTE,
        intent="worked_together",
        sender_facts={"contacts": 80, "account_age_days": 400, "requests_sent_90d": 6},
        relation=Relation(
            mutual_contacts=4, shared_employers=(COLLEAGUE_EMPLOYER,), viewed_profile_before=True
        ),
        **fields,
    )


@pytest.fixture
def kai() -> Member:
    """Kai Sammler, a contact collector."""
    return member("Kai Sammler", email="kai.sammler@example.org")


@pytest.fixture
def rita() -> Member:
    """Rita Recruiter, a headhunter."""
    return member("Rita Kopf", email="rita.kopf@example.org")


### Accept ###


def test_accept_connects_both_ways_as_colleagues(anna, clara):
    request = colleague_request(clara, anna)

    decisions.accept_contact_request(anna, request_id=request.pk)

    request.refresh_from_db()
    assert (request.status, request.decision) == (RequestStatus.ACCEPTED, Decision.ACCEPTED)
    assert request.decided_at == NOW
    rows = Connection.objects.filter(owner__in=[anna, clara], contact__in=[anna, clara])
    assert sorted((c.owner_id, c.contact_id, c.how_met) for c in rows) == sorted(
        [(anna.pk, clara.pk, HowMet.EMPLOYER), (clara.pk, anna.pk, HowMet.EMPLOYER)]
    )


@pytest.mark.parametrize(
    ("intent", "relation", "how_met"),
    [
        ("met", Relation(), HowMet.EVENT),
        ("other", Relation(shared_schools=("Universität zu Köln",)), HowMet.SCHOOL),
        ("shared_interest", Relation(shared_events=("Steuertag Köln 2024",)), HowMet.EVENT),
        ("other", Relation(), HowMet.OTHER),
    ],
)
def test_how_met_comes_from_the_intent_or_the_common_ground(anna, clara, intent, relation, how_met):
    request = store_request(clara, anna, note="Hallo Anna", intent=intent, relation=relation)

    decisions.accept_contact_request(anna, request_id=request.pk)

    assert Connection.objects.get(owner=anna, contact=clara).how_met == how_met


def test_an_introduced_request_connects_as_introduced(anna, bernd, clara):
    intro = Introduction.objects.create(
        requester=clara, introducer=bernd, target=anna, reason="Steuerfragen"
    )
    request = store_request(
        clara, anna, note="Bernd meinte, wir sollten reden.", introduction=intro
    )

    decisions.accept_contact_request(anna, request_id=request.pk)

    assert Connection.objects.get(owner=anna, contact=clara).how_met == HowMet.INTRODUCTION


def test_a_request_can_be_answered_only_once(anna, clara):
    request = colleague_request(clara, anna)
    decisions.accept_contact_request(anna, request_id=request.pk)

    with pytest.raises(decisions.RequestAlreadyAnswered) as error:
        decisions.decline_contact_request(anna, request_id=request.pk)

    assert error.value.message == "This request has already been answered."


### Decline ###


def test_decline_without_reply_tells_nobody(anna, kai, django_capture_on_commit_callbacks):
    request = collector_request(kai, anna)

    with django_capture_on_commit_callbacks(execute=True):
        decisions.decline_contact_request(anna, request_id=request.pk)

    request.refresh_from_db()
    assert (request.status, request.decision, request.reply_text) == (
        RequestStatus.DECLINED,
        Decision.DECLINED,
        "",
    )
    assert mail.outbox == []


def test_decline_with_reply_stores_it_and_emails_the_sender_once_on_commit(
    anna, kai, django_capture_on_commit_callbacks
):
    request = collector_request(kai, anna)
    reply = "Hallo Kai,\n\nich vernetze mich nur mit Menschen, die ich kenne.\n\nAnna"

    with django_capture_on_commit_callbacks() as callbacks:
        decisions.decline_contact_request(anna, request_id=request.pk, reply_text=reply)
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()

    request.refresh_from_db()
    assert (request.status, request.decision) == (RequestStatus.DECLINED, Decision.REPLIED)
    assert request.reply_text == reply
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kai.sammler@example.org"]
    assert message.subject == "Anna Becker replied to your contact request"
    assert reply in message.body


def test_an_empty_reply_is_refused(anna, kai):
    request = collector_request(kai, anna)

    with pytest.raises(decisions.ReplyEmpty) as error:
        decisions.decline_contact_request(anna, request_id=request.pk, reply_text="   ")

    assert error.value.message == "Please write a reply, or decline without one."
    assert error.value.field == "reply_text"
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_an_overlong_reply_is_refused(anna, kai):
    request = collector_request(kai, anna)

    with pytest.raises(decisions.ReplyTooLong) as error:
        decisions.decline_contact_request(anna, request_id=request.pk, reply_text="x" * 2001)

    assert error.value.message == "Your reply has 2001 characters; at most 2000 are allowed."


### "I don't know this person" and reports ###


def test_i_dont_know_this_person_lowers_the_senders_quota(anna, kai):
    request = collector_request(kai, anna)
    before = quotas.quota_for(kai)

    decisions.mark_unknown(anna, request_id=request.pk)

    request.refresh_from_db()
    assert (request.status, request.decision) == (RequestStatus.DECLINED, Decision.UNKNOWN)
    after = quotas.quota_for(kai)
    assert after.weekly_limit < before.weekly_limit
    assert after.reductions == ("1 recipient said they do not know you or reported a request.",)


def test_three_i_dont_knows_restrict_the_collector(kai):
    recipients = [member(f"Empfängerin {n}") for n in range(3)]
    requests = [collector_request(kai, r) for r in recipients]

    for recipient, request in zip(recipients, requests, strict=True):
        decisions.mark_unknown(recipient, request_id=request.pk)

    restriction = quotas.current_restriction(kai)
    assert restriction is not None
    assert "SEND_UNKNOWN_REPORTED" in restriction.evidence["codes"]


def test_report_declines_files_a_report_with_the_note_and_lowers_the_quota(anna, kai):
    request = collector_request(kai, anna)
    before = quotas.quota_for(kai)

    report = decisions.report_contact_request(
        anna, request_id=request.pk, reason="spam", comment="Schickt das an alle."
    )

    request.refresh_from_db()
    assert (request.status, request.decision) == (RequestStatus.DECLINED, Decision.REPORTED)
    assert (report.reporter, report.reported, report.reason) == (anna, kai, "spam")
    assert report.content == COLLECTOR_NOTE
    assert report.comment == "Schickt das an alle."
    assert report.contact_request == request
    assert quotas.quota_for(kai).weekly_limit < before.weekly_limit
    # The moderators' log names the reported member and the report, never the reporter.
    action = ModerationAction.objects.get(action="report.created")
    assert action.subject == kai
    assert action.details == {"report": report.pk, "contact_request": request.pk}
    assert anna.email not in str(action.details) + action.reason


def test_a_report_needs_a_known_reason(anna, kai):
    request = collector_request(kai, anna)

    with pytest.raises(decisions.InvalidReportReason) as error:
        decisions.report_contact_request(anna, request_id=request.pk, reason="boring")

    assert error.value.message == "Please choose why you are reporting this request."
    assert Report.objects.count() == 0


### Dismissing the filed folder ###


def test_dismiss_filed_declines_only_the_filed_pending_requests(anna, kai, rita, clara):
    filed = [
        collector_request(kai, anna, folder=Folder.FILED),
        store_request(rita, anna, note="Spannende Position!", intent="recruiting", folder="filed"),
    ]
    kept = colleague_request(clara, anna)

    count = decisions.dismiss_filed(anna)

    assert count == 2
    for request in filed:
        request.refresh_from_db()
        assert (request.status, request.decision) == (RequestStatus.DECLINED, Decision.DISMISSED)
    kept.refresh_from_db()
    assert kept.status == RequestStatus.PENDING
    assert mail.outbox == []


### Undo ###


def test_undo_of_the_policys_decline_brings_the_request_back_to_the_inbox(anna, kai):
    request = collector_request(
        kai,
        anna,
        folder=Folder.FILED,
        status=RequestStatus.DECLINED,
        decision=Decision.AUTO_DECLINED,
        decided_at=NOW,
    )

    decisions.undo_decision(anna, request_id=request.pk)

    request.refresh_from_db()
    assert (request.status, request.decision, request.folder) == (
        RequestStatus.PENDING,
        "",
        Folder.INBOX,
    )
    assert request.decided_at is None
    assert request.undone_at == NOW


def test_undo_of_a_mistaken_i_dont_know_restores_pending_and_the_quota(anna, kai):
    request = collector_request(kai, anna)
    before = quotas.quota_for(kai)
    decisions.mark_unknown(anna, request_id=request.pk)
    assert quotas.quota_for(kai).weekly_limit < before.weekly_limit

    decisions.undo_decision(anna, request_id=request.pk)

    request.refresh_from_db()
    assert (request.status, request.decision) == (RequestStatus.PENDING, "")
    assert quotas.sender_record(kai).unknown_90d == 0
    assert quotas.quota_for(kai).weekly_limit == before.weekly_limit


def test_an_acceptance_cannot_be_undone(anna, clara):
    request = colleague_request(clara, anna)
    decisions.accept_contact_request(anna, request_id=request.pk)

    with pytest.raises(decisions.NothingToUndo) as error:
        decisions.undo_decision(anna, request_id=request.pk)

    assert error.value.message == "This decision cannot be undone."


def test_undo_gives_way_to_a_newer_request_from_the_same_sender(anna, kai):
    old = collector_request(kai, anna)
    decisions.mark_unknown(anna, request_id=old.pk)
    collector_request(kai, anna)

    with pytest.raises(decisions.UndoConflict) as error:
        decisions.undo_decision(anna, request_id=old.pk)

    assert error.value.message == (
        "This person has sent you a newer request; you will find it in your inbox."
    )
    old.refresh_from_db()
    assert old.decision == Decision.UNKNOWN


### Nobody but the recipient ###


@pytest.mark.parametrize(
    "act",
    [
        lambda who, pk: decisions.accept_contact_request(who, request_id=pk),
        lambda who, pk: decisions.decline_contact_request(who, request_id=pk),
        lambda who, pk: decisions.decline_contact_request(who, request_id=pk, reply_text="Nein"),
        lambda who, pk: decisions.mark_unknown(who, request_id=pk),
        lambda who, pk: decisions.report_contact_request(who, request_id=pk, reason="spam"),
        lambda who, pk: decisions.undo_decision(who, request_id=pk),
        lambda who, pk: inbox.get_request_for_recipient(who, pk),
        lambda who, pk: inbox.get_inbox_item(who, pk),
    ],
    ids=["accept", "decline", "reply", "unknown", "report", "undo", "get", "card"],
)
def test_only_the_recipient_can_see_or_answer_a_request(anna, clara, kai, act):
    request = collector_request(kai, anna)

    for outsider in (kai, clara):
        with pytest.raises(Http404):
            act(outsider, request.pk)

    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert Report.objects.count() == 0


def test_dismiss_filed_touches_only_the_members_own_folder(anna, clara, kai):
    request = collector_request(kai, anna, folder=Folder.FILED)

    assert decisions.dismiss_filed(clara) == 0

    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


### Policy ###


def test_the_saved_policy_files_business_proposals_apart_on_arrival(anna, clara):
    decisions.save_request_policy(
        anna,
        changes={
            "note_required": "never",
            "review_action": AutoAction.KEEP,
            "decline_action": AutoAction.FILE,
            "spam_action": AutoAction.DECLINE,
            "filed_intents": ["business"],
        },
    )

    request = send_contact_request(
        clara,
        recipient=anna,
        note="Anna, I read your piece on payroll for craft firms and would like to compare notes.",
        intent="business",
    )

    assert request.folder == Folder.FILED
    assert request.status == RequestStatus.PENDING
    page = inbox.list_inbox(anna, folder=Folder.FILED)
    assert [item.request for item in page.items] == [request]
    assert page.folder_counts == {"inbox": 0, "filed": 1}


def test_a_policy_with_an_unknown_choice_is_refused(anna):
    with pytest.raises(ValueError, match="unknown choice for spam_action"):
        decisions.save_request_policy(anna, changes={"spam_action": "delete"})

    assert not RequestPolicy.objects.filter(member=anna).exists()


def test_the_policy_defaults_until_the_member_saves_one(anna):
    policy = inbox.get_request_policy(anna)

    assert (policy.note_required, policy.decline_action, policy.spam_action) == (
        "strangers",
        AutoAction.FILE,
        AutoAction.FILE,
    )
    assert policy.pk is not None  # the member's id; the row itself is not saved
    assert not RequestPolicy.objects.filter(member=anna).exists()


### The inbox ###


def test_the_inbox_groups_by_label_newest_first_with_counts(anna, bernd, clara, kai):
    colleague = colleague_request(clara, anna)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        collector = collector_request(kai, anna)
        later_colleague = colleague_request(bernd, anna)
    collector_request(member("Noch Einer"), anna, folder=Folder.FILED)

    page = inbox.list_inbox(anna)

    assert [item.request for item in page.items] == [later_colleague, colleague, collector]
    assert page.label_counts == {"welcome": 2, "review": 0, "decline": 0, "spam": 1}
    assert page.folder_counts == {"inbox": 3, "filed": 1}
    assert inbox.list_inbox(anna, label="spam").items[0].request == collector


def test_the_inbox_filters_by_intent(anna, clara, kai):
    colleague_request(clara, anna)
    collector = collector_request(kai, anna)

    page = inbox.list_inbox(anna, intent="shared_interest")

    assert [item.request for item in page.items] == [collector]
    assert page.intent_counts == {"worked_together": 1, "shared_interest": 1}


def test_a_card_shows_sender_common_ground_and_reasons(anna, bernd, clara):
    connect = Connection.objects.create
    connect(owner=clara, contact=bernd)
    request = colleague_request(clara, anna)

    item = inbox.get_inbox_item(anna, request.pk, lang="en")

    assert item.sender.name == "Clara Vogt"
    assert item.sender.headline == "Personalreferentin"
    assert item.common_ground.mutual_contacts == 1  # recomputed: Bernd
    assert item.common_ground.employers == COLLEAGUE_EMPLOYER
    assert [r.text for r in item.reasons] == [
        f"you both worked at {COLLEAGUE_EMPLOYER}",
        "you have 4 contacts in common",
    ]
    assert all(r.is_reassuring for r in item.reasons)


def test_reasons_are_in_the_readers_language_heaviest_first(anna, kai):
    request = collector_request(kai, anna)

    english = inbox.get_inbox_item(anna, request.pk, lang="en").reasons
    german = inbox.get_inbox_item(anna, request.pk, lang="de").reasons

    assert english[0].text.startswith("this text nearly matches 30 of the sender's 30 recent")
    assert german[0].text.startswith("dieser Text gleicht fast 30 der 30 letzten Texte")
    assert "hat in den letzten 7 Tagen 150 Anfragen verschickt" in [r.text for r in german]
    assert [r.code for r in english] == [r.code for r in german]


def test_shadow_hits_are_never_shown(anna, kai):
    request = collector_request(kai, anna)
    request.hits = [
        *request.hits,
        {
            "code": "T_ML_TEXT_MODEL",
            "score": 0.0,
            "group": "model",
            "message": "a shadow rule",
            "evidence": {},
            "shadow": True,
        },
    ]
    request.save()

    reasons = inbox.get_inbox_item(anna, request.pk, lang="en").reasons

    assert "T_ML_TEXT_MODEL" not in [r.code for r in reasons]


def test_training_examples_come_from_members_own_decisions(anna, bernd, clara, kai, rita):
    accepted = colleague_request(clara, anna)
    unknown = collector_request(kai, anna)
    replied = store_request(rita, anna, note="Tolle Stelle für Sie!", intent="recruiting")
    collector_request(bernd, anna, folder=Folder.FILED)  # dismissed below: not an example
    decisions.accept_contact_request(anna, request_id=accepted.pk)
    decisions.mark_unknown(anna, request_id=unknown.pk)
    decisions.decline_contact_request(anna, request_id=replied.pk, reply_text="Nein, danke.")
    decisions.dismiss_filed(anna)

    examples = learning.list_training_examples()

    assert examples == [
        (COLLEAGUE_NOTE, "welcome"),
        (COLLECTOR_NOTE, "spam"),
        ("Tolle Stelle für Sie!", "decline"),
    ]
    assert learning.list_training_examples(since=NOW + timedelta(seconds=1)) == []


### Standard replies ###


def test_the_collector_gets_the_strangers_decline_in_the_recipients_language(anna, kai):
    request = collector_request(kai, anna)

    english = replies.draft_reply(request, lang="en")
    german = replies.draft_reply(request, lang="de")

    assert english.situation == german.situation == "decline_request"
    assert english.text.startswith("Hello Kai Sammler,\n\nthank you for your request.")
    assert english.text.endswith("Kind regards\nAnna Becker")
    assert german.text.startswith("Guten Tag Kai Sammler,\n\nvielen Dank für Ihre Anfrage.")
    assert german.lang == "de"


def test_a_pitch_gets_the_pitch_reply(anna, clara):
    request = store_request(
        clara,
        anna,
        note="Book a free demo of our payroll software: https://calendly.com/clara/15min",
        intent="shared_interest",
    )

    assert replies.draft_reply(request, lang="en").situation == "decline_pitch"


def test_a_welcome_request_is_still_answered_with_a_decline(anna, clara):
    request = colleague_request(clara, anna)

    draft = replies.draft_reply(request, lang="en")

    assert draft.situation == "decline_request"


def test_a_recruiting_reply_never_reveals_private_preferences(olaf, rita):
    request = store_request(
        rita,
        olaf,
        note="Bauleiter (m/w/d) in Hamburg, 55.000 EUR - interessiert?",
        intent="recruiting",
    )

    draft = replies.draft_reply(request, lang="en")

    assert draft.situation == "decline_recruiting"
    assert draft.text == (
        "Hello Rita Kopf,\n\nthank you for thinking of me. I do not take up recruiting "
        "approaches through contact requests, so I will not accept yours.\n\n"
        "Kind regards\nOlaf Brenner"
    )
    for secret in (str(OLAF_MIN_SALARY), f"{OLAF_MIN_SALARY:,}", OLAF_PREFERRED_LOCATION):
        assert secret not in draft.text


def test_the_inbox_pages_by_twenty_with_the_counted_total(anna):
    for n in range(23):
        collector_request(member(f"Sammler {n}"), anna)
    colleague_request(member("Kollegin"), anna, folder=Folder.FILED)

    first = inbox.list_inbox(anna)
    second = inbox.list_inbox(anna, page=2)
    beyond = inbox.list_inbox(anna, page=9)

    assert (len(first.items), len(second.items)) == (20, 3)
    assert first.page.paginator.count == 23
    assert first.page.paginator.num_pages == 2
    assert beyond.page.number == 2  # a page past the end shows the last one
    assert {i.request.pk for i in first.items}.isdisjoint(i.request.pk for i in second.items)


def test_accepting_counts_as_an_interaction_for_network_health(anna, clara) -> None:
    from handschlag.network import decisions
    from handschlag.network.models import Connection, ContactRequest

    pending = ContactRequest.objects.create(
        sender=clara, recipient=anna, note="Hallo", intent="met", label="welcome"
    )

    accepted = decisions.accept_contact_request(anna, request_id=pending.pk)

    rows = Connection.objects.filter(owner__in=[anna, clara], contact__in=[anna, clara])
    assert rows.count() == 2
    assert all(row.last_interaction_at == accepted.decided_at for row in rows)
