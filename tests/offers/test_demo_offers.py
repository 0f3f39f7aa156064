"""The demo's offers: what Lena and the two headhunters see after ``handschlag demo``."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.offers import queries
from handschlag.offers.models import Decision, Folder, OfferStatus, RecruiterOffer
from handschlag.offers.queries import RecruiterStatus

AS_OF = date(2025, 3, 15)


@pytest.fixture
def lena(db) -> Member:
    with time_machine.travel(datetime(2025, 3, 15, 18, 30, tzinfo=UTC), tick=False):
        call_command("demo", members=300, as_of=AS_OF, stdout=StringIO())
    return Member.objects.get(email="demo@handschlag.example")


def test_the_careful_recruiters_offer_matches_with_its_fit(lena):
    offer = RecruiterOffer.objects.get(recipient=lena, recruiter__email__startswith="sabine")

    assert (offer.folder, offer.status) == (Folder.INBOX, OfferStatus.PENDING)
    item = queries.get_offer_item(lena, offer_id=offer.pk, lang="en")
    texts = [line.text for line in item.fit]
    assert texts[0] == "Salary 98,000\u2013115,000 EUR, above your minimum of 92,000 EUR"
    assert "5 of 7 skills are in your profile" in texts[2]


def test_the_lazy_headhunters_offer_is_declined_and_she_sees_no_number(lena):
    offer = RecruiterOffer.objects.get(recipient=lena, recruiter__email__startswith="rebecca")

    assert offer.decision == Decision.AUTO_DECLINED
    assert set(offer.mismatches) == {"salary", "level", "skills", "location"}
    view = queries.sent_offer_view(offer, now=timezone.now())
    assert view.status == RecruiterStatus.DECLINED
    assert view.reply_text.startswith("Hello Rebecca Hall,")
    assert "92" not in repr(view.as_dict()).replace(view.sent_at.isoformat(), "")
