"""Rows → trust.Case: the facts the engine judges a post by.

A post has no recipient: it is judged for what it is (its text) and by whom it comes (the
author's record of requests and reports, one indexed statement from ``network.quotas``).
"""

from __future__ import annotations

from datetime import datetime

from handschlag.accounts.models import Member
from handschlag.network.quotas import sender_record
from handschlag.profiles.models import Profile
from handschlag.trust import Case, Kind, Recipient, Sender


def build_post_case(author: Member, *, text: str, now: datetime) -> Case:
    """The case for ``author``'s post (or its new text, on an edit)."""
    record = sender_record(author, now=now)
    profile = Profile.objects.filter(member_id=author.pk).only("full_name", "headline").first()
    return Case(
        id=f"post:{author.pk}:{int(now.timestamp() * 1000)}",
        kind=Kind.POST,
        text=text,
        sent_at=now,
        sender=Sender(
            id=str(author.pk),
            name=profile.full_name if profile else "",
            headline=profile.headline if profile else "",
            account_age_days=record.account_age_days,
            requests_sent_7d=record.sent_7d,
            requests_sent_90d=record.sent_90d,
            requests_accepted_90d=record.accepted_90d,
            reports_90d=record.reports_90d,
        ),
        # Everyone who reads it; nobody in particular.
        recipient=Recipient(id="feed"),
    )
