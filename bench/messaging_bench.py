"""Sending a message (engine included) and opening a 500-message conversation, on PostgreSQL.

    python bench/messaging_bench.py                        # a fresh 20,000-member network
    python bench/messaging_bench.py --members 100000
    DATABASE_URL=postgres://… python bench/messaging_bench.py   # reuse a demo database

Without ``DATABASE_URL`` the benchmark starts a throwaway PostgreSQL cluster
(``scripts/with_postgres.py``) and removes it afterwards. With ``DATABASE_URL`` a database
that already holds a demo network (e.g. the 1,000,000-member one) is reused as it is; an
empty one is migrated and filled with ``handschlag demo``. Either way the benchmark adds
its own two members and their conversation of ``--history`` messages (once; a second run
finds them), so it never depends on the demo's stories.

Measures, and prints (asserts nothing):

1. ``send_message`` p50/p99 over ``--sends`` sends, each in its own transaction, in three
   shapes a network sees: a first message to a contact (judged: no two-way conversation
   yet), a message request to a stranger (judged, counted against the sender's limits),
   and a reply in an established conversation (not judged); senders are distinct crowd
   members, so no one runs into a limit;
2. the conversation page of the 500-message conversation (newest 50 shown): in process
   through Django's test client (p50/p99 over ``--opens``), and with ``gunicorn -w 2`` on
   loopback under ``wrk`` (p50/p99 and requests per second), logged in as a participant.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(BENCH))

#: The benchmark's own members (the demo's crowd uses other addresses).
BENCH_A = "alma.bench@messaging-bench.example"
BENCH_B = "bruno.bench@messaging-bench.example"

TEXTS = (
    "Hallo, danke für die Vernetzung! Wir haben uns beim Meetup in Freiburg über Django "
    "unterhalten. Hätten Sie Lust auf einen Kaffee nächste Woche?",
    "Guten Tag, mit unserer Software gewinnen Sie qualifizierte Leads und mehr Umsatz. "
    "Buchen Sie gleich eine kostenlose Demo: https://calendly.com/beispiel/15min",
    "Hallo, wie telefonisch besprochen sende ich Ihnen unser Angebot.",
    "Kurze Frage zu Ihrem Vortrag über PostgreSQL: Haben Sie die Folien noch?",
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(name: str, seconds: list[float]) -> None:
    if not seconds:
        print(f"  {name:<40} no samples")
        return
    ms = [s * 1000 for s in seconds]
    print(
        f"  {name:<40} n={len(ms):>5}  p50 {percentile(ms, 0.5):7.2f} ms  "
        f"p99 {percentile(ms, 0.99):7.2f} ms  max {max(ms):7.2f} ms  "
        f"mean {statistics.fmean(ms):6.2f} ms"
    )


### The data ###


def ensure_network(members: int, per_member: float) -> None:
    from io import StringIO

    from django.core.management import call_command

    from handschlag.accounts.models import Member

    call_command("migrate", verbosity=0)
    if (
        Member.objects.filter(email__endswith=".example")
        .exclude(email__endswith="@messaging-bench.example")
        .exists()
    ):
        print(f"reusing the network in the database ({Member.objects.count():,} members)")
        return
    print(f"generating {members:,} members, {per_member:g} connections each …", flush=True)
    started = time.perf_counter()
    call_command(
        "demo",
        members=members,
        connections_per_member=per_member,
        no_traffic=True,
        stdout=StringIO(),
    )
    print(f"  done in {time.perf_counter() - started:,.1f} s")


def ensure_conversation(history: int) -> tuple[int, int, int]:
    """The benchmark's two members, connected two years ago, and their conversation."""
    from django.db import transaction
    from django.utils import timezone

    from handschlag.accounts.models import Member
    from handschlag.messaging.models import Conversation, Message, Participant, pair_key
    from handschlag.network.models import Connection
    from handschlag.network.services import connect_members
    from handschlag.profiles.services import create_profile

    now = timezone.now()
    with transaction.atomic():
        members = []
        for email, name in ((BENCH_A, "Alma Bench"), (BENCH_B, "Bruno Bench")):
            member = Member.objects.filter(email=email).first()
            if member is None:
                member = Member.objects.create_user(email, password=None)
                create_profile(member, full_name=name)
                Member.objects.filter(pk=member.pk).update(date_joined=now - timedelta(days=900))
            members.append(member)
        a, b = members
        connect_members(a, contact=b)
        Connection.objects.filter(owner__in=(a, b), contact__in=(a, b)).update(
            created_at=now - timedelta(days=730)
        )
        conversation, _created = Conversation.objects.get_or_create(
            pair_key=pair_key(a.pk, b.pk),
            defaults={"started_by": a, "created_at": now - timedelta(days=700)},
        )
        for member in members:
            Participant.objects.get_or_create(conversation=conversation, member=member)
        have = Message.objects.filter(conversation=conversation).count()
        if have < history:
            start = now - timedelta(days=700)
            step = timedelta(days=699) / history
            Message.objects.bulk_create(
                Message(
                    conversation=conversation,
                    sender=a if n % 2 else b,
                    text=f"Nachricht {n}: Zum Projekt siehe https://example.org/p/{n}, "
                    "bis morgen, und danke für die Unterlagen!",
                    created_at=start + step * n,
                )
                for n in range(have, history)
            )
            Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
            Participant.objects.filter(conversation=conversation).update(last_message_at=now)
    total = Message.objects.filter(conversation=conversation).count()
    print(f"  benchmark conversation {conversation.pk}: {total} messages")
    return a.pk, b.pk, conversation.pk


