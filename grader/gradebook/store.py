"""Opening a gradebook and writing to it.

SQLite in WAL mode (readers never wait for the writer), ``BEGIN IMMEDIATE``
for every write (two writers queue rather than deadlock) and a busy timeout
(the second waits for the first).  One transaction per attempt: a process
killed mid-write loses that attempt and nothing else.  The file is the
user's alone (0600): it holds staff views, hidden tests' details included.
"""

from __future__ import annotations

import errno
import os
import random
import sqlite3
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

from . import schema
from .attempt import COLUMNS, Attempt
from .errors import GradebookError

BUSY_TIMEOUT_S = 10.0


class Gradebook:
    """An open gradebook.  ``record`` is the one write; a process that holds
    a ``Gradebook`` open can record what other processes send it."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path, *, create: bool = True, steps=schema.MIGRATIONS) -> "Gradebook":
        """Open (with ``create``, make) the gradebook at ``path`` and bring its
        schema up to date; any failure is a ``GradebookError`` naming ``path``."""
        path = Path(path)
        try:
            if create:
                _make_private_file(path)
            elif not path.is_file():
                raise GradebookError(str(path), "no gradebook here (nothing recorded yet?)")
            conn = _connect(path)
        except OSError as exc:
            raise GradebookError(str(path), f"cannot open ({exc.strerror or exc})") from None
        except sqlite3.Error as exc:
            raise GradebookError(str(path), f"cannot open ({_reason(exc)})") from None
        try:
            _settle(conn, str(path), steps)
        except GradebookError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise GradebookError(str(path), f"cannot open ({_reason(exc)})") from None
        return cls(conn, path)

    def record(self, attempt: Attempt) -> int:
        """Write ``attempt`` in a transaction of its own; returns its id."""
        sql = (f"INSERT INTO attempts ({', '.join(COLUMNS)})"
               f" VALUES ({', '.join('?' * len(COLUMNS))})")
        try:
            with self.transaction():
                return self.conn.execute(sql, attempt.values()).lastrowid
        except sqlite3.Error as exc:
            raise GradebookError(str(self.path), f"cannot write ({_reason(exc)})") from None

    @contextmanager
    def transaction(self):
        """A write transaction: BEGIN IMMEDIATE, then COMMIT, or ROLLBACK on any
        exception (Ctrl-C included)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Gradebook":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _make_private_file(path: Path) -> None:
    """Make the folder (0700) and an empty file (0600) that SQLite takes as an
    empty database; its -wal and -shm files get the same mode."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:  # a file where the folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)) from None
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    os.close(fd)


def _connect(path: Path) -> sqlite3.Connection:
    """A connection that never creates the file (``mode=rw``), with the busy
    timeout; transactions are explicit."""
    uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=rw"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)


def _settle(conn: sqlite3.Connection, where: str, steps) -> None:
    """Check the schema's version, configure the connection and migrate.

    Two judges opening a new gradebook at once may meet a lock that SQLite
    reports at once rather than through the busy timeout (turning on WAL, or
    recovering it, takes a lock no busy handler waits for, to avoid a
    deadlock): that is retried, with a short random pause, for as long as
    the busy timeout would have waited."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            # A newer judge's gradebook is refused before anything is written to it.
            schema.check_known(schema.version(conn), where, steps)
            _configure(conn)
            schema.migrate(conn, where, steps)
            return
        except sqlite3.OperationalError as exc:
            busy = getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY,
                                                                   sqlite3.SQLITE_LOCKED)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


def _configure(conn: sqlite3.Connection) -> None:
    """WAL, full sync of each commit, temporary data in memory (so nothing
    lands in $TMPDIR)."""
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")


def _reason(exc: sqlite3.Error) -> str:
    text = str(exc) or type(exc).__name__
    return text.replace("\n", " ")
