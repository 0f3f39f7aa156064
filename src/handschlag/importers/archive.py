"""Open an uploaded export safely and tell LinkedIn from XING.

An upload is untrusted (SECURITY.md, uploads): it may not be a zip at all, be a broken
zip, a zip bomb (a few kilobytes that inflate to gigabytes), or carry member names like
``../../etc/passwd``. So:

- anything that is neither a zip nor a XING vCard/CSV is refused with one `ArchiveError`;
- a zip whose directory cannot be read is refused with one `ArchiveError`;
- the declared uncompressed sizes are checked against `MAX_MEMBER_BYTES` and
  `MAX_TOTAL_BYTES` before anything is inflated, and every member stream counts the bytes
  it really produces and stops at its cap (declared sizes can lie);
- members with absolute paths or ``..`` components are never read (and nothing is ever
  extracted to disk: members are streamed straight into the CSV reader).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from handschlag.importers.records import ArchiveError, Problem

__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_TOTAL_BYTES",
    "Archive",
    "open_archive",
]

#: No CSV of a personal export comes near this; a bigger member is a bomb or not an export.
MAX_MEMBER_BYTES = 512 * 1024 * 1024
#: All members together, uncompressed.
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
#: LinkedIn's complete archive has about 60 files; thousands of members mean something else.
MAX_MEMBERS = 5000
#: Inflated bytes per compressed byte beyond which a member is treated as a bomb
#: (CSV text compresses 5-15 times; bombs reach 1000 and more).
MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024  # small members may compress extremely well (empty columns)

Kind = str  # "linkedin" | "xing"


class _Capped(io.RawIOBase):
    """A read-only stream that refuses to produce more than `limit` bytes."""

    def __init__(self, inner: IO[bytes], limit: int, name: str) -> None:
        self.inner = inner
        self.left = limit
        self.name_ = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(min(len(buffer), self.left + 1))
        if len(data) > self.left:
            raise ArchiveError("too_large", f"{self.name_} inflates beyond the allowed size")
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return not (path.is_absolute() or ".." in path.parts or (name[1:3] == ":/"))


@dataclass
class Archive:
    """An opened export: its kind and its readable members by lower-case base name."""

    kind: Kind
    members: dict[str, str] = field(default_factory=dict)  # basename.lower() -> member name
    problems: list[Problem] = field(default_factory=list)
    _zip: zipfile.ZipFile | None = None
    _path: Path | None = None

    def has(self, basename: str) -> bool:
        return basename.lower() in self.members

    def names(self) -> list[str]:
        return sorted(self.members)

    def size(self, basename: str) -> int:
        """The declared uncompressed size of a member (0 when missing)."""
        if not self.has(basename):
            return 0
        if self._zip is None:
            return self._path.stat().st_size if self._path else 0
        return self._zip.getinfo(self.members[basename.lower()]).file_size

    @contextmanager
    def open(self, basename: str) -> Iterator[IO[bytes]]:
        """A byte stream of the member (or of the plain file), capped in size."""
        if self._zip is None:
            assert self._path is not None  # noqa: S101 (set by open_archive)
            with self._path.open("rb") as raw:
                yield raw
            return
        info = self._zip.getinfo(self.members[basename.lower()])
        try:
            with self._zip.open(info) as inner:
                yield io.BufferedReader(
                    _Capped(inner, min(info.file_size, MAX_MEMBER_BYTES), info.filename)
                )
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise ArchiveError("broken", f"{info.filename} is damaged ({exc})") from exc

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


LINKEDIN_FILES = frozenset(
    {
        "connections.csv",
        "invitations.csv",
        "messages.csv",
        "profile.csv",
        "positions.csv",
        "education.csv",
        "skills.csv",
        "recommendations_received.csv",
        "recommendations_given.csv",
        "endorsement_received_info.csv",
    }
)


def _sniff_plain(path: Path) -> Kind | None:
    with path.open("rb") as raw:
        head = raw.read(4096).lstrip(b"\xef\xbb\xbf").lstrip()
    if head[:11].upper() == b"BEGIN:VCARD":
        return "xing-vcf"
    text = head.decode("utf-8", errors="replace").casefold()
    first = text.splitlines()[0] if text else ""
    if ("vorname" in first or "first name" in first) and (
        "nachname" in first or "last name" in first
    ):
        return "xing-csv"
    return None


def open_archive(path: str | Path) -> Archive:
    """Open a LinkedIn zip, a zip with XING files, or a XING .vcf/.csv; refuse anything else."""
    path = Path(path)
    if not zipfile.is_zipfile(path):
        with path.open("rb") as raw:
            magic = raw.read(4)
        if magic.startswith(b"PK"):
            raise ArchiveError("broken", "The file is a damaged zip archive.")
        kind = _sniff_plain(path)
        if kind is None:
            raise ArchiveError(
                "not_archive",
                "This is not a LinkedIn or XING export (a zip archive, a vCard or a CSV file).",
            )
        return Archive(kind, {kind: path.name}, _path=path)
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ArchiveError("broken", "The file is a damaged zip archive.") from exc
    try:
        return _index(zf, infos)
    except ArchiveError:
        zf.close()
        raise


def _index(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> Archive:
    if len(infos) > MAX_MEMBERS:
        raise ArchiveError("too_large", "The archive holds too many files to be an export.")
    total = 0
    archive = Archive("linkedin", _zip=zf)
    vcards: list[str] = []
    for info in infos:
        if info.is_dir():
            continue
        if not _safe_name(info.filename):
            archive.problems.append(
                Problem(info.filename, 0, "unsafe path in the archive; ignored")
            )
            continue
        if info.flag_bits & 0x1:
            raise ArchiveError(
                "encrypted", "The archive is encrypted; please upload it unencrypted."
            )
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise ArchiveError("too_large", "The archive unpacks to more than we accept.")
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise ArchiveError("too_large", "The archive looks like a zip bomb.")
        base = PurePosixPath(info.filename.replace("\\", "/")).name.lower()
        if base.endswith(".vcf"):
            vcards.append(info.filename)
        archive.members.setdefault(base, info.filename)
    if LINKEDIN_FILES & archive.members.keys():
        return archive
    if vcards:
        archive.kind = "xing"
        return archive
    if any(name.endswith(".csv") for name in archive.members):
        archive.kind = "xing"
        return archive
    raise ArchiveError("not_archive", "The zip archive holds no LinkedIn or XING export files.")
