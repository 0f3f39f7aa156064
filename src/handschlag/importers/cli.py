"""``handschlag hygiene ARCHIVE --out report.html [--lang de|en]`` without Django."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handschlag.importers import ArchiveError, read_export
from handschlag.importers.hygiene import analyse
from handschlag.importers.report import render_document, write_actions_csv
from handschlag.trust import Level, Preferences

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handschlag hygiene",
        description="Analyse a LinkedIn or XING export and write the network hygiene report.",
    )
    parser.add_argument(
        "archive", type=Path, help="the export: a LinkedIn zip, a XING .vcf or .csv"
    )
    parser.add_argument("--out", type=Path, required=True, help="where to write the HTML report")
    parser.add_argument("--lang", choices=("de", "en"), default="en", help="report language")
    parser.add_argument("--csv", type=Path, help="also write the per-contact actions as CSV")
    prefs = parser.add_argument_group("job preferences (for recruiter messages)")
    prefs.add_argument("--min-salary", type=int, help="minimum yearly salary")
    prefs.add_argument("--currency", default="EUR")
    prefs.add_argument(
        "--levels", default="", help="accepted levels, comma-separated: " + ",".join(Level)
    )
    prefs.add_argument("--locations", default="", help="accepted places, comma-separated")
    prefs.add_argument("--remote-only", action="store_true")
    return parser


def _preferences(args: argparse.Namespace) -> Preferences | None:
    levels = tuple(v.strip() for v in args.levels.split(",") if v.strip())
    locations = tuple(v.strip() for v in args.locations.split(",") if v.strip())
    if args.min_salary is None and not levels and not locations and not args.remote_only:
        return None
    return Preferences(
        min_salary=args.min_salary, currency=args.currency, levels=levels,
        locations=locations, remote_only=args.remote_only,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run the analysis; return 0, or 2 with one line on stderr when the upload is unusable."""
    args = _parser().parse_args(argv)
    try:
        export = read_export(args.archive)
        report = analyse(export, preferences=_preferences(args))
    except ArchiveError as exc:
        print(f"{args.archive}: {exc.message}", file=sys.stderr)
        return 2
    except FileNotFoundError:
        print(f"{args.archive}: no such file", file=sys.stderr)
        return 2
    csv_url = ""
    if args.csv:
        with args.csv.open("w", encoding="utf-8", newline="") as out:
            write_actions_csv(report, out, args.lang)
        csv_url = args.csv.name
    args.out.write_text(render_document(report, args.lang, csv_url=csv_url), encoding="utf-8")
    print(
        f"{args.out}: {report.contacts} contacts, {report.count('remove')} to remove, "
        f"{report.count('check')} to check, {len(report.problems)} unreadable rows"
    )
    return 0