### 1. Sending ###


def bench_sends(sends: int, rng: random.Random, pair: tuple[int, int]) -> None:
    from django.db import connection

    from handschlag.accounts.models import Member
    from handschlag.core.errors import HandschlagError
    from handschlag.messaging.services import send_message

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(id), max(id) FROM accounts_member "
            "WHERE email LIKE %s AND email NOT LIKE %s",
            ["%@%.example", "%@messaging-bench.example"],
        )
        low, high = cursor.fetchone()
    senders = rng.sample(range(low, high + 1), min(sends * 3, high - low))
    timings: dict[str, list[float]] = {"contact": [], "request": [], "established": []}
    refusals: dict[str, int] = {}
    labels: dict[str, int] = {}
    a, b = Member.objects.get(pk=pair[0]), Member.objects.get(pk=pair[1])
    used = 0
    for number in range(sends):
        shape = ("contact", "request", "established")[number % 3]
        text = TEXTS[number % len(TEXTS)]
        if shape == "established":
            sender, recipient_id = (a, b.pk) if number % 2 else (b, a.pk)
        else:
            sender = None
            while sender is None and used < len(senders):
                sender = Member.objects.filter(pk=senders[used], is_active=True).first()
                used += 1
            if sender is None:
                break
            with connection.cursor() as cursor:
                if shape == "contact":
                    cursor.execute(
                        "SELECT contact_id FROM network_connection WHERE owner_id = %s LIMIT 1",
                        [sender.pk],
                    )
                    row = cursor.fetchone()
                    if row is None:
                        refusals["no contact"] = refusals.get("no contact", 0) + 1
                        continue
                    recipient_id = row[0]
                else:
                    recipient_id = rng.randint(low, high)
        started = time.perf_counter()
        try:
            sent = send_message(sender, recipient_id=recipient_id, text=text)
        except HandschlagError as refusal:
            kind = type(refusal).__name__
            refusals[kind] = refusals.get(kind, 0) + 1
            continue
        timings[shape].append(time.perf_counter() - started)
        label = sent.message.label or "not judged"
        labels[label] = labels.get(label, 0) + 1
    everything = [t for values in timings.values() for t in values[1:]]
    report("send_message, all shapes", everything)
    report("  first message to a contact", timings["contact"][1:])
    report("  message request to a stranger", timings["request"][1:])
    report("  reply in an established conversation", timings["established"][1:])
    print(f"    labels {labels}  refused {refusals or 'none'}")


### 2. The conversation page ###


def bench_open_in_process(opens: int, member_id: int, conversation_id: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from handschlag.accounts.models import Member

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(
        Member.objects.get(pk=member_id), backend="django.contrib.auth.backends.ModelBackend"
    )
    url = reverse("conversation", args=[conversation_id])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    size = len(response.content)
    timings = []
    for _ in range(opens):
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    report(f"conversation page, test client ({size:,} B)", timings)


def bench_open_under_load(member_id: int, conversation_id: int, seconds: int, conns: int) -> None:
    from django.urls import reverse

    from network_bench import free_port, wrk

    cookie = session_cookie(member_id)
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
        path = reverse("conversation", args=[conversation_id])
        request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            if response.geturl() != base + path:
                print(f"    redirected to {response.geturl()}; not logged in?")
        print(f"  gunicorn -w 2, wrk -t2 -c{conns} -d{seconds}s, logged in as a participant")
        for label, url in (
            ("bare view, 20-row template", "/bench/bare/"),
            ("conversation page", path),
        ):
            wrk(base + url, cookie, seconds=2, connections=conns)  # warm both workers
            rps, p50, p99 = wrk(base + url, cookie, seconds=seconds, connections=conns)
            print(f"  {label:<40} {rps:8.1f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def session_cookie(member_id: int) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from handschlag.accounts.models import Member

    member = Member.objects.get(pk=member_id)
    store = SessionStore()
    store[SESSION_KEY] = str(member.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = member.get_session_auth_hash()
    store["handschlag_logged_in_at"] = time.time()
    store["handschlag_last_seen_at"] = time.time()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--connections-per-member", type=float, default=20)
    parser.add_argument("--history", type=int, default=500)
    parser.add_argument("--sends", type=int, default=600)
    parser.add_argument("--opens", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration")
    parser.add_argument("--connections", type=int, default=4, help="wrk's open connections")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--skip", default="", help="comma-separated: sends, open, load")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
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
    print(f"== messaging benchmark on {connection.vendor} ({connection.settings_dict['NAME']})")
    ensure_network(args.members, args.connections_per_member)
    a, b, conversation = ensure_conversation(args.history)
    if "sends" not in skip:
        bench_sends(args.sends, random.Random(args.seed), (a, b))
    if "open" not in skip:
        bench_open_in_process(args.opens, a, conversation)
    if "load" not in skip:
        bench_open_under_load(a, conversation, args.seconds, args.connections)
    return 0


if __name__ == "__main__":
    sys.exit(main())
