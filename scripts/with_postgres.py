"""Run a command against a throwaway PostgreSQL cluster: ``with_postgres.py -- CMD ...``.

The cluster lives in a temporary folder, listens on a free loopback port, and is removed
afterwards. PostgreSQL refuses to run as root, so as root the server runs as the
``postgres`` system user that Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def _bin_dir() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    sys.exit("PostgreSQL is not installed: run `make system-deps` (apt-get install postgresql).")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def main(argv: list[str]) -> int:
    """Start the cluster, run the command with DATABASE_URL set, always stop the cluster."""
    if "--" not in argv:
        sys.exit("usage: with_postgres.py -- COMMAND [ARGS...]")
    command = argv[argv.index("--") + 1 :]
    bin_dir = _bin_dir()
    as_user: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="handschlag-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(root, account.pw_uid, account.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log = root / "data", root / "server.log"
    port = _free_port()

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, stdout=subprocess.DEVNULL)  # noqa: S603

    try:
        run(
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "handschlag",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        # Durability is pointless for a throwaway test cluster; speed is not.
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
        run(
            str(bin_dir / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "handschlag",
            "handschlag",
        )
        env = {**os.environ, "DATABASE_URL": f"postgres://handschlag@127.0.0.1:{port}/handschlag"}
        print(f"PostgreSQL test cluster on 127.0.0.1:{port}", flush=True)
        return subprocess.run(command, env=env, check=False).returncode  # noqa: S603
    finally:
        subprocess.run(  # noqa: S603
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
