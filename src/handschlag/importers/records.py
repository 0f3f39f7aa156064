"""Neutral records read from another platform's export, and the problems met on the way.

Every reader turns its platform's rows into these frozen dataclasses; nothing downstream
(the hygiene report, the web import) knows whether a contact came from LinkedIn or XING.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "ArchiveError",
    "Contact",
    "Education",
    "Endorsement",
    "Invitation",
    "Message",
    "Position",
    "Problem",
    "Profile",
    "Recommendation",
]


class ArchiveError(ValueError):
    """The upload as a whole cannot be read (not an archive, broken, too large).

    One clear sentence for the member; `code` lets callers translate it.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Problem:
    """A row that could not be used: where it is and why. The other rows are imported."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Contact:
    """A first-degree connection (LinkedIn) or a contact (XING)."""

    first_name: str
    last_name: str
    url: str = ""
    email: str = ""
    company: str = ""
    position: str = ""
    connected_on: date | None = None
    line: int = 0

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def key(self) -> str:
        """The identity used to join messages and invitations to this contact."""
        return contact_key(self.url, self.name)


@functools.lru_cache(maxsize=1 << 16)
def contact_key(url: str, name: str) -> str:
    """A profile URL without scheme, host variations or trailing slash; else the folded name."""
    u = url.strip().lower()
    if u:
        for prefix in ("https://", "http://"):
            if u.startswith(prefix):
                u = u[len(prefix) :]
        if u.startswith("www."):
            u = u[4:]
        return "url:" + u.split("?", 1)[0].rstrip("/")
    return "name:" + " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class Invitation:
    """A contact request, sent or received, with its note."""

    sender: str
    recipient: str
    sent_at: datetime | None
    message: str = ""
    incoming: bool = True
    sender_url: str = ""
    recipient_url: str = ""
    line: int = 0

    @property
    def other_key(self) -> str:
        """The key of the other person (the sender when incoming)."""
        if self.incoming:
            return contact_key(self.sender_url, self.sender)
        return contact_key(self.recipient_url, self.recipient)


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a conversation."""

    conversation: str
    sender: str
    sender_url: str
    recipients: tuple[str, ...]
    recipient_urls: tuple[str, ...]
    sent_at: datetime | None
    subject: str = ""
    content: str = ""
    folder: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Profile:
    """The archive owner's own profile."""

    first_name: str = ""
    last_name: str = ""
    headline: str = ""
    summary: str = ""
    location: str = ""
    industry: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class Position:
    company: str
    title: str
    started_on: date | None = None
    finished_on: date | None = None
    location: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Education:
    school: str
    degree: str = ""
    field_of_study: str = ""
    start_year: int | None = None
    end_year: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommendation the owner received or gave; `person` is the other side."""

    person: str
    company: str = ""
    title: str = ""
    text: str = ""
    created_at: datetime | None = None
    status: str = ""
    given: bool = False


@dataclass(frozen=True, slots=True)
class Endorsement:
    skill: str
    endorser: str
    endorser_url: str = ""
    endorsed_at: datetime | None = None
