"""The case the engine judges: plain facts gathered by the caller, validated from JSON.

`Case.from_dict()` and `Case.to_dict()` implement the public JSON Lines schema. Unknown
keys are ignored so that other platforms may send more than we read; every known key is
checked and a `CaseError` names the first field that does not fit
("sender.contacts must be an integer").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

__all__ = [
    "Case",
    "CaseError",
    "Group",
    "Intent",
    "Kind",
    "Level",
    "Offer",
    "Preferences",
    "Recipient",
    "Relation",
    "Sender",
]


class Kind(StrEnum):
    CONTACT_REQUEST = "contact_request"
    MESSAGE = "message"
    RECRUITER_OFFER = "recruiter_offer"
    RECOMMENDATION_REQUEST = "recommendation_request"
    GROUP_INVITATION = "group_invitation"
    POST = "post"


class Intent(StrEnum):
    WORKED_TOGETHER = "worked_together"
    MET = "met"
    SHARED_INTEREST = "shared_interest"
    BUSINESS = "business"
    RECRUITING = "recruiting"
    OTHER = "other"


class Level(StrEnum):
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"
    HEAD = "head"
    EXECUTIVE = "executive"


#: Levels in order of seniority, for "more than one step apart" comparisons.
LEVEL_ORDER: tuple[Level, ...] = tuple(Level)

LANGS = ("de", "en")


class CaseError(ValueError):
    """A case that does not fit the schema; the message names the field."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path} {problem}")
        self.path = path
        self.problem = problem


### Validation helpers ###

_E = TypeVar("_E", bound=StrEnum)


