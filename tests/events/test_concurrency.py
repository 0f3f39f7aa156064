"""RSVPs and check-in tries fired at once from threads (SECURITY.md A19, S1): the row lock
on the meetup (PostgreSQL) or SQLite's IMMEDIATE transactions decide the guest list one
answer at a time, so a meetup is never overbooked and the waiting list keeps its order.

Run on PostgreSQL with ``scripts/with_postgres.py -- pytest tests/events``.
"""

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from handschlag.core.errors import HandschlagError
from handschlag.events import services
from handschlag.events.errors import TooManyWrongCodes, WrongCode
from handschlag.events.models import Rsvp, WrongCheckInCode
from tests.accounts.factories import MemberFactory
from tests.events.factories import MeetupFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(calls: list[Callable[[], str]]) -> list[str]:
    """Run the calls in parallel threads released together; return their outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(call: Callable[[], str]) -> str:
        try:
            return call()
        except Exception as error:  # the test reports every outcome
            return repr(error)

    def run(call: Callable[[], str]) -> None:
        barrier.wait()
        try:
            outcome = attempt(call)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_parallel_rsvps_fill_exactly_the_capacity():
    meetup = MeetupFactory(capacity=5)
    members = MemberFactory.create_batch(20)

    def rsvp(member):
        return lambda: services.rsvp_to_meetup(member, meetup_id=meetup.pk).status

    outcomes = _at_once([rsvp(m) for m in members])

    assert sorted(outcomes) == ["going"] * 5 + ["waiting"] * 15, outcomes
    assert Rsvp.objects.filter(meetup=meetup, status="going").count() == 5
    assert Rsvp.objects.filter(meetup=meetup, status="waiting").count() == 15
    waiting_since = list(meetup.rsvps.waiting().values_list("waiting_since", flat=True))
    assert waiting_since == sorted(waiting_since)


def test_parallel_cancellations_and_rsvps_never_overbook():
    meetup = MeetupFactory(capacity=4)
    going = MemberFactory.create_batch(4)
    waiting = MemberFactory.create_batch(3)
    newcomers = MemberFactory.create_batch(6)
    for member in going + waiting:
        services.rsvp_to_meetup(member, meetup_id=meetup.pk)

    def cancel(member):
        return lambda: services.cancel_rsvp(member, meetup_id=meetup.pk)[0].status

    def rsvp(member):
        return lambda: services.rsvp_to_meetup(member, meetup_id=meetup.pk).status

    outcomes = _at_once([cancel(m) for m in going[:2]] + [rsvp(m) for m in newcomers])

    assert outcomes.count("cancelled") == 2, outcomes
    assert Rsvp.objects.filter(meetup=meetup, status="going").count() == 4
    # The two freed places went to the first two who were waiting, not to a newcomer.
    promoted = set(
        Rsvp.objects.filter(meetup=meetup, promoted_at__isnull=False).values_list(
            "member_id", flat=True
        )
    )
    assert promoted == {waiting[0].pk, waiting[1].pk}
    assert set(outcomes) == {"cancelled", "waiting"}, outcomes


def test_parallel_wrong_codes_get_exactly_five_tries(olaf):
    meetup = MeetupFactory(organiser=olaf, starts_at=timezone.now() - timedelta(minutes=10))
    guest = MemberFactory()
    services.rsvp_to_meetup(guest, meetup_id=meetup.pk, now=meetup.starts_at - timedelta(days=1))

    def guess(index):
        def call() -> str:
            try:
                services.check_in(guest, meetup_id=meetup.pk, code=f"GUESS{index:02d}")
            except WrongCode:
                return "wrong"
            except TooManyWrongCodes:
                return "limited"
            except HandschlagError as error:
                return str(error)
            return "checked in"

        return call

    outcomes = _at_once([guess(i) for i in range(12)])

    assert WrongCheckInCode.objects.filter(member=guest).count() == 5
    assert outcomes.count("wrong") == 4, outcomes  # the fifth wrong code says "limited"
    assert outcomes.count("limited") == 8, outcomes
