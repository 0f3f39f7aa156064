"""Property tests: evaluate never raises on a valid case; reassurance never raises the score."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handschlag.trust import Case, evaluate

WORDS = [
    "Hallo", "Hi", "Anna", "wie", "besprochen", "connect", "network", "Angebot", "free", "demo",
    "calendly.com/x", "#ai", "Kafka", "Python", "termin", "verpasst", "we", "were", "in", "touch",
    "ß", "Ä", "😀", "\u200b", "\n", ",", "!", "?", "", "…",
]  # fmt: skip
text = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join) | st.text(max_size=200)
names = st.lists(st.text(max_size=20), max_size=4)
count = st.integers(min_value=0, max_value=100_000)
stamp = st.datetimes().map(lambda d: d.isoformat())

person = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=10)},
    optional={
        "name": st.text(max_size=30),
        "headline": st.text(max_size=40),
        "contacts": count,
        "account_age_days": count,
        "requests_sent_7d": count,
        "requests_sent_90d": count,
        "requests_accepted_90d": count,
        "reports_90d": count,
        "recent_texts": st.lists(text, max_size=6),
        "offering": names,
        "seeking": names,
    },
)
levels = st.sampled_from(["junior", "mid", "senior", "lead", "head", "executive"])
recipient = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=10)},
    optional={
        "name": st.text(max_size=30),
        "lang": st.sampled_from(["de", "en"]),
        "skills": names,
        "interests": names,
        "seeking": names,
        "level": levels,
        "preferences": st.fixed_dictionaries(
            {},
            optional={
                "open_to_offers": st.booleans(),
                "min_salary": st.none() | count,
                "currency": st.sampled_from(["EUR", "CHF"]),
                "levels": st.lists(levels, max_size=3),
                "locations": names,
                "remote_only": st.booleans(),
                "relocate": st.booleans(),
            },
        ),
    },
)
relation = st.fixed_dictionaries(
    {},
    optional={
        "connected": st.booleans(),
        "connected_at": st.none() | stamp,
        "mutual_contacts": count,
        "viewed_profile_before": st.booleans(),
        "shared_employers": names,
        "shared_schools": names,
        "shared_groups": names,
        "shared_events": names,
        "prior_messages": count,
        "prior_meetings": count,
        "introduced_by": st.text(max_size=30),
    },
)
offer = st.none() | st.fixed_dictionaries(
    {},
    optional={
        "title": st.text(max_size=30),
        "level": levels,
        "salary_max": st.none() | count,
        "currency": st.sampled_from(["EUR", "CHF"]),
        "location": st.text(max_size=20),
        "remote": st.booleans(),
        "skills": names,
    },
)
group = st.none() | st.fixed_dictionaries(
    {}, optional={"name": st.text(max_size=20), "topics": names, "inviter_invites_7d": count}
)
cases = st.fixed_dictionaries(
    {
        "id": st.text(max_size=10),
        "kind": st.sampled_from(
            [
                "contact_request",
                "message",
                "recruiter_offer",
                "recommendation_request",
                "group_invitation",
            ]
        ),
        "text": text,
        "sent_at": stamp,
        "sender": person,
        "recipient": recipient,
    },
    optional={
        "lang": st.sampled_from(["de", "en"]),
        "intent": st.sampled_from(
            ["worked_together", "met", "shared_interest", "business", "recruiting", "other"]
        ),
        "relation": relation,
        "offer": offer,
        "group": group,
    },
)

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(cases)
def test_evaluate_never_raises(data: dict[str, Any]) -> None:
    case = Case.from_dict(data)
    verdict = evaluate(case)
    for hit in verdict.hits:
        assert hit.explanation("de")
        assert hit.explanation("en")
    assert Case.from_dict(case.to_dict()) == case


REASSURING = st.sampled_from(
    [
        ("mutual_contacts", 25),
        ("viewed_profile_before", True),
        ("shared_employers", ["Stadtwerke Bremen"]),
        ("shared_schools", ["Universität Bremen"]),
        ("shared_groups", ["Python Bremen"]),
        ("shared_events", ["Data Night"]),
        ("prior_messages", 12),
        ("prior_meetings", 2),
        ("introduced_by", "Bernd Wagner"),
    ]
)


@FAST
@given(cases, st.lists(REASSURING, min_size=1, max_size=3))
def test_reassuring_facts_never_raise_the_score(data: dict[str, Any], facts) -> None:
    before = evaluate(Case.from_dict(data)).score
    rel = dict(data.get("relation") or {})
    for key, value in facts:
        if isinstance(value, list):
            rel[key] = [*rel.get(key, []), *value]
        elif isinstance(value, bool):
            rel[key] = True
        elif isinstance(value, str):
            rel[key] = value
        else:
            rel[key] = max(rel.get(key, 0), value)
    after = evaluate(Case.from_dict({**data, "relation": rel})).score
    assert after <= before + 1e-9
