"""The feed query and the feed page at network scale, on PostgreSQL.

    python bench/feed_bench.py                                # throwaway cluster, smaller
    python bench/feed_bench.py --members 1000000 --noise-posts 2000000
    DATABASE_URL=postgres://… python bench/feed_bench.py      # on top of a demo database

Without ``DATABASE_URL`` the benchmark starts a throwaway PostgreSQL cluster
(``scripts/with_postgres.py``), migrates it and generates a smaller network (200,000
members unless ``--members`` says otherwise). With ``DATABASE_URL`` it adds its data on
top of what is there (a demo network from ``handschlag demo``), tops the members up to
``--members`` (1,000,000 by default) and reuses its own data on a second run.

The data (seeded): one reader, ``feed.reader@bench.example``, with ``--contacts``
contacts (500), ``--groups`` groups (20, each with 200 other members), 50 followed
members and 10 followed topics; posts by those contacts (one every three days each) and in
those groups (five a day each) over ``--days`` days (180); and ``--noise-posts`` posts by
random other members over the same months, a tenth of them with hashtags from 2,000
topics (the followed ones among them). The reader mutes the politics filter and two words,
as a member who uses mutes would.

Measures, and prints (asserts nothing):

1. ``timeline.list_feed`` in process: the first page and pages at random depths, p50/p99,
   with the number of statements per page; EXPLAIN (ANALYZE, BUFFERS) of the candidate
   query once;
2. with ``gunicorn -w 2`` on loopback and ``wrk`` as the reader: ``/feed/``, and the bare
   Django view rendering a 20-row template (``bench/bench_urls.py``) as the yardstick.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = Path(sys.executable).parent

READER = "feed.reader@bench.example"
NOISE_DOMAIN = "feed-bench.example"
TOPIC_COUNT = 2000
FOLLOWED_TOPICS = (
    "ki",
    "lohnsteuer",
    "handwerk",
    "python",
    "nachhaltigkeit",
    "export",
    "fachkräfte",
    "datev",
    "startup",
    "logistik",
)
TEXTS = (
    "Heute ein neues Projekt gestartet: Digitalisierung der Lohnbuchhaltung für einen "
    "Handwerksbetrieb. Spannende Wochen stehen an.",
    "Danke an das Team für zwei intensive Monate. Der neue Export läuft seit heute.",
    "Wer stimmt zu? Kommentiert JA, wenn ihr auch Montage liebt!",
    "Die Bundestagswahl und was sie für den Mittelstand bedeutet, ein langer Text.",
    "We shipped the new payroll export today; thanks to everyone involved.",
    "Mein neues Buch ist da! Jetzt bestellen, Link in der Bio.",
    "Kurzer Hinweis: die neuen Tabellen sind online, gut erklärt beim BMF.",
)


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(name: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"  {name:<40} n={len(ms):>5}  p50 {percentile(ms, 0.5):7.2f} ms  "
        f"p99 {percentile(ms, 0.99):7.2f} ms  max {max(ms):7.2f} ms  "
        f"mean {statistics.fmean(ms):6.2f} ms"
    )


### Data ###


def _execute(sql: str, params: list[object] | tuple[object, ...] = ()) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def top_up_members(members: int) -> None:
    """Add bare members with profiles (SQL, in bulk) until there are ``members``."""
    from handschlag.accounts.models import Member

    have = Member.objects.count()
    missing = members - have
    if missing <= 0:
        print(f"  members: {have:,} already")
        return
    started = time.perf_counter()
    start = have + 1
    _execute(
        "INSERT INTO accounts_member (password, is_superuser, email, language, is_active, "
        "is_staff, date_joined) SELECT '!', false, 'm' || g || '@" + NOISE_DOMAIN + "', "
        "'de', true, false, now() - (g %% 900) * interval '1 day' "
        "FROM generate_series(%s, %s) AS g",
        [start, start + missing - 1],
    )
    _execute(
        "INSERT INTO profiles_profile (created_at, updated_at, member_id, full_name, headline, "
        "location, about, seeking, offering, seniority, phone, email_visibility, "
        "phone_visibility, view_mode, no_solicitation) "
        "SELECT now(), now(), m.id, 'Mitglied ' || m.id, 'Beraterin', 'Köln', '', '', '', "
        "'', '', 'contacts', 'nobody', 'named', false FROM accounts_member m "
        "LEFT JOIN profiles_profile p ON p.member_id = m.id WHERE p.member_id IS NULL"
    )
    print(f"  members: {have:,} + {missing:,} added in {time.perf_counter() - started:.1f} s")


def build_reader(args: argparse.Namespace, rng: random.Random) -> int:
    """The reader, their contacts, groups and follows, and the posts of all of them."""
    from django.db import connection
    from django.utils import timezone

    from handschlag.accounts.models import Member
    from handschlag.feed.models import FollowedMember, FollowedTopic, Mute
    from handschlag.feed.services import mute
    from handschlag.groups.models import Group, Membership, Visibility
    from handschlag.network.models import Connection
    from handschlag.profiles.models import Profile

    existing = Member.objects.filter(email=READER).first()
    if existing is not None:
        print(f"  reusing the reader (member {existing.pk}) and the posts in the database")
        return existing.pk
    started = time.perf_counter()
    reader = Member.objects.create_user(READER, password=None, language="de")
    Profile.objects.create(member=reader, full_name="Frieda Feedleserin", headline="Bench")
    ids = list(
        Member.objects.exclude(pk=reader.pk)
        .order_by("?")
        .values_list("pk", flat=True)[: args.contacts + 50 + args.groups * 200]
    )
    contacts = ids[: args.contacts]
    followed = ids[args.contacts : args.contacts + 50]
    pool = ids[args.contacts + 50 :]
    Connection.objects.bulk_create(
        [Connection(owner=reader, contact_id=c) for c in contacts]
        + [Connection(owner_id=c, contact=reader) for c in contacts],
        batch_size=5000,
    )
    FollowedMember.objects.bulk_create(
        FollowedMember(follower=reader, followed_id=f) for f in followed
    )
    FollowedTopic.objects.bulk_create(
        FollowedTopic(follower=reader, topic=t) for t in FOLLOWED_TOPICS
    )
    groups = []
    for number in range(args.groups):
        group = Group.objects.create(
            name=f"Bench-Gruppe {number}",
            slug=f"bench-feed-gruppe-{number}",
            topics=["Bench"],
            visibility=Visibility.CLOSED if number % 4 == 0 else Visibility.PUBLIC,
        )
        groups.append(group.pk)
        members = [reader.pk, *pool[number * 200 : (number + 1) * 200]]
        Membership.objects.bulk_create(Membership(group=group, member_id=m) for m in members)
    mute(reader, kind="topic", value="politics")
    mute(reader, kind="word", value="Montage")
    mute(reader, kind="hashtag", value="startup")
    assert Mute.objects.filter(member=reader).count() == 3

    now = timezone.now()
    days = args.days
    post_sql = (
        "INSERT INTO feed_post (label, score, hits, author_id, group_id, text, topics, "
        "content_labels, created_at, edited_at) VALUES "
    )
    rows: list[tuple[object, ...]] = []

    def add(author: int, group: int | None, when_days: float, topics: list[str]) -> None:
        text = rng.choice(TEXTS) + "".join(f" #{t}" for t in topics)
        labels = '["engagement_bait"]' if text.startswith("Wer stimmt") else "[]"
        rows.append(
            (
                author,
                group,
                text,
                "[" + ",".join(f'"{t}"' for t in topics) + "]",
                labels,
                now - timedelta(days=when_days),
            )
        )

    for contact in contacts:
        for _ in range(days // 3):
            add(contact, None, rng.uniform(0, days), [])
    for author in followed:
        for _ in range(days // 7):
            add(author, None, rng.uniform(0, days), [])
    for number, group in enumerate(groups):
        members = pool[number * 200 : (number + 1) * 200]
        for _ in range(days * 5):
            add(rng.choice(members), group, rng.uniform(0, days), [])
    _insert_posts(connection, post_sql, rows)
    print(
        f"  reader {reader.pk}: {len(contacts)} contacts, {len(followed)} followed, "
        f"{len(groups)} groups, {len(FOLLOWED_TOPICS)} topics; {len(rows):,} posts from "
        f"those sources in {time.perf_counter() - started:.1f} s"
    )
    return reader.pk


def _insert_posts(connection: Any, post_sql: str, rows: list[tuple[object, ...]]) -> None:
    # Any: Django's connection proxy.
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            chunk = rows[start : start + 2000]
            values = ",".join(
                ["('welcome', 0, '[]', %s, %s, %s, %s::jsonb, %s::jsonb, %s, NULL)"] * len(chunk)
            )
            cursor.execute(post_sql + values, [v for row in chunk for v in row])


def add_noise(noise_posts: int, days: int) -> None:
    """Posts by random other members, a tenth with hashtags, written in SQL in bulk."""
    from handschlag.feed.models import Post

    have = Post.objects.filter(text__startswith="Rauschen").count()
    if have >= noise_posts:
        print(f"  noise posts: {have:,} already")
        return
    started = time.perf_counter()
    low, high = _member_range()
    # Every tenth noise post carries a topic: topic t{n % 2000}, or a followed one for 1 in 20.
    followed = "ARRAY[" + ",".join(f"'{t}'" for t in FOLLOWED_TOPICS) + "]"
    _execute(
        f"""
        INSERT INTO feed_post (label, score, hits, author_id, group_id, text, topics,
                               content_labels, created_at, edited_at)
        SELECT 'welcome', 0, '[]', %s + (hashtext(g::text) & 2147483647) %% %s, NULL,
               'Rauschen ' || g || CASE WHEN tag IS NULL THEN '' ELSE ' #' || tag END,
               CASE WHEN tag IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(tag) END,
               '[]',
               now() - ((hashtext('t' || g) & 2147483647) %% (%s * 86400)) * interval '1 second',
               NULL
        FROM (
          SELECT g, CASE WHEN g %% 10 <> 0 THEN NULL
                         WHEN g %% 200 = 0 THEN ({followed})[1 + (g / 200) %% 10]
                         ELSE 't' || (g %% {TOPIC_COUNT}) END AS tag
          FROM generate_series(%s, %s) AS g
        ) s
        """,  # noqa: S608 (constants of this script)
        [low, high - low + 1, days, have + 1, noise_posts],
    )
    print(f"  noise posts: {noise_posts - have:,} added in {time.perf_counter() - started:.1f} s")


def write_topic_rows() -> None:
    """PostTopic rows for every post with topics that has none yet."""
    started = time.perf_counter()
    _execute(
        """
        INSERT INTO feed_posttopic (post_id, topic, group_id, created_at)
        SELECT p.id, t.topic, p.group_id, p.created_at
        FROM feed_post p CROSS JOIN LATERAL jsonb_array_elements_text(p.topics) AS t(topic)
        WHERE jsonb_array_length(p.topics) > 0
          AND NOT EXISTS (SELECT 1 FROM feed_posttopic x WHERE x.post_id = p.id)
        """
    )
    _execute("ANALYZE feed_post")
    _execute("ANALYZE feed_posttopic")
    print(f"  topic rows written and tables analysed in {time.perf_counter() - started:.1f} s")


def _member_range() -> tuple[int, int]:
    from django.db.models import Max, Min

    from handschlag.accounts.models import Member

    bounds = Member.objects.aggregate(low=Min("id"), high=Max("id"))
    return int(bounds["low"]), int(bounds["high"])


def print_counts() -> None:
    from handschlag.accounts.models import Member
    from handschlag.feed.models import Post, PostTopic
    from handschlag.network.models import Connection

    print(
        f"  rows: {Member.objects.count():,} members, {Connection.objects.count():,} "
        f"connection rows, {Post.objects.count():,} posts, {PostTopic.objects.count():,} "
        "topic rows"
    )


### Measurements ###


def bench_query(reader_id: int, samples: int, rng: random.Random) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from handschlag.accounts.models import Member
    from handschlag.feed import timeline
    from handschlag.feed.models import Post

    reader = Member.objects.get(pk=reader_id)
    first: list[float] = []
    deep: list[float] = []
    for _ in range(5):
        timeline.list_feed(reader, lang="de")
    with CaptureQueriesContext(connection) as captured:
        page = timeline.list_feed(reader, lang="de")
    print(
        f"  first page: {len(page.items)} items, {page.hidden_by_mutes} hidden by mutes, "
        f"{page.hidden_by_labels} by labels, {len(captured)} statements"
    )
    kinds: dict[str, int] = {}
    for item in page.items:
        for reason in item.reasons:
            kinds[reason.kind] = kinds.get(reason.kind, 0) + 1
    print(f"  reasons on the first page: {kinds}")
    oldest = Post.objects.order_by("created_at").values_list("created_at", flat=True).first()
    newest = Post.objects.order_by("-created_at").values_list("created_at", flat=True).first()
    assert oldest is not None and newest is not None
    for _ in range(samples):
        started = time.perf_counter()
        timeline.list_feed(reader, lang="de")
        first.append(time.perf_counter() - started)
        moment = oldest + (newest - oldest) * rng.random()
        cursor = timeline.Cursor(moment, 2**62)
        started = time.perf_counter()
        timeline.list_feed(reader, cursor=cursor, lang="de")
        deep.append(time.perf_counter() - started)
    if os.environ.get("FEED_BENCH_PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            timeline.list_feed(reader, lang="de")
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    report("list_feed, first page", first)
    report("list_feed, a page at a random depth", deep)
    bench_page_in_process(reader, samples)

    sources = timeline.read_sources(reader_id)
    sql = timeline._candidate_sql(with_cursor=False)
    params: dict[str, Any] = {
        "authors": sorted(sources.authors),
        "groups": sorted(sources.groups),
        "topics": sorted(sources.topics),
        "n": 42,
    }
    now = timezone.now()
    for number, days in enumerate(timeline.WINDOWS_DAYS):
        if days is not None:
            params[f"since{number}"] = now - timedelta(days=days)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    print("  EXPLAIN ANALYZE of the candidate query (first page), summary:")
    if os.environ.get("FEED_BENCH_PLAN"):
        print("\n".join(plan))
    for line in plan:
        if any(
            key in line for key in ("Execution Time", "Planning Time", "Buffers: shared", "Limit")
        ):
            print(f"    {line.strip()}")
            if "Buffers" in line:
                break
    print(f"    {plan[-1].strip()}")


def bench_page_in_process(reader: Any, samples: int) -> None:
    """The whole page (middleware, view, base template) through Django's test client, one
    request at a time: the page's own latency, without a load generator's queueing."""
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")
    for _ in range(5):
        client.get("/feed/")
    timings: list[float] = []
    for _ in range(samples):
        started = time.perf_counter()
        response = client.get("/feed/")
        timings.append(time.perf_counter() - started)
    assert response.status_code == 200
    report("feed page in process (test client)", timings)


def session_cookie(reader_id: int) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from handschlag.accounts.models import Member

    reader = Member.objects.get(pk=reader_id)
    store = SessionStore()
    store[SESSION_KEY] = str(reader.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    store["handschlag_logged_in_at"] = time.time()
    store["handschlag_last_seen_at"] = time.time()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


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


def bench_page(reader_id: int, seconds: int, connections: int, rounds: int) -> None:
    cookie = session_cookie(reader_id)
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
        pages = [("bare view, 20-row template", "/bench/bare/"), ("feed page", "/feed/")]
        for label, path in pages:
            request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                body = response.read()
                if response.geturl() != base + path:
                    print(f"    {label}: redirected to {response.geturl()}; not logged in?")
            posts = body.count(b'data-testid="post"')
            print(f"  {label}: {len(body):,} bytes, {posts} posts")
            wrk(base + path, cookie, seconds=2, connections=connections)  # warm both workers
        print(f"  gunicorn -w 2, wrk -t2 -c{connections} -d{seconds}s, logged in as the reader")
        figures: dict[str, list[tuple[float, float, float]]] = {label: [] for label, _ in pages}
        for round_number in range(1, rounds + 1):
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"  round {round_number} of {rounds} (load average {load})")
            for label, path in pages:
                rps, p50, p99 = wrk(base + path, cookie, seconds=seconds, connections=connections)
                figures[label].append((rps, p50, p99))
                print(f"    {label:<32} {rps:8.1f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms")
        if rounds > 1:
            print(f"  medians over {rounds} rounds:")
            for label, rows in figures.items():
                rps, p50, p99 = (statistics.median(column) for column in zip(*rows, strict=True))
                print(f"    {label:<32} {rps:8.1f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=None)
    parser.add_argument("--noise-posts", type=int, default=None)
    parser.add_argument("--contacts", type=int, default=500)
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--samples", type=int, default=300, help="list_feed calls per shape")
    parser.add_argument("--seconds", type=int, default=15, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=4, help="wrk's open connections")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip", default="", help="comma-separated: query, page")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        # A throwaway cluster around this very script, with a smaller network by default.
        extra = [] if args.members else ["--members", "200000"]
        extra += [] if args.noise_posts else ["--noise-posts", "400000"]
        return subprocess.run(  # noqa: S603
            [
                sys.executable,
                str(ROOT / "scripts" / "with_postgres.py"),
                "--",
                sys.executable,
                *sys.argv,
                *extra,
            ],
            check=False,
        ).returncode
    members = args.members or 1_000_000
    noise = args.noise_posts if args.noise_posts is not None else 2_000_000

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handschlag.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        print(f"the feed benchmark needs PostgreSQL, not {connection.vendor}")
        return 1
    print(f"== feed benchmark on {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    top_up_members(members)
    reader_id = build_reader(args, rng)
    add_noise(noise, args.days)
    write_topic_rows()
    print_counts()
    skip = set(filter(None, args.skip.split(",")))
    if "query" not in skip:
        bench_query(reader_id, args.samples, random.Random(args.seed + 1))
    if "page" not in skip:
        bench_page(reader_id, args.seconds, args.connections, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
