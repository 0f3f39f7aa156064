"""A recruiter can never infer a member's salary floor (issue 6; SECURITY.md P1, P2).

Each defence of docs/offers.md has its tests here: the decline reply, the status, the
recruiter-facing shape (``SentOfferView``, which the pages and a future API use), the
timing of an automatic versus a manual decline, and the limits that stop a recruiter
from bisecting the floor with many offers. Time travel moves the stored timestamps.
"""

from __future__ import annotations

import itertools
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.offers import errors, queries, services
from handschlag.offers.models import RecruiterOffer
from handschlag.offers.queries import RecruiterStatus, sent_offer_view
from tests.conftest import OLAF_MIN_SALARY, OLAF_PREFERRED_LOCATION
from tests.offers.conftest import BELOW_FLOOR, WRONG_LEVEL, WRONG_PLACE, WRONG_SKILLS, good_offer

#: The canary floor and what could be derived from it, as a reader might see them.
FLOOR_PATTERNS = re.compile(r"987[.,' \u00a0\u202f]?654|987k|98[0-9][.,]?[0-9]{3}")


def _send(recruiter: Member, recipient: Member, **changes: object) -> RecruiterOffer:
    return services.send_offer(recruiter, recipient_id=recipient.pk, draft=good_offer(**changes))


def _to_a_new_member(number: int, olaf: Member) -> Member:
    """A twin of Olaf with the same preferences, so each offer has a fresh pair."""
    from handschlag.profiles.services import (
        create_profile,
        save_job_preferences,
        set_skills,
        update_profile,
    )

    member = Member.objects.create_user(f"twin{number}@example.org", password="x" * 16)
    create_profile(member, full_name="Olaf Brenner")
    update_profile(member, changes={"seniority": "lead"})
    set_skills(member, names=["Python", "Django", "PostgreSQL"])
    save_job_preferences(
        member,
        changes={
            "open_to_offers": True,
            "min_salary": OLAF_MIN_SALARY,
            "currency": "EUR",
            "levels": ["lead"],
            "locations": [OLAF_PREFERRED_LOCATION],
        },
    )
    return member


def _move(offer: RecruiterOffer, *, by: timedelta) -> RecruiterOffer:
    """Time travel: the offer was sent (and decided, and is revealed) ``by`` earlier."""
    offer.refresh_from_db()
    offer.sent_at -= by
    offer.reveal_at -= by
    if offer.decided_at is not None:
        offer.decided_at -= by
    offer.save(update_fields=["sent_at", "reveal_at", "decided_at"])
    return offer


def _comparable(offer: RecruiterOffer) -> dict[str, object]:
    data = sent_offer_view(offer, now=timezone.now()).as_dict()
    for key in ("id", "recipient_id", "sent_at", "salary"):
        data.pop(key)
    return data


### (a) The reply and the status ###


def test_the_decline_reply_and_status_are_the_same_whatever_failed(rita, olaf_candidate):
    offers = []
    for number, changes in enumerate((BELOW_FLOOR, WRONG_LEVEL, WRONG_PLACE, WRONG_SKILLS)):
        offer = _send(rita, _to_a_new_member(number, olaf_candidate), **changes)
        offers.append(_move(offer, by=timedelta(hours=37)))

    views = [_comparable(o) for o in offers]
    assert views[0]["status"] == RecruiterStatus.DECLINED
    # Salary, level, place and skills: the recruiter reads one and the same thing.
    for other in views[1:]:
        assert {k: v for k, v in other.items() if k not in ("location", "remote", "level")} == {
            k: v for k, v in views[0].items() if k not in ("location", "remote", "level")
        }
    assert views[0]["categories"] == []
    assert views[0]["fitted"] is None


def test_a_manual_decline_left_unedited_reads_like_an_automatic_one(rita, olaf_candidate):
    services.save_offer_policy(olaf_candidate, auto_decline=False, share_categories=False)
    twin = _to_a_new_member(1, olaf_candidate)
    manual = _send(rita, olaf_candidate, **BELOW_FLOOR)
    automatic = _send(rita, twin, **BELOW_FLOOR)
    draft = queries.draft_decline(olaf_candidate, offer_id=manual.pk)

    services.decline_offer(olaf_candidate, offer_id=manual.pk, reply_text=draft.text)

    manual, automatic = (
        _move(manual, by=timedelta(hours=37)),
        _move(automatic, by=timedelta(hours=37)),
    )
    assert manual.decision != automatic.decision
    assert _comparable(manual) == _comparable(automatic)


def test_shared_categories_name_the_category_but_never_a_number(rita, olaf_candidate):
    services.save_offer_policy(olaf_candidate, auto_decline=True, share_categories=True)

    offer = _move(_send(rita, olaf_candidate, **BELOW_FLOOR), by=timedelta(hours=37))

    view = sent_offer_view(offer, now=timezone.now())
    assert view.categories == ("salary",)
    assert view.fitted is False
    assert not FLOOR_PATTERNS.search(repr(view.as_dict()))


