"""Recommendation requests: who may ask whom, the verdict, writing, approval, withdrawal."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.moderation.blocks import block_member
from handschlag.network.services import connect_members
from handschlag.profiles.services import save_education, save_position
from handschlag.recommendations import services
from handschlag.recommendations.errors import (
    AlreadyAnswered,
    CollaborationNotFound,
    InvalidRecommendation,
    MemberNotFound,
    NoSharedWork,
    NotAContact,
    RecommendationNotFound,
    RequestOpen,
    RequestTooSoon,
)
from handschlag.recommendations.models import (
    Basis,
    RecommendationStatus,
    RequestStatus,
)
from handschlag.recommendations.queries import (
    DECLINE_COOL_DOWN_DAYS,
    list_shown_recommendations,
)

pytestmark = pytest.mark.django_db


def _ask(asker: Member, recommender: Member, draft):
    return services.request_recommendation(asker, recommender_id=recommender.pk, draft=draft)


### The gate: each allowed relation, and everyone else ###


def test_a_former_colleague_in_overlapping_years_may_ask(anna, colleague_bernd, draft):
    request = _ask(colleague_bernd, anna, draft)

    assert request.status == RequestStatus.PENDING
    assert request.basis == Basis.EMPLOYER
    assert request.shared == ["Becker & Partner Steuerberatung"]
    # Judged for the recommender: a colleague with a stated context is welcome.
    assert request.label == "welcome"
    codes = {hit["code"] for hit in request.hits}
    assert "CG_SHARED_EMPLOYER" in codes
    assert not codes & {"REC_NO_SHARED_WORK", "REC_NO_CONTEXT"}


def test_the_same_employer_in_years_that_do_not_overlap_is_refused(anna, bernd, draft):
    save_position(
        bernd,
        position_id=None,
        employer_name="Becker & Partner Steuerberatung",
        title="Auszubildender",
        start_date=date(2009, 8, 1),
        end_date=date(2012, 7, 31),
    )

    with pytest.raises(NoSharedWork) as refused:
        _ask(bernd, anna, draft)

    assert refused.value.message == (
        "Anna Becker is one of your contacts, but a recommendation needs shared work: your "
        "profiles show no employer where you both worked at the same time and no school you "
        "both attended, and Anna Becker has not confirmed a collaboration with you. If you "
        "worked together on a project, declare the collaboration; once Anna Becker confirms "
        "it, you can ask."
    )


def test_a_shared_school_allows_a_request(anna, bernd, draft):
    for member in (anna, bernd):
        save_education(
            member, education_id=None, changes={"school": "Universität zu Köln", "degree": "BA"}
        )

    request = _ask(bernd, anna, draft)

    assert request.basis == Basis.SCHOOL
    assert request.shared == ["Universität zu Köln"]


def test_a_confirmed_collaboration_allows_a_request_a_declared_one_does_not(anna, bernd, draft):
    collaboration = services.declare_collaboration(
        bernd,
        partner_id=anna.pk,
        project="Lohnsoftware für Bäckereien",
        role="Fachberater",
        from_year=2021,
        to_year=2022,
    )
    with pytest.raises(NoSharedWork):
        _ask(bernd, anna, draft)

    services.answer_collaboration(anna, collaboration_id=collaboration.pk, confirm=True)
    request = _ask(bernd, anna, draft)

    assert request.basis == Basis.COLLABORATION
    assert request.shared == ["Lohnsoftware für Bäckereien"]
    assert "CG_SHARED_EMPLOYER" in {hit["code"] for hit in request.hits}


def test_only_the_partner_can_confirm_a_collaboration(anna, bernd, clara):
    collaboration = services.declare_collaboration(
        bernd,
        partner_id=anna.pk,
        project="Jahresabschluss",
        role="Buchhalter",
        from_year=2020,
        to_year=None,
    )
    with pytest.raises(CollaborationNotFound) as not_found:
        services.answer_collaboration(clara, collaboration_id=collaboration.pk, confirm=True)
    assert not_found.value.message == "This collaboration does not exist."
    with pytest.raises(CollaborationNotFound):
        services.answer_collaboration(bernd, collaboration_id=collaboration.pk, confirm=True)


def test_a_stranger_is_refused_with_the_missing_relation_named(anna, clara, draft):
    save_position(
        clara,
        position_id=None,
        employer_name="Becker & Partner Steuerberatung",
        title="Personalreferentin",
        start_date=date(2018, 1, 1),
        end_date=None,
    )

    with pytest.raises(NotAContact) as refused:
        _ask(clara, anna, draft)

    # Even a shared employer does not help a stranger; the message says what is missing.
    assert refused.value.message == (
        "You can ask only your contacts for a recommendation, and Anna Becker is not one of "
        "your contacts. Someone who recommends you should know your work: connect first, if "
        "you have worked or studied together."
    )
    assert not anna.recommendation_requests_received.exists()


def test_a_blocked_member_cannot_be_asked(anna, colleague_bernd, draft):
    block_member(anna, blocked_id=colleague_bernd.pk)

    with pytest.raises(MemberNotFound):
        _ask(colleague_bernd, anna, draft)


def test_the_request_must_say_what_it_is_about(anna, colleague_bernd, draft):
    with pytest.raises(InvalidRecommendation) as missing:
        _ask(colleague_bernd, anna, replace(draft, role=" "))
    assert missing.value.field == "role"
    with pytest.raises(InvalidRecommendation) as missing:
        _ask(colleague_bernd, anna, replace(draft, project=""))
    assert missing.value.field == "project"
    with pytest.raises(InvalidRecommendation) as missing:
        _ask(colleague_bernd, anna, replace(draft, from_year=2016, to_year=2010))
    assert missing.value.field == "to_year"


def test_one_open_request_per_pair_and_a_cool_down_after_a_decline(
    anna, colleague_bernd, draft, time_machine
):
    request = _ask(colleague_bernd, anna, draft)
    with pytest.raises(RequestOpen):
        _ask(colleague_bernd, anna, draft)

    services.decline_request(anna, request_id=request.pk)
    with pytest.raises(RequestTooSoon):
        _ask(colleague_bernd, anna, draft)

    time_machine.move_to(timezone.now() + timedelta(days=DECLINE_COOL_DOWN_DAYS, seconds=1))
    assert _ask(colleague_bernd, anna, draft).is_pending


### Declining ###


def test_a_decline_sends_the_standard_reply_in_the_askers_language(anna, colleague_bernd, draft):
    colleague_bernd.language = "de"
    colleague_bernd.save(update_fields=["language"])
    request = _ask(colleague_bernd, anna, draft)

    declined = services.decline_request(anna, request_id=request.pk)

    assert declined.status == RequestStatus.DECLINED
    assert declined.reply_text.startswith("Guten Tag Bernd Wagner,")
    assert "Anna Becker" in declined.reply_text
    with pytest.raises(AlreadyAnswered):
        services.write_recommendation(anna, request_id=request.pk, text="x" * 50)


### Approval before display, withdrawal by either side ###

TEXT = (
    "Bernd hat bei uns drei Jahre lang die Lohnabrechnung für 40 Mandanten verantwortet "
    "und die Umstellung auf DATEV sauber geplant."
)


def _written(anna, bernd, draft):
    request = _ask(bernd, anna, draft)
    return services.write_recommendation(anna, request_id=request.pk, text=TEXT)


def test_a_written_recommendation_is_shown_only_after_the_asker_approves(
    anna, colleague_bernd, draft
):
    recommendation = _written(anna, colleague_bernd, draft)

    assert recommendation.status == RecommendationStatus.AWAITING_APPROVAL
    assert list_shown_recommendations(colleague_bernd.pk, viewer_id=anna.pk) == []
    with pytest.raises(RecommendationNotFound):
        # Only the recommended member approves; the author cannot publish it.
        services.approve_recommendation(anna, recommendation_id=recommendation.pk, show=True)

    services.approve_recommendation(colleague_bernd, recommendation_id=recommendation.pk, show=True)

    [shown] = list_shown_recommendations(colleague_bernd.pk, viewer_id=None)
    assert shown.text == TEXT
    assert shown.author_name == "Anna Becker"
    assert shown.role == "Lohnbuchhalter"
    assert shown.period == "2016\u20132019"


def test_a_recommendation_not_approved_is_never_shown(anna, colleague_bernd, draft):
    recommendation = _written(anna, colleague_bernd, draft)

    services.approve_recommendation(
        colleague_bernd, recommendation_id=recommendation.pk, show=False
    )

    assert list_shown_recommendations(colleague_bernd.pk, viewer_id=None) == []


@pytest.mark.parametrize("side", ["author", "subject"])
def test_either_side_can_withdraw_and_it_disappears(anna, colleague_bernd, draft, side):
    recommendation = _written(anna, colleague_bernd, draft)
    services.approve_recommendation(colleague_bernd, recommendation_id=recommendation.pk, show=True)
    member = anna if side == "author" else colleague_bernd

    services.withdraw_recommendation(member, recommendation_id=recommendation.pk)

    assert list_shown_recommendations(colleague_bernd.pk, viewer_id=None) == []
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.WITHDRAWN
    assert recommendation.withdrawn_by == member


def test_a_third_member_cannot_withdraw(anna, colleague_bernd, clara, draft):
    recommendation = _written(anna, colleague_bernd, draft)

    with pytest.raises(RecommendationNotFound):
        services.withdraw_recommendation(clara, recommendation_id=recommendation.pk)


def test_a_stranger_who_becomes_a_contact_still_needs_shared_work(anna, clara, draft):
    connect_members(anna, contact=clara)

    with pytest.raises(NoSharedWork):
        _ask(clara, anna, draft)
