"""A member's card as vCard 3.0 (RFC 2426), with only the details the viewer may see.

Written by hand in one small function: no vCard library is installed and the format
needs only escaping (RFC 2426 section 4: backslash, comma, semicolon, newline) and line
folding at 75 octets (RFC 2425 section 5.8.1).
"""

from __future__ import annotations

from handschlag.profiles.models import Profile
from handschlag.profiles.privacy import ContactDetails


def _escape(value: str) -> str:
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a character."""
    chunks: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        limit = 75 if not chunks else 74  # continuation lines start with a space
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
        current += char
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)


def render_vcard(profile: Profile, contact: ContactDetails, *, profile_url: str) -> str:
    """The vCard text: name, headline, location, profile link and the allowed details."""
    name = profile.full_name.strip()
    # "Given Family" on the profile (a guess for N; FN carries the name as written).
    given, _space, family = name.rpartition(" ")
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escape(family)};{_escape(given)};;;",
        f"FN:{_escape(name)}",
    ]
    if profile.headline:
        lines.append(f"TITLE:{_escape(profile.headline)}")
    if profile.location:
        lines.append(f"ADR;TYPE=WORK:;;;{_escape(profile.location)};;;")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(contact.email)}")
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(contact.phone)}")
    lines += [f"URL:{profile_url}", "END:VCARD"]  # a URI, not text: no escaping
    return "".join(_fold(line) + "\r\n" for line in lines)
