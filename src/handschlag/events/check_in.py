"""The check-in code of a meetup: derived, never stored.

The code is an HMAC of the meetup's id under the site's secret key (Django's
``salted_hmac`` with a purpose of its own), written in Crockford's base 32: six
characters, about a billion possibilities. Deriving rather than storing it means
there is no column to leak through the admin, an export or a database copy, and the
organiser's page and the check-in form always agree without a write. It is only
accepted inside the check-in window (an hour before the start to two hours after the
end) and only five wrong tries per member and hour are evaluated (``services``), so
guessing is hopeless. Rotating ``SECRET_KEY`` changes every code, which is harmless
outside a running meetup.
"""

from __future__ import annotations

from django.utils.crypto import constant_time_compare, salted_hmac

#: Crockford's base 32: digits and letters without I, L, O and U.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 6
_PURPOSE = "handschlag.events.check_in"
#: Letters people type for digits they read (Crockford's decoding rules).
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_in_code(meetup_id: int) -> str:
    """The meetup's code, six characters without separators."""
    digest = int.from_bytes(salted_hmac(_PURPOSE, str(meetup_id), algorithm="sha256").digest())
    chars = []
    for _position in range(CODE_LENGTH):
        digest, index = divmod(digest, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def display_code(meetup_id: int) -> str:
    """The code as the organiser reads it out: ``ABC-123``."""
    code = check_in_code(meetup_id)
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def normalise_code(typed: str) -> str:
    """What the member typed, without spaces and dashes, upper-case, O read as 0."""
    return "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_READ_AS)


def is_right_code(meetup_id: int, typed: str) -> bool:
    """Whether the typed text is the meetup's code (compared in constant time)."""
    return constant_time_compare(normalise_code(typed), check_in_code(meetup_id))
