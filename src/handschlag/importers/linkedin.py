"""Readers for LinkedIn's "Get a copy of your data" archive (a zip of CSV files).

The files and their columns as LinkedIn writes them (UTF-8, often with a BOM; RFC 4180
quoting, so messages and descriptions carry newlines inside quotes; any file may be
missing from a partial export, and columns have been added over the years):

``Connections.csv``
    Starts with a preamble: a line ``Notes:``, a quoted sentence about e-mail addresses
    that members chose not to share, and a blank line. Then the header
    ``First Name,Last Name,URL,Email Address,Company,Position,Connected On``.
    "Connected On" is ``21 Nov 2026``; "Email Address" is mostly empty.
``Invitations.csv``
    ``From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl``; "Sent At" is
    ``11/21/26, 3:04 PM``; "Direction" is ``INCOMING`` or ``OUTGOING``; "Message" is the
    note (empty when none was written). Older exports lack the two URL columns.
``messages.csv``
    ``CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,RECIPIENT PROFILE URLS,TO,
    DATE,SUBJECT,CONTENT,FOLDER`` (newer exports add ``ATTACHMENTS`` and more); "DATE" is
    ``2026-11-21 15:04:58 UTC``; "RECIPIENT PROFILE URLS" and "TO" may hold several values
    separated by ``;`` or ``,``; "FOLDER" is ``INBOX``, ``SENT``, ``ARCHIVE`` or ``SPAM``.
``Profile.csv``
    ``First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,
    Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers`` (one row).
``Positions.csv``
    ``Company Name,Title,Description,Location,Started On,Finished On``; months as
    ``Nov 2026`` (or a bare year); "Finished On" is empty for the current position.
``Education.csv``
    ``School Name,Start Date,End Date,Notes,Degree Name,Activities``; years as ``2010``.
``Skills.csv``
    ``Name``.
``Recommendations_Received.csv``, ``Recommendations_Given.csv``
    ``First Name,Last Name,Company,Job Title,Text,Creation Date,Status``; "Creation Date"
    as ``11/21/26, 03:04 PM``; "Status" ``VISIBLE``, ``HIDDEN`` or ``PENDING``.
``Endorsement_Received_Info.csv``
    ``Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,
    Endorser Public Url,Endorsement Status``; dates as ``2026/11/21 15:04:58 UTC``.

Each field below lists every header spelling accepted (compared without case, spaces,
underscores or punctuation). Other date spellings are handled by `importers.dates`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from handschlag.importers.archive import Archive
from handschlag.importers.dates import parse_date, parse_datetime, parse_month
from handschlag.importers.records import (
    Contact,
    Education,
    Endorsement,
    Invitation,
    Message,
    Position,
    Problem,
    Profile,
    Recommendation,
)
from handschlag.importers.tables import Columns, Row, read_rows, text_stream

__all__ = ["LinkedInExport"]

CONNECTIONS = Columns(
    {
        "first_name": ("First Name", "Firstname", "Vorname"),
        "last_name": ("Last Name", "Lastname", "Nachname"),
        "url": ("URL", "Profile URL", "Public Profile URL"),
        "email": ("Email Address", "E-mail Address", "Email"),
        "company": ("Company", "Company Name"),
        "position": ("Position", "Title", "Job Title"),
        "connected_on": ("Connected On", "Connection Date", "Connected"),
    },
    required=("first_name", "last_name"),
)
INVITATIONS = Columns(
    {
        "sender": ("From",),
        "recipient": ("To",),
        "sent_at": ("Sent At", "Sent", "Date"),
        "message": ("Message", "Custom Message", "Note"),
        "direction": ("Direction",),
        "sender_url": ("inviterProfileUrl", "Inviter Profile URL"),
        "recipient_url": ("inviteeProfileUrl", "Invitee Profile URL"),
    },
    required=("sender", "recipient"),
)
MESSAGES = Columns(
    {
        "conversation": ("CONVERSATION ID",),
        "sender": ("FROM",),
        "sender_url": ("SENDER PROFILE URL",),
        "recipient_urls": ("RECIPIENT PROFILE URLS", "RECIPIENT PROFILE URL"),
        "recipients": ("TO",),
        "date": ("DATE", "Sent At"),
        "subject": ("SUBJECT",),
        "content": ("CONTENT", "Body"),
        "folder": ("FOLDER",),
    },
    required=("sender", "content"),
)
PROFILE = Columns(
    {
        "first_name": ("First Name",),
        "last_name": ("Last Name",),
        "headline": ("Headline",),
        "summary": ("Summary",),
        "industry": ("Industry",),
        "location": ("Geo Location", "Location", "Address"),
    },
    required=("first_name",),
)
POSITIONS = Columns(
    {
        "company": ("Company Name", "Company"),
        "title": ("Title", "Position"),
        "description": ("Description",),
        "location": ("Location",),
        "started_on": ("Started On", "Start Date"),
        "finished_on": ("Finished On", "End Date"),
    },
    required=("company", "title"),
)
EDUCATION = Columns(
    {
        "school": ("School Name", "School"),
        "start": ("Start Date", "Started On"),
        "end": ("End Date", "Finished On"),
        "notes": ("Notes",),
        "degree": ("Degree Name", "Degree"),
        "field": ("Field Of Study", "Fields Of Study"),
    },
    required=("school",),
)
SKILLS = Columns({"name": ("Name", "Skill", "Skill Name")}, required=("name",))
RECOMMENDATIONS = Columns(
    {
        "first_name": ("First Name",),
        "last_name": ("Last Name",),
        "company": ("Company",),
        "title": ("Job Title", "Title"),
        "text": ("Text", "Body", "Recommendation"),
        "created": ("Creation Date", "Created Date", "Date"),
        "status": ("Status",),
    },
    required=("first_name", "text"),
)
ENDORSEMENTS = Columns(
    {
        "date": ("Endorsement Date", "Date"),
        "skill": ("Skill Name", "Skill"),
        "first_name": ("Endorser First Name",),
        "last_name": ("Endorser Last Name",),
        "url": ("Endorser Public Url", "Endorser Profile URL"),
    },
    required=("skill", "first_name"),
)

_SPLIT = re.compile(r"\s*[;,]\s*")


def _year(text: str) -> int | None:
    day = parse_month(text)
    return None if day is None else day.year


class LinkedInExport:
    """Streams the records of one LinkedIn archive; problems collect in `problems`."""

    source = "linkedin"

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.problems: list[Problem] = archive.problems

    def _rows(self, file: str, columns: Columns) -> Iterator[Row]:
        if not self.archive.has(file):
            return
        with self.archive.open(file) as raw:
            yield from read_rows(text_stream(raw), file, columns, self.problems)

    def _bad(self, file: str, row: Row, reason: str) -> None:
        self.problems.append(Problem(file, row.line, reason))

    ### The network ###

    def contacts(self) -> Iterator[Contact]:
        file = "Connections.csv"
        for row in self._rows(file, CONNECTIONS):
            first, last = row["first_name"], row["last_name"]
            if not first and not last:
                # LinkedIn leaves both empty for members who left or hid themselves.
                self._bad(file, row, "no name")
                continue
            connected = parse_date(row["connected_on"])
            if connected is None and row["connected_on"]:
                self._bad(file, row, f"date not understood: {row['connected_on']!r}")
                continue
            yield Contact(
                first,
                last,
                row["url"],
                row["email"],
                row["company"],
                row["position"],
                connected,
                row.line,
            )

    def invitations(self) -> Iterator[Invitation]:
        file = "Invitations.csv"
        for row in self._rows(file, INVITATIONS):
            if not row["sender"] and not row["recipient"]:
                self._bad(file, row, "neither sender nor recipient")
                continue
            sent_at = parse_datetime(row["sent_at"])
            if sent_at is None and row["sent_at"]:
                self._bad(file, row, f"date not understood: {row['sent_at']!r}")
                continue
            direction = row["direction"].upper()
            yield Invitation(
                row["sender"],
                row["recipient"],
                sent_at,
                row["message"],
                incoming=direction != "OUTGOING",
                sender_url=row["sender_url"],
                recipient_url=row["recipient_url"],
                line=row.line,
            )

    def messages(self) -> Iterator[Message]:
        file = "messages.csv"
        for row in self._rows(file, MESSAGES):
            sent_at = parse_datetime(row["date"])
            if sent_at is None:
                self._bad(file, row, f"date missing or not understood: {row['date']!r}")
                continue
            if not row["sender"] and not row["sender_url"]:
                self._bad(file, row, "no sender")
                continue
            urls = tuple(u for u in _SPLIT.split(row["recipient_urls"]) if u)
            names = tuple(n.strip() for n in row["recipients"].split(";") if n.strip())
            yield Message(
                row["conversation"],
                row["sender"],
                row["sender_url"],
                names,
                urls,
                sent_at,
                row["subject"],
                row["content"],
                row["folder"].upper(),
                row.line,
            )

    def endorsements(self) -> Iterator[Endorsement]:
        file = "Endorsement_Received_Info.csv"
        for row in self._rows(file, ENDORSEMENTS):
            name = f"{row['first_name']} {row['last_name']}".strip()
            yield Endorsement(row["skill"], name, row["url"], parse_datetime(row["date"]))

    def recommendations(self) -> Iterator[Recommendation]:
        for file, given in (
            ("Recommendations_Received.csv", False),
            ("Recommendations_Given.csv", True),
        ):
            for row in self._rows(file, RECOMMENDATIONS):
                person = f"{row['first_name']} {row['last_name']}".strip()
                if not row["text"]:
                    self._bad(file, row, "empty recommendation")
                    continue
                yield Recommendation(
                    person,
                    row["company"],
                    row["title"],
                    row["text"],
                    parse_datetime(row["created"]),
                    row["status"].upper(),
                    given,
                )

    ### The owner's profile ###

    def profile(self) -> Profile | None:
        for row in self._rows("Profile.csv", PROFILE):
            return Profile(
                row["first_name"],
                row["last_name"],
                row["headline"],
                row["summary"],
                row["location"],
                row["industry"],
            )
        return None

    def positions(self) -> Iterator[Position]:
        file = "Positions.csv"
        for row in self._rows(file, POSITIONS):
            if not row["company"] or not row["title"]:
                self._bad(file, row, "company or title missing")
                continue
            yield Position(
                row["company"],
                row["title"],
                parse_month(row["started_on"]),
                parse_month(row["finished_on"]),
                row["location"],
                row["description"],
            )

    def education(self) -> Iterator[Education]:
        file = "Education.csv"
        for row in self._rows(file, EDUCATION):
            yield Education(
                row["school"],
                row["degree"],
                row["field"],
                _year(row["start"]),
                _year(row["end"]),
                row["notes"],
            )

    def skills(self) -> Iterator[str]:
        for row in self._rows("Skills.csv", SKILLS):
            yield row["name"]
