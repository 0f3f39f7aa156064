"""Readers for XING's contact exports: vCards and CSV.

XING let members download contacts as a CSV file until 2014, and since then as vCards
(one ``.vcf`` per contact, or several cards in one file; a GDPR data request returns a zip
with both). What we read:

vCard (RFC 2426 version 3.0, older cards 2.1 with ``ENCODING=QUOTED-PRINTABLE``)
    ``FN`` (full name), ``N`` (``last;first;middle;prefix;suffix``), ``ORG`` (employer,
    then departments after ``;``), ``TITLE`` (position), ``EMAIL`` (first one),
    ``URL`` (the xing.com/profile/… address when present), ``X-XING-CONTACT-SINCE`` or
    ``X-CONNECTED-SINCE`` if present (XING's cards usually carry no connection date).
    Long lines are folded (a continuation line starts with a space or tab).
CSV (semicolon-separated, Windows-1252 or UTF-8; German or English headers)
    ``Vorname/First name``, ``Nachname/Last name``, ``E-Mail (geschäftlich)/E-Mail/
    Email``, ``Firma/Unternehmen/Company``, ``Position/Titel/Job title``,
    ``XING-Profil/Profil-URL/Profile URL``, ``Kontakt seit/Verbunden seit/Contact since``
    with German dates (``21.11.2026``).
"""

from __future__ import annotations

import quopri
from collections.abc import Iterator

from handschlag.importers.archive import Archive
from handschlag.importers.dates import parse_date
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
from handschlag.importers.tables import Columns, read_rows, text_stream

__all__ = ["XingExport", "read_vcards"]

CONTACTS = Columns(
    {
        "first_name": ("Vorname", "First name", "Given name"),
        "last_name": ("Nachname", "Last name", "Surname", "Family name"),
        "email": (
            "E-Mail (geschäftlich)",
            "E-Mail geschäftlich",
            "E-Mail",
            "E-Mail-Adresse",
            "Email",
            "Email address",
            "E-Mail (privat)",
        ),
        "company": ("Firma", "Unternehmen", "Arbeitgeber", "Company", "Organisation"),
        "position": ("Position", "Titel", "Job title", "Title", "Beruf"),
        "url": ("XING-Profil", "Profil-URL", "Profile URL", "XING profile", "URL"),
        "connected_on": ("Kontakt seit", "Verbunden seit", "Contact since", "Connected since"),
    },
    required=("first_name", "last_name"),
)


def _unescape(value: str) -> str:
    return (
        value.replace("\\n", "\n")
        .replace("\\N", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
    )


def _unfold(lines: Iterator[str]) -> Iterator[tuple[int, str]]:
    """Logical lines with the number of their first physical line."""
    current: str | None = None
    start = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if line[:1] in (" ", "\t") and current is not None:
            current += line[1:]
            continue
        if current is not None and current.endswith("=") and "QUOTED-PRINTABLE" in current.upper():
            current = current[:-1] + line  # a soft line break of quoted-printable
            continue
        if current is not None:
            yield start, current
        current, start = line, number
    if current is not None:
        yield start, current


def _value(params: list[str], raw: str) -> str:
    if any(p.upper() in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") for p in params):
        charset = next(
            (p.split("=", 1)[1] for p in params if p.upper().startswith("CHARSET=")), "utf-8"
        )
        try:
            return quopri.decodestring(raw.encode("latin-1", "replace")).decode(charset, "replace")
        except LookupError:
            return quopri.decodestring(raw.encode("latin-1", "replace")).decode("utf-8", "replace")
    return _unescape(raw)


def read_vcards(lines: Iterator[str], file: str, problems: list[Problem]) -> Iterator[Contact]:
    """Contacts from the cards of one .vcf file; a card without any name is a problem."""
    card: dict[str, str] | None = None
    begin = 0
    for number, line in _unfold(lines):
        if not line.strip():
            continue
        name_part, sep, raw = line.partition(":")
        if not sep:
            continue
        key, *params = name_part.split(";")
        key = key.split(".")[-1].upper()  # "item1.EMAIL" -> "EMAIL"
        if key == "BEGIN" and raw.strip().upper() == "VCARD":
            card, begin = {}, number
            continue
        if card is None:
            continue
        if key == "END":
            contact = _contact(card, begin)
            if contact is None:
                problems.append(Problem(file, begin, "vCard without a name"))
            else:
                yield contact
            card = None
            continue
        card.setdefault(key, _value(params, raw))
    if card is not None:
        problems.append(Problem(file, begin, "vCard not closed with END:VCARD"))


def _contact(card: dict[str, str], line: int) -> Contact | None:
    parts = [*card.get("N", "").split(";"), "", ""]
    last, first = parts[0].strip(), parts[1].strip()
    if not first and not last:
        full = card.get("FN", "").strip()
        if not full:
            return None
        first, _, last = full.rpartition(" ")
        if not first:
            first, last = last, ""
    since = card.get("X-XING-CONTACT-SINCE") or card.get("X-CONNECTED-SINCE") or ""
    return Contact(
        first,
        last,
        card.get("URL", "").strip(),
        card.get("EMAIL", "").strip(),
        card.get("ORG", "").split(";")[0].strip(),
        card.get("TITLE", "").strip(),
        parse_date(since),
        line,
    )


class XingExport:
    """Streams the contacts of a XING export (vCards and CSV files); it has no messages."""

    source = "xing"

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.problems: list[Problem] = archive.problems

    def contacts(self) -> Iterator[Contact]:
        for base in self.archive.names():
            name = self.archive.members[base]
            if base.endswith(".vcf") or base == "xing-vcf":
                with self.archive.open(base) as raw:
                    yield from read_vcards(iter(text_stream(raw)), name, self.problems)
            elif base.endswith(".csv") or base == "xing-csv":
                yield from self._csv(base, name)

    def _csv(self, base: str, name: str) -> Iterator[Contact]:
        with self.archive.open(base) as raw:
            for row in read_rows(text_stream(raw), name, CONTACTS, self.problems):
                if not row["first_name"] and not row["last_name"]:
                    self.problems.append(Problem(name, row.line, "no name"))
                    continue
                connected = parse_date(row["connected_on"])
                if connected is None and row["connected_on"]:
                    self.problems.append(
                        Problem(name, row.line, f"date not understood: {row['connected_on']!r}")
                    )
                    continue
                yield Contact(
                    row["first_name"],
                    row["last_name"],
                    row["url"],
                    row["email"],
                    row["company"],
                    row["position"],
                    connected,
                    row.line,
                )

    # XING's exports hold contacts only; the report shows what it can.
    def invitations(self) -> Iterator[Invitation]:
        return iter(())

    def messages(self) -> Iterator[Message]:
        return iter(())

    def endorsements(self) -> Iterator[Endorsement]:
        return iter(())

    def recommendations(self) -> Iterator[Recommendation]:
        return iter(())

    def profile(self) -> Profile | None:
        return None

    def positions(self) -> Iterator[Position]:
        return iter(())

    def education(self) -> Iterator[Education]:
        return iter(())

    def skills(self) -> Iterator[str]:
        return iter(())
