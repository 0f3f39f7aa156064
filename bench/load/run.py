"""The load test: gunicorn (+ Redis, a Celery worker) against a database at a stated scale,
locust headless at increasing user counts. ``make load`` runs the small default.

    python bench/load/run.py                                  # generates 5,000 members
    python bench/load/run.py --members 20000 --users 10,20,40
    python bench/load/run.py --database-url postgres://handschlag@127.0.0.1:55499/handschlag \\
        --pg-data /work/bigpg/data --users 10,20,40 --duration 60
    python bench/load/run.py … --users 20 --restart-postgres-at 30

Without ``--database-url`` a throwaway PostgreSQL cluster is started (as
``scripts/prod_check.py`` does) and ``handschlag demo --members N`` fills it. With it, an
existing database is migrated and used as it is.

Before the run, ``--load-members`` members (a fixed sample of those with a profile) get
a known password (one UPDATE, one argon2 hash) and one API token each (bulk insert, name
"load test"); locust's users log in as them (``bench/load/locustfile.py``).

Prints, per user count: requests/s, p50/p99 per endpoint, failures, the refusals the rules
gave (409/429), and the load average; then the highest rate with zero errors.

``--restart-postgres-at S`` restarts the PostgreSQL server (``pg_ctl restart -m fast`` as
the ``postgres`` user, needs ``--pg-data`` for an existing database) S seconds into each
run, and afterwards checks that every write that was answered with 2xx is in the database
(contact requests, accepts, declines, messages): "lost writes" must be 0.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).resolve().parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "scripts"))
from prod_check import Stack, port_open, wait_for  # noqa: E402

PASSWORD = "last-test-passwort-2026"  # noqa: S105 (set on the sample members only)
TOKEN_NAME = "load test"  # noqa: S105


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="use this database instead of generating one")
    parser.add_argument("--pg-data", help="its data folder (for --restart-postgres-at)")
    parser.add_argument("--members", type=int, default=5000, help="members to generate")
    parser.add_argument("--load-members", type=int, default=1000, help="members users log in as")
    parser.add_argument("--users", default="5,10,20,40", help="user counts, one run each")
    parser.add_argument("--spawn-rate", type=float, default=5.0, help="users started per second")
    parser.add_argument("--duration", type=int, default=60, help="seconds per run")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--restart-postgres-at", type=float, help="restart PostgreSQL then")
    parser.add_argument("--no-migrate", action="store_true", help="the database is migrated")
    parser.add_argument(
        "--steady",
        action="store_true",
        help="measure from when every user is logged in (locust --reset-stats): no ramp",
    )
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "load"), help="CSV here")
    return parser.parse_args()


### Preparing the database ###


def prepare_members(count: int, out: Path) -> tuple[Path, int]:
    """A known password and a fresh token for a fixed sample of members with a profile."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handschlag.config.settings")

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from handschlag.accounts.models import Member
    from handschlag.api.models import PersonalToken

    with connection.cursor() as cursor:
        cursor.execute("select max(id) from accounts_member")
        top = cursor.fetchone()[0]
        # Every n-th member with a profile, from the whole id range: a fixed, spread sample.
        step = max(1, top // (count * 2))
        cursor.execute(
            "select m.id, m.email from accounts_member m join profiles_profile p"
            " on p.member_id = m.id where m.is_active and m.id %% %s = %s"
            " order by m.id limit %s",
            [step, 7 % step, count],
        )
        rows = cursor.fetchall()
    if not rows:
        sys.exit("no active member with a profile to log in as: generate a network first")
    now = timezone.now()
    members = []
    with transaction.atomic():
        Member.objects.filter(pk__in=[r[0] for r in rows]).update(password=make_password(PASSWORD))
        PersonalToken.objects.filter(name=TOKEN_NAME).delete()
        tokens = []
        for member_id, email in rows:
            secret = "hs_" + secrets.token_urlsafe(32)
            members.append({"id": member_id, "email": email, "token": secret})
            tokens.append(
                PersonalToken(
                    member_id=member_id,
                    name=TOKEN_NAME,
                    prefix=secret[:9],
                    secret_hash=hashlib.sha256(secret.encode()).hexdigest(),
                    created_at=now,
                    expires_at=now + timezone.timedelta(days=7),
                )
            )
        PersonalToken.objects.bulk_create(tokens, batch_size=1000)
    path = out / "members.json"
    path.write_text(json.dumps(members), encoding="utf-8")
    connection.close()
    return path, top


### Checking the writes ###

CHECKS = {
    "request": "select id from network_contactrequest where id = any(%s)",
    "accepted": "select id from network_contactrequest where id = any(%s) and status = 'accepted'",
    "declined": "select id from network_contactrequest where id = any(%s) and status = 'declined'",
    "message": "select id from messaging_message where id = any(%s)",
}


def lost_writes(log: Path) -> dict[str, tuple[int, int]]:
    """For each kind of write: (answered with 2xx, missing from the database)."""
    from django.db import connection

    logged: dict[str, set[int]] = {kind: set() for kind in CHECKS}
    for line in log.read_text(encoding="utf-8").splitlines():
        kind, _, object_id = line.partition(" ")
        logged[kind].add(int(object_id))
    result = {}
    with connection.cursor() as cursor:
        for kind, sql in CHECKS.items():
            ids = sorted(logged[kind])
            cursor.execute(sql, [ids])
            found = {row[0] for row in cursor.fetchall()}
            result[kind] = (len(ids), len(set(ids) - found))
    connection.close()
    return result


### One locust run ###


def restart_postgres(stack: Stack, data: str, after: float, marks: list[str]) -> None:
    time.sleep(after)
    pg_ctl = stack.pg_bin / "pg_ctl"
    owner = pwd.getpwuid(os.stat(data).st_uid).pw_name
    as_owner = ["runuser", "-u", owner, "--"] if os.geteuid() == 0 and owner != "root" else []
    started = time.monotonic()
    # The restarted server writes to a log file: an inherited pipe would never close.
    log = str(Path(data).parent / "server.log")
    done = subprocess.run(  # noqa: S603
        [*as_owner, str(pg_ctl), "-D", data, "-l", log, "-m", "fast", "-w", "restart"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    marks.append(
        f"PostgreSQL restarted at {after:.0f} s: pg_ctl exit {done.returncode}, "
        f"{time.monotonic() - started:.1f} s down"
    )


def warm_up(stack: Stack, workers: int) -> None:
    """Each worker's first requests load templates and the engine: not what is measured."""
    import urllib.request

    for _ in range(3 * workers):
        request = urllib.request.Request(
            f"http://127.0.0.1:{stack.web_port}/accounts/login/",
            headers={"X-Forwarded-Proto": "https"},
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
                status = answer.status
        except OSError as error:
            status = str(error)
        print(f"   warm-up: login page {status} in {time.monotonic() - started:.2f} s")


def run_locust(
    stack: Stack, args: argparse.Namespace, users: int, members: Path, top: int, out: Path
) -> dict[str, object]:
    prefix = out / f"u{users}"
    write_log = out / f"u{users}-writes.txt"
    write_log.write_text("", encoding="utf-8")
    env = {
        **stack.env,
        "LOAD_MEMBERS": str(members),
        "LOAD_TOP_MEMBER_ID": str(top),
        "LOAD_PASSWORD": PASSWORD,
        "LOAD_USERS": str(users),
        "LOAD_WRITE_LOG": str(write_log),
        "LOAD_OUTCOMES": str(out / f"u{users}-outcomes.json"),
    }
    marks: list[str] = []
    restarter = None
    if args.restart_postgres_at is not None:
        data = args.pg_data or str(stack.pg_data)
        restarter = threading.Thread(
            target=restart_postgres, args=(stack, data, args.restart_postgres_at, marks)
        )
    load_before = os.getloadavg()
    command = [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless"]
    command += ["-u", str(users), "-r", str(args.spawn_rate), "-t", f"{args.duration}s"]
    command += ["--csv", str(prefix), "--host", f"http://127.0.0.1:{stack.web_port}"]
    command += ["--only-summary", "--stop-timeout", "10", "--exit-code-on-error", "0"]
    if args.steady:
        command += ["--reset-stats"]
    with (out / f"u{users}-locust.log").open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        if restarter:
            restarter.start()
        process.wait()
    if restarter:
        restarter.join()
    load_after = os.getloadavg()
    rows = list(csv.DictReader((out / f"u{users}_stats.csv").open(encoding="utf-8")))
    outcomes_path = out / f"u{users}-outcomes.json"
    outcomes = json.loads(outcomes_path.read_text()) if outcomes_path.exists() else {}
    return {
        "users": users,
        "rows": rows,
        "outcomes": outcomes,
        "marks": marks,
        "load": (load_before, load_after),
        "write_log": write_log,
    }


def report(result: dict[str, object]) -> float:
    rows: list[dict[str, str]] = result["rows"]  # type: ignore[assignment]
    print(
        f"\n== {result['users']} users  (load average before {result['load'][0][0]:.2f}, "  # type: ignore[index]
        f"after {result['load'][1][0]:.2f}, 1 min)"
    )  # type: ignore[index]
    for mark in result["marks"]:  # type: ignore[attr-defined]
        print(f"   {mark}")
    print(
        f"   {'endpoint':<30} {'requests':>8} {'fail':>5} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}"
    )
    total_rate = 0.0
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(
            f"   {(row['Type'] + ' ' + name).strip()[:30]:<30} {row['Request Count']:>8} "
            f"{row['Failure Count']:>5} {float(row['Requests/s']):7.1f} "
            f"{row['50%']:>7} {row['99%']:>7}"
        )
        if row["Name"] == "Aggregated":
            total_rate = float(row["Requests/s"])
            result["failures"] = int(row["Failure Count"])
    refusals = {
        k: v
        for k, v in result["outcomes"].items()
        if k.endswith((": 403", ": 404", ": 409", ": 429"))
    }  # type: ignore[attr-defined]
    if refusals:
        print(f"   refusals by the rules (not errors): {refusals}")
    return total_rate


def main() -> int:
    args = arguments()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stack = Stack()
    summary: list[tuple[int, float, int]] = []
    lost_total = 0
    try:
        stack.configure()
        stack.env["WEB_CONCURRENCY"] = str(args.workers)
        # The access log of thousands of requests would only cost the measured CPU.
        stack.env["GUNICORN_ACCESS_LOG"] = "/dev/null"
        # Collected once and kept: later runs copy and compress only what changed.
        stack.env["STATIC_ROOT"] = str(ROOT / "test-artifacts" / "load-static")
        if args.database_url:
            stack.env["DATABASE_URL"] = args.database_url
        else:
            stack.start_postgres()
        os.environ.update(stack.env)
        stack.start_redis()
        if not args.no_migrate:
            stack.manage("migrate", "--noinput")
        if not args.database_url:
            print(f"generating {args.members:,} members …", flush=True)
            stack.manage(
                "demo",
                "--members",
                str(args.members),
                "--connections-per-member",
                "10",
                "--no-traffic",
            )
        stack.manage("collectstatic", "--noinput")
        members, top = prepare_members(args.load_members, out)
        print(
            f"{len(json.loads(members.read_text()))} load members (password, token) of "
            f"ids up to {top:,}",
            flush=True,
        )
        stack.spawn("gunicorn", [str(BIN / "gunicorn"), "-c", "python:handschlag.config.gunicorn"])
        stack.spawn(
            "celery-worker",
            [
                str(BIN / "celery"),
                "-A",
                "handschlag.config.celery",
                "worker",
                "--concurrency=1",
                "--loglevel=WARNING",
            ],
        )
        wait_for("gunicorn", lambda: port_open(stack.web_port), seconds=60)
        print(
            f"gunicorn -w {args.workers} on 127.0.0.1:{stack.web_port}; "
            f"{os.cpu_count()} cores; locust {args.duration} s per run",
            flush=True,
        )
        warm_up(stack, args.workers)
        for users in [int(u) for u in args.users.split(",")]:
            result = run_locust(stack, args, users, members, top, out)
            rate = report(result)
            summary.append((users, rate, int(result.get("failures", 0))))  # type: ignore[call-overload]
            checked = lost_writes(result["write_log"])  # type: ignore[arg-type]
            lost = sum(missing for _n, missing in checked.values())
            lost_total += lost
            described = ", ".join(f"{k} {n} ({m} lost)" for k, (n, m) in checked.items())
            print(f"   writes answered 2xx: {described}  → lost writes: {lost}")
        clean = [rate for _users, rate, failures in summary if failures == 0]
        print(
            "\nsummary: "
            + "; ".join(f"{u} users {r:.1f} req/s, {f} failures" for u, r, f in summary)
        )
        print(
            f"highest rate with zero errors: {max(clean):.1f} req/s"
            if clean
            else "no run without errors"
        )
        print(f"lost writes: {lost_total}")
    finally:
        stack.stop()
        for log in stack.root.glob("*.log"):
            shutil.copy(log, out / f"server-{log.name}")
        stack.remove()
    return 1 if lost_total else 0


if __name__ == "__main__":
    sys.exit(main())
