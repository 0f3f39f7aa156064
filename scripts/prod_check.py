"""Start the production stack on loopback and walk through it over HTTP: ``make prod-check``.

Everything comes from Debian's packages and the virtual environment and lives in one
temporary folder that is removed afterwards:

- a PostgreSQL cluster (as the ``postgres`` user when run as root, as
  ``scripts/with_postgres.py`` does), a ``redis-server``;
- ``handschlag migrate``, ``collectstatic`` and a small seeded network (``demo``);
- gunicorn with ``config/gunicorn.py`` and two workers, a Celery worker and Celery beat,
  with ``HANDSCHLAG_ENV=production`` as docs/production.md configures a host.

Then it acts as members and a proxy would (HTTPS declared with ``X-Forwarded-Proto`` from
the trusted proxy on loopback): sign up, log in, the feed, a contact request accepted in
the inbox, a message, an API call with a token, a digest that goes through Celery, the
static files and the security headers. One line per step, PASS or FAIL; the exit status
is 0 only when every step passed. Every process is stopped on exit, Ctrl-C included.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "scripts"))
from with_postgres import _bin_dir, _free_port  # noqa: E402

DEMO_PASSWORD = "guten-tag-demo"  # noqa: S105 (the demo personas' published password)
LENA = "demo@handschlag.example"


class Stack:
    """The processes of one installation, started in order and stopped in reverse."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="handschlag-prod-"))
        os.chmod(self.root, 0o755)  # noqa: S103 (the postgres user reaches its cluster)
        self.processes: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.pg_bin = _bin_dir()
        self.pg_data = self.root / "pg" / "data"
        self.as_postgres: list[str] = []
        self.pg_port = _free_port()
        self.redis_port = _free_port()
        self.web_port = _free_port()
        self.mail_dir = self.root / "mail"
        self.mail_dir.mkdir()
        self.env: dict[str, str] = {}

    def log(self, name: str) -> Path:
        return self.root / f"{name}.log"

    def start_postgres(self) -> None:
        (self.root / "pg").mkdir()
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.root / "pg", account.pw_uid, account.pw_gid)
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        quiet = {"stdout": subprocess.DEVNULL, "check": True}
        subprocess.run(  # noqa: S603
            [
                *self.as_postgres,
                str(self.pg_bin / "initdb"),
                "-D",
                str(self.pg_data),
                "-U",
                "handschlag",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            **quiet,  # type: ignore[arg-type]
        )
        options = (
            f"-p {self.pg_port} -k {self.root / 'pg'} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c max_connections=100"
        )
        subprocess.run(  # noqa: S603
            [
                *self.as_postgres,
                str(self.pg_bin / "pg_ctl"),
                "-D",
                str(self.pg_data),
                "-l",
                str(self.root / "pg" / "server.log"),
                "-o",
                options,
                "-w",
                "start",
            ],
            **quiet,  # type: ignore[arg-type]
        )
        subprocess.run(  # noqa: S603
            [
                *self.as_postgres,
                str(self.pg_bin / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.pg_port),
                "-U",
                "handschlag",
                "handschlag",
            ],
            **quiet,  # type: ignore[arg-type]
        )

    def stop_postgres(self) -> None:
        if self.pg_data.exists():
            subprocess.run(  # noqa: S603
                [
                    *self.as_postgres,
                    str(self.pg_bin / "pg_ctl"),
                    "-D",
                    str(self.pg_data),
                    "-m",
                    "fast",
                    "stop",
                ],
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def start_redis(self) -> None:
        """A redis-server on loopback without persistence, its files in the stack's folder."""
        self.spawn(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.root),
            ],
        )
        wait_for("Redis", lambda: port_open(self.redis_port))

    def spawn(self, name: str, command: list[str]) -> subprocess.Popen[bytes]:
        with self.log(name).open("wb") as log:
            process = subprocess.Popen(  # noqa: S603
                command,
                env=self.env,
                cwd=self.root,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append((name, process))
        return process

    def manage(self, *args: str) -> None:
        subprocess.run(  # noqa: S603
            [str(BIN / "handschlag"), *args],
            env=self.env,
            cwd=self.root,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def configure(self) -> None:
        self.env = {
            **os.environ,
            "HANDSCHLAG_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"postgres://handschlag@127.0.0.1:{self.pg_port}/handschlag",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "STATIC_ROOT": str(self.root / "static"),
            "TRUSTED_PROXY_COUNT": "1",
            "HANDSCHLAG_BASE_URL": "https://127.0.0.1",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "WEB_CONCURRENCY": "2",
            "GUNICORN_BIND": f"127.0.0.1:{self.web_port}",
            "GUNICORN_WORKER_TMP_DIR": str(self.root),
            "PYTHONUNBUFFERED": "1",
        }
        for name in ("DEBUG", "HANDSCHLAG_TASKS_EAGER", "CELERY_BROKER_URL", "PGHOST"):
            self.env.pop(name, None)

    def stop(self) -> None:
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for _name, process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.stop_postgres()

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def psql(self, sql: str) -> str:
        result = subprocess.run(  # noqa: S603
            [
                str(self.pg_bin / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.pg_port),
                "-U",
                "handschlag",
                "-d",
                "handschlag",
                "-At",
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()


def form_errors(html: str) -> str:
    """The error messages a page shows, for a FAIL line."""
    found = re.findall(r"<(?:li|p)[^>]*(?:error|alert)[^>]*>(.*?)</", html, flags=re.S)
    found += re.findall(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', html, flags=re.S)
    return " | ".join(" ".join(f.split()) for f in found)[:300] or html[:200]


def wait_for(what: str, check: Callable[[], bool], *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.2)
    raise TimeoutError(f"{what} not ready after {seconds:.0f} s")


def expect(condition: object, detail: object) -> None:
    """A check that fails the step (not ``assert``: ``python -O`` would skip it)."""
    if not condition:
        raise AssertionError(str(detail))


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


### The member's side: a browser behind the proxy ###


class Browser:
    """A member's browser as the app sees it behind nginx: HTTPS declared by the proxy."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.host = base.split("//", 1)[1]
        self.session = requests.Session()
        self.session.headers.update(
            {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
        )

    def cookies(self) -> dict[str, str]:
        """The proxy speaks HTTPS to the browser, so the app's cookies are Secure and
        __Host-; they go over the loopback hop as the browser sends them to the proxy
        (requests' jar would hold back Secure cookies on an http:// address)."""
        return {"Cookie": "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)}

    def get(self, path: str, headers: dict[str, str] | None = None) -> requests.Response:
        return self.session.get(
            self.base + path,
            headers={**self.cookies(), **(headers or {})},
            allow_redirects=False,
            timeout=30,
        )

    def csrf(self, html: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not found:
            raise AssertionError("no CSRF token on the page")
        return found.group(1)

    def post_form(
        self, page: str, data: dict[str, str], action: str | None = None, *, think: float = 0
    ) -> requests.Response:
        """Open ``page``, take its CSRF token (and the sign-up form's signed start time),
        wait ``think`` seconds as a person filling it in, submit ``data`` to ``action``."""
        opened = self.get(page)
        if opened.status_code != 200:
            raise AssertionError(f"GET {page}: {opened.status_code}")
        hidden = {"csrfmiddlewaretoken": self.csrf(opened.text)}
        started = re.search(r'name="started" value="([^"]+)"', opened.text)
        if started:
            hidden["started"] = started.group(1)
        time.sleep(think)
        origin = f"https://{self.host}"
        return self.session.post(
            self.base + (action or page),
            data={**hidden, **data},
            headers={**self.cookies(), "Origin": origin, "Referer": origin + page},
            allow_redirects=False,
            timeout=30,
        )

    def log_in(self, email: str, password: str) -> None:
        answer = self.post_form("/accounts/login/", {"login": email, "password": password})
        if answer.status_code != 302:
            raise AssertionError(f"login answered {answer.status_code}")


### The checks ###


class Checks:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.base = f"http://127.0.0.1:{stack.web_port}"
        self.results: list[tuple[str, bool, str]] = []
        self.newcomer_email = f"neu.{secrets.token_hex(3)}@example.org"
        self.newcomer = Browser(self.base)
        self.lena = Browser(self.base)
        self.facts: dict[str, str] = {}

    def step(self, name: str, action: Callable[[], str]) -> bool:
        started = time.monotonic()
        try:
            detail = action()
            ok = True
        except Exception as error:  # a failed step is reported, the walk goes on
            detail = f"{type(error).__name__}: {error}"
            ok = False
        took = time.monotonic() - started
        print(f"  {'PASS' if ok else 'FAIL'}  {name:<44} {took:5.1f} s  {detail}", flush=True)
        self.results.append((name, ok, detail))
        return ok

    def redirects_to_https(self) -> str:
        answer = requests.get(self.base + "/accounts/login/", allow_redirects=False, timeout=10)
        location = answer.headers.get("Location", "")
        expect(answer.status_code == 301, answer.status_code)
        expect(location.startswith("https://"), location)
        return f"plain HTTP → 301 {location}"

    def security_headers(self) -> str:
        answer = self.newcomer.get("/accounts/login/")
        expect(answer.status_code == 200, answer.status_code)
        headers = answer.headers
        csp = headers.get("Content-Security-Policy", "")
        scripts = csp.split("script-src", 1)[-1].split(";")[0]
        expect(scripts.strip().startswith("'self'") and "unsafe-inline" not in scripts, csp)
        expect("frame-ancestors 'none'" in csp, csp)
        hsts = headers.get("Strict-Transport-Security", "")
        expect("max-age=31536000" in hsts, hsts)
        expect(headers.get("X-Content-Type-Options") == "nosniff", "X-Content-Type-Options")
        expect(headers.get("X-Frame-Options") == "DENY", "X-Frame-Options")
        expect(headers.get("Referrer-Policy") == "same-origin", "Referrer-Policy")
        cookies = answer.headers.get("Set-Cookie", "")
        expect("__Host-csrftoken" in cookies and "Secure" in cookies, cookies)
        return f"CSP, HSTS ({hsts}), nosniff, DENY, __Host- Secure cookie"

    def static_files(self) -> str:
        page = self.newcomer.get("/accounts/login/").text
        found = re.search(r'href="(/static/handschlag/site\.[0-9a-f]{12}\.css)"', page)
        expect(found, "the page links no hashed site.css (collectstatic's manifest)")
        answer = self.newcomer.get(found.group(1), headers={"Accept-Encoding": "gzip"})
        expect(answer.status_code == 200, answer.status_code)
        expect(answer.headers["Content-Type"].startswith("text/css"), "content type")
        cache = answer.headers.get("Cache-Control", "")
        expect("immutable" in cache, cache)
        return f"{found.group(1)} {len(answer.content):,} B, {cache}"

    def sign_up(self) -> str:
        answer = self.newcomer.post_form(
            "/accounts/signup/",
            {
                "full_name": "Nora Neumann",
                "email": self.newcomer_email,
                "password1": "ein-langes-Passwort-2024",
                "password2": "ein-langes-Passwort-2024",
            },
            # The form refuses sign-ups sent faster than a person types (SECURITY.md S5).
            think=3.2,
        )
        expect(answer.status_code == 302, f"{answer.status_code}: {answer.text[:300]}")
        return f"{self.newcomer_email} → {answer.headers['Location']}"

    def newcomer_profile(self) -> str:
        answer = self.newcomer.post_form(
            "/profile/edit/",
            {"full_name": "Nora Neumann", "headline": "Steuerberaterin", "location": "Köln"},
        )
        expect(answer.status_code == 302, f"{answer.status_code}: {form_errors(answer.text)}")
        own = self.newcomer.get("/profile/")
        expect(own.status_code == 302, own.status_code)
        profile = self.newcomer.get(own.headers["Location"])
        expect("Steuerberaterin" in profile.text, "the headline is not on the own profile")
        return "headline and place saved, shown on the own profile"

    def lena_logs_in(self) -> str:
        self.lena.log_in(LENA, DEMO_PASSWORD)
        self.facts["lena"] = self.stack.psql(
            f"select id from accounts_member where email = '{LENA}'"  # noqa: S608
        )
        return f"seeded member {LENA} (id {self.facts['lena']})"

    def feed(self) -> str:
        answer = self.lena.get("/feed/")
        expect(answer.status_code == 200, answer.status_code)
        cache = answer.headers.get("Cache-Control", "")
        expect("private" in cache or "no-store" in cache, cache)
        posts = answer.text.count("<article")
        return f"200, {len(answer.content):,} B, {posts} articles"

    def contact_request(self) -> str:
        lena = self.facts["lena"]
        answer = self.newcomer.post_form(
            f"/members/{lena}/connect/",
            {"intent": "met", "note": "Hallo Frau Vogt, wir haben uns beim Stammtisch gesehen."},
        )
        expect(answer.status_code == 302, f"{answer.status_code}: {answer.text[:300]}")
        request_id = self.stack.psql(
            "select r.id from network_contactrequest r join accounts_member m "  # noqa: S608
            f"on m.id = r.sender_id where m.email = '{self.newcomer_email}'"
        )
        expect(request_id, "no request in the database")
        self.facts["request"] = request_id
        return f"request {request_id} to member {lena}"

    def accept_in_inbox(self) -> str:
        request_id = self.facts["request"]
        folder = self.stack.psql(
            f"select folder from network_contactrequest where id = {request_id}"  # noqa: S608
        )
        listing = f"/inbox/?folder={folder}"
        inbox = self.lena.get(listing)
        pages = [listing]
        for label_code in re.findall(r'href="/inbox/\?[^"]*label=([a-z_]+)', inbox.text):
            if f"/inbox/{request_id}/" in inbox.text:
                break
            listing = f"/inbox/?folder={folder}&label={label_code}"
            inbox = self.lena.get(listing)
            pages.append(listing)
        expect(f"/inbox/{request_id}/" in inbox.text, f"request not on {pages}")
        answer = self.lena.post_form(listing, {}, f"/inbox/{request_id}/accept/")
        expect(answer.status_code in (200, 302), answer.status_code)
        connected = self.stack.psql(
            "select count(*) from network_connection c join accounts_member m "  # noqa: S608
            f"on m.id = c.owner_id where m.email = '{self.newcomer_email}'"
        )
        expect(connected == "1", f"{connected} connections")
        return "accepted; the two are contacts"

    def message(self) -> str:
        lena = self.facts["lena"]
        answer = self.newcomer.post_form(
            f"/members/{lena}/message/", {"text": "Danke für die Annahme! Bis bald."}
        )
        expect(answer.status_code == 302, f"{answer.status_code}: {form_errors(answer.text)}")
        conversation = answer.headers["Location"]
        thread = self.lena.get(conversation)
        expect(thread.status_code == 200, thread.status_code)
        expect("Danke für die Annahme" in thread.text, "Lena does not see the message")
        self.facts["conversation"] = conversation
        return f"{conversation} read by the recipient"

    def api_token(self) -> str:
        answer = self.lena.post_form(
            "/settings/api-tokens/", {"name": "prod-check", "lifetime_days": "7"}
        )
        page = (
            answer.text
            if answer.status_code == 200
            else self.lena.get("/settings/api-tokens/").text
        )
        found = re.search(r"(hs_[A-Za-z0-9_\-]{30,})", page)
        expect(found, f"no secret shown ({answer.status_code})")
        bearer = {"Authorization": f"Bearer {found.group(1)}"}
        client = requests.Session()
        client.headers.update({**bearer, "X-Forwarded-Proto": "https"})
        me = client.get(self.base + "/api/v1/me", timeout=10)
        expect(me.status_code == 200, me.status_code)
        conversations = client.get(self.base + "/api/v1/conversations", timeout=10).json()
        expect(conversations["conversations"], "no conversation over the API")
        wrong = requests.get(
            self.base + "/api/v1/me",
            headers={"Authorization": "Bearer hs_wrong", "X-Forwarded-Proto": "https"},
            timeout=10,
        )
        expect(wrong.status_code == 401, wrong.status_code)
        return (
            f"/api/v1/me 200 ({me.json().get('full_name', '?')}), "
            f"{len(conversations['conversations'])} conversation(s), wrong token 401"
        )

    def worker_ready(self) -> str:
        def ready() -> bool:
            return "ready." in self.stack.log("celery-worker").read_text(errors="replace")

        wait_for("the Celery worker", ready, seconds=60)
        return "celery@… ready."

    def celery_digest(self) -> str:
        before = set(self.stack.mail_dir.iterdir())
        subprocess.run(  # noqa: S603
            [
                str(BIN / "celery"),
                "-A",
                "handschlag.config.celery",
                "call",
                "handschlag.notifications.send_daily_digests",
            ],
            env=self.stack.env,
            cwd=self.stack.root,
            check=True,
            capture_output=True,
        )
        sent: list[Path] = []

        def digest_written() -> bool:
            sent[:] = [p for p in self.stack.mail_dir.iterdir() if p not in before]
            return any(LENA in p.read_text(errors="replace") for p in sent)

        wait_for("the digest", digest_written, seconds=45)
        worker_log = self.stack.log("celery-worker").read_text(errors="replace")
        expect("send_daily_digests" in worker_log, "the worker's log does not name the task")
        return f"worker sent {len(sent)} mail file(s) with Lena's digest"

    def beat_alive(self) -> str:
        beat = dict(self.stack.processes)["celery-beat"]
        expect(beat.poll() is None, "beat exited")
        log = self.stack.log("celery-beat").read_text(errors="replace")
        expect("beat: Starting" in log, log[-300:])
        return "beat: Starting…, running"

    def limits_shared(self) -> str:
        # The cache is Redis: both gunicorn workers count against the same API and
        # sign-up limits, and the worker takes its jobs from the same server.
        keys = subprocess.run(  # noqa: S603
            ["redis-cli", "-p", str(self.stack.redis_port), "dbsize"],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        expect(int(keys) > 0, keys)
        return f"{keys} keys in Redis (cache, rate-limit counters, Celery's queues)"

    def run(self) -> bool:
        print("checks (as a browser behind the TLS proxy: X-Forwarded-Proto: https):")
        self.step("plain HTTP is redirected to HTTPS", self.redirects_to_https)
        self.step("security headers", self.security_headers)
        self.step("static files (collectstatic, WhiteNoise)", self.static_files)
        if self.step("sign up a new member", self.sign_up):
            self.step("the newcomer fills in a profile", self.newcomer_profile)
        self.step("log in a seeded member", self.lena_logs_in)
        self.step("the feed", self.feed)
        if self.step("send a contact request", self.contact_request):
            self.step("the other member accepts in the inbox", self.accept_in_inbox)
        self.step("a message", self.message)
        self.step("an API call with a token", self.api_token)
        if self.step("the Celery worker is ready", self.worker_ready):
            self.step("a digest through the Celery worker", self.celery_digest)
        self.step("Celery beat runs", self.beat_alive)
        self.step("cache and limits in Redis", self.limits_shared)
        return all(ok for _name, ok, _detail in self.results)


@contextlib.contextmanager
def running(stack: Stack) -> Iterator[None]:
    def interrupted(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    try:
        yield
    finally:
        print("stopping gunicorn, Celery, Redis and PostgreSQL …", flush=True)
        stack.stop()


def main() -> int:
    started = time.monotonic()
    for program in ("redis-server", "redis-cli"):
        if not shutil.which(program):
            sys.exit(f"{program} is missing: apt-get install redis-server (docs/production.md)")
    stack = Stack()
    failed_logs = False
    try:
        with running(stack):
            print(f"stack in {stack.root}")
            stack.configure()
            stack.start_postgres()
            print(f"  PostgreSQL on 127.0.0.1:{stack.pg_port}", flush=True)
            stack.start_redis()
            print(f"  Redis on 127.0.0.1:{stack.redis_port}", flush=True)
            # collectstatic (gzip and Brotli for every file) runs beside the database work.
            collect = stack.spawn(
                "collectstatic", [str(BIN / "handschlag"), "collectstatic", "--noinput"]
            )
            for label, args in (
                ("migrate", ("migrate", "--noinput")),
                ("200 members seeded (demo)", ("demo", "--members", "200")),
                ("check --deploy: no warnings", ("check", "--deploy", "--fail-level", "WARNING")),
            ):
                mark = time.monotonic()
                stack.manage(*args)
                print(f"  {label} ({time.monotonic() - mark:.0f} s)", flush=True)
            if collect.wait() != 0:
                raise RuntimeError("collectstatic failed")
            print(f"  collectstatic done ({time.monotonic() - started:.0f} s)", flush=True)
            gunicorn = stack.spawn(
                "gunicorn",
                [str(BIN / "gunicorn"), "-c", "python:handschlag.config.gunicorn"],
            )
            celery = [str(BIN / "celery"), "-A", "handschlag.config.celery"]
            stack.spawn(
                "celery-worker",
                [*celery, "worker", "--loglevel=INFO", "--concurrency=2", "-n", "check@%h"],
            )
            stack.spawn(
                "celery-beat",
                [*celery, "beat", "--loglevel=INFO", "-s", str(stack.root / "beat-schedule")],
            )
            wait_for("gunicorn", lambda: port_open(stack.web_port))

            def workers() -> int:
                counted = subprocess.run(  # noqa: S603
                    ["pgrep", "-c", "-P", str(gunicorn.pid)],  # noqa: S607
                    capture_output=True,
                    text=True,
                    check=False,
                ).stdout.strip()
                return int(counted or 0)

            # The port opens in the master (preloaded) before it forks the workers.
            wait_for("gunicorn's workers", lambda: workers() >= 2)
            print(f"  gunicorn on 127.0.0.1:{stack.web_port} ({workers()} workers)")

            print(f"  stack up after {time.monotonic() - started:.0f} s\n")
            passed = Checks(stack).run()
            failed_logs = not passed
    except KeyboardInterrupt:
        print("interrupted")
        passed = False
    except Exception as error:
        print(f"FAIL  the stack did not start: {type(error).__name__}: {error}")
        passed = False
        failed_logs = True
    if failed_logs:
        for name, _process in stack.processes:
            print(f"--- last lines of {name}.log")
            lines = stack.log(name).read_text(errors="replace").splitlines()
            print("\n".join(lines[-15:]))
    stack.remove()
    took = time.monotonic() - started
    print(f"\nprod-check {'PASSED' if passed else 'FAILED'} in {took:.0f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
