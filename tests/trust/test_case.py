"""The public JSON schema: validation messages name the field; to_dict round-trips."""

from __future__ import annotations

import pytest

from handschlag.trust import Case, CaseError, Kind

from .builders import a_contact_request, an_offer


def test_round_trip() -> None:
    case = an_offer().with_note("Hallo").related(connected_at="2024-05-01T10:00:00Z").build()
    assert Case.from_dict(case.to_dict()) == case


def test_naive_time_is_utc() -> None:
    data = a_contact_request().as_dict()
    data["sent_at"] = "2025-03-03T09:30:00"
    assert Case.from_dict(data).sent_at.utcoffset() is not None


def test_unknown_keys_are_ignored_and_optional_ones_default() -> None:
    data = {
        "id": "x",
        "kind": "message",
        "text": "Hi",
        "sent_at": "2025-03-03T09:30:00Z",
        "sender": {"id": "s"},
        "recipient": {"id": "r"},
        "future_field": 1,
    }
    case = Case.from_dict(data)
    assert case.kind is Kind.MESSAGE
    assert case.sender.contacts == 0
    assert case.relation.mutual_contacts == 0
    assert case.offer is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sender"].update(contacts="many"), "sender.contacts must be an integer"),
        (lambda d: d["sender"].update(contacts=True), "sender.contacts must be an integer"),
        (lambda d: d["sender"].update(contacts=-1), "sender.contacts must not be negative"),
        (lambda d: d.pop("id"), "id is required"),
        (lambda d: d.pop("sender"), "sender is required"),
        (lambda d: d["sender"].pop("id"), "sender.id is required"),
        (
            lambda d: d.update(kind="poke"),
            "kind must be one of: contact_request, message, recruiter_offer, "
            "recommendation_request, group_invitation, post",
        ),
        (lambda d: d.update(sent_at="yesterday"), "sent_at must be an ISO-8601 date-time string"),
        (lambda d: d.update(lang="fr"), "lang must be one of: de, en"),
        (
            lambda d: d["sender"].update(recent_texts="hi"),
            "sender.recent_texts must be a list of strings",
        ),
        (
            lambda d: d["relation"].update(connected="yes"),
            "relation.connected must be true or false",
        ),
        (lambda d: d.update(recipient=[]), "recipient must be an object"),
        (
            lambda d: d["recipient"]["preferences"].update(min_salary="70k"),
            "recipient.preferences.min_salary must be an integer",
        ),
        (
            lambda d: d.update(offer={"salary_min": 9, "salary_max": 5}),
            "offer.salary_max must not be less than salary_min",
        ),
        (
            lambda d: d.update(intent=3),
            "intent must be one of: worked_together, met, shared_interest, business, "
            "recruiting, other",
        ),
    ],
)
def test_validation_messages_name_the_field(change, message) -> None:
    data = a_contact_request().as_dict()
    change(data)
    with pytest.raises(CaseError) as exc:
        Case.from_dict(data)
    assert str(exc.value) == message


def test_not_an_object() -> None:
    with pytest.raises(CaseError, match=r"^case must be an object$"):
        Case.from_dict([])  # type: ignore[arg-type]
