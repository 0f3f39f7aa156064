"""Contact requests, mutual contacts and the inbox page at network scale, on PostgreSQL.

    python bench/network_bench.py                      # 1,000,000 members, 20M connections
    python bench/network_bench.py --members 100000     # 100,000 members, 2M connections
    DATABASE_URL=postgres://… python bench/network_bench.py --members 100000

Without ``DATABASE_URL`` the benchmark starts a throwaway PostgreSQL cluster
(``scripts/with_postgres.py``) and removes it afterwards. With ``DATABASE_URL`` an empty
database is migrated and filled; a database that already holds a demo network is reused
as it is (so a large network is generated once and measured many times).

Measures, and prints (asserts nothing):

1. the demo network's generation (``handschlag demo --connections-per-member``, no
   contact requests): wall time and peak RSS;
2. ``send_contact_request`` p50/p99 over ``--sends`` sends by different crowd members
   (facts gathering, engine and write, each in its own transaction); every 25th goes to
   the demo login, so her inbox has pages to show;
3. the mutual-contact count p50/p99 over ``--pairs`` pairs, half of them two hops apart;
4. "people you may know" for ``--pairs / 5`` random members, computed and from the cache;
5. with ``gunicorn -w 2`` on loopback and ``wrk`` as the demo login: the inbox page, a
   bare Django view rendering a 20-row template (``bench/bench_urls.py``) and the
   "people you may know" page, each p50/p99 and requests per second.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = Path(sys.executable).parent

NOTES = (
    "Hallo, wir haben uns beim Meetup in {city} über {skill} unterhalten. Gern bleiben wir "
    "in Kontakt!",
    "Hallo, ich arbeite auch mit {skill} und würde mich gern über Erfahrungen austauschen.",
    "Hallo, Ihr Profil ist mir aufgefallen. Ich würde mich über eine Vernetzung freuen.",
    "Guten Tag, wie telefonisch besprochen sende ich Ihnen unsere kostenlose Demo: "
    "https://calendly.com/beispiel/30min",
    "",
)
INTENTS = ("met", "shared_interest", "other", "business", "other")


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(name: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"  {name:<34} n={len(ms):>5}  p50 {percentile(ms, 0.5):7.2f} ms  "
        f"p99 {percentile(ms, 0.99):7.2f} ms  max {max(ms):7.2f} ms  "
        f"mean {statistics.fmean(ms):6.2f} ms"
    )


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


### 1. The network ###


def ensure_network(members: int, per_member: float) -> None:
    from django.core.management import call_command

    from handschlag.accounts.models import Member
    from handschlag.demo.generator import count_rows

    call_command("migrate", verbosity=0)
    if Member.objects.exists():
        print(f"reusing the network in the database ({Member.objects.count():,} members)")
        return
    print(f"generating {members:,} members, {per_member:g} connections each …", flush=True)
    started = time.perf_counter()
    log = StringIO()
    call_command(
        "demo",
        members=members,
        connections_per_member=per_member,
        no_traffic=True,
        stdout=log,
    )
    wall = time.perf_counter() - started
    counts = count_rows()
    for line in log.getvalue().splitlines():
        if "done in" in line or "generated" in line:
            print(f"  {line.strip()}")
    print(f"  connection rows {counts['network_connection']:,}, all rows {sum(counts.values()):,}")
    print(f"  wall {wall:,.1f} s ({wall / 60:.1f} min), peak RSS {peak_rss_mib():,.0f} MiB")


### 2. Sending ###


def bench_sends(sends: int, rng: random.Random) -> None:
    from handschlag.accounts.models import Member
    from handschlag.core.errors import HandschlagError
    from handschlag.demo.personas import DEMO_MEMBER
    from handschlag.network.services import send_contact_request

    lena = Member.objects.get(email=DEMO_MEMBER.email)
    crowd = Member.objects.filter(email__endswith=".example").exclude(
        email__endswith="@handschlag.example"
    )
    low, high = (
        crowd.order_by("id").values_list("id", flat=True)[0],
        crowd.order_by("-id").values_list("id", flat=True)[0],
    )
    senders = rng.sample(range(low, high + 1), sends)
    timings: list[float] = []
    refusals: dict[str, int] = {}
    labels: dict[str, int] = {}
    for number, sender_id in enumerate(senders):
        sender = Member.objects.get(pk=sender_id)
        recipient = lena if number % 25 == 0 else Member(pk=rng.randint(low, high))
        if recipient.pk == sender.pk:
            continue
        if recipient is not lena:
            recipient = Member.objects.get(pk=recipient.pk)
        shape = rng.randrange(len(NOTES))
        note = NOTES[shape].format(city="Freiburg", skill="Django")
        started = time.perf_counter()
        try:
            request = send_contact_request(
                sender, recipient=recipient, note=note, intent=INTENTS[shape]
            )
        except HandschlagError as refusal:
            kind = type(refusal).__name__
            refusals[kind] = refusals.get(kind, 0) + 1
            continue
        timings.append(time.perf_counter() - started)
        labels[request.label] = labels.get(request.label, 0) + 1
    report("send_contact_request", timings[1:])  # the first one loads the engine
    print(f"    labels {labels}  refused {refusals or 'none'}")


### 3. Mutual contacts ###


def bench_mutual(pairs: int, rng: random.Random) -> None:
    from django.db import connection

    from handschlag.network.cases import mutual_contact_count

    with connection.cursor() as cursor:
        cursor.execute("SELECT min(owner_id), max(owner_id) FROM network_connection")
        low, high = cursor.fetchone()

    def two_hops() -> tuple[int, int]:
        # a → c → b: a pair with something in common, as suggestions and requests meet them.
        with connection.cursor() as cursor:
            a = rng.randint(low, high)
            cursor.execute("SELECT contact_id FROM network_connection WHERE owner_id = %s", [a])
            firsts = [row[0] for row in cursor.fetchall()] or [rng.randint(low, high)]
            c = rng.choice(firsts)
            cursor.execute("SELECT contact_id FROM network_connection WHERE owner_id = %s", [c])
            seconds = [row[0] for row in cursor.fetchall() if row[0] != a] or [
                rng.randint(low, high)
            ]
            return a, rng.choice(seconds)

    chosen = [
        two_hops() if number % 2 else (rng.randint(low, high), rng.randint(low, high))
        for number in range(pairs)
    ]
    timings: list[float] = []
    found: list[int] = []
    for a, b in chosen:
        started = time.perf_counter()
        found.append(mutual_contact_count(a, b))
        timings.append(time.perf_counter() - started)
    report("mutual_contact_count", timings)
    print(f"    mutual contacts found: mean {statistics.fmean(found):.1f}, max {max(found)}")


### 4. People you may know, computed ###


def bench_suggestions(count: int, rng: random.Random) -> None:
    """``list_suggestions`` for random members: computed (nothing cached), then again
    from the cache (the connections' fingerprint and the suggested profiles)."""
    from django.db import connection

    from handschlag.accounts.models import Member
    from handschlag.network import suggestions

    with connection.cursor() as cursor:
        cursor.execute("SELECT min(owner_id), max(owner_id) FROM network_connection")
        low, high = cursor.fetchone()
    chosen = Member.objects.filter(pk__in=[rng.randint(low, high) for _ in range(count)])
    cold: list[float] = []
    warm: list[float] = []
    found: list[int] = []
    for member in chosen:
        suggestions.forget_suggestions(member.pk)
        started = time.perf_counter()
        found.append(len(suggestions.list_suggestions(member)))
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        suggestions.list_suggestions(member)
        warm.append(time.perf_counter() - started)
    report("list_suggestions, computed", cold)
    report("list_suggestions, from the cache", warm)
    print(f"    suggestions found: mean {statistics.fmean(found):.1f}, min {min(found)}")


### 5. Pages under load ###


def session_cookie() -> tuple[str, str]:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from handschlag.accounts.models import Member
    from handschlag.demo.personas import DEMO_MEMBER

    lena = Member.objects.get(email=DEMO_MEMBER.email)
    store = SessionStore()
    store[SESSION_KEY] = str(lena.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = lena.get_session_auth_hash()
    store["handschlag_logged_in_at"] = time.time()
    store["handschlag_last_seen_at"] = time.time()
    store.create()
    assert store.session_key is not None
    return settings.SESSION_COOKIE_NAME, store.session_key


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wrk(url: str, cookie: str, *, seconds: int, connections: int) -> tuple[float, float, float]:
    """Requests per second, p50 and p99 in ms, from ``wrk --latency``."""
    out = subprocess.run(  # noqa: S603 - fixed arguments, our own URL
        [
            "/usr/bin/wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        print(f"    {errors.group(1)} responses were not 2xx/3xx")

    def latency(share: str) -> float:
        value, unit = re.search(rf"\s{share}%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return rps, latency("50"), latency("99")


def bench_pages(seconds: int, connections: int, rounds: int) -> None:
    from django.urls import reverse

    name, key = session_cookie()
    cookie = f"{name}={key}"
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": f"{BENCH}:{os.environ.get('PYTHONPATH', '')}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    server = subprocess.Popen(  # noqa: S603
        [
            str(VENV_BIN / "gunicorn"),
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "django.core.wsgi:get_wsgi_application()",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/bench/bare/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        # The demo login's policy files most crowd requests apart (spam, stock notes), so
        # the filed folder is where a full page of cards is; both folders are measured.
        pages = [
            ("bare view, 20-row template", "/bench/bare/"),
            ("inbox", reverse("inbox")),
            ("inbox, filed apart", f"{reverse('inbox')}?folder=filed"),
            ("people you may know", reverse("suggestions")),
        ]
        cards: dict[str, int] = {}
        for label, path in pages:
            request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                body = response.read()
                if response.geturl() != base + path:
                    print(f"    {label}: redirected to {response.geturl()}; not logged in?")
            cards[label] = body.count(b'class="card request-card') + body.count(
                b'data-testid="suggestion"'
            )
            print(f"  {label}: {len(body):,} bytes, {cards[label]} cards or suggestions")
            wrk(base + path, cookie, seconds=2, connections=connections)  # warm both workers
        fuller = max(("inbox", "inbox, filed apart"), key=lambda label: cards[label])
        print(f"  gunicorn -w 2, wrk -t2 -c{connections} -d{seconds}s, logged in as the demo login")
        # On a shared machine the load of others changes from minute to minute: each round
        # measures every page once, and the ratio is taken within a round.
        figures: dict[str, list[tuple[float, float, float]]] = {label: [] for label, _ in pages}
        ratios: list[float] = []
        for round_number in range(1, rounds + 1):
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"  round {round_number} of {rounds} (load average {load})")
            for label, path in pages:
                rps, p50, p99 = wrk(base + path, cookie, seconds=seconds, connections=connections)
                figures[label].append((rps, p50, p99))
                print(f"    {label:<32} {rps:8.1f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms")
            ratios.append(figures[fuller][-1][0] / figures["bare view, 20-row template"][-1][0])
            print(f"    {fuller} / bare view: {100 * ratios[-1]:.0f} % of the requests per second")
        print(f"  load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if rounds > 1:
            print(f"  medians over {rounds} rounds:")
            for label, rows in figures.items():
                rps, p50, p99 = (statistics.median(column) for column in zip(*rows, strict=True))
                print(f"    {label:<32} {rps:8.1f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms")
            print(
                f"    {fuller} ({cards[fuller]} cards) / bare view: "
                f"{100 * statistics.median(ratios):.0f} % of the requests per second "
                f"(rounds: {', '.join(f'{100 * r:.0f} %' for r in ratios)})"
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--connections-per-member", type=float, default=20)
    parser.add_argument("--sends", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=15, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=8, help="wrk's open connections")
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure every page this many times, interleaved"
    )
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated parts to skip: sends, mutual, suggestions, pages",
    )
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        # A throwaway cluster around this very script.
        return subprocess.run(  # noqa: S603
            [
                sys.executable,
                str(ROOT / "scripts" / "with_postgres.py"),
                "--",
                sys.executable,
                *sys.argv,
            ],
            check=False,
        ).returncode

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handschlag.config.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        print(f"note: {connection.vendor}, not PostgreSQL; figures are not comparable")
    skip = set(filter(None, args.skip.split(",")))
    print(f"== network benchmark on {connection.vendor} ({connection.settings_dict['NAME']})")
    steps: list[tuple[str, Callable[[], None]]] = [
        ("network", lambda: ensure_network(args.members, args.connections_per_member)),
        ("sends", lambda: bench_sends(args.sends, random.Random(args.seed))),
        ("mutual", lambda: bench_mutual(args.pairs, random.Random(args.seed + 1))),
        ("suggestions", lambda: bench_suggestions(args.pairs // 5, random.Random(args.seed + 2))),
        ("pages", lambda: bench_pages(args.seconds, args.connections, args.rounds)),
    ]
    for name, step in steps:
        if name in skip:
            continue
        step()
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
