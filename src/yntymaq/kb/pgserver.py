"""A throwaway PostgreSQL server for tests and benchmarks: `initdb` in a temporary folder, a server on a
unix socket in that folder (no TCP port, so nothing collides with another server on the machine), stopped
and removed at the end.

The binaries are looked for on the PATH and in Debian's `/usr/lib/postgresql/<version>/bin`. PostgreSQL
refuses to run as root: as root the cluster is owned by, and the server runs as, the user `nobody`.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from yntymaq.errors import YntymaqError

UNPRIVILEGED_USER = "nobody"


class PostgresUnavailable(YntymaqError):
    """No PostgreSQL server binaries here, or they would not start: the message says which."""


def find_binaries() -> Path:
    """The folder holding `initdb`, `pg_ctl` and `postgres`, the newest version first."""
    candidates = []
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(os.path.realpath(on_path)).parent)
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: _version(p), reverse=True)
    candidates.extend(Path(p) for p in debian)
    for folder in candidates:
        if all((folder / name).is_file() and os.access(folder / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    raise PostgresUnavailable(
        "no PostgreSQL server found (initdb, pg_ctl and postgres on the PATH or in /usr/lib/postgresql/*/bin): "
        "install Debian's package with `apt-get install postgresql`")


def _version(path: str) -> tuple[int, ...]:
    part = Path(path).parent.name
    return tuple(int(x) for x in part.split(".") if x.isdigit())


class TemporaryPostgres:
    """A PostgreSQL cluster of its own; `url(name)` creates a database in it and returns its URL.

    Use as a context manager, or call `start()` and `stop()`."""

    def __init__(self, *, bin_dir: Path | None = None):
        self.bin_dir = bin_dir or find_binaries()
        self.folder: Path | None = None
        self._counter = 0

    # The server's files live in `folder`: data/, the socket, log.
    def start(self) -> "TemporaryPostgres":
        self.folder = Path(tempfile.mkdtemp(prefix="yntymaq-pg-"))
        os.chmod(self.folder, 0o755)
        if os.geteuid() == 0:
            import pwd

            owner = pwd.getpwnam(UNPRIVILEGED_USER)
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        try:
            self._run("initdb", "-D", str(self.folder / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                      "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US", "--no-sync")
            options = f"-k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-o", options, "-l", str(self.folder / "log"),
                      "-w", "-t", "60", "start")
        except PostgresUnavailable:
            self._remove()
            raise
        return self

    def stop(self) -> None:
        if self.folder is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        except PostgresUnavailable:
            pass
        finally:
            self._remove()

    def _remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self) -> "TemporaryPostgres":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if os.geteuid() == 0:  # postgres will not run as root
            command = ["setpriv", f"--reuid={UNPRIVILEGED_USER}", f"--regid={_group_of(UNPRIVILEGED_USER)}",
                       "--clear-groups", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if done.returncode != 0:
            log = ""
            if self.folder and (self.folder / "log").exists():
                log = (self.folder / "log").read_text(errors="replace")[-500:]
            raise PostgresUnavailable(f"{program} failed: {(done.stderr or done.stdout).strip()[-500:]} {log}".strip())

    def admin_url(self) -> str:
        return self._url("postgres")

    def _url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.folder}"

    def url(self, name: str | None = None) -> str:
        """Create a new, empty database and return its SQLAlchemy URL."""
        import psycopg

        if name is None:
            self._counter += 1
            name = f"db{self._counter}"
        with psycopg.connect(host=str(self.folder), user="postgres", dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self._url(name)


def _group_of(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_gid
