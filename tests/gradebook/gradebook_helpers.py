"""Attempts and gradebooks for the gradebook's tests, and the writers that
the concurrency tests run in other processes (importable, for spawn)."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from grader.gradebook import Attempt, Gradebook

T0 = datetime(2025, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def staff_document(problem="cell", verdict="accepted", score=100.0, max_score=100.0,
                   seed=0, key=None, **extra) -> dict:
    """A staff-view document with the fields an attempt takes from it."""
    return {"schema": 1, "view": "staff", "problem": problem, "submission": "mine.py",
            "mode": "submit", "verdict": verdict, "score": score, "max_score": max_score,
            "message": "", "seed": seed, "key": key, "problem_dir": f"/p/{problem}",
            "problem_digest": "d" * 64, "tests": [], **extra}


def attempt(candidate="ada", minutes=0, sha="a" * 64, **document) -> Attempt:
    start = T0 + timedelta(minutes=minutes)
    return Attempt.from_document(staff_document(**document), candidate=candidate,
                                 submission_sha256=sha, started_at=start,
                                 ended_at=start + timedelta(seconds=2), version="9.9")


def rows(path: Path, sql="SELECT * FROM attempts ORDER BY id") -> list[sqlite3.Row]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def write_many(path: str, writer: int, count: int, start_at: float) -> None:
    """One of several concurrent writers: each opens the gradebook itself
    (the first ones make it) and records ``count`` attempts, one at a time."""
    time.sleep(max(0.0, start_at - time.time()))  # start together
    for seq in range(count):
        with Gradebook.open(Path(path)) as book:
            book.record(attempt(candidate=f"writer-{writer}", seq=seq))


def write_forever(path: str, done) -> None:
    """Record attempt after attempt in one open gradebook, counting them in
    ``done`` (a shared integer), until killed."""
    with Gradebook.open(Path(path)) as book:
        seq = 0
        while True:
            book.record(attempt(candidate="looper", seq=seq))
            seq += 1
            done.value = seq


def stop_inside_a_write(path: str, inside) -> None:
    """Start recording one attempt and stop before it commits: set ``inside``
    and sleep there until killed."""
    with Gradebook.open(Path(path)) as book, book.transaction() as conn:
        conn.execute("INSERT INTO attempts (candidate, problem, problem_digest, submission,"
                     " judge_version, mode, seed, started_at, ended_at, verdict, score,"
                     " max_score, result) VALUES ('half', 'cell', '', 'x.py', '0', 'submit',"
                     " 0, '', '', 'accepted', 100, 100, '{}')")
        inside.set()
        time.sleep(600)


def seq_of(row) -> int:
    return json.loads(row["result"])["seq"]
