"""Sending and answering offers: the verdict, the member's policy, and every refusal."""

from __future__ import annotations

import pytest
from django.utils import translation

from handschlag.accounts.models import Member
from handschlag.core.errors import NotFound
from handschlag.messaging.models import Conversation, Message
from handschlag.moderation.blocks import block_member
from handschlag.moderation.models import Report
from handschlag.offers import errors, queries, services
from handschlag.offers.models import (
    REVEAL_MAX,
    REVEAL_MIN,
    Decision,
    Folder,
    OfferStatus,
    RecruiterOffer,
)
from tests.offers.conftest import BELOW_FLOOR, WRONG_LEVEL, WRONG_PLACE, WRONG_SKILLS, good_offer


def _send(recruiter: Member, recipient: Member, **changes: object) -> RecruiterOffer:
    return services.send_offer(recruiter, recipient_id=recipient.pk, draft=good_offer(**changes))


def test_a_fitting_offer_lands_in_the_inbox_with_its_fit_in_plain_words(rita, olaf_candidate):
    offer = _send(rita, olaf_candidate)

    assert (offer.folder, offer.status, offer.decision) == (Folder.INBOX, OfferStatus.PENDING, "")
    assert offer.mismatches == []
    item = queries.get_offer_item(olaf_candidate, offer_id=offer.pk, lang="en")
    assert [line.text for line in item.fit] == [
        "Salary 990,000\u20131,100,000 EUR, above your minimum of 987,654 EUR",
        "Career level: Lead, which fits",
        "3 of 4 skills are in your profile (Python, Django, PostgreSQL)",
        "Hybrid in Wernigerode, which fits",
    ]
    assert all(line.fits for line in item.fit)


@pytest.mark.parametrize(
    ("changes", "category"),
    [
        (BELOW_FLOOR, "salary"),
        (WRONG_LEVEL, "level"),
        (WRONG_PLACE, "location"),
        (WRONG_SKILLS, "skills"),
    ],
)
def test_a_mismatch_is_declined_by_default_and_filed_with_its_category(
    rita, olaf_candidate, changes, category
):
    offer = _send(rita, olaf_candidate, **changes)

    assert offer.mismatches == [category]
    assert (offer.folder, offer.status, offer.decision) == (
        Folder.FILED,
        OfferStatus.DECLINED,
        Decision.AUTO_DECLINED,
    )
    assert offer.decided_at == offer.sent_at
    # The reply is the member's standard reply, in the recruiter's language (German).
    assert offer.reply_text.startswith("Guten Tag Rita Roth,")
    assert "Lead Backend Engineer" in offer.reply_text


def test_the_fit_names_the_members_own_floor_when_the_salary_is_below(rita, olaf_candidate):
    offer = _send(rita, olaf_candidate, **BELOW_FLOOR)
    with translation.override("de"):
        item = queries.get_offer_item(olaf_candidate, offer_id=offer.pk, lang="de")
    texts = [line.text for line in item.fit]
    assert (
        texts[0]
        == "Gehalt 700.000\u2013900.000 EUR, unter Ihrer Gehaltsuntergrenze von 987.654 EUR"
    )
    assert item.fit[0].fits is False


def test_a_member_who_reviews_mismatches_gets_them_filed_and_pending(rita, olaf_candidate):
    services.save_offer_policy(olaf_candidate, auto_decline=False, share_categories=False)

    offer = _send(rita, olaf_candidate, **BELOW_FLOOR)

    assert (offer.folder, offer.status, offer.decision) == (Folder.FILED, OfferStatus.PENDING, "")
    inbox = queries.list_offer_inbox(olaf_candidate, lang="en")
    assert [i.offer.pk for i in inbox.filed] == [offer.pk]
    assert inbox.matching == ()


def test_an_offer_without_salary_is_allowed_and_labelled(rita, olaf_candidate):
    offer = _send(rita, olaf_candidate, salary_min=None, salary_max=None, currency="")

    assert offer.currency == ""
    item = queries.get_offer_item(olaf_candidate, offer_id=offer.pk, lang="en")
    assert item.salary == "no salary stated"
    assert item.fit[0].text == "No salary stated"
    assert "OFFER_NO_SALARY" in {h["code"] for h in offer.hits}


def test_a_member_not_open_to_offers_declines_every_offer(rita, clara):
    offer = _send(rita, clara)  # Clara never saved job preferences

    assert offer.mismatches == ["not_open"]
    assert offer.decision == Decision.AUTO_DECLINED


def test_only_recruiters_send_offers(anna, olaf_candidate):
    with pytest.raises(errors.NotARecruiter) as refusal:
        _send(anna, olaf_candidate)
    assert refusal.value.message.startswith("Only recruiters can send job offers.")


