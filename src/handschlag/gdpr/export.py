"""A member's copy of everything Handschlag holds about them (GDPR Art. 15 and 20).

``collect_export(member)`` gathers one JSON-ready dict, section by section, app by app.
The rule for every section: the member gets what they wrote or chose, and of other
members only what the member's own pages show them. In particular:

- received contact requests, offers and messages carry the reasons the inbox shows (in the
  member's language), never the engine's scores or its evidence about the sender;
- sent requests and offers carry what the sender's own list shows (an offer's outcome only
  once it is revealed, never the recipient's private mismatches);
- profile views by others appear only as the "Who viewed your profile" page shows them
  (named, "someone from" an employer, or not at all);
- contacts' email and phone only where their privacy settings show them to the member;
- reports appear only when the member filed them; reports about the member are never
  shown to them (SECURITY.md, GDPR Art. 15(4): the reporters' rights);
- API tokens with their names and dates, never the secret or its prefix.

``COVERED`` names, for every column that ties a row to a member, the section that exports
it; ``NOT_EXPORTED`` lists the rest with the reason. ``tests/gdpr`` walks the models and
fails on a column in neither, so a new model cannot be forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessLog
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from handschlag.accounts.models import Invitation, Member
from handschlag.api.models import PersonalToken
from handschlag.events.models import CalendarFeed, Meetup, Rsvp, WrongCheckInCode
from handschlag.feed.models import (
    Comment,
    FeedSettings,
    FollowedMember,
    FollowedTopic,
    Mute,
    Post,
    Reaction,
)
from handschlag.groups.models import (
    Group,
    GroupInvitation,
    InvitationPolicy,
    JoinRequest,
    Membership,
)
from handschlag.imports.models import ImportedContact, ImportJob
from handschlag.messaging.models import Conversation, Message, Participant
from handschlag.moderation.models import Block, Report
from handschlag.network.connections import list_profile_views
from handschlag.network.inbox import language_of, render_reasons
from handschlag.network.models import (
    Connection,
    ContactRequest,
    Introduction,
    IntroductionStatus,
    ProfileView,
    RequestPolicy,
    Restriction,
    SenderStanding,
)
from handschlag.notifications.models import DigestPreference
from handschlag.offers.models import OfferPolicy, Recruiter, RecruiterOffer
from handschlag.offers.queries import list_sent_offers
from handschlag.profiles.models import Profile
from handschlag.profiles.privacy import contact_details_for
from handschlag.profiles.queries import get_own_job_preferences
from handschlag.recommendations.models import (
    Collaboration,
    Recommendation,
    RecommendationRequest,
)

#: The version of the export's layout; raised when a section changes meaning.
FORMAT_VERSION = 1

#: "app_label.Model.field" → the section of the export that holds it.
COVERED: Mapping[str, str] = {
    "accounts.Member.invited_by": "account",
    "accounts.Invitation.inviter": "account.invitations_sent",
    "accounts.Invitation.accepted_by": "account.invited_by",
    "account.EmailAddress.user": "account.email_addresses",
    "profiles.Profile.member": "profile",
    "profiles.JobPreferences.member": "profile.job_preferences",
    "network.Connection.owner": "network.contacts",
    "network.Connection.contact": "network.contacts",
    "network.ContactRequest.sender": "network.requests_sent",
    "network.ContactRequest.recipient": "network.requests_received",
    "network.RequestPolicy.member": "network.request_settings",
    "network.ProfileView.viewer": "network.profiles_you_viewed",
    "network.ProfileView.viewed": "network.who_viewed_your_profile",
    "network.Introduction.requester": "network.introductions",
    "network.Introduction.introducer": "network.introductions",
    "network.Introduction.target": "network.introductions",
    "network.SenderStanding.member": "network.standing",
    "network.Restriction.member": "network.restrictions",
    "moderation.Report.reporter": "moderation.reports_filed",
    "moderation.Block.blocker": "moderation.blocks",
    "notifications.DigestPreference.member": "notifications",
    "messaging.Conversation.started_by": "messaging.conversations",
    "messaging.Participant.member": "messaging.conversations",
    "messaging.Message.sender": "messaging.conversations",
    "offers.Recruiter.member": "offers.recruiter",
    "offers.OfferPolicy.member": "offers.settings",
    "offers.RecruiterOffer.recruiter": "offers.sent",
    "offers.RecruiterOffer.recipient": "offers.received",
    "recommendations.Collaboration.declared_by": "recommendations.collaborations",
    "recommendations.Collaboration.partner": "recommendations.collaborations",
    "recommendations.RecommendationRequest.asker": "recommendations.requests",
    "recommendations.RecommendationRequest.recommender": "recommendations.requests",
    "recommendations.Recommendation.author": "recommendations.recommendations",
    "recommendations.Recommendation.subject": "recommendations.recommendations",
    "groups.Group.created_by": "groups.created",
    "groups.Membership.member": "groups.memberships",
    "groups.JoinRequest.member": "groups.join_requests",
    "groups.GroupInvitation.inviter": "groups.invitations_sent",
    "groups.GroupInvitation.invitee": "groups.invitations_received",
    "groups.InvitationPolicy.member": "groups.invitation_settings",
    "feed.Post.author": "feed.posts",
    "feed.Comment.author": "feed.comments",
    "feed.Reaction.member": "feed.reactions",
    "feed.FollowedMember.follower": "feed.following",
    "feed.FollowedTopic.follower": "feed.topics_followed",
    "feed.Mute.member": "feed.mutes",
    "feed.FeedSettings.member": "feed.settings",
    "api.PersonalToken.member": "api_tokens",
    "events.Meetup.organiser": "events.meetups_organised",
    "events.Rsvp.member": "events.rsvps",
    "events.WrongCheckInCode.member": "events.wrong_check_in_codes",
    "events.CalendarFeed.member": "events.calendar_feed",
    "imports.ImportJob.owner": "imports.jobs",
    "imports.ImportedContact.owner": "imports.contacts",
}

#: Columns tied to a member that the export leaves out on purpose, with the reason.
#: Shrink-only: a new column belongs in ``COVERED``.
NOT_EXPORTED: Mapping[str, str] = {
    "moderation.Report.reported": (
        "Reports about the member: the reporters' identity and words are protected "
        "(Art. 15(4)); the member is told of measures through restrictions."
    ),
    "moderation.ModerationAction.subject": (
        "The moderators' internal log; its outcomes reach the member as restrictions."
    ),
    "moderation.ModerationAction.moderator": "Only host staff act as moderators.",
    "moderation.Block.blocked": "Blocks are never disclosed to the blocked member.",
    "network.Appeal.moderator": "Only host staff decide appeals; appeals are under restrictions.",
    "groups.JoinRequest.decided_by": "The decision, not the deciding moderator, is the member's.",
    "recommendations.Recommendation.withdrawn_by": "Exported with the recommendation's status.",
    "feed.FollowedMember.followed": "Who follows the member is not shown in the product either.",
    "feed.Mute.muted_member": "Other members' mutes are theirs.",
    "admin.LogEntry.user": "Host staff's admin history, not a member's data.",
}


### Helpers ###


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Names:
    """Full names of other members, looked up once each (a deleted member has none)."""

    def __init__(self) -> None:
        self._cache: dict[int, str] = {}

    def load(self, member_ids: Iterable[int | None]) -> None:
        wanted = {i for i in member_ids if i is not None and i not in self._cache}
        if wanted:
            found = dict(
                Profile.objects.filter(member_id__in=wanted).values_list("member_id", "full_name")
            )
            for member_id in wanted:
                self._cache[member_id] = found.get(member_id, "")

    def __call__(self, member_id: int | None) -> str:
        if member_id is None:
            return ""
        self.load([member_id])
        return self._cache[member_id]


def _reasons(hits: object, lang: str) -> list[str]:
    return [reason.text for reason in render_reasons(hits, lang)]


### Sections ###


def _about() -> dict[str, Any]:  # Any: a JSON object
    """Art. 15(1) GDPR: what is processed, why, for whom, for how long, and the rights."""
    return {
        "purposes": _(
            "Your data is processed to run this professional network: your profile, "
            "your contacts, messages, offers, groups, meetups and feed, and the "
            "automatic checking of requests and messages that protects members from "
            "spam and cold acquisition."
        ),
        "legal_basis": _(
            "Art. 6(1)(b) GDPR (the membership contract) and Art. 6(1)(f) GDPR (protecting "
            "members from abuse)."
        ),
        "recipients": _(
            "Other members see what your privacy settings allow. The operator of this "
            "network and its moderators see reports and moderation records. No data is "
            "sold or passed on for advertising."
        ),
        "retention": _(
            "Your data is kept as long as your account exists. When you delete your "
            "account, your data is erased at once; reports about you and the moderation "
            "log are kept without your name for as long as the operator needs them to "
            "deal with abuse."
        ),
        "automated_decisions": _(
            "Requests, messages and offers to you are sorted by an automatic check with "
            "reasons you can read; it never decides on its own without your view."
        ),
        "rights": _(
            "You may ask for access, correction, erasure, restriction and a portable copy "
            "of your data, object to processing, and complain to a data protection "
            "supervisory authority."
        ),
    }


def _account(member: Member, names: _Names) -> dict[str, Any]:  # Any: a JSON object
    invited_by = member.invited_by_id
    return {
        "id": member.pk,
        "email": member.email,
        "language": member.language,
        "date_joined": _iso(member.date_joined),
        "last_login": _iso(member.last_login),
        "invited_by": names(invited_by) if invited_by else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user_id=member.pk).order_by("pk")
        ],
        "invitations_sent": [
            {
                "note": i.note,
                "created_at": _iso(i.created_at),
                "expires_at": _iso(i.expires_at),
                "accepted_by": names(i.accepted_by_id) if i.accepted_by_id else None,
                "accepted_at": _iso(i.accepted_at),
            }
            for i in Invitation.objects.filter(inviter_id=member.pk).order_by("created_at", "pk")
        ],
        # The login history axes keeps (addresses from which someone logged in or tried).
        "logins": [
            {
                "at": _iso(log.attempt_time),
                "logged_out_at": _iso(log.logout_time),
                "address": log.ip_address,
                "browser": log.user_agent,
            }
            for log in AccessLog.objects.filter(username=member.email).order_by("attempt_time")
        ],
        "failed_logins": [
            {
                "at": _iso(attempt.attempt_time),
                "address": attempt.ip_address,
                "failures": attempt.failures_since_start,
            }
            for attempt in AccessAttempt.objects.filter(username=member.email).order_by(
                "attempt_time"
            )
        ],
    }


def _profile(member: Member) -> dict[str, Any]:  # Any: a JSON object
    profile = Profile.objects.filter(member_id=member.pk).first()
    preferences = get_own_job_preferences(member)
    data: dict[str, Any] = {}  # Any: a JSON object
    if profile is not None:
        data = {
            "full_name": profile.full_name,
            "headline": profile.headline,
            "location": profile.location,
            "about": profile.about,
            "looking_for": profile.seeking_items,
            "can_offer": profile.offering_items,
            "career_level": profile.seniority,
            "phone": profile.phone,
            "privacy": {
                "email_visible_to": profile.email_visibility,
                "phone_visible_to": profile.phone_visibility,
                "profile_views_appear": profile.view_mode,
                "no_sales_or_recruiting": profile.no_solicitation,
            },
            "positions": [
                {
                    "title": p.title,
                    "employer": p.employer.name,
                    "start": _iso(p.start_date),
                    "end": _iso(p.end_date),
                    "business_model": p.business_model,
                    "description": p.description,
                }
                for p in profile.positions.select_related("employer")
            ],
            "education": [
                {
                    "school": e.school,
                    "degree": e.degree,
                    "field_of_study": e.field_of_study,
                    "from": e.start_year,
                    "to": e.end_year,
                }
                for e in profile.education.all()
            ],
            "languages": [
                {"language": s.language, "level": s.proficiency}
                for s in profile.languages.order_by("pk")
            ],
            "skills": sorted(profile.skills.values_list("name", flat=True)),
            "created_at": _iso(profile.created_at),
            "updated_at": _iso(profile.updated_at),
        }
    data["job_preferences"] = (
        {
            "open_to_offers": preferences.open_to_offers,
            "min_salary": preferences.min_salary,
            "currency": preferences.currency,
            "levels": preferences.levels,
            "locations": preferences.locations,
            "remote_only": preferences.remote_only,
            "willing_to_relocate": preferences.willing_to_relocate,
        }
        if preferences is not None
        else None
    )
    return data


def _network(member: Member, names: _Names, lang: str) -> dict[str, Any]:  # Any: JSON
    connections = list(Connection.objects.filter(owner_id=member.pk).order_by("created_at", "pk"))
    profiles = {
        p.member_id: p
        for p in Profile.objects.select_related("member").filter(
            member_id__in=[c.contact_id for c in connections]
        )
    }
    contacts = []
    for c in connections:
        profile = profiles.get(c.contact_id)
        details = contact_details_for(member.pk, profile, connected=True) if profile else None
        contacts.append(
            {
                "name": profile.full_name if profile else "",
                "headline": profile.headline if profile else "",
                # Only what the contact's own privacy settings show the member.
                "email": details.email if details else None,
                "phone": details.phone if details else None,
                "how_met": c.how_met,
                "connected_at": _iso(c.created_at),
                "last_interaction_at": _iso(c.last_interaction_at),
            }
        )
    sent = list(ContactRequest.objects.filter(sender_id=member.pk).order_by("sent_at", "pk"))
    received = list(ContactRequest.objects.filter(recipient_id=member.pk).order_by("sent_at", "pk"))
    names.load([r.recipient_id for r in sent] + [r.sender_id for r in received])
    introductions = list(
        Introduction.objects.filter(
            Q(requester_id=member.pk) | Q(introducer_id=member.pk) | Q(target_id=member.pk)
        ).order_by("created_at", "pk")
    )
    policy = RequestPolicy.objects.filter(member_id=member.pk).first()
    standing = SenderStanding.objects.filter(member_id=member.pk).first()
    viewed = ProfileView.objects.filter(viewer_id=member.pk).order_by("viewed_at", "pk")
    return {
        "contacts": contacts,
        # What the sender's own list shows: no label, score or reasons (those are the
        # recipient's).
        "requests_sent": [
            {
                "to": names(r.recipient_id),
                "note": r.note,
                "intent": r.intent,
                "status": r.status,
                "sent_at": _iso(r.sent_at),
                "decided_at": _iso(r.decided_at),
            }
            for r in sent
        ],
        # What the inbox shows: the sender's name, their note, and the reasons as
        # sentences; never the points or the evidence behind them.
        "requests_received": [
            {
                "from": names(r.sender_id),
                "note": r.note,
                "intent": r.intent,
                "status": r.status,
                "folder": r.folder,
                "label": r.label,
                "reasons": _reasons(r.hits, lang),
                "decision": r.decision,
                "reply": r.reply_text,
                "sent_at": _iso(r.sent_at),
                "decided_at": _iso(r.decided_at),
            }
            for r in received
        ],
        "introductions": [_introduction(i, member, names) for i in introductions],
        "request_settings": (
            {
                "note_required": policy.note_required,
                "review_action": policy.review_action,
                "decline_action": policy.decline_action,
                "spam_action": policy.spam_action,
                "filed_intents": policy.filed_intents,
            }
            if policy is not None
            else None
        ),
        "standing": (
            {
                "trust_level": standing.trust_level,
                "requests_sent_this_week": standing.sent_this_week,
            }
            if standing is not None
            else None
        ),
        "restrictions": [
            {
                "since": _iso(r.created_at),
                "ends_at": _iso(r.ends_at),
                "lifted_at": _iso(r.lifted_at),
                "appeal": (
                    {
                        "text": r.appeal.text,
                        "sent_at": _iso(r.appeal.created_at),
                        "outcome": r.appeal.outcome,
                        "decided_at": _iso(r.appeal.decided_at),
                    }
                    if hasattr(r, "appeal")
                    else None
                ),
            }
            for r in Restriction.objects.filter(member_id=member.pk)
            .select_related("appeal")
            .order_by("created_at")
        ],
        "profiles_you_viewed": [
            {"profile": names(v.viewed_id), "viewed_at": _iso(v.viewed_at)} for v in viewed
        ],
        # As the "Who viewed your profile" page shows them, and only those.
        "who_viewed_your_profile": [
            {
                "name": v.profile.full_name if v.profile is not None else None,
                "someone_from": v.employer if v.profile is None else None,
                "viewed_at": _iso(v.viewed_at),
            }
            for v in list_profile_views(member)
        ],
    }


def _introduction(i: Introduction, member: Member, names: _Names) -> dict[str, Any]:  # Any: JSON
    role = (
        "requester"
        if i.requester_id == member.pk
        else "introducer"
        if i.introducer_id == member.pk
        else "target"
    )
    data: dict[str, Any] = {  # Any: a JSON object
        "your_role": role,
        "requester": names(i.requester_id),
        "introducer": names(i.introducer_id),
        "target": names(i.target_id),
        "intent": i.intent,
        "status": i.status,
        "created_at": _iso(i.created_at),
        "decided_at": _iso(i.decided_at),
    }
    if role != "target":
        data["reason"] = i.reason
        data["introducer_note"] = i.introducer_note
    elif i.status == IntroductionStatus.FORWARDED:
        # The target reads the forwarded request with the introducer's word.
        data["introducer_note"] = i.introducer_note
    return data


def _messaging(member: Member, names: _Names, lang: str) -> list[dict[str, Any]]:  # Any: JSON
    participants = list(
        Participant.objects.filter(member_id=member.pk)
        .select_related("conversation")
        .order_by("conversation__created_at", "pk")
    )
    ids = [p.conversation_id for p in participants]
    everyone: dict[int, list[int]] = {}
    for conversation_id, member_id in Participant.objects.filter(
        conversation_id__in=ids
    ).values_list("conversation_id", "member_id"):
        everyone.setdefault(conversation_id, []).append(member_id)
    messages: dict[int, list[Message]] = {}
    for message in Message.objects.filter(conversation_id__in=ids).order_by("created_at", "pk"):
        messages.setdefault(message.conversation_id, []).append(message)
    names.load(m for members in everyone.values() for m in members)
    result = []
    for p in participants:
        conversation: Conversation = p.conversation
        result.append(
            {
                "title": conversation.title,
                "participants": [
                    names(m) for m in everyone.get(conversation.pk, []) if m != member.pk
                ],
                "started_by_you": conversation.started_by_id == member.pk,
                "your_state": p.state,
                "created_at": _iso(conversation.created_at),
                "messages": [
                    _message(m, member=member, names=names, lang=lang)
                    for m in messages.get(conversation.pk, [])
                ],
            }
        )
    return result


def _message(m: Message, *, member: Member, names: _Names, lang: str) -> dict[str, Any]:  # Any
    mine = m.sender_id == member.pk
    deleted = m.deleted_at is not None
    data: dict[str, Any] = {  # Any: a JSON object
        "from": _("you") if mine else names(m.sender_id),
        "text": "" if deleted else m.text,
        "sent_at": _iso(m.created_at),
        "deleted": deleted,
    }
    if not mine:
        data["label"] = m.label
        data["reasons"] = _reasons(m.hits, lang)
    return data


def _offers(member: Member, names: _Names, lang: str) -> dict[str, Any]:  # Any: a JSON object
    recruiter = Recruiter.objects.filter(member_id=member.pk).first()
    policy = OfferPolicy.objects.filter(member_id=member.pk).first()
    received = list(RecruiterOffer.objects.filter(recipient_id=member.pk).order_by("sent_at", "pk"))
    names.load(o.recruiter_id for o in received)
    return {
        "recruiter": (
            {
                "organisation": recruiter.organisation,
                "is_active": recruiter.is_active,
                "since": _iso(recruiter.granted_at),
            }
            if recruiter is not None
            else None
        ),
        "settings": (
            {"auto_decline": policy.auto_decline, "share_categories": policy.share_categories}
            if policy is not None
            else None
        ),
        "received": [
            {
                "from": names(o.recruiter_id),
                "title": o.title,
                "employer": o.employer,
                "level": o.level,
                "salary_min": o.salary_min,
                "salary_max": o.salary_max,
                "currency": o.currency,
                "location": o.location,
                "remote": o.remote,
                "skills": o.skills,
                "text": o.text,
                "sent_at": _iso(o.sent_at),
                "status": o.status,
                "folder": o.folder,
                "decision": o.decision,
                "decided_at": _iso(o.decided_at),
                # Compared with the member's own preferences: theirs to see.
                "did_not_match_in": o.mismatches,
                "reasons": _reasons(o.hits, lang),
                "reply": o.reply_text,
            }
            for o in received
        ],
        # As the recruiter's own list shows them: the outcome only once it is revealed.
        "sent": [view.as_dict() for view in list_sent_offers(member, now=timezone.now())],
    }


def _recommendations(member: Member, names: _Names) -> dict[str, Any]:  # Any: a JSON object
    def you(member_id: int) -> str:
        return _("you") if member_id == member.pk else names(member_id)

    collaborations = Collaboration.objects.filter(
        Q(declared_by_id=member.pk) | Q(partner_id=member.pk)
    ).order_by("declared_at", "pk")
    requests = RecommendationRequest.objects.filter(
        Q(asker_id=member.pk) | Q(recommender_id=member.pk)
    ).order_by("sent_at", "pk")
    recommendations = Recommendation.objects.filter(
        Q(author_id=member.pk) | Q(subject_id=member.pk)
    ).order_by("written_at", "pk")
    return {
        "collaborations": [
            {
                "declared_by": _("you")
                if c.declared_by_id == member.pk
                else names(c.declared_by_id),
                "partner": _("you") if c.partner_id == member.pk else names(c.partner_id),
                "project": c.project,
                "role": c.role,
                "from": c.from_year,
                "to": c.to_year,
                "status": c.status,
                "declared_at": _iso(c.declared_at),
            }
            for c in collaborations
        ],
        "requests": [
            {
                "asked_by": you(r.asker_id),
                "asked": you(r.recommender_id),
                "role": r.role,
                "project": r.project,
                "from": r.from_year,
                "to": r.to_year,
                "note": r.note,
                "status": r.status,
                "reply": r.reply_text,
                "sent_at": _iso(r.sent_at),
                "answered_at": _iso(r.decided_at),
            }
            for r in requests
        ],
        "recommendations": [
            {
                "written_by": you(r.author_id),
                "about": you(r.subject_id),
                "text": r.text,
                "status": r.status,
                "written_at": _iso(r.written_at),
                "approved_at": _iso(r.approved_at),
                "withdrawn_at": _iso(r.withdrawn_at),
            }
            for r in recommendations
        ],
    }


def _groups(member: Member, names: _Names) -> dict[str, Any]:  # Any: a JSON object
    policy = InvitationPolicy.objects.filter(member_id=member.pk).first()
    return {
        "created": [
            {"name": g.name, "address": g.slug, "created_at": _iso(g.created_at)}
            for g in Group.objects.filter(created_by_id=member.pk).order_by("created_at")
        ],
        "memberships": [
            {"group": m.group.name, "role": m.role, "joined_at": _iso(m.joined_at)}
            for m in Membership.objects.filter(member_id=member.pk).select_related("group")
        ],
        "join_requests": [
            {
                "group": j.group.name,
                "message": j.message,
                "status": j.status,
                "sent_at": _iso(j.sent_at),
                "answered_at": _iso(j.decided_at),
            }
            for j in JoinRequest.objects.filter(member_id=member.pk).select_related("group")
        ],
        "invitations_sent": [
            {
                "group": i.group.name,
                "to": names(i.invitee_id),
                "note": i.note,
                "status": i.status,
                "sent_at": _iso(i.sent_at),
            }
            for i in GroupInvitation.objects.filter(inviter_id=member.pk).select_related("group")
        ],
        "invitations_received": [
            {
                "group": i.group.name,
                "from": names(i.inviter_id),
                "note": i.note,
                "status": i.status,
                "folder": i.folder,
                "irrelevant_to_you": i.is_irrelevant,
                "sent_at": _iso(i.sent_at),
                "answered_at": _iso(i.decided_at),
            }
            for i in GroupInvitation.objects.filter(invitee_id=member.pk).select_related("group")
        ],
        "invitation_settings": (
            {"irrelevant_invitations": policy.irrelevant_action} if policy is not None else None
        ),
    }


def _feed(member: Member, names: _Names) -> dict[str, Any]:  # Any: a JSON object
    settings = FeedSettings.objects.filter(member_id=member.pk).first()
    return {
        "posts": [
            {
                "text": p.text,
                "topics": p.topics,
                "group": p.group.name if p.group is not None else None,
                "written_at": _iso(p.created_at),
                "edited_at": _iso(p.edited_at),
            }
            for p in Post.objects.filter(author_id=member.pk)
            .select_related("group")
            .order_by("created_at", "pk")
        ],
        "comments": [
            {
                "on_post_by": names(c.post.author_id),
                "text": c.text,
                "written_at": _iso(c.created_at),
            }
            for c in Comment.objects.filter(author_id=member.pk)
            .select_related("post")
            .order_by("created_at", "pk")
        ],
        "reactions": [
            {
                "on_post_by": names(r.post.author_id),
                "reaction": r.kind,
                "reacted_at": _iso(r.created_at),
            }
            for r in Reaction.objects.filter(member_id=member.pk)
            .select_related("post")
            .order_by("created_at", "pk")
        ],
        "following": [
            {"member": names(f.followed_id), "since": _iso(f.created_at)}
            for f in FollowedMember.objects.filter(follower_id=member.pk).order_by("created_at")
        ],
        "topics_followed": [
            {"topic": t.topic, "since": _iso(t.created_at)}
            for t in FollowedTopic.objects.filter(follower_id=member.pk).order_by("created_at")
        ],
        "mutes": [
            {
                "kind": m.kind,
                "muted": names(m.muted_member_id) if m.muted_member_id else m.value,
                "since": _iso(m.created_at),
            }
            for m in Mute.objects.filter(member_id=member.pk).order_by("created_at")
        ],
        "settings": (
            {
                "self_promotion": settings.self_promotion,
                "hashtag_spam": settings.hashtag_spam,
                "engagement_bait": settings.engagement_bait,
            }
            if settings is not None
            else None
        ),
    }


def _events(member: Member) -> dict[str, Any]:  # Any: a JSON object
    feed = CalendarFeed.objects.filter(member_id=member.pk).first()
    return {
        "meetups_organised": [
            {
                "title": m.title,
                "venue": m.venue,
                "address": m.address,
                "city": m.city,
                "starts_at": _iso(m.starts_at),
                "ends_at": _iso(m.ends_at),
                "capacity": m.capacity,
                "description": m.description,
                "cancelled_at": _iso(m.cancelled_at),
            }
            for m in Meetup.objects.filter(organiser_id=member.pk).order_by("starts_at")
        ],
        "rsvps": [
            {
                "meetup": r.meetup.title,
                "starts_at": _iso(r.meetup.starts_at),
                "status": r.status,
                "answered_at": _iso(r.answered_at),
                "checked_in_at": _iso(r.checked_in_at),
            }
            for r in Rsvp.objects.filter(member_id=member.pk)
            .select_related("meetup")
            .order_by("answered_at")
        ],
        "wrong_check_in_codes": [
            {"meetup": w.meetup.title, "attempted_at": _iso(w.attempted_at)}
            for w in WrongCheckInCode.objects.filter(member_id=member.pk).select_related("meetup")
        ],
        # The feed's key is a secret like a password: only that one exists, and since when.
        "calendar_feed": {"created_at": _iso(feed.created_at)} if feed is not None else None,
    }


def _imports(member: Member) -> dict[str, Any]:  # Any: a JSON object
    return {
        "jobs": [
            {
                "file": j.file_name,
                "source": j.source,
                "status": j.status,
                "contacts": j.contacts_count,
                "error": j.error,
                "started_at": _iso(j.created_at),
                "finished_at": _iso(j.finished_at),
            }
            for j in ImportJob.objects.filter(owner_id=member.pk).order_by("created_at")
        ],
        "contacts": [
            {
                "first_name": c.first_name,
                "last_name": c.last_name,
                "email": c.email,
                "employer": c.company,
                "position": c.position,
                "profile_url": c.profile_url,
                "connected_on": _iso(c.connected_on),
                "invited_at": _iso(c.invited_at),
            }
            for c in ImportedContact.objects.filter(owner_id=member.pk).order_by("pk")
        ],
    }


def _moderation(member: Member, names: _Names) -> dict[str, Any]:  # Any: a JSON object
    return {
        "reports_filed": [
            {
                "about": names(r.reported_id),
                "reason": r.reason,
                "comment": r.comment,
                "content": r.content,
                "status": r.status,
                "filed_at": _iso(r.created_at),
            }
            for r in Report.objects.filter(reporter_id=member.pk).order_by("created_at", "pk")
        ],
        "blocks": [
            {"member": names(b.blocked_id), "since": _iso(b.created_at)}
            for b in Block.objects.filter(blocker_id=member.pk).order_by("created_at")
        ],
    }


def collect_export(member: Member) -> dict[str, Any]:  # Any: a JSON object
    """Everything the member may have of their data, as one JSON-ready dict, with the texts
    in the member's language."""
    lang = language_of(member)
    names = _Names()
    with translation.override(lang):
        digest = DigestPreference.objects.filter(member_id=member.pk).first()
        return {
            "format_version": FORMAT_VERSION,
            "generated_at": _iso(timezone.now()),
            "about_this_export": _about(),
            "account": _account(member, names),
            "profile": _profile(member),
            "network": _network(member, names, lang),
            "messaging": {"conversations": _messaging(member, names, lang)},
            "offers": _offers(member, names, lang),
            "recommendations": _recommendations(member, names),
            "groups": _groups(member, names),
            "events": _events(member),
            "feed": _feed(member, names),
            "imports": _imports(member),
            "api_tokens": [
                {
                    "name": t.name,
                    "created_at": _iso(t.created_at),
                    "last_used_at": _iso(t.last_used_at),
                    "expires_at": _iso(t.expires_at),
                    "revoked_at": _iso(t.revoked_at),
                }
                for t in PersonalToken.objects.filter(member_id=member.pk).order_by("created_at")
            ],
            "notifications": (
                {
                    "daily_digest": digest.daily_digest,
                    "last_sent_at": _iso(digest.last_sent_at),
                    "unsubscribed_at": _iso(digest.unsubscribed_at),
                }
                if digest is not None
                else None
            ),
            "moderation": _moderation(member, names),
        }
