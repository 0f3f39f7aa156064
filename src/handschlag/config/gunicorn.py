"""Gunicorn's settings for production: ``gunicorn -c python:handschlag.config.gunicorn``.

Every value can be overridden from the environment (``GUNICORN_*``, ``WEB_CONCURRENCY``)
or on the command line, which gunicorn reads after this file. docs/production.md shows
the systemd unit that runs it behind nginx.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


#: The WSGI application (Django's, with WhiteNoise serving the collected static files).
wsgi_app = "handschlag.config.wsgi:application"
#: Where nginx reaches the app; loopback only, the proxy terminates TLS.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
#: Synchronous workers, two per core plus one (gunicorn's advice for I/O-bound Django
#: views); ``WEB_CONCURRENCY`` pins the number, e.g. on a machine shared with PostgreSQL.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
#: A request that takes longer than this is killed and the worker replaced; no page of
#: ours needs more than a few seconds, an import upload is handed to a background job.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
#: nginx keeps connections to the app open for a few seconds between requests.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
#: Workers are replaced after this many requests (plus jitter, so not all at once), which
#: bounds the memory a slow leak could take.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
#: Load Django once in the master and fork the workers from it: faster restarts, shared
#: memory pages; the database connections are opened only in the workers.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
#: Access log to stdout (journald under systemd), with the request's duration in µs.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'
#: Only the proxy on this host may set X-Forwarded-* headers that gunicorn believes.
#: Django reads the protocol through SECURE_PROXY_SSL_HEADER and the client's address
#: through TRUSTED_PROXY_COUNT (core/addresses.py), not through gunicorn.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
#: Temporary files of request bodies in memory, not on a slow disk.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm")  # noqa: S108
#: Show the process purpose in ps/top.
proc_name = "handschlag-web"
