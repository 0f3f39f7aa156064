"""The demo's contact requests: what the demo login finds in her inbox.

The network is generated on the day the clock is frozen at, so the personas' account ages
(the collector joined three weeks ago) are what the stories say.
"""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from handschlag.accounts.models import Member
from handschlag.network.inbox import list_inbox
from handschlag.network.models import Connection, ContactRequest, RequestStatus

AS_OF = date(2025, 3, 15)
DEMO_EMAIL = "demo@handschlag.example"


@pytest.fixture
def demo(db) -> Member:
    with time_machine.travel(datetime(2025, 3, 15, 18, 30, tzinfo=UTC), tick=False):
        call_command("demo", members=300, as_of=AS_OF, stdout=StringIO())
    return Member.objects.get(email=DEMO_EMAIL)


def received(lena: Member, email_prefix: str) -> ContactRequest:
    return ContactRequest.objects.get(
        recipient=lena, sender__email__startswith=email_prefix, status=RequestStatus.PENDING
    )


def test_the_demo_login_has_a_pending_request_of_every_label_each_with_reasons(demo):
    pending = ContactRequest.objects.filter(recipient=demo, status=RequestStatus.PENDING)

    by_label: dict[str, list[ContactRequest]] = {}
    for request in pending:
        by_label.setdefault(request.label, []).append(request)

    assert set(by_label) == {"welcome", "review", "decline", "spam"}
    assert all(request.hits for request in pending)


def test_the_inbox_shows_every_label_across_its_folders(demo):
    counts: dict[str, int] = {}
    for folder in ("inbox", "filed"):
        page = list_inbox(demo, folder=folder, lang="en")
        for label, count in page.label_counts.items():
            counts[label] = counts.get(label, 0) + count
        assert all(item.reasons for item in page.items)

    assert all(counts[label] >= 1 for label in ("welcome", "review", "decline", "spam"))


def test_the_former_colleague_is_welcome_for_the_shared_employer(demo):
    request = received(demo, "tobias.weber")

    assert request.label == "welcome"
    assert request.intent == "worked_together"
    assert "CG_SHARED_EMPLOYER" in {hit["code"] for hit in request.hits}


def test_the_collectors_template_is_seen_for_what_it_is(demo):
    request = received(demo, "kai.foerster")

    assert request.label in {"spam", "decline"}
    codes = {hit["code"] for hit in request.hits}
    assert {"TPL_SELF_NEAR_DUP", "TPL_MASS_SEND"} & codes
    assert "Lena" in request.note


def test_the_collector_wrote_to_the_crowd_first_and_most_ignored_him(demo):
    kai = Member.objects.get(email__startswith="kai.foerster")
    history = ContactRequest.objects.filter(sender=kai).exclude(recipient=demo)

    assert history.count() == 30
    assert history.filter(status=RequestStatus.PENDING).count() > history.count() / 3
    assert history.filter(status=RequestStatus.ACCEPTED).count() < 5
    # Mail-merged and spun: no two notes are the same text.
    assert len(set(history.values_list("note", flat=True))) == 30


def test_the_collector_knows_most_of_the_crowd(demo):
    kai = Member.objects.get(email__startswith="kai.foerster")

    assert Connection.objects.filter(owner=kai).count() > 0.8 * 300


def test_the_cold_acquirer_claims_a_call_that_never_happened(demo):
    request = received(demo, "marco.stein")

    assert request.label in {"spam", "decline"}
    assert "CLAIM_FALSE_CONTACT" in {hit["code"] for hit in request.hits}


def test_the_headhunters_offer_does_not_fit(demo):
    request = received(demo, "rebecca.hall")

    assert request.intent == "recruiting"
    assert request.label in {"decline", "spam", "review"}


def test_some_earlier_requests_to_the_demo_login_were_decided_already(demo):
    decided = ContactRequest.objects.filter(recipient=demo).exclude(status=RequestStatus.PENDING)

    accepted = decided.filter(status=RequestStatus.ACCEPTED)
    assert accepted.exists()
    assert decided.filter(status=RequestStatus.DECLINED).exists()
    for request in accepted:
        assert Connection.objects.filter(owner=demo, contact=request.sender).exists()


def test_no_persona_request_was_refused(demo):
    senders = set(
        ContactRequest.objects.filter(recipient=demo, status=RequestStatus.PENDING).values_list(
            "sender__email", flat=True
        )
    )

    for prefix in ("kai.", "marco.", "rebecca.", "sabine.", "anna.", "tobias.", "jonas."):
        assert any(email.startswith(prefix) for email in senders), prefix