### (b) Timing ###


def test_before_the_reveal_an_automatic_decline_looks_like_an_offer_still_waiting(
    rita, olaf_candidate
):
    services.save_offer_policy(olaf_candidate, auto_decline=False, share_categories=False)
    twins = [_to_a_new_member(n, olaf_candidate) for n in range(3)]
    services.save_offer_policy(twins[0], auto_decline=True, share_categories=True)
    automatic = _send(rita, twins[0], **BELOW_FLOOR)
    waiting = _send(rita, twins[1], **BELOW_FLOOR)
    declined_at_once = _send(rita, twins[2])
    services.decline_offer(twins[2], offer_id=declined_at_once.pk)

    views = [_comparable(o) for o in (automatic, waiting, declined_at_once)]

    assert automatic.decided_at is not None
    assert views[0] == views[1] == views[2]
    assert views[0]["status"] == RecruiterStatus.DELIVERED
    assert views[0]["reply_text"] == ""


def test_every_outcome_is_revealed_on_the_same_path(rita, olaf_candidate):
    twin = _to_a_new_member(1, olaf_candidate)
    services.save_offer_policy(twin, auto_decline=False, share_categories=False)
    automatic = _send(rita, olaf_candidate, **BELOW_FLOOR)
    manual = _send(rita, twin, **BELOW_FLOOR)
    services.decline_offer(twin, offer_id=manual.pk)

    for offer in (automatic, manual):
        offer.refresh_from_db()
        just_before = offer.reveal_at - timedelta(seconds=1)
        assert sent_offer_view(offer, now=just_before).status == RecruiterStatus.DELIVERED
        assert sent_offer_view(offer, now=offer.reveal_at).status == RecruiterStatus.DECLINED


def test_a_decision_after_the_reveal_time_shows_when_it_is_made(rita, olaf_candidate):
    offer = _move(_send(rita, olaf_candidate), by=timedelta(days=3))
    assert sent_offer_view(offer, now=timezone.now()).status == RecruiterStatus.DELIVERED

    services.decline_offer(olaf_candidate, offer_id=offer.pk)

    offer.refresh_from_db()
    assert sent_offer_view(offer, now=timezone.now()).status == RecruiterStatus.DECLINED


def test_the_recruiters_page_shows_the_same_before_the_reveal(rita, olaf_candidate, client_for):
    twin = _to_a_new_member(1, olaf_candidate)
    _send(rita, olaf_candidate, **BELOW_FLOOR)
    client = client_for(rita)
    first = client.get(reverse("sent_offers")).content.decode()
    RecruiterOffer.objects.all().delete()
    services.save_offer_policy(twin, auto_decline=False, share_categories=False)
    _send(rita, twin, **BELOW_FLOOR)
    second = client.get(reverse("sent_offers")).content.decode()

    def strip(html: str) -> str:
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        return re.sub(r'datetime="[^"]+"', "", html)

    assert strip(first) == strip(second)


### The recruiter's surfaces carry no number of the member ###


def test_no_recruiter_surface_shows_the_floor(rita, olaf_candidate, client_for):
    services.save_offer_policy(olaf_candidate, auto_decline=True, share_categories=True)
    # A remote offer, so the recruiter's own offer names no place of Olaf's.
    offer = _send(rita, olaf_candidate, **BELOW_FLOOR, remote="remote", location="")
    offer = _move(offer, by=timedelta(hours=37))
    client = client_for(rita)

    for url in (reverse("sent_offers"), reverse("send_offer", args=[olaf_candidate.pk])):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode() + repr(dict(response.headers))
        assert not FLOOR_PATTERNS.search(body), url
        assert OLAF_PREFERRED_LOCATION not in body
    views = queries.list_sent_offers(rita, now=timezone.now())
    assert not FLOOR_PATTERNS.search(repr([v.as_dict() for v in views]))
    stats = queries.recruiter_statistics(rita, now=timezone.now())
    assert (stats.sent, stats.declined, stats.matched) == (1, 1, 0)
    # The member's own page names their floor: it is theirs.
    own = client_for(olaf_candidate).get(reverse("offer_detail", args=[offer.pk]))
    assert "987,654" in own.content.decode()


def test_the_sent_offer_view_is_built_without_the_verdict_or_preferences(rita, olaf_candidate):
    offer = _move(_send(rita, olaf_candidate, **BELOW_FLOOR), by=timedelta(hours=37))
    # Whatever the verdict stored, the recruiter's view does not change.
    before = _comparable(offer)
    offer.hits = [{"code": "OFFER_BELOW_FLOOR", "evidence": {"floor": OLAF_MIN_SALARY}}]
    offer.score = 99.0
    assert _comparable(offer) == before
    assert set(before) == {
        "recipient_name",
        "title",
        "employer",
        "level",
        "location",
        "remote",
        "status",
        "status_label",
        "status_text",
        "reply_text",
        "categories",
        "fitted",
        "conversation_id",
    }


