"""Dates as the exports write them, in every spelling we have seen or can expect.

LinkedIn uses a different format in almost every file of its archive:

- Connections.csv "Connected On": ``21 Nov 2026`` (older exports: ``21-Nov-26``, ``11/21/26``)
- Invitations.csv "Sent At", Recommendations_*.csv "Creation Date": ``11/21/26, 3:04 PM``
- messages.csv "DATE": ``2026-11-21 15:04:58 UTC``
- Endorsement_Received_Info.csv "Endorsement Date": ``2026/11/21 15:04:58 UTC``
- Positions.csv "Started On"/"Finished On": ``Nov 2026`` or ``2026``
- Education.csv "Start Date"/"End Date": ``2026`` (sometimes ``Nov 2026``)

XING writes German dates (``21.11.2026``, ``21.11.26``) and vCards ISO dates
(``2026-11-21``, ``20261121``). A parser tries the format that matched last first, so a
file in one format costs one ``strptime`` per value.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

__all__ = ["parse_date", "parse_datetime", "parse_month"]

_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%y, %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d %H:%M",
)
_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%m/%d/%y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%Y%m%d",
    "%b %d, %Y",
    "%B %d, %Y",
)
_MONTH_FORMATS = ("%b %Y", "%B %Y", "%m/%Y", "%m.%Y", "%Y-%m", "%Y")
_ZONE = re.compile(r"\s*(?:UTC|GMT|Z)$|\s*[+-]00:?00$")
_GERMAN_MONTHS = {
    "januar": "Jan", "jan": "Jan", "februar": "Feb", "feb": "Feb", "märz": "Mar",
    "mär": "Mar", "mrz": "Mar", "april": "Apr", "apr": "Apr", "mai": "May", "juni": "Jun",
    "jun": "Jun", "juli": "Jul", "jul": "Jul", "august": "Aug", "aug": "Aug",
    "september": "Sep", "sep": "Sep", "sept": "Sep", "oktober": "Oct", "okt": "Oct",
    "november": "Nov", "nov": "Nov", "dezember": "Dec", "dez": "Dec",
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_WORD = re.compile(r"[A-Za-zÄÖÜäöü]+\.?")


def _english_months(text: str) -> str:
    def swap(m: re.Match[str]) -> str:
        word = m.group(0).rstrip(".").lower()
        return _GERMAN_MONTHS.get(word, m.group(0))

    return _WORD.sub(swap, text)


class _Parser:
    """Tries formats in order, the last one that worked first."""

    def __init__(self, formats: tuple[str, ...]) -> None:
        self.formats = list(formats)

    def __call__(self, text: str) -> datetime | None:
        for i, fmt in enumerate(self.formats):
            try:
                value = datetime.strptime(text, fmt)  # noqa: DTZ007 (zone handled by callers)
            except ValueError:
                continue
            if i:
                self.formats.insert(0, self.formats.pop(i))
            return value
        return None


_datetimes = _Parser(_DATETIME_FORMATS)
_dates = _Parser(_DATE_FORMATS)
_months = _Parser(_MONTH_FORMATS)


def _clean(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").split())


def parse_datetime(text: str) -> datetime | None:
    """A moment in UTC, or None when the text is empty or in no known format.

    A bare date counts as midnight UTC; exports give no zone except "UTC", so times
    without one are read as UTC too.
    """
    s = _clean(text)
    if not s:
        return None
    s = _ZONE.sub("", s)
    # The C parser first: messages.csv has a hundred thousand ISO stamps, strptime is slow.
    try:
        value: datetime | None = datetime.fromisoformat(
            s.replace("/", "-", 2) if s[4:5] == "/" else s
        )
    except ValueError:
        value = _datetimes(s)
    if value is not None and value.tzinfo is not None:
        return value.astimezone(UTC)
    if value is None:
        day = parse_date(s)
        if day is None:
            return None
        value = datetime(day.year, day.month, day.day)  # noqa: DTZ001 (zone set below)
    return value.replace(tzinfo=UTC)


def parse_date(text: str) -> date | None:
    """A calendar day, or None when the text is empty or in no known format."""
    s = _clean(text)
    if not s:
        return None
    m = _DAY_MONTH_YEAR.fullmatch(s)  # Connections.csv: "21 Nov 2026", without strptime
    if m and m.group(2).lower() in _MONTHS:
        try:
            return date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            return None
    value = _dates(s) or _dates(_english_months(s))
    if value is None:
        s = _ZONE.sub("", s)
        stamp = _datetimes(s)
        return stamp.date() if stamp is not None else None
    if value.year < 100:
        return None
    return value.date()


def parse_month(text: str) -> date | None:
    """The first day of the month of "Nov 2026", "11/2026", "2026", or of a full date."""
    s = _clean(text)
    if not s:
        return None
    value = _months(s) or _months(_english_months(s))
    if value is not None:
        return value.date()
    day = parse_date(s)
    return None if day is None else day.replace(day=1)
