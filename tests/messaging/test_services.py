"""Messages judged in context: each rule as it meets a real history, message requests and
their answers, reports that weigh on the sender, and the limits on writing to strangers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.messaging import services
from handschlag.messaging.cases import build_message_facts
from handschlag.messaging.errors import (
    AwaitingAcceptance,
    ConversationClosed,
    MessageRequestLimit,
    RequestsRestricted,
    TooNewForRequests,
)
from handschlag.messaging.models import Message, Participant, ParticipantState
from handschlag.messaging.replies import draft_reply
from handschlag.moderation.models import Report
from handschlag.network.engine import get_engine
from handschlag.network.quotas import current_restriction, sender_record
from tests.messaging.factories import acquirer, connect, history, member

pytestmark = pytest.mark.django_db

PITCH = (
    "Hallo Anna, danke für die Vernetzung! Mit unserer Software gewinnen Kanzleien "
    "qualifizierte Leads und mehr Umsatz. Haben Sie Interesse an einer kostenlosen Demo?"
)
CLAIM = (
    "Hallo Anna, wie besprochen schicke ich Ihnen die Unterlagen zum Jahresabschluss. "
    "Melden Sie sich gern, wenn etwas fehlt."
)
BOOKING = (
    "Hallo Anna, schön, dass wir vernetzt sind. Suchen Sie sich einfach einen Termin aus: "
    "https://calendly.com/termintreffer/30min"
)


def codes(message: Message) -> set[str]:
    return {hit["code"] for hit in message.hits if not hit.get("shadow")}


def state(member_: Member, message: Message) -> str:
    return Participant.objects.get(conversation=message.conversation, member=member_).state


### The rules in context ###


def test_a_pitch_two_days_after_connecting_is_flagged(anna):
    marco = acquirer()
    connect(marco, anna, days_ago=2)
    sent = services.send_message(marco, recipient_id=anna.pk, text=PITCH)
    assert "PITCH_AFTER_CONNECT" in codes(sent.message)
    assert sent.message.label in ("decline", "spam")
    # Between contacts it opens a conversation at once, flagged, not a request.
    assert not sent.is_request
    assert state(anna, sent.message) == ParticipantState.ACTIVE


def test_the_same_pitch_after_a_three_year_conversation_is_at_most_review(anna):
    marco = acquirer()
    connect(marco, anna, days_ago=3 * 365)
    conversation = history(marco, anna, messages=40, since=timezone.now() - timedelta(days=1090))
    sent = services.send_message(marco, recipient_id=anna.pk, text=PITCH)
    assert sent.conversation.pk == conversation.pk
    # An established conversation between old contacts is not judged at all …
    assert not sent.message.is_judged
    # … and even judged, the history keeps it out of decline and spam.
    facts = build_message_facts(
        marco, recipient=anna, text=PITCH, now=timezone.now(), conversation=conversation
    )
    verdict = get_engine().evaluate(facts.case)
    assert facts.case.relation.prior_messages == 41
    assert verdict.label.value in ("welcome", "review")
    assert "PITCH_AFTER_CONNECT" not in verdict.codes
    assert "CG_PRIOR_CONTACT" in verdict.codes


def test_as_discussed_with_real_prior_messages_is_no_false_claim(anna, bernd):
    connect(bernd, anna, days_ago=10)
    history(bernd, anna, messages=6, since=timezone.now() - timedelta(days=9))
    sent = services.send_message(bernd, recipient_id=anna.pk, text=CLAIM)
    # Connected ten days ago: still judged, and the history answers the claim.
    assert sent.message.is_judged
    assert "CLAIM_FALSE_CONTACT" not in codes(sent.message)
    assert sent.message.label in ("welcome", "review")


def test_as_discussed_without_any_history_is_a_false_claim(anna):
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    assert sent.is_request
    assert "CLAIM_FALSE_CONTACT" in codes(sent.message)


def test_unanswered_messages_are_no_history_for_a_claim(anna):
    marco = acquirer()
    connect(marco, anna, days_ago=5)
    services.send_message(marco, recipient_id=anna.pk, text="Hallo Anna, danke fürs Vernetzen.")
    sent = services.send_message(
        marco, recipient_id=anna.pk, text="As discussed on the phone, here is our offer."
    )
    assert "CLAIM_FALSE_CONTACT" in codes(sent.message)


def test_a_booking_link_is_flagged(anna):
    marco = acquirer()
    connect(marco, anna, days_ago=1)
    sent = services.send_message(marco, recipient_id=anna.pk, text=BOOKING)
    assert "PITCH_MEETING_LINK" in codes(sent.message)


def test_the_same_text_to_many_recipients_is_mass_sending(anna):
    marco = acquirer()
    text = (
        "Hallo, schön dass wir vernetzt sind! Wir zeigen Kanzleien in 15 Minuten, wie sie "
        "ihre Terminplanung vereinfachen. Wann passt es Ihnen diese Woche?"
    )
    for number in range(7):
        other = member(f"kanzlei{number}@example.org", f"Kanzlei Mitglied {number}")
        connect(marco, other, days_ago=1)
        services.send_message(marco, recipient_id=other.pk, text=text)
    connect(marco, anna, days_ago=1)
    sent = services.send_message(marco, recipient_id=anna.pk, text=text)
    assert "TPL_MASS_SEND" in codes(sent.message)
    assert "TPL_SELF_NEAR_DUP" in codes(sent.message)


def test_everyday_messages_between_old_contacts_are_not_judged(anna, bernd):
    connect(bernd, anna, days_ago=400)
    history(bernd, anna, messages=4, since=timezone.now() - timedelta(days=300))
    sent = services.send_message(bernd, recipient_id=anna.pk, text="Bis morgen!")
    assert sent.message.label == ""
    assert sent.message.hits == []


### Message requests ###


def test_a_first_message_from_a_stranger_waits_as_a_request(anna):
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    assert sent.is_request
    assert state(anna, sent.message) == ParticipantState.REQUEST
    assert state(marco, sent.message) == ParticipantState.ACTIVE
    with pytest.raises(AwaitingAcceptance) as refused:
        services.send_message(
            marco, recipient_id=anna.pk, text="Haben Sie meine Nachricht gesehen?"
        )
    assert refused.value.message == (
        "Anna Becker has not accepted your message yet. You can write again once they have "
        "accepted it."
    )


def test_accepting_opens_the_conversation_both_ways(anna):
    marco = acquirer()
    sent = services.send_message(
        marco, recipient_id=anna.pk, text="Guten Tag, eine Frage zu DATEV."
    )
    services.accept_message_request(anna, conversation_id=sent.conversation.pk)
    services.post_message(anna, conversation_id=sent.conversation.pk, text="Gern, worum geht es?")
    services.post_message(marco, conversation_id=sent.conversation.pk, text="Um die Schnittstelle.")
    assert Message.objects.filter(conversation=sent.conversation).count() == 3


def test_an_ignored_request_tells_the_sender_nothing(anna):
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    services.ignore_message_request(anna, conversation_id=sent.conversation.pk)
    assert state(anna, sent.message) == ParticipantState.IGNORED
    with pytest.raises(AwaitingAcceptance):
        services.send_message(marco, recipient_id=anna.pk, text="Noch einmal?")


def test_a_report_keeps_the_text_after_the_sender_deletes_it(anna):
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    report = services.report_message(anna, message_id=sent.message.pk, reason="fake")
    services.delete_message(marco, message_id=sent.message.pk)
    report.refresh_from_db()
    sent.message.refresh_from_db()
    assert sent.message.text == ""
    assert report.content == CLAIM
    assert report.reported == marco
    assert state(anna, sent.message) == ParticipantState.REPORTED
    # The report weighs on Marco's standing as a reported contact request does.
    assert sender_record(marco).reports_90d == 1


def test_three_reported_messages_restrict_the_sender_from_writing_to_strangers(anna, clara):
    marco = acquirer()
    recipients = [anna, clara, member("dora.klein@example.org", "Dora Klein")]
    for recipient in recipients:
        sent = services.send_message(marco, recipient_id=recipient.pk, text=CLAIM)
        services.report_message(recipient, message_id=sent.message.pk, reason="spam")
    assert Report.objects.filter(reported=marco).count() == 3
    assert current_restriction(marco) is not None
    stranger = member("emil.stern@example.org", "Emil Stern")
    with pytest.raises(RequestsRestricted):
        services.send_message(marco, recipient_id=stranger.pk, text="Guten Tag!")
    # Contacts can still be reached: a restriction stops cold outreach, not friendships.
    friend = member("frieda.freund@example.org", "Frieda Freund")
    connect(marco, friend, days_ago=500)
    services.send_message(marco, recipient_id=friend.pk, text="Hallo Frieda, bis Freitag!")


def test_new_accounts_write_to_contacts_but_not_to_strangers(anna, bernd):
    newcomer = member("neu@example.org", "Nina Neu", days_old=1)
    with pytest.raises(TooNewForRequests):
        services.send_message(newcomer, recipient_id=anna.pk, text="Hallo Anna!")
    connect(newcomer, bernd, days_ago=0)
    services.send_message(newcomer, recipient_id=bernd.pk, text="Hallo Bernd!")


def test_message_requests_per_day_are_limited():
    sender = member("viel@example.org", "Viktor Viel")
    for number in range(services.REQUESTS_PER_DAY):
        other = member(f"fremd{number}@example.org", f"Fremd {number}")
        services.send_message(sender, recipient_id=other.pk, text=f"Hallo {number}, eine Frage.")
    last = member("fremd-letzt@example.org", "Fremd Letzt")
    with pytest.raises(MessageRequestLimit) as refused:
        services.send_message(sender, recipient_id=last.pk, text="Hallo, eine Frage.")
    assert refused.value.period == "day"


def test_a_contact_request_accepted_later_opens_a_waiting_message_request(anna):
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text="Guten Tag, eine Frage.")
    connect(marco, anna, days_ago=0)
    services.send_message(marco, recipient_id=anna.pk, text="Danke fürs Vernetzen!")
    assert state(anna, sent.message) == ParticipantState.ACTIVE


### Standard replies ###


def test_the_standard_reply_to_a_false_claim_names_it_in_the_recipients_language(anna):
    anna.language = "de"
    anna.save(update_fields=["language"])
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    draft = draft_reply(sent.message, reader_id=anna.pk, lang="de")
    assert draft.situation == "decline_claim"
    assert draft.text.startswith("Guten Tag Marco Stein,")
    assert "„wie besprochen“" in draft.text
    english = draft_reply(sent.message, reader_id=anna.pk, lang="en")
    assert english.text.startswith("Hello Marco Stein,")
    reply = services.reply_with_standard_reply(
        anna, message_id=sent.message.pk, text=draft.text, situation=draft.situation
    )
    assert reply.sender == anna
    assert state(anna, sent.message) == ParticipantState.DECLINED
    with pytest.raises(ConversationClosed):
        services.post_message(marco, conversation_id=sent.conversation.pk, text="Aber …")


def test_the_standard_reply_to_a_pitch_declines_it(anna):
    marco = acquirer()
    connect(marco, anna, days_ago=2)
    sent = services.send_message(marco, recipient_id=anna.pk, text=PITCH)
    draft = draft_reply(sent.message, reader_id=anna.pk, lang="en")
    assert draft.situation == "decline_pitch"
    assert "I am not interested in offers I have not asked for" in draft.text


### Groups and unread state ###


def test_a_group_with_contacts_counts_unread_for_everyone_but_the_writer(anna, bernd, olaf):
    conversation = services.start_group(
        anna, member_ids=[bernd.pk, olaf.pk], title="Stammtisch", text="Donnerstag um acht?"
    )
    services.post_message(bernd, conversation_id=conversation.pk, text="Passt!")
    unread = dict(
        Participant.objects.filter(conversation=conversation).values_list(
            "member_id", "unread_count"
        )
    )
    assert unread == {anna.pk: 1, bernd.pk: 0, olaf.pk: 2}


def test_a_group_takes_only_contacts(anna, bernd, clara):
    from handschlag.messaging.errors import GroupNeedsContacts

    with pytest.raises(GroupNeedsContacts):
        services.start_group(anna, member_ids=[bernd.pk, clara.pk], title="", text="Hallo")
