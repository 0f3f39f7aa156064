"""Connections: both directions or neither, and the reads built on them."""

import pytest
from django.db import IntegrityError, transaction

from handschlag.accounts.models import Member
from handschlag.network import queries, services
from handschlag.network.models import Connection


def test_connect_members_records_both_directions(anna: Member, clara: Member) -> None:
    services.connect_members(anna, contact=clara, how_met="event")

    assert queries.are_connected(anna.pk, clara.pk)
    assert queries.are_connected(clara.pk, anna.pk)
    assert set(Connection.objects.values_list("how_met", flat=True)) == {"event"}


def test_connecting_twice_keeps_one_connection(anna: Member, clara: Member) -> None:
    services.connect_members(anna, contact=clara)
    services.connect_members(clara, contact=anna)

    assert Connection.objects.count() == 2
    assert queries.count_contacts(anna.pk) == 1


def test_a_member_cannot_connect_to_themselves(anna: Member) -> None:
    with pytest.raises(ValueError, match="themselves"):
        services.connect_members(anna, contact=anna)

    assert not Connection.objects.exists()


def test_the_database_refuses_a_self_connection(anna: Member) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Connection.objects.create(owner=anna, contact=anna)


def test_remove_connection_removes_both_directions(anna: Member, bernd: Member) -> None:
    services.remove_connection(bernd, contact=anna)

    assert not queries.are_connected(anna.pk, bernd.pk)
    assert not queries.are_connected(bernd.pk, anna.pk)
    assert not Connection.objects.exists()


def test_count_contacts_counts_only_the_members_own(anna, bernd, olaf, clara) -> None:
    assert queries.count_contacts(anna.pk) == 2
    assert queries.count_contacts(bernd.pk) == 1
    assert queries.count_contacts(clara.pk) == 0


def test_contacts_of_contacts_are_not_contacts(anna, bernd, olaf) -> None:
    assert not queries.are_connected(bernd.pk, olaf.pk)
