"""The gradebook's tables, as a list of migration steps applied in order.

The schema's version is SQLite's ``PRAGMA user_version``: the number of steps
applied.  A step is a tuple of SQL statements; to change the schema, append a
step (never edit one that has shipped).  Every step runs in the same write
transaction that sets the new version, so a gradebook is always at one
version or the next, never in between.
"""

from __future__ import annotations

import sqlite3

from .errors import GradebookError

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: one row per graded attempt; the result is the staff view's JSON document
    (
        """CREATE TABLE attempts (
            id                INTEGER PRIMARY KEY,
            candidate         TEXT NOT NULL,
            problem           TEXT NOT NULL,
            problem_digest    TEXT NOT NULL,
            submission        TEXT NOT NULL,
            submission_sha256 TEXT,
            judge_version     TEXT NOT NULL,
            mode              TEXT NOT NULL,
            seed              INTEGER,
            key_fingerprint   TEXT,
            started_at        TEXT NOT NULL,
            ended_at          TEXT NOT NULL,
            verdict           TEXT NOT NULL,
            score             REAL NOT NULL,
            max_score         REAL NOT NULL,
            result            TEXT NOT NULL
        )""",
        "CREATE INDEX attempts_by_candidate ON attempts (candidate, problem, started_at)",
    ),
)


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_known(found: int, where: str, steps=MIGRATIONS) -> None:
    """Refuse a gradebook written by a newer judge (it may hold what this one
    would lose)."""
    if found > len(steps):
        raise GradebookError(where, f"schema version {found} is newer than this judge"
                                    f" knows ({len(steps)}); use a newer lstm-judge")


def migrate(conn: sqlite3.Connection, where: str, steps=MIGRATIONS) -> int:
    """Bring the open gradebook up to ``len(steps)``; returns the version it
    had.  Called outside a transaction (it opens its own)."""
    found = version(conn)
    check_known(found, where, steps)
    if found == len(steps):
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = version(conn)  # another process may have migrated meanwhile
        check_known(found, where, steps)
        for number, step in enumerate(steps[found:], start=found + 1):
            for statement in step:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number:d}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already
            conn.execute("ROLLBACK")
        raise
    return found
