"""The daily digest: what it says, when it stays silent, once per day, in the member's
language, with contact details per the privacy rules and a one-click unsubscribe.

Clara (a stranger) asks Anna to connect; Olaf (Anna's contact, the canary owner) writes
to Anna or asks Clara to connect.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from handschlag.accounts.models import Member
from handschlag.messaging.services import send_message
from handschlag.moderation.blocks import block_member
from handschlag.network import services as network
from handschlag.network.decisions import save_request_policy
from handschlag.network.engine import reset_engine
from handschlag.notifications import services
from handschlag.notifications.models import DigestPreference
from handschlag.notifications.tasks import send_daily_digests
from handschlag.profiles.models import Visibility
from handschlag.profiles.services import update_privacy
from tests.conftest import OLAF_EMAIL, OLAF_PHONE
from tests.profiles.factories import ProfileFactory

NOTE = "Hallo Anna, wir haben uns auf dem Steuerberatertag in Köln über DATEV & Lohn unterhalten."
T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    reset_engine()
    yield
    reset_engine()


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def _ask(sender: Member, recipient: Member, note: str = NOTE) -> None:
    network.send_contact_request(sender, recipient=recipient, note=note, intent="met")


def _digests_for(member: Member) -> list[mail.EmailMultiAlternatives]:
    return [m for m in mail.outbox if m.to == [member.email]]


def _html(message: mail.EmailMultiAlternatives) -> str:
    return next(content for content, kind in message.alternatives if kind == "text/html")


def _keep_everything(member: Member) -> None:
    """A policy that files nothing apart, so every request is listed in the digest."""
    save_request_policy(
        member,
        changes={"review_action": "keep", "decline_action": "keep", "spam_action": "keep"},
    )


### Content ###


def test_a_new_request_is_in_the_digest(anna, clara, clock) -> None:
    _ask(clara, anna)
    clock.shift(timedelta(hours=1))

    assert services.send_due_digests() == 1

    [digest] = _digests_for(anna)
    assert digest.subject == "Handschlag: your daily summary (1 new)"
    text, html = digest.body, _html(digest)
    for body in (text, html):
        assert "Hello Anna Becker," in body
        assert "New contact requests" in body
        assert "Clara Vogt" in body
        assert "Personalreferentin" in body
        assert "http://127.0.0.1:8000/inbox/" in body
    assert "DATEV & Lohn" in text  # plain text is not HTML-escaped
    assert "DATEV &amp; Lohn" in html  # and the HTML is


def test_the_html_digest_escapes_what_members_wrote(anna, clara, clock) -> None:
    _keep_everything(anna)
    _ask(clara, anna, note="Hallo Anna <script>alert(1)</script> <b>fett</b>")
    clock.shift(timedelta(hours=1))

    services.send_due_digests()

    html = _html(_digests_for(anna)[0])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_digest_carries_one_click_unsubscribe_headers(anna, clara, clock) -> None:
    _ask(clara, anna)
    clock.shift(timedelta(hours=1))
    services.send_due_digests()

    [digest] = _digests_for(anna)

    url = digest.extra_headers["List-Unsubscribe"]
    assert url.startswith("<http://127.0.0.1:8000/notifications/unsubscribe/")
    assert url.endswith("/>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url[1:-1] in digest.body
    assert anna.email not in url


def test_requests_filed_apart_are_counted_not_listed(anna, clara, clock) -> None:
    save_request_policy(anna, changes={"filed_intents": ["met"]})
    _ask(clara, anna)
    clock.shift(timedelta(hours=1))

    services.send_due_digests()

    [digest] = _digests_for(anna)
    assert "1 request was filed apart by your settings." in digest.body
    assert "Clara Vogt" not in digest.body


def test_new_messages_and_message_requests_are_in_the_digest(anna, olaf, clara, clock) -> None:
    send_message(olaf, recipient_id=anna.pk, text="Hallo Anna, sehen wir uns am Donnerstag?")
    clock.shift(timedelta(hours=1))

    services.send_due_digests()

    [digest] = _digests_for(anna)
    assert "New messages" in digest.body
    assert "Olaf Brenner" in digest.body
    assert "1 unread message" in digest.body
    assert "sehen wir uns am Donnerstag?" in digest.body


### Silence and once a day ###


def test_nothing_is_sent_when_nothing_is_new(anna, bernd, clara, clock) -> None:
    assert services.send_due_digests() == 0
    assert mail.outbox == []


def test_one_digest_a_day_and_only_the_news_since_the_last(anna, clara, clock) -> None:
    _keep_everything(anna)
    _ask(clara, anna)
    clock.shift(timedelta(hours=1))
    assert services.send_due_digests() == 1
    assert services.send_due_digests() == 0  # a second run at once sends nothing

    clock.shift(timedelta(hours=2))
    emil = ProfileFactory(full_name="Emil Früh").member
    _ask(emil, anna, note="Guten Tag Frau Becker, wir kennen uns vom Handwerkerstammtisch.")
    clock.shift(timedelta(hours=1))
    assert services.send_due_digests() == 0  # news, but the last digest is 3 hours old

    clock.shift(timedelta(hours=21))
    assert services.send_due_digests() == 1  # a day after the last one
    latest = _digests_for(anna)[-1].body
    assert "Emil Früh" in latest
    assert "Clara Vogt" not in latest  # already in the first digest

    clock.shift(timedelta(hours=24))
    assert services.send_due_digests() == 0  # a day later, nothing new
    assert len(_digests_for(anna)) == 2


def test_a_blocked_sender_is_left_out(anna, clara, clock) -> None:
    _ask(clara, anna)
    block_member(anna, blocked_id=clara.pk)
    clock.shift(timedelta(hours=1))

    assert services.send_due_digests() == 0


def test_members_who_switched_it_off_get_nothing(anna, clara, clock) -> None:
    services.set_daily_digest(anna, enabled=False)
    _ask(clara, anna)
    clock.shift(timedelta(hours=1))

    assert services.send_due_digests() == 0


def test_the_command_and_the_celery_task_send_due_digests(anna, clara, clock) -> None:
    _ask(clara, anna)
    clock.shift(timedelta(hours=1))
    from io import StringIO

    out = StringIO()
    call_command("send_digests", stdout=out)

    assert out.getvalue().strip() == "1 digest(s) sent."
    assert send_daily_digests() == 0  # already sent: the task is idempotent


### Language ###


def test_the_digest_is_in_the_members_language(anna, clara, clock) -> None:
    anna.language = "de"
    anna.save(update_fields=["language"])
    _ask(clara, anna)
    clock.shift(timedelta(hours=1))

    services.send_due_digests()

    [digest] = _digests_for(anna)
    assert digest.subject == "Handschlag: Ihre tägliche Übersicht (1 neu)"
    assert "Neue Kontaktanfragen" in digest.body
    assert "Neue Kontaktanfragen" in _html(digest)
    assert digest.extra_headers["Content-Language"] == "de"


### Privacy of contact details in the digest (SECURITY.md A16) ###

ALLOWED = {
    Visibility.NOBODY: set(),
    Visibility.CONTACTS: {"contact"},
    Visibility.MEMBERS: {"contact", "member"},
}
CANARIES = {"email": OLAF_EMAIL, "phone": OLAF_PHONE}


@pytest.mark.parametrize("field", ["email", "phone"])
@pytest.mark.parametrize("visibility", list(ALLOWED))
@pytest.mark.parametrize("reader", ["contact", "member"])
def test_contact_details_in_the_digest_follow_the_audience(
    anna, clara, olaf, clock, field: str, visibility: str, reader: str
) -> None:
    update_privacy(olaf, changes={f"{field}_visibility": visibility})
    if reader == "contact":
        send_message(olaf, recipient_id=anna.pk, text="Hallo Anna, kurze Frage zum Projekt.")
        recipient = anna
    else:
        _keep_everything(clara)
        network.send_contact_request(
            olaf,
            recipient=clara,
            note="Hallo Clara, wir haben uns beim Personalertreffen in Düsseldorf gesehen.",
            intent="met",
        )
        recipient = clara
    clock.shift(timedelta(hours=1))

    services.send_due_digests()

    [digest] = _digests_for(recipient)
    assert "Olaf Brenner" in digest.body
    for body in (digest.body, _html(digest)):
        shown = CANARIES[field] in body
        assert shown == (reader in ALLOWED[visibility]), (field, visibility, reader)
    assert CANARIES[field] not in digest.subject


### Unsubscribe ###


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _token(member: Member) -> str:
    return services.unsubscribe_token(member)


def test_get_shows_a_confirm_page_and_writes_nothing(anna) -> None:
    url = reverse("notification_unsubscribe", args=[_token(anna)])
    before = _row_counts()

    response = Client().get(url)

    assert response.status_code == 200
    assert "Unsubscribe from the daily summary?" in response.content.decode()
    assert _row_counts() == before
    assert not DigestPreference.objects.exists()
    assert services.wants_digest(anna)


def test_post_unsubscribes_without_login_or_csrf_token(anna, clara, clock) -> None:
    url = reverse("notification_unsubscribe", args=[_token(anna)])

    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "You will no longer receive the daily summary." in response.content.decode()
    assert not services.wants_digest(anna)
    _ask(clara, anna)
    clock.shift(timedelta(hours=1))
    assert services.send_due_digests() == 0


@pytest.mark.parametrize(
    "token",
    ["x1", "MQ:1tXyZ:not-a-signature", "tampered"],
)
def test_a_wrong_token_is_rejected_clearly(anna, token: str) -> None:
    if token == "tampered":
        good = _token(anna)
        token = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    url = reverse("notification_unsubscribe", args=[token])

    for response in (Client().get(url), Client().post(url)):
        assert response.status_code == 404
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert services.wants_digest(anna)


def test_a_token_from_another_purpose_is_rejected(anna) -> None:
    from django.core import signing

    foreign = signing.dumps(anna.pk, compress=True)  # signed, but not for unsubscribing

    response = Client().post(reverse("notification_unsubscribe", args=[foreign]))

    assert response.status_code == 404
    assert services.wants_digest(anna)


### Settings ###


def test_members_switch_the_digest_off_and_on_in_settings(client_for, anna) -> None:
    client = client_for(anna)
    page = client.get(reverse("notification_settings")).content.decode()
    assert "checked" in page

    client.post(reverse("notification_settings"), {})
    assert not services.wants_digest(anna)

    client.post(reverse("notification_settings"), {"daily_digest": "on"})
    assert services.wants_digest(anna)
