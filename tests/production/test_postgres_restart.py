"""PostgreSQL restarted under a running site (issue 9, "Faults").

Gunicorn with two workers serves an installation on its own PostgreSQL cluster
(``scripts/prod_check.Stack``: Debian's server, as the ``postgres`` user when run as
root). Members write comments through the API while the server restarts. What a member
can see: an answer that fails during the restart is an error answer, never a hang; the
same workers answer again once the server is back (``CONN_HEALTH_CHECKS``), without being
restarted themselves; and every write that was answered with success is in the database.

The test brings its own cluster and server, so it does not touch the test database; it
runs once per ``make test``, in the SQLite pass (the PostgreSQL pass would repeat it
word for word).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from prod_check import BIN, Stack, port_open, wait_for  # noqa: E402

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="brings its own PostgreSQL cluster; it ran in the SQLite pass of make test",
)

MEMBERS = 4
SETUP = """
from handschlag.accounts.models import Member
from handschlag.api.services import create_token
from handschlag.feed.services import create_post
from handschlag.profiles.services import create_profile
for i in range({members}):
    member = Member.objects.create_user(f"neustart{{i}}@example.org", password=None)
    create_profile(member, full_name=f"Neustart {{i}}")
    token = create_token(member, name="restart test", lifetime_days=7)
    post = create_post(member, text=f"Vor dem Neustart {{i}}")
    print(token.secret, post.pk)
"""


@pytest.fixture(scope="module")
def site() -> Iterator[Stack]:
    stack = Stack()
    try:
        stack.configure()
        # Neither Redis nor Celery: this test is about the database alone.
        for name in ("REDIS_URL", "CELERY_BROKER_URL"):
            stack.env.pop(name, None)
        stack.start_postgres()
        stack.manage("migrate", "--noinput")
        stack.spawn("gunicorn", [str(BIN / "gunicorn"), "-c", "python:handschlag.config.gunicorn"])
        wait_for("gunicorn", lambda: port_open(stack.web_port), seconds=60)
        yield stack
    finally:
        stack.stop()
        stack.remove()


def _members(stack: Stack) -> list[tuple[str, int]]:
    made = subprocess.run(  # noqa: S603
        [str(BIN / "handschlag"), "shell", "-c", SETUP.format(members=MEMBERS)],
        env=stack.env,
        cwd=stack.root,
        check=True,
        capture_output=True,
        text=True,
    )
    pairs = [line.split() for line in made.stdout.splitlines() if line.startswith("hs_")]
    return [(secret, int(post)) for secret, post in pairs]


def _restart(stack: Stack) -> None:
    subprocess.run(  # noqa: S603
        [
            *stack.as_postgres,
            str(stack.pg_bin / "pg_ctl"),
            "-D",
            str(stack.pg_data),
            "-m",
            "fast",
            "-w",
            "restart",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_restart_loses_no_accepted_write_and_the_site_comes_back(site: Stack) -> None:
    members = _members(site)
    assert len(members) == MEMBERS
    base = f"http://127.0.0.1:{site.web_port}/api/v1"
    accepted: list[str] = []
    refused: list[str] = []
    attempts = 0

    def write() -> int:
        nonlocal attempts
        secret, post = members[attempts % MEMBERS]
        text = f"Kommentar {attempts}"
        attempts += 1
        try:
            answer = requests.post(
                f"{base}/posts/{post}/comments",
                json={"text": text},
                headers={"Authorization": f"Bearer {secret}", "X-Forwarded-Proto": "https"},
                timeout=20,  # a hang fails the test here
            )
        except requests.ConnectionError:
            refused.append("no answer")
            return 0
        if answer.status_code == 201:
            accepted.append(text)
        else:
            refused.append(f"{answer.status_code} Retry-After {answer.headers.get('Retry-After')}")
        return answer.status_code

    for _ in range(8):
        assert write() == 201

    before = time.time()
    restart = threading.Thread(target=_restart, args=(site,))
    restart.start()
    while restart.is_alive():
        write()
        time.sleep(0.2)
    restart.join()
    after = [write() for _ in range(8)]

    # Back without restarting gunicorn: each worker checks its connection and reconnects.
    # (A worker's first request after the restart may still meet its dead connection.)
    assert after[-4:] == [201] * 4, (after, refused)
    # The server did restart while the members wrote.
    started = float(site.psql("SELECT extract(epoch FROM pg_postmaster_start_time())"))
    assert started > before
    # A write that failed was told to come back: the database, not the request, was wrong.
    assert set(refused) <= {"503 Retry-After 30"}, refused
    stored = site.psql("SELECT text FROM feed_comment WHERE text LIKE 'Kommentar %'").split("\n")
    assert set(accepted) <= set(stored), set(accepted) - set(stored)
    assert len(accepted) >= 8 + 4