### (c) Many offers with different salaries ###


def test_a_second_offer_to_the_same_member_is_refused_while_the_first_waits(rita, olaf_candidate):
    _send(rita, olaf_candidate, **BELOW_FLOOR)

    with pytest.raises(errors.OfferOpen) as refusal:
        _send(rita, olaf_candidate, salary_min=950_000, salary_max=960_000)
    assert "still waiting for an answer" in str(refusal.value.message)
    assert RecruiterOffer.objects.count() == 1


def test_the_refusal_is_the_same_before_the_reveal_whatever_happened(rita, olaf_candidate):
    twin = _to_a_new_member(1, olaf_candidate)
    services.save_offer_policy(twin, auto_decline=False, share_categories=False)
    first = _send(rita, olaf_candidate, **BELOW_FLOOR)  # declined automatically
    second = _send(rita, twin, **BELOW_FLOOR)  # waiting in the twin's filed folder
    refusals = []
    for member, offer in ((olaf_candidate, first), (twin, second)):
        with pytest.raises(errors.OfferLimit) as refusal:
            _send(rita, member)
        refusals.append((type(refusal.value), refusal.value.until - offer.sent_at))
    assert refusals[0] == refusals[1]


def test_a_bisecting_recruiter_gets_few_probes_a_year(rita, olaf_candidate):
    """Bisect 0 to 2,000,000 as a recruiter would: each month, try again with the middle.
    The limits let at most four offers through in a year, all declined ones 90 days apart."""
    low, high = 0, 2_000_000
    accepted = []
    for _month in range(12):
        middle = (low + high) // 2
        try:
            offer = _send(rita, olaf_candidate, salary_min=middle, salary_max=middle)
        except errors.OfferLimit:
            offer = None
        if offer is not None:
            accepted.append(offer)
            offer.refresh_from_db()
            if offer.status == "declined":
                low = middle
            else:
                high = middle
                services.decline_offer(olaf_candidate, offer_id=offer.pk)
        for sent in RecruiterOffer.objects.all():
            _move(sent, by=timedelta(days=30))

    assert len(accepted) <= 4
    sent_times = sorted(o.sent_at for o in RecruiterOffer.objects.all())
    assert all(b - a >= timedelta(days=90) for a, b in itertools.pairwise(sent_times))


def test_two_offers_in_90_days_at_most(rita, olaf_candidate):
    first = _send(rita, olaf_candidate)
    services.express_interest(olaf_candidate, offer_id=first.pk, message="Gern.")
    _move(first, by=timedelta(days=31))
    second = _send(rita, olaf_candidate)
    services.express_interest(olaf_candidate, offer_id=second.pk, message="Gern.")
    _move(first, by=timedelta(days=31))
    _move(second, by=timedelta(days=31))

    with pytest.raises(errors.OfferTooSoon) as refusal:
        _send(rita, olaf_candidate)
    first.refresh_from_db()
    assert refusal.value.until == first.sent_at + timedelta(days=90)


def test_the_view_answers_a_limit_with_429_and_the_reason(sven, olaf_candidate, client_for):
    _send(sven, olaf_candidate, **BELOW_FLOOR)
    form = {
        "title": "Lead Backend Engineer",
        "employer": "Harzer Software GmbH",
        "level": "lead",
        "salary_min": "950.000",
        "salary_max": "960.000",
        "currency": "EUR",
        "location": "Wernigerode",
        "remote": "hybrid",
        "skills": "Python, Django",
        "text": "",
    }

    response = client_for(sven).post(reverse("send_offer", args=[olaf_candidate.pk]), form)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 29 * 24 * 3600
    assert "still waiting for an answer" in response.content.decode()


def test_the_weekly_quota_stops_the_21st_offer(rita, olaf_candidate, monkeypatch):
    members = [_to_a_new_member(n, olaf_candidate) for n in range(services.WEEKLY_OFFERS + 1)]
    for member in members[:-1]:
        _send(rita, member)

    with pytest.raises(errors.OfferQuotaExhausted) as refusal:
        _send(rita, members[-1])
    assert refusal.value.limit == services.WEEKLY_OFFERS
    assert RecruiterOffer.objects.count() == services.WEEKLY_OFFERS


def test_a_sent_offer_cannot_be_edited(rita, olaf_candidate, client_for, admin_client):
    offer = _send(rita, olaf_candidate, **BELOW_FLOOR)
    client = client_for(rita)

    # No page of the recruiter's takes changes to a sent offer …
    assert client.post(reverse("offer_detail", args=[offer.pk]), {"salary_max": 1}).status_code in (
        404,
        405,
    )
    assert client.get(f"/offers/{offer.pk}/edit/").status_code == 404
    # … and the admin shows offers read-only.
    change = reverse("admin:offers_recruiteroffer_change", args=[offer.pk])
    admin_client.post(change, {"salary_max": 2_000_000})
    offer.refresh_from_db()
    assert offer.salary_max == BELOW_FLOOR["salary_max"]
