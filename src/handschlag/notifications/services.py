"""The daily digest: compose it per member in their language, send it once, unsubscribe.

A digest is due for a member who wants it, whose last digest is older than
``DIGEST_INTERVAL`` and who has news since then. ``send_due_digests`` is what the
management command, the in-process scheduler and the Celery task all run; running it
twice at once sends each digest once (the stamp is claimed with a conditional UPDATE).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.notifications.models import DigestPreference
from handschlag.notifications.sources import DigestSection, sources

logger = logging.getLogger(__name__)

#: A digest at most about once a day; a little under 24 h so a daily run never skips.
DIGEST_INTERVAL = timedelta(hours=23)
#: The first digest (or one after a long pause) looks back this far at most.
DIGEST_LOOKBACK = timedelta(days=1)
_UNSUBSCRIBE_SALT = "handschlag.notifications.unsubscribe"


### Preferences ###


def wants_digest(member: Member) -> bool:
    """Whether the member gets the daily digest (on unless they switched it off)."""
    preference = DigestPreference.objects.filter(member_id=member.pk).first()
    return preference is None or preference.daily_digest


@transaction.atomic
def set_daily_digest(member: Member, *, enabled: bool) -> None:
    """Switch the member's daily digest on or off."""
    DigestPreference.objects.update_or_create(
        member_id=member.pk,
        defaults={
            "daily_digest": enabled,
            "unsubscribed_at": None if enabled else timezone.now(),
        },
    )


### Unsubscribe tokens ###


def unsubscribe_token(member: Member) -> str:
    """A signed token that switches this member's digest off, without logging in."""
    return signing.dumps(member.pk, salt=_UNSUBSCRIBE_SALT, compress=True)


def member_for_token(token: str) -> Member | None:
    """The active member a token was made for; None for a wrong or tampered token."""
    try:
        member_id = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(member_id, int):
        return None
    return Member.objects.filter(pk=member_id, is_active=True).first()


def unsubscribe(member: Member) -> None:
    """The one-click unsubscribe: the digest is off from now on."""
    set_daily_digest(member, enabled=False)


### Composing and sending ###


@dataclass(frozen=True, slots=True)
class Digest:
    """One member's digest, composed in their language."""

    member: Member
    language: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str


def _language(member: Member) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return member.language if member.language in codes else settings.LANGUAGE_CODE


def _absolute(path: str) -> str:
    return settings.HANDSCHLAG_BASE_URL.rstrip("/") + path


def _since(preference: DigestPreference | None, now: datetime) -> datetime:
    floor = now - DIGEST_LOOKBACK
    if preference is None or preference.last_sent_at is None:
        return floor
    return max(preference.last_sent_at, floor)


def compose_digest(member: Member, *, since: datetime, until: datetime) -> Digest | None:
    """The member's digest of news after ``since`` up to ``until``; None when nothing is new."""
    language = _language(member)
    with translation.override(language):
        sections: list[DigestSection] = [
            section
            for source in sources()
            if (section := source.section(member, since, until)) is not None
        ]
        if not sections:
            return None
        name = getattr(getattr(member, "profile", None), "full_name", "")
        unsubscribe_url = _absolute(
            reverse("notification_unsubscribe", args=[unsubscribe_token(member)])
        )
        context = {
            "name": name,
            "sections": sections,
            "base_url": settings.HANDSCHLAG_BASE_URL.rstrip("/"),
            "settings_url": _absolute(reverse("notification_settings")),
            "unsubscribe_url": unsubscribe_url,
            "language": language,
        }
        count = sum(len(section.items) for section in sections)
        subject = (
            _("Handschlag: your daily summary (%(count)d new)") % {"count": count}
            if count
            else _("Handschlag: your daily summary")
        )
        text = render_to_string("notifications/digest_email.txt", context)
        html = render_to_string("notifications/digest_email.html", context)
    return Digest(member, language, subject, text, html, unsubscribe_url)


def _message(digest: Digest) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=digest.subject,
        body=digest.text,
        to=[digest.member.email],
        headers={
            # RFC 8058: mail programs offer a one-click unsubscribe that POSTs here.
            "List-Unsubscribe": f"<{digest.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Content-Language": digest.language,
        },
    )
    message.attach_alternative(digest.html, "text/html")
    return message


def _claim(member: Member, previous: datetime | None, now: datetime) -> bool:
    """Stamp the digest as sent, only if nobody else did since we looked (one UPDATE)."""
    DigestPreference.objects.get_or_create(member_id=member.pk)
    unchanged = Q(last_sent_at=previous) if previous is not None else Q(last_sent_at__isnull=True)
    claimed = DigestPreference.objects.filter(
        unchanged, member_id=member.pk, daily_digest=True
    ).update(last_sent_at=now)
    return claimed == 1


def send_digest(member: Member, *, now: datetime | None = None) -> bool:
    """Send the member's digest if they want one, it is due and there is news; whether sent."""
    now = now or timezone.now()
    preference = DigestPreference.objects.filter(member_id=member.pk).first()
    if preference is not None and not preference.daily_digest:
        return False
    previous = preference.last_sent_at if preference is not None else None
    if previous is not None and previous > now - DIGEST_INTERVAL:
        return False
    digest = compose_digest(member, since=_since(preference, now), until=now)
    if digest is None:
        return False
    with transaction.atomic():
        if not _claim(member, previous, now):
            return False  # another run sent it, or the member just switched it off
    try:
        _message(digest).send()
    except Exception:
        # Give the news back to the next run rather than lose it.
        DigestPreference.objects.filter(member_id=member.pk, last_sent_at=now).update(
            last_sent_at=previous
        )
        logger.exception("sending a digest failed")
        return False
    return True


def send_due_digests(*, now: datetime | None = None) -> int:
    """Send every due digest; returns how many went out."""
    now = now or timezone.now()
    window_start = now - DIGEST_LOOKBACK
    candidates: set[int] = set()
    for source in sources():
        candidates.update(source.members_with_news(window_start, now))
    members = Member.objects.filter(pk__in=candidates, is_active=True).select_related("profile")
    sent = 0
    for member in members.order_by("pk").iterator(chunk_size=500):
        sent += send_digest(member, now=now)
    return sent
