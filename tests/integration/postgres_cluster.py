"""A throwaway PostgreSQL server of its own, for tests that stop and start the database.

Like ``.ci/postgres.sh``, but owned by one test module: ``initdb`` in a temporary folder, a free
loopback port, password authentication over TCP, ``fsync=off``. Stopping it (``pg_ctl stop -m
fast``) disturbs no other test. As root (CI) the server runs as the ``postgres`` user, as PostgreSQL
refuses to run as root.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional

from tests.integration.stack import free_port

#: Where Debian installs the server binaries (one folder per major version).
DEBIAN_BINARIES = Path("/usr/lib/postgresql")
USER = "lotse"


def binaries() -> Optional[Path]:
    """The newest installed PostgreSQL ``bin`` folder, or None."""
    found = sorted(DEBIAN_BINARIES.glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name)
                   if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


class Cluster:
    """One PostgreSQL server in a temporary folder: :meth:`start`, :meth:`stop`, :meth:`create_database`."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="lotse-faults-postgres."))
        self.data = self.root / "data"
        self.port = free_port()
        self.password = secrets.token_hex(12)
        self._as_root = os.geteuid() == 0
        if self._as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self.root.chmod(0o700)
        password_file = self.root / "password"
        password_file.write_text(self.password + "\n")
        if self._as_root:
            shutil.chown(password_file, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", USER, f"--pwfile={password_file}", "--auth-local=trust",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync")

    def _command(self, program: str, *args: str) -> List[str]:
        command = [str(self.bin / program), *args]
        return ["runuser", "-u", "postgres", "--", *command] if self._as_root else command

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(self._command(program, *args), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, cwd=self.root)

    def start(self) -> None:
        """Start the server (again, on the same port) and wait until it accepts connections."""
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.root} "
                   "-c fsync=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-o", options, "start")

    def stop(self) -> None:
        """Stop the server at once (``-m fast``: open connections are cut, as in a crash of the host)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str) -> str:
        """``postgresql://`` URL of ``database`` on this server."""
        return f"postgresql://{USER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create ``name``; returns its URL."""
        self._run("createdb", "-h", str(self.root), "-p", str(self.port), "-U", USER, name)
        return self.url(name)

    def remove(self) -> None:
        """Stop the server if it runs and delete its folder."""
        subprocess.run(self._command("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.root)
        shutil.rmtree(self.root, ignore_errors=True)
