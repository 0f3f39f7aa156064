"""Members using Handschlag at once: ``bench/load/run.py`` starts this with locust.

Each simulated user is a distinct seeded member (``LOAD_MEMBERS``: a JSON list of
``{"id", "email", "token"}`` written by run.py, which sets a known password and creates
an API token for each). A user logs in through the login form (the pages use the
session) and calls the API with its token, behind a proxy that declares HTTPS
(``X-Forwarded-Proto``), as nginx does in production.

The mix, by weight: the feed, other members' profiles, the inbox page, the conversation
list and one conversation; contact requests to other load members, triage of the own
inbox (accept or decline), messages to contacts, and API reads (me, feed, inbox).

Every write answered with 2xx is logged (``LOAD_WRITE_LOG``, one ``kind id`` per line,
flushed at once) so that run.py can check afterwards that each one is in the database,
also across a PostgreSQL restart. Refusals the rules give (409 conflict, 429 quota or
rate limit) are the site working as designed; they count as successes and are tallied
separately (``LOAD_OUTCOMES``).
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
from collections import Counter
from typing import Any

from locust import HttpUser, between, events, task

MEMBERS: list[dict[str, Any]] = json.loads(
    open(os.environ["LOAD_MEMBERS"], encoding="utf-8").read()  # noqa: SIM115
)
#: Every member id in the database runs from 1 to this; profiles are opened at random.
TOP_MEMBER_ID = int(os.environ.get("LOAD_TOP_MEMBER_ID", "1000"))
PASSWORD = os.environ["LOAD_PASSWORD"]
_write_log = open(os.environ["LOAD_WRITE_LOG"], "a", buffering=1, encoding="utf-8")  # noqa: SIM115
_lock = threading.Lock()
_next_member = iter(range(len(MEMBERS)))
OUTCOMES: Counter[str] = Counter()
#: Notes written by each member (the engine files one text sent by many as a template).
PLACES = (
    "beim Meetup in Köln",
    "auf der Fachtagung in Leipzig",
    "im Workshop in Bremen",
    "beim Alumni-Abend in Mannheim",
    "auf dem Barcamp in Kassel",
)
TOPICS = (
    "Umsatzsteuer im Onlinehandel",
    "Datenbanken mit PostgreSQL",
    "Barrierefreiheit",
    "Lieferketten im Mittelstand",
    "Förderprogramme für Start-ups",
)
CLOSINGS = (
    "Ich würde gern an das Gespräch anknüpfen.",
    "Schön, Sie hier wiederzufinden.",
    "Vielleicht ergibt sich ein gemeinsames Projekt.",
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONVERSATION = re.compile(r'href="/messages/(\d+)/"')


def note(sender: int, recipient: int) -> str:
    """A note of this sender to this recipient, the same each time they write."""
    rng = random.Random(sender * 7919 + recipient)
    return (
        f"Hallo, wir haben uns {rng.choice(PLACES)} über {rng.choice(TOPICS)} unterhalten "
        f"(Ihr Beitrag zu Punkt {rng.randint(2, 9)} ist mir im Kopf geblieben). "
        f"{rng.choice(CLOSINGS)}"
    )


def log_write(kind: str, object_id: int) -> None:
    with _lock:
        _write_log.write(f"{kind} {object_id}\n")


@events.test_stop.add_listener
def _save_outcomes(**_kwargs: Any) -> None:
    path = os.environ.get("LOAD_OUTCOMES")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(dict(OUTCOMES), out, indent=1, sort_keys=True)


class Member(HttpUser):
    """One member: logs in once, then browses and writes with pauses between actions."""

    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        with _lock:
            index = next(_next_member, None)
        if index is None:
            index = random.randrange(len(MEMBERS))
        me = MEMBERS[index]
        self.member_id: int = me["id"]
        # Requests go to members who are logged in too, so that triage has work to do.
        active = MEMBERS[: max(2, int(os.environ.get("LOAD_USERS", "20")))]
        self.others = [m["id"] for m in active if m["id"] != self.member_id]
        self.api = {"Authorization": f"Bearer {me['token']}"}
        # Each member comes from an address of their own, as the proxy reports it (the
        # login form allows only so many logins per address and minute).
        address = f"10.{9 + index // 65536}.{index // 256 % 256}.{index % 256}"
        self.client.headers.update({"X-Forwarded-Proto": "https", "X-Forwarded-For": address})
        self.origin = f"https://{self.host.split('//', 1)[1].rstrip('/')}"
        self.conversations: list[int] = []
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.text)
        with self.client.post(
            "/accounts/login/",
            data={
                "login": me["email"],
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers=self._cookies({"Origin": self.origin, "Referer": self.origin + "/"}),
            allow_redirects=False,
            name="log in (form)",
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login answered {answer.status_code}")

    def _cookies(self, headers: dict[str, str] | None = None) -> dict[str, str]:
        """The site's cookies are Secure (HTTPS at the proxy); send them over loopback."""
        jar = "; ".join(f"{c.name}={c.value}" for c in self.client.cookies)
        return {**(headers or {}), "Cookie": jar}

    def page(self, path: str, name: str) -> str:
        with self.client.get(
            path, headers=self._cookies(), name=name, allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}")
                return ""
            return answer.text

    def call(self, method: str, path: str, name: str, body: object = None) -> Any:
        """An API call with the member's token; 409 and 429 are refusals, not errors."""
        with self.client.request(
            method, "/api/v1" + path, json=body, headers=self.api, name=name, catch_response=True
        ) as answer:
            code = answer.status_code
            if code in (409, 429) or (code == 403 and method == "POST"):
                # 403 on a write: a restriction the engine imposed on this sender.
                OUTCOMES[f"{name}: {code}"] += 1
                answer.success()
                return None
            if code == 404 and method == "POST":
                # The other member is gone from view (blocked, deactivated): a refusal.
                OUTCOMES[f"{name}: 404"] += 1
                answer.success()
                return None
            if not 200 <= code < 300:
                answer.failure(f"{code}: {answer.text[:120]}")
                return None
            OUTCOMES[f"{name}: {code}"] += 1
            return answer.json()

    ### Reading ###

    @task(10)
    def feed(self) -> None:
        self.page("/feed/", "page: feed")

    @task(8)
    def profile(self) -> None:
        member = random.randint(1, TOP_MEMBER_ID)
        with self.client.get(
            f"/members/{member}/",
            headers=self._cookies(),
            name="page: profile",
            catch_response=True,
        ) as answer:
            # A deleted or hidden member answers 404, as it should; 429 when this member
            # opened more profiles than a person reads (the scraping limit).
            if answer.status_code in (404, 429):
                OUTCOMES[f"page: profile: {answer.status_code}"] += 1
                answer.success()
            elif answer.status_code != 200:
                answer.failure(str(answer.status_code))

    @task(4)
    def inbox(self) -> None:
        self.page("/inbox/", "page: inbox")

    @task(3)
    def conversations(self) -> None:
        html = self.page("/messages/", "page: conversations")
        self.conversations = [int(c) for c in CONVERSATION.findall(html)][:20]

    @task(3)
    def conversation(self) -> None:
        if self.conversations:
            chosen = random.choice(self.conversations)
            self.page(f"/messages/{chosen}/", "page: one conversation")

    @task(4)
    def api_reads(self) -> None:
        self.call("GET", "/me", "api: me")
        self.call("GET", "/feed", "api: feed")

    ### Writing ###

    @task(3)
    def send_contact_request(self) -> None:
        other = random.choice(self.others)
        sent = self.call(
            "POST",
            f"/members/{other}/contact-requests",
            "api: send contact request",
            {"intent": "met", "note": note(self.member_id, other)},
        )
        if sent:
            log_write("request", sent["id"])

    @task(3)
    def triage(self) -> None:
        inbox = self.call("GET", "/inbox", "api: inbox")
        pending = [i for i in (inbox or {}).get("items", []) if i["status"] == "pending"]
        if not pending:
            # Requests the member's policy filed apart (labelled spam, template, …).
            filed = self.call("GET", "/inbox?folder=filed", "api: inbox (filed)")
            pending = [i for i in (filed or {}).get("items", []) if i["status"] == "pending"]
        if not pending:
            return
        item = random.choice(pending)
        if random.random() < 0.7:
            if self.call("POST", f"/inbox/{item['id']}/accept", "api: accept"):
                log_write("accepted", item["id"])
        elif self.call("POST", f"/inbox/{item['id']}/decline", "api: decline", {}):
            log_write("declined", item["id"])

    @task(3)
    def send_message(self) -> None:
        contacts = self.call("GET", "/connections", "api: connections")
        people = [c["contact"]["member_id"] for c in (contacts or {}).get("connections", [])]
        if not people:
            return
        sent = self.call(
            "POST",
            f"/members/{random.choice(people)}/messages",
            "api: send message",
            {"text": "Danke für die Vernetzung! Haben Sie nächste Woche Zeit für ein Telefonat?"},
        )
        if sent:
            log_write("message", sent["message_id"])
