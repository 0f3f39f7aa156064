"""CaseBuilder: readable cases for rule tests, built through the public JSON schema.

a_contact_request().from_(contacts=1200).with_note("Hallo …").build()
"""

from __future__ import annotations

import copy
from typing import Any

from handschlag.trust import Case

SENT_AT = "2025-03-03T09:30:00+01:00"


def _base(kind: str) -> dict[str, Any]:
    return {
        "id": f"{kind}-1",
        "kind": kind,
        "text": "",
        "sent_at": SENT_AT,
        "sender": {
            "id": "sender-jonas",
            "name": "Jonas Becker",
            "headline": "Consultant",
            "contacts": 180,
            "account_age_days": 900,
            "requests_sent_7d": 3,
            "requests_sent_90d": 12,
            "requests_accepted_90d": 9,
            "reports_90d": 0,
            "recent_texts": [],
            "offering": [],
            "seeking": [],
        },
        "recipient": {
            "id": "recipient-anna",
            "name": "Anna Schulz",
            "headline": "Data Engineer at Stadtwerke Bremen",
            "lang": "de",
            "skills": ["Python", "Kafka", "PostgreSQL"],
            "interests": ["data engineering", "open data"],
            "seeking": ["conference talks"],
            "offering": ["mentoring"],
            "level": "senior",
            "preferences": {
                "open_to_offers": True,
                "min_salary": 75000,
                "currency": "EUR",
                "levels": ["senior", "lead"],
                "locations": ["Bremen", "Hamburg"],
                "remote_only": False,
                "relocate": False,
            },
        },
        "relation": {
            "connected": False,
            "connected_at": None,
            "mutual_contacts": 0,
            "viewed_profile_before": True,
            "shared_employers": [],
            "shared_schools": [],
            "shared_groups": [],
            "shared_events": [],
            "prior_messages": 0,
            "prior_meetings": 0,
            "introduced_by": "",
        },
        "offer": None,
        "group": None,
    }


class CaseBuilder:
    """Fluent builder of one case; each method returns the builder."""

    def __init__(self, kind: str) -> None:
        self.data = _base(kind)

    def with_note(self, text: str) -> CaseBuilder:
        self.data["text"] = text
        return self

    def in_lang(self, lang: str) -> CaseBuilder:
        self.data["recipient"]["lang"] = lang
        return self

    def from_(self, **facts: Any) -> CaseBuilder:
        self.data["sender"].update(facts)
        return self

    def to(self, **facts: Any) -> CaseBuilder:
        prefs = facts.pop("preferences", None)
        self.data["recipient"].update(facts)
        if prefs:
            self.data["recipient"]["preferences"].update(prefs)
        return self

    def related(self, **facts: Any) -> CaseBuilder:
        self.data["relation"].update(facts)
        return self

    def intending(self, intent: str) -> CaseBuilder:
        self.data["intent"] = intent
        return self

    def offering(self, **offer: Any) -> CaseBuilder:
        base = {
            "title": "Senior Data Engineer",
            "level": "senior",
            "salary_min": 78000,
            "salary_max": 90000,
            "currency": "EUR",
            "location": "Bremen",
            "remote": False,
            "skills": ["Python", "Kafka"],
        }
        base.update(offer)
        self.data["offer"] = base
        return self

    def inviting(self, **group: Any) -> CaseBuilder:
        base = {"name": "Open Data Bremen", "topics": ["open data"], "inviter_invites_7d": 4}
        base.update(group)
        self.data["group"] = base
        return self

    def as_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)

    def build(self) -> Case:
        return Case.from_dict(self.as_dict())


def a_contact_request() -> CaseBuilder:
    return CaseBuilder("contact_request")


def a_message() -> CaseBuilder:
    return CaseBuilder("message").related(connected=True, connected_at="2024-01-10T10:00:00+00:00")


def an_offer() -> CaseBuilder:
    return CaseBuilder("recruiter_offer").offering()


def a_recommendation_request() -> CaseBuilder:
    return CaseBuilder("recommendation_request")


def a_group_invitation() -> CaseBuilder:
    return CaseBuilder("group_invitation").inviting()
