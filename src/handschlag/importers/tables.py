"""The base CSV reader: header aliases, a preamble before the header, BOMs, delimiters.

Exports change their headers over the years ("Email Address" or "E-mail Address",
"Company" or "Company Name") and add columns; a reader names the fields it wants with
every spelling it accepts, and ignores the rest. Rows are streamed with the standard
`csv` module (quoted newlines and doubled quotes per RFC 4180), so memory does not
grow with the file. Each row comes with the physical line it starts on, for problems.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from handschlag.importers.records import Problem

__all__ = ["Columns", "Row", "normalise_header", "read_rows", "text_stream"]

#: Rows searched for the header; LinkedIn's "Notes:" preamble takes three.
PREAMBLE_ROWS = 20
#: Bytes looked at to choose the encoding and the delimiter.
_SNIFF = 64 * 1024
csv.field_size_limit(1 << 24)


def normalise_header(cell: str) -> str:
    """Header cells compared without BOM, case, spacing, underscores or punctuation."""
    text = cell.replace("\ufeff", "").casefold().replace("_", " ").replace("-", " ")
    return " ".join(text.replace(":", " ").replace(".", " ").split())


@dataclass(frozen=True, slots=True)
class Columns:
    """The fields a reader wants: field name -> accepted header spellings."""

    aliases: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...] = ()

    def match(self, header: list[str]) -> dict[str, int] | None:
        """Where each wanted field is in this header row, or None when a required one is not."""
        positions = {normalise_header(cell): i for i, cell in reversed(list(enumerate(header)))}
        found: dict[str, int] = {}
        for name, spellings in self.aliases.items():
            for spelling in spellings:
                i = positions.get(normalise_header(spelling))
                if i is not None:
                    found[name] = i
                    break
        if any(name not in found for name in self.required):
            return None
        return found


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    values: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return self.values.get(name, "")


def text_stream(raw: IO[bytes]) -> IO[str]:
    """Decode a byte stream: UTF-8 (with or without BOM), else Windows-1252 (old Excel)."""
    # Any: BufferedReader wants a raw stream; zip members and files are buffered ones.
    buffered: Any = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw, _SNIFF)
    head = buffered.peek(_SNIFF)[:_SNIFF]
    encoding = "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        encoding = "cp1252"
    return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")


def _delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:PREAMBLE_ROWS] if line.strip()]
    best, count = ",", -1
    for candidate in (",", ";", "\t"):
        n = max((line.count(candidate) for line in lines), default=0)
        if n > count:
            best, count = candidate, n
    return best


def read_rows(
    stream: IO[str], file: str, columns: Columns, problems: list[Problem]
) -> Iterator[Row]:
    """Yield the data rows after the header; report a missing header once, as a problem.

    Rows before the header (a preamble) are skipped; empty rows (only delimiters) too.
    """
    sample = stream.read(_SNIFF)
    rest = _chain(sample, stream)
    reader = csv.reader(rest, delimiter=_delimiter(sample), strict=False)
    where: dict[str, int] | None = None
    fields: list[tuple[str, int]] = []
    widest = -1
    last_line = 0
    try:
        for row in reader:
            start, last_line = last_line + 1, reader.line_num
            if where is None:
                where = columns.match(row)
                if where is None and start >= PREAMBLE_ROWS:
                    break
                fields = list(where.items()) if where else []
                widest = max((i for _, i in fields), default=-1)
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > widest:  # the common case: every wanted cell is there
                values = {name: row[i].strip() for name, i in fields}
            else:
                values = {name: row[i].strip() if i < len(row) else "" for name, i in fields}
            yield Row(start, values)
    except csv.Error as exc:
        problems.append(Problem(file, last_line + 1, f"unreadable CSV ({exc}); rest skipped"))
        return
    if where is None:
        wanted = ", ".join(columns.aliases[name][0] for name in columns.required)
        problems.append(Problem(file, 1, f"no header row with the columns {wanted}"))


def _chain(first: str, stream: IO[str]) -> Iterator[str]:
    """Lines of `first` followed by the rest of `stream`, split where csv expects them."""
    tail = io.StringIO(first + stream.readline())
    yield from tail
    yield from stream
