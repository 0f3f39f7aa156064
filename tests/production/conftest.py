"""A real redis-server for the Redis and Celery tests (Debian's package; scripts/system-deps.sh
installs it). Each test session (each xdist worker) starts its own on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from kombu import pools

from handschlag.config.celery import app

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """One redis-server process that a test may stop and start again (same port)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)

    def start(self) -> None:
        if self.process is not None:
            return
        self.process = subprocess.Popen(  # noqa: S603 (Debian's redis-server)
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                if self.client().ping():
                    return
            except redis.exceptions.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on {self.port}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        self.process.wait(timeout=20)
        self.process = None


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    if not Path(REDIS_SERVER).exists():
        pytest.fail("redis-server is missing: run scripts/system-deps.sh (Debian: redis-server)")
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> Iterator[str]:
    """The running server's address, emptied before the test; running again after it."""
    redis_server.start()
    redis_server.client().flushall()
    yield redis_server.url
    redis_server.start()


def forget_connections() -> None:
    """Drop this process's broker connections, so that the next task uses the new URL."""
    pools.reset()  # closes kombu's shared connection and producer pools, and forgets them
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_broker(settings, redis_url: str) -> Iterator[str]:
    """This process sends its jobs to the test's Redis, as a web process with a broker."""
    settings.CELERY_BROKER_URL = redis_url
    settings.HANDSCHLAG_TASKS_EAGER = False
    before = app.conf.broker_url
    app.conf.broker_url = redis_url
    forget_connections()
    yield redis_url
    app.conf.broker_url = before
    forget_connections()
