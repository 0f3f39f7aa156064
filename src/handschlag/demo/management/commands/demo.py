"""``handschlag demo``: seed the demo network once, then print how to log in."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from handschlag.accounts.models import Member
from handschlag.demo.generator import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_MEMBERS,
    DEFAULT_SEED,
    DemoNetwork,
)
from handschlag.demo.personas import DEMO_MEMBER, DEMO_PASSWORD, DEMO_URL, HOST, PERSONAS


class Command(BaseCommand):
    """Generate the seeded demo network into an empty database; otherwise leave it alone."""

    help = (
        "Seed a deterministic demo network (Faker de_DE/en_GB crowd plus named personas) "
        "and print the demo login. Runs only on a database without members: if members "
        "exist, it changes nothing and prints the login again, so `make demo` is safe to "
        "repeat. To generate anew, start from an empty database (delete the SQLite file, "
        "or run `handschlag flush`) and run it again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Scale, seed and reference day of the network."""
        parser.add_argument(
            "--members",
            type=int,
            default=DEFAULT_MEMBERS,
            help=f"members of the crowd besides the personas (default {DEFAULT_MEMBERS:,})",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"the same seed gives the same network (default {DEFAULT_SEED})",
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            metavar="YYYY-MM-DD",
            help="the day the network is generated for; dates never lie after it (default: today)",
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=DEFAULT_CHUNK_SIZE,
            help=f"members written per transaction (default {DEFAULT_CHUNK_SIZE:,})",
        )
        parser.add_argument(
            "--connections-per-member",
            type=float,
            default=None,
            metavar="N",
            help=(
                "connections each crowd member opens on average, two rows each "
                "(default: a sparse 0-5; the benchmark network uses 20)"
            ),
        )
        parser.add_argument(
            "--no-traffic",
            action="store_true",
            help="skip the personas' contact requests (benchmarks send their own)",
        )

    def handle(self, *args: Any, **options: Any) -> None:  # Any: Django's signature
        """Generate the network unless members exist, then print the logins."""
        existing = Member.objects.count()
        if existing:
            if not Member.objects.filter(email=DEMO_MEMBER.email).exists():
                self.stdout.write(
                    f"The database already has {existing:,} members and no demo login; "
                    "nothing was changed."
                )
                return
            self.stdout.write(
                f"The database already has {existing:,} members; the demo network is in "
                "place, nothing was changed."
            )
        else:
            if options["members"] < 0:
                self.stderr.write("--members must not be negative.")
                return
            network = DemoNetwork(
                members=options["members"],
                seed=options["seed"],
                as_of=options["as_of"],
                chunk_size=max(1, options["chunk_size"]),
                connections_per_member=options["connections_per_member"],
                traffic=not options["no_traffic"],
                progress=self.stdout.write,
            )
            counts = network.run()
            self.stdout.write("")
            self.stdout.write("Rows per table:")
            for table, count in counts.items():
                self.stdout.write(f"  {table:<28} {count:>12,}")
        self._print_logins()

    def _print_logins(self) -> None:
        style = self.style.SUCCESS
        self.stdout.write("")
        self.stdout.write(style(f"Handschlag demo: {DEMO_URL}"))
        self.stdout.write(f"  Demo login:  email {DEMO_MEMBER.email}  password {DEMO_PASSWORD}")
        self.stdout.write(f"  Host (admin): email {HOST.email}  password {DEMO_PASSWORD}")
        self.stdout.write(f"  Admin: {DEMO_URL}/admin/")
        others = [p for p in PERSONAS if p not in (DEMO_MEMBER, HOST)]
        self.stdout.write("  Other personas (same password):")
        for persona in others:
            self.stdout.write(f"    {persona.email:<36} {persona.full_name}, {persona.role}")
