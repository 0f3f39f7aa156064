"""How long the demo network takes to generate at a stated scale, and how much memory.

    python bench/demo_bench.py                      # 1,000,000 members, fresh SQLite file
    python bench/demo_bench.py --members 100000
    DATABASE_URL=postgres://… python bench/demo_bench.py --members 100000

Without ``DATABASE_URL`` the network goes into a new SQLite file in a temporary
directory, removed afterwards (``--keep`` keeps it). With ``DATABASE_URL`` the database
must be empty: the benchmark migrates it and runs ``handschlag demo`` into it. Prints
wall time, rows per second and peak memory (``ru_maxrss``); asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path


def main() -> int:
    """Run the demo command once at the requested scale and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite file")
    args = parser.parse_args()

    workdir = None
    if not os.environ.get("DATABASE_URL"):
        workdir = Path(tempfile.mkdtemp(prefix="handschlag-demo-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'demo.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handschlag.config.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from handschlag.demo.generator import count_rows

    call_command("migrate", verbosity=0)
    options: dict[str, object] = {"members": args.members}
    if args.seed is not None:
        options["seed"] = args.seed

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"members:  {args.members:,}")
    started = time.perf_counter()
    log = StringIO()
    call_command("demo", stdout=log, **options)
    wall = time.perf_counter() - started
    output = log.getvalue()
    if "nothing was changed" in output:
        print("the database already had members; nothing was generated", file=sys.stderr)
        return 1

    counts = count_rows()
    rows = sum(counts.values())
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for table, count in counts.items():
        print(f"  {table:<28} {count:>12,}")
    print(f"rows:     {rows:,}")
    print(f"wall:     {wall:,.1f} s ({wall / 60:.1f} min)")
    print(f"rate:     {rows / wall:,.0f} rows/s, {args.members / wall:,.0f} members/s")
    print(f"peak RSS: {peak_kib / 1024:,.0f} MiB")
    if workdir is not None:
        database = workdir / "demo.sqlite3"
        print(f"file:     {database.stat().st_size / 2**20:,.0f} MiB")
        if args.keep:
            print(f"kept:     {database}")
        else:
            connection.close()
            shutil.rmtree(workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
