"""Readers of other platforms' export archives (LinkedIn, XING) into neutral records.

Pure Python, no Django: ``read_export(path)`` opens an upload safely and returns an
export whose methods stream contacts, invitations, messages and the owner's profile;
``importers.hygiene.analyse(export)`` turns them into the network hygiene report.

    >>> export = read_export("Basic_LinkedInDataExport.zip")
    >>> for contact in export.contacts(): ...
    >>> export.problems   # unusable rows: file, line, reason
"""

from __future__ import annotations

from pathlib import Path

from handschlag.importers.archive import Archive, open_archive
from handschlag.importers.linkedin import LinkedInExport
from handschlag.importers.records import (
    ArchiveError,
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
from handschlag.importers.xing import XingExport

Export = LinkedInExport | XingExport

__all__ = [
    "Archive",
    "ArchiveError",
    "Contact",
    "Education",
    "Endorsement",
    "Export",
    "Invitation",
    "LinkedInExport",
    "Message",
    "Position",
    "Problem",
    "Profile",
    "Recommendation",
    "XingExport",
    "read_export",
]


def read_export(path: str | Path) -> Export:
    """Open an upload and pick the reader; raise `ArchiveError` for anything unusable."""
    archive = open_archive(path)
    if archive.kind == "linkedin":
        return LinkedInExport(archive)
    return XingExport(archive)
