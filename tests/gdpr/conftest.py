"""Anna with a row in every app: the export must show each, the deletion must clear each.

Every text Anna writes carries a marker (``MARK[...]``) so a test can find it in the
export and make sure it is gone from the database after the deletion. Olaf and Clara
take the other side where a row needs two members.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessLog
from django.utils import timezone

from handschlag.accounts.models import Invitation, Member
from handschlag.api.services import create_token
from handschlag.events.models import CalendarFeed, Meetup, Rsvp, RsvpStatus, WrongCheckInCode
from handschlag.feed import services as feed
from handschlag.feed.models import FeedSettings, FollowedTopic, Mute, Reaction
from handschlag.groups import services as groups
from handschlag.groups.models import GroupInvitation, InvitationPolicy, JoinRequest
from handschlag.imports.models import ImportedContact, ImportJob
from handschlag.messaging import services as messaging
from handschlag.moderation import blocks
from handschlag.moderation.models import ModerationAction, Report
from handschlag.network.models import (
    Appeal,
    ContactRequest,
    Introduction,
    ProfileView,
    RequestPolicy,
    Restriction,
)
from handschlag.notifications.services import set_daily_digest
from handschlag.offers.models import OfferPolicy, Recruiter, RecruiterOffer
from handschlag.profiles.services import (
    add_spoken_language,
    save_education,
    save_job_preferences,
    update_profile,
)
from handschlag.recommendations.models import (
    Collaboration,
    Recommendation,
    RecommendationRequest,
)

#: Anna's phone and salary floor: private canaries of hers (for the deletion).
ANNA_PHONE = "+49 221 1234 5599"
ANNA_MIN_SALARY = 876543

#: One marker per category; each is a text only Anna wrote.
MARK = {
    key: f"ANNA-{key.upper()}-7c3d"
    for key in (
        "about",
        "school",
        "request_sent",
        "request_received_reply",
        "introduction",
        "appeal",
        "message",
        "offer_reply",
        "offer_sent",
        "collaboration",
        "recommendation_request",
        "recommendation",
        "group",
        "join_request",
        "group_invitation",
        "post",
        "comment",
        "topic",
        "mute",
        "meetup",
        "import",
        "token",
        "invitation",
        "report",
    )
}


@dataclass
class World:
    anna: Member
    olaf: Member
    clara: Member
    report_about_anna: Report


@pytest.fixture
def world(anna: Member, olaf: Member, clara: Member) -> World:
    """Anna with data in every app, some of it shared with Olaf (a contact) and Clara."""
    now = timezone.now()
    ### accounts, profiles ###
    update_profile(anna, changes={"about": MARK["about"], "phone": ANNA_PHONE})
    save_job_preferences(
        anna, changes={"open_to_offers": True, "min_salary": ANNA_MIN_SALARY, "currency": "EUR"}
    )
    save_education(
        anna,
        education_id=None,
        changes={
            "school": MARK["school"],
            "degree": "Diplom",
            "field_of_study": "Steuerrecht",
            "start_year": 2005,
            "end_year": 2010,
        },
    )
    add_spoken_language(anna, language="fr", proficiency="fluent")
    Invitation.objects.create(inviter=anna, note=MARK["invitation"])
    AccessLog.objects.create(
        username=anna.email, ip_address="192.0.2.7", user_agent="Firefox", attempt_time=now
    )
    ### network ###
    ContactRequest.objects.create(
        sender=anna, recipient=clara, note=MARK["request_sent"], intent="met", label="welcome"
    )
    ContactRequest.objects.create(
        sender=clara,
        recipient=anna,
        note="Hallo Anna, wir kennen uns vom Stammtisch.",
        intent="met",
        label="review",
        score=3.5,
        hits=[{"code": "NOTE_GENERIC", "score": 3.5, "message": "Generic note", "evidence": {}}],
        reply_text=MARK["request_received_reply"],
    )
    RequestPolicy.objects.create(member=anna)
    ProfileView.objects.create(viewer=anna, viewed=olaf)
    ProfileView.objects.create(viewer=clara, viewed=anna)
    Introduction.objects.create(
        requester=anna, introducer=olaf, target=clara, reason=MARK["introduction"], intent="met"
    )
    restriction = Restriction.objects.create(member=anna, evidence={})
    Appeal.objects.create(restriction=restriction, text=MARK["appeal"])
    ### messaging, moderation ###
    messaging.send_message(anna, recipient_id=olaf.pk, text=MARK["message"])
    messaging.send_message(olaf, recipient_id=anna.pk, text="Gern, Anna!")
    blocks.block_member(anna, blocked_id=clara.pk)
    Report.objects.create(reporter=anna, reported=clara, reason="spam", comment=MARK["report"])
    report_about_anna = Report.objects.create(
        reporter=olaf, reported=anna, reason="sales", content="Kaufen Sie jetzt!"
    )
    ModerationAction.objects.create(subject=anna, action="restrict", reason="pitching")
    set_daily_digest(anna, enabled=False)
    ### offers ###
    Recruiter.objects.create(member=anna, organisation="Becker Personal")
    OfferPolicy.objects.create(member=anna, auto_decline=True)
    RecruiterOffer.objects.create(
        recruiter=olaf,
        recipient=anna,
        title="Steuerberaterin (m/w/d)",
        level="senior",
        reveal_at=now,
        reply_text=MARK["offer_reply"],
    )
    RecruiterOffer.objects.create(
        recruiter=anna, recipient=clara, title=MARK["offer_sent"], level="mid", reveal_at=now
    )
    ### recommendations ###
    Collaboration.objects.create(
        declared_by=anna,
        partner=olaf,
        project=MARK["collaboration"],
        role="Beraterin",
        from_year=2019,
    )
    RecommendationRequest.objects.create(
        asker=anna,
        recommender=olaf,
        role="Beraterin",
        project=MARK["recommendation_request"],
        from_year=2019,
        basis="collaboration",
        label="welcome",
    )
    asked = RecommendationRequest.objects.create(
        asker=olaf,
        recommender=anna,
        role="Bauleiter",
        project="Neubau",
        from_year=2019,
        basis="collaboration",
        label="welcome",
    )
    Recommendation.objects.create(
        request=asked, author=anna, subject=olaf, text=MARK["recommendation"]
    )
    ### groups ###
    group = groups.create_group(
        anna, name=MARK["group"], description="Steuern", topics=["steuern"], visibility="public"
    )
    closed = groups.create_group(
        olaf, name="Bauleitung Rheinland", description="", topics=["bau"], visibility="closed"
    )
    JoinRequest.objects.create(group=closed, member=anna, message=MARK["join_request"])
    GroupInvitation.objects.create(
        group=group, inviter=anna, invitee=olaf, note=MARK["group_invitation"], label="welcome"
    )
    InvitationPolicy.objects.create(member=anna)
    ### feed ###
    feed.create_post(anna, text=MARK["post"])
    olaf_post = feed.create_post(olaf, text="Richtfest in Leverkusen.")
    feed.add_comment(anna, post_id=olaf_post.pk, text=MARK["comment"])
    Reaction.objects.create(post=olaf_post, member=anna, kind="congrats")
    feed.follow_member(anna, member_id=olaf.pk)
    FollowedTopic.objects.create(follower=anna, topic=MARK["topic"].lower())
    Mute.objects.create(member=anna, kind="hashtag", value=MARK["mute"].lower())
    FeedSettings.objects.create(member=anna)
    ### events ###
    meetup = Meetup.objects.create(
        organiser=anna,
        title=MARK["meetup"],
        venue="Brauhaus",
        address="Am Hof 1",
        city="Köln",
        starts_at=now + timedelta(days=7),
        ends_at=now + timedelta(days=7, hours=2),
        capacity=20,
    )
    olafs_meetup = Meetup.objects.create(
        organiser=olaf,
        title="Bau-Stammtisch",
        venue="Halle",
        address="Weg 2",
        city="Leverkusen",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
        capacity=20,
    )
    Rsvp.objects.create(meetup=olafs_meetup, member=anna, status=RsvpStatus.GOING, answered_at=now)
    Rsvp.objects.create(meetup=meetup, member=olaf, status=RsvpStatus.GOING, answered_at=now)
    WrongCheckInCode.objects.create(member=anna, meetup=olafs_meetup, attempted_at=now)
    CalendarFeed.objects.create(member=anna, key="k" * 40, created_at=now)
    ### imports, api ###
    job = ImportJob.objects.create(owner=anna, file_name=MARK["import"] + ".zip", source="linkedin")
    ImportedContact.objects.create(
        owner=anna, job=job, first_name="Ida", last_name="Import", connected_on=date(2020, 1, 1)
    )
    create_token(anna, name=MARK["token"], lifetime_days=30)
    assert EmailAddress.objects.filter(user=anna).exists()
    return World(anna=anna, olaf=olaf, clara=clara, report_about_anna=report_about_anna)