class _Reader:
    """Reads one JSON object, building dotted paths for error messages."""

    __slots__ = ("data", "prefix")

    def __init__(self, data: object, prefix: str) -> None:
        if not isinstance(data, Mapping):
            raise CaseError(prefix.rstrip(".") or "case", "must be an object")
        self.data: Mapping[str, object] = data
        self.prefix = prefix

    def _path(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def _get(self, key: str, *, required: bool) -> object:
        if key not in self.data:
            if required:
                raise CaseError(self._path(key), "is required")
            return None
        return self.data[key]

    def string(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self._get(key, required=required)
        if value is None and not required:
            return default
        if not isinstance(value, str):
            raise CaseError(self._path(key), "must be a string")
        return value

    def optional_string(self, key: str) -> str | None:
        value = self._get(key, required=False)
        if value is None:
            return None
        if not isinstance(value, str):
            raise CaseError(self._path(key), "must be a string")
        return value

    def integer(self, key: str, *, default: int = 0) -> int:
        value = self._get(key, required=False)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise CaseError(self._path(key), "must be an integer")
        if value < 0:
            raise CaseError(self._path(key), "must not be negative")
        return value

    def optional_integer(self, key: str) -> int | None:
        if self._get(key, required=False) is None:
            return None
        return self.integer(key)

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self._get(key, required=False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise CaseError(self._path(key), "must be true or false")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self._get(key, required=False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CaseError(self._path(key), "must be a list of strings")
        return tuple(value)

    def choice(self, key: str, enum: type[_E], *, required: bool = False) -> _E | None:
        value = self._get(key, required=required)
        if value is None and not required:
            return None
        options = ", ".join(e.value for e in enum)
        if not isinstance(value, str):
            raise CaseError(self._path(key), f"must be one of: {options}")
        try:
            return enum(value)
        except ValueError:
            raise CaseError(self._path(key), f"must be one of: {options}") from None

    def lang(self, key: str) -> str | None:
        value = self._get(key, required=False)
        if value is None:
            return None
        if value not in LANGS:
            raise CaseError(self._path(key), "must be one of: de, en")
        return str(value)

    def timestamp(self, key: str, *, required: bool = False) -> datetime | None:
        value = self._get(key, required=required)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise CaseError(self._path(key), "must be an ISO-8601 date-time string")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise CaseError(self._path(key), "must be an ISO-8601 date-time string") from None
        # A date-time without offset is read as UTC, so that comparisons never mix
        # naive and aware values.
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)

    def required_choice(self, key: str, enum: type[_E]) -> _E:
        value = self.choice(key, enum, required=True)
        if value is None:  # pragma: no cover (choice raises first)
            raise CaseError(self._path(key), "is required")
        return value

    def required_timestamp(self, key: str) -> datetime:
        value = self.timestamp(key, required=True)
        if value is None:  # pragma: no cover (timestamp raises first)
            raise CaseError(self._path(key), "is required")
        return value

    def required_child(self, key: str) -> _Reader:
        value = self.child(key, required=True)
        if value is None:  # pragma: no cover (child raises first)
            raise CaseError(self._path(key), "is required")
        return value

    def child(self, key: str, *, required: bool = False) -> _Reader | None:
        value = self._get(key, required=required)
        if value is None and not required:
            return None
        return _Reader(value, f"{self._path(key)}.")


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


### The value objects ###


@dataclass(frozen=True, slots=True)
class Sender:
    """Who sends: identity, the volume of their activity and their recent texts."""

    id: str
    name: str = ""
    headline: str = ""
    contacts: int = 0
    account_age_days: int = 0
    requests_sent_7d: int = 0
    requests_sent_90d: int = 0
    requests_accepted_90d: int = 0
    reports_90d: int = 0
    recent_texts: tuple[str, ...] = ()
    offering: tuple[str, ...] = ()
    seeking: tuple[str, ...] = ()

    @classmethod
    def _read(cls, r: _Reader) -> Sender:
        return cls(
            id=r.string("id", required=True),
            name=r.string("name"),
            headline=r.string("headline"),
            contacts=r.integer("contacts"),
            account_age_days=r.integer("account_age_days"),
            requests_sent_7d=r.integer("requests_sent_7d"),
            requests_sent_90d=r.integer("requests_sent_90d"),
            requests_accepted_90d=r.integer("requests_accepted_90d"),
            reports_90d=r.integer("reports_90d"),
            recent_texts=r.strings("recent_texts"),
            offering=r.strings("offering"),
            seeking=r.strings("seeking"),
        )

    def _dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "headline": self.headline,
            "contacts": self.contacts,
            "account_age_days": self.account_age_days,
            "requests_sent_7d": self.requests_sent_7d,
            "requests_sent_90d": self.requests_sent_90d,
            "requests_accepted_90d": self.requests_accepted_90d,
            "reports_90d": self.reports_90d,
            "recent_texts": list(self.recent_texts),
            "offering": list(self.offering),
            "seeking": list(self.seeking),
        }


@dataclass(frozen=True, slots=True)
class Preferences:
    """The recipient's private wishes for offers; never shown to a sender."""

    open_to_offers: bool = True
    min_salary: int | None = None
    currency: str = "EUR"
    levels: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    remote_only: bool = False
    relocate: bool = False

    @classmethod
    def _read(cls, r: _Reader) -> Preferences:
        return cls(
            open_to_offers=r.boolean("open_to_offers", default=True),
            min_salary=r.optional_integer("min_salary"),
            currency=r.string("currency", default="EUR"),
            levels=r.strings("levels"),
            locations=r.strings("locations"),
            remote_only=r.boolean("remote_only"),
            relocate=r.boolean("relocate"),
        )

    def _dict(self) -> dict[str, object]:
        return {
            "open_to_offers": self.open_to_offers,
            "min_salary": self.min_salary,
            "currency": self.currency,
            "levels": list(self.levels),
            "locations": list(self.locations),
            "remote_only": self.remote_only,
            "relocate": self.relocate,
        }


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who receives: their profile terms, language and private preferences."""

    id: str
    name: str = ""
    headline: str = ""
    lang: str | None = None
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    seeking: tuple[str, ...] = ()
    offering: tuple[str, ...] = ()
    level: Level | None = None
    preferences: Preferences = field(default_factory=Preferences)

    @classmethod
    def _read(cls, r: _Reader) -> Recipient:
        prefs = r.child("preferences")
        return cls(
            id=r.string("id", required=True),
            name=r.string("name"),
            headline=r.string("headline"),
            lang=r.lang("lang"),
            skills=r.strings("skills"),
            interests=r.strings("interests"),
            seeking=r.strings("seeking"),
            offering=r.strings("offering"),
            level=r.choice("level", Level),
            preferences=Preferences() if prefs is None else Preferences._read(prefs),
        )

    def _dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "headline": self.headline,
            "lang": self.lang,
            "skills": list(self.skills),
            "interests": list(self.interests),
            "seeking": list(self.seeking),
            "offering": list(self.offering),
            "level": None if self.level is None else self.level.value,
            "preferences": self.preferences._dict(),
        }


@dataclass(frozen=True, slots=True)
class Relation:
    """What sender and recipient already share; most of it reassures."""

    connected: bool = False
    connected_at: datetime | None = None
    mutual_contacts: int = 0
    viewed_profile_before: bool = False
    shared_employers: tuple[str, ...] = ()
    shared_schools: tuple[str, ...] = ()
    shared_groups: tuple[str, ...] = ()
    shared_events: tuple[str, ...] = ()
    prior_messages: int = 0
    prior_meetings: int = 0
    #: The name of the mutual contact whose introduction led to this item ("" when none):
    #: they read the reason and chose to forward it.
    introduced_by: str = ""

    @classmethod
    def _read(cls, r: _Reader) -> Relation:
        return cls(
            connected=r.boolean("connected"),
            connected_at=r.timestamp("connected_at"),
            mutual_contacts=r.integer("mutual_contacts"),
            viewed_profile_before=r.boolean("viewed_profile_before"),
            shared_employers=r.strings("shared_employers"),
            shared_schools=r.strings("shared_schools"),
            shared_groups=r.strings("shared_groups"),
            shared_events=r.strings("shared_events"),
            prior_messages=r.integer("prior_messages"),
            prior_meetings=r.integer("prior_meetings"),
            introduced_by=r.string("introduced_by"),
        )

    def _dict(self) -> dict[str, object]:
        return {
            "connected": self.connected,
            "connected_at": _iso(self.connected_at),
            "mutual_contacts": self.mutual_contacts,
            "viewed_profile_before": self.viewed_profile_before,
            "shared_employers": list(self.shared_employers),
            "shared_schools": list(self.shared_schools),
            "shared_groups": list(self.shared_groups),
            "shared_events": list(self.shared_events),
            "prior_messages": self.prior_messages,
            "prior_meetings": self.prior_meetings,
            "introduced_by": self.introduced_by,
        }

    @property
    def has_history(self) -> bool:
        """Whether the two have verifiably been in touch before (messages, meetings, events)."""
        return self.prior_messages > 0 or self.prior_meetings > 0 or bool(self.shared_events)


@dataclass(frozen=True, slots=True)
class Offer:
    """A structured recruiter offer."""

    title: str = ""
    level: Level | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    currency: str = "EUR"
    location: str = ""
    remote: bool = False
    skills: tuple[str, ...] = ()

    @classmethod
    def _read(cls, r: _Reader) -> Offer:
        offer = cls(
            title=r.string("title"),
            level=r.choice("level", Level),
            salary_min=r.optional_integer("salary_min"),
            salary_max=r.optional_integer("salary_max"),
            currency=r.string("currency", default="EUR"),
            location=r.string("location"),
            remote=r.boolean("remote"),
            skills=r.strings("skills"),
        )
        if (
            offer.salary_min is not None
            and offer.salary_max is not None
            and offer.salary_min > offer.salary_max
        ):
            raise CaseError(f"{r.prefix}salary_max", "must not be less than salary_min")
        return offer

    def _dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "level": None if self.level is None else self.level.value,
            "salary_min": self.salary_min,
            "salary_max": self.salary_max,
            "currency": self.currency,
            "location": self.location,
            "remote": self.remote,
            "skills": list(self.skills),
        }


@dataclass(frozen=True, slots=True)
class Group:
    """The group a member is invited to."""

    name: str = ""
    topics: tuple[str, ...] = ()
    inviter_invites_7d: int = 0

    @classmethod
    def _read(cls, r: _Reader) -> Group:
        return cls(
            name=r.string("name"),
            topics=r.strings("topics"),
            inviter_invites_7d=r.integer("inviter_invites_7d"),
        )

    def _dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "topics": list(self.topics),
            "inviter_invites_7d": self.inviter_invites_7d,
        }


@dataclass(frozen=True, slots=True)
class Case:
    """One item to judge: a request, message, offer, recommendation request or invitation."""

    id: str
    kind: Kind
    text: str
    sent_at: datetime
    sender: Sender
    recipient: Recipient
    relation: Relation = field(default_factory=Relation)
    lang: str | None = None
    intent: Intent | None = None
    offer: Offer | None = None
    group: Group | None = None

    @property
    def now(self) -> datetime:
        """The engine's clock: the moment the item was sent (rules never read the wall clock)."""
        return self.sent_at

    # The mapping is JSON decoded from an untrusted line, so its values may be anything.
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Case:
        """Validate one JSON object of the public schema; raise CaseError naming the field."""
        r = _Reader(data, "")
        case_id = r.string("id", required=True)
        kind = r.required_choice("kind", Kind)
        text = r.string("text", required=True)
        sent_at = r.required_timestamp("sent_at")
        sender = r.required_child("sender")
        recipient = r.required_child("recipient")
        relation = r.child("relation")
        offer = r.child("offer")
        group = r.child("group")
        return cls(
            id=case_id,
            kind=kind,
            text=text,
            sent_at=sent_at,
            lang=r.lang("lang"),
            intent=r.choice("intent", Intent),
            sender=Sender._read(sender),
            recipient=Recipient._read(recipient),
            relation=Relation() if relation is None else Relation._read(relation),
            offer=None if offer is None else Offer._read(offer),
            group=None if group is None else Group._read(group),
        )

    def to_dict(self) -> dict[str, object]:
        """The case as a JSON-ready object of the public schema (round-trips from_dict)."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "lang": self.lang,
            "text": self.text,
            "sent_at": self.sent_at.isoformat(),
            "intent": None if self.intent is None else self.intent.value,
            "sender": self.sender._dict(),
            "recipient": self.recipient._dict(),
            "relation": self.relation._dict(),
            "offer": None if self.offer is None else self.offer._dict(),
            "group": None if self.group is None else self.group._dict(),
        }