def test_a_revoked_recruiter_cannot_send(rita, olaf_candidate):
    rita.recruiter_role.is_active = False
    rita.recruiter_role.save()
    with pytest.raises(errors.NotARecruiter):
        _send(rita, olaf_candidate)


def test_no_offer_to_oneself_or_to_a_blocked_member(rita, olaf_candidate):
    with pytest.raises(errors.CannotOfferSelf):
        _send(rita, rita)
    block_member(olaf_candidate, blocked_id=rita.pk)
    with pytest.raises(NotFound):
        _send(rita, olaf_candidate)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"salary_min": 90_000, "salary_max": 80_000}, "salary_max", "must not be below"),
        ({"currency": ""}, "currency", "currency"),
        ({"title": "  "}, "title", "job title"),
        ({"text": "x" * 2001}, "text", "2001 characters"),
        ({"location": "", "remote": "onsite"}, "location", "where the work is done"),
    ],
)
def test_the_service_checks_each_field_again(rita, olaf_candidate, changes, field, message):
    with pytest.raises(errors.InvalidOffer) as refusal:
        _send(rita, olaf_candidate, **changes)
    assert refusal.value.field == field
    assert message in str(refusal.value.message)


def test_the_reveal_time_is_drawn_within_the_window(rita, olaf_candidate, anna, clara):
    offers = [_send(rita, m) for m in (olaf_candidate, anna, clara)]
    for offer in offers:
        assert REVEAL_MIN <= offer.reveal_at - offer.sent_at <= REVEAL_MAX


### Answers ###


def test_declining_sends_the_edited_reply(rita, olaf_candidate):
    offer = _send(rita, olaf_candidate)

    services.decline_offer(olaf_candidate, offer_id=offer.pk, reply_text="Danke, passt nicht.")

    offer.refresh_from_db()
    assert (offer.status, offer.decision, offer.reply_text) == (
        OfferStatus.DECLINED,
        Decision.DECLINED,
        "Danke, passt nicht.",
    )
    with pytest.raises(errors.OfferAlreadyAnswered):
        services.decline_offer(olaf_candidate, offer_id=offer.pk)


def test_only_the_recipient_answers(rita, olaf_candidate, anna):
    offer = _send(rita, olaf_candidate)
    with pytest.raises(errors.OfferNotFound):
        services.decline_offer(anna, offer_id=offer.pk)
    with pytest.raises(errors.OfferNotFound):
        services.decline_offer(rita, offer_id=offer.pk)


def test_interest_opens_a_conversation_with_the_recruiter(rita, olaf_candidate):
    Member.objects.filter(pk=olaf_candidate.pk).update(
        date_joined=olaf_candidate.date_joined.replace(year=2020)
    )
    olaf_candidate.refresh_from_db()
    offer = _send(rita, olaf_candidate)

    interest = services.express_interest(
        olaf_candidate, offer_id=offer.pk, message="Gern, erzählen Sie mehr."
    )

    assert interest.problem is None
    conversation = Conversation.objects.get(pk=interest.conversation_id)
    assert Message.objects.get(conversation=conversation).text == "Gern, erzählen Sie mehr."
    offer.refresh_from_db()
    assert (offer.status, offer.decision, offer.conversation_id) == (
        OfferStatus.INTERESTED,
        Decision.INTERESTED,
        conversation.pk,
    )


def test_interest_stands_when_messaging_refuses(rita, olaf_candidate):
    # Olaf's account is new: messaging allows no first messages to strangers yet (S4).
    offer = _send(rita, olaf_candidate)

    interest = services.express_interest(olaf_candidate, offer_id=offer.pk, message="Gern.")

    assert interest.conversation_id is None
    assert interest.problem is not None
    offer.refresh_from_db()
    assert offer.status == OfferStatus.INTERESTED


def test_a_report_goes_to_the_moderators_and_declines_like_any_decline(rita, olaf_candidate):
    offer = _send(rita, olaf_candidate)

    services.report_offer(olaf_candidate, offer_id=offer.pk, reason="spam", comment="Massenware")

    report = Report.objects.get()
    assert (report.reporter, report.reported, report.reason) == (olaf_candidate, rita, "spam")
    assert "Lead Backend Engineer" in report.content
    offer.refresh_from_db()
    assert (offer.status, offer.decision) == (OfferStatus.DECLINED, Decision.REPORTED)
    assert offer.reply_text == _send_twin_auto_reply(rita, olaf_candidate)


def _send_twin_auto_reply(rita: Member, olaf: Member) -> str:
    """The reply an automatic decline of the same offer sends (a new recipient: the pair
    limit applies to Olaf)."""
    from handschlag.offers.replies import standard_reply

    twin = RecruiterOffer(
        recruiter=rita, recipient=olaf, title="Lead Backend Engineer", sent_at=None
    )
    return standard_reply(twin)
