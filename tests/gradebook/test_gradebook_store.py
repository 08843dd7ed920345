"""The gradebook's store: what a row holds, the file it makes, migrations,
and that concurrent and killed writers leave it whole."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import stat
import time

import pytest
from gradebook_helpers import (attempt, integrity, rows, seq_of, stop_inside_a_write,
                               write_forever, write_many)

from grader.gradebook import Gradebook, GradebookError, schema
from grader.gradebook.attempt import COLUMNS

SPAWN = multiprocessing.get_context("spawn")


def test_an_attempt_is_recorded_with_every_field(tmp_path):
    path = tmp_path / "book.sqlite3"
    made = attempt(candidate="ada", verdict="wrong_answer", score=15.0, seed=7, key="f" * 16)
    with Gradebook.open(path) as book:
        assert book.record(made) == 1
    [row] = rows(path)
    assert {c: row[c] for c in COLUMNS} == {
        "candidate": "ada", "problem": "cell", "problem_digest": "d" * 64,
        "submission": "mine.py", "submission_sha256": "a" * 64, "judge_version": "9.9",
        "mode": "submit", "seed": 7, "key_fingerprint": "f" * 16,
        "started_at": "2025-03-01T12:00:00.000000Z", "ended_at": "2025-03-01T12:00:02.000000Z",
        "verdict": "wrong_answer", "score": 15.0, "max_score": 100.0, "result": made.result}
    assert json.loads(row["result"])["view"] == "staff"


def test_only_the_staff_view_is_kept():
    from gradebook_helpers import staff_document

    from grader.gradebook import Attempt

    with pytest.raises(ValueError, match="staff view"):
        Attempt.from_document({**staff_document(), "view": "candidate"}, candidate="ada",
                              submission_sha256=None, started_at=None, ended_at=None)


def test_a_name_with_an_undecodable_byte_is_kept_visibly(tmp_path):
    path = tmp_path / "book.sqlite3"
    with Gradebook.open(path) as book:
        book.record(attempt(candidate="bad\udcffname"))
    assert rows(path)[0]["candidate"] == "bad\\udcffname"


def test_the_file_is_private_in_wal_mode_at_the_current_version(tmp_path):
    path = tmp_path / "new" / "folder" / "book.sqlite3"
    with Gradebook.open(path) as book:
        assert book.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert schema.version(book.conn) == len(schema.MIGRATIONS)
        book.record(attempt())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_reading_never_makes_a_gradebook(tmp_path):
    path = tmp_path / "none.sqlite3"
    with pytest.raises(GradebookError, match="no gradebook here"):
        Gradebook.open(path, create=False)
    assert not path.exists()


def test_a_corrupt_file_is_an_error_and_is_left_as_it_was(tmp_path):
    path = tmp_path / "book.sqlite3"
    path.write_bytes(b"not a database, " * 512)
    with pytest.raises(GradebookError, match="not a database"):
        Gradebook.open(path)
    assert path.read_bytes() == b"not a database, " * 512


# --------------------------------------------------------------------------- migrations

NEXT_STEP = ("ALTER TABLE attempts ADD COLUMN batch TEXT NOT NULL DEFAULT ''",
             "CREATE INDEX attempts_by_batch ON attempts (batch)")


def test_an_older_gradebook_is_migrated_and_keeps_its_attempts(tmp_path):
    path = tmp_path / "book.sqlite3"
    with Gradebook.open(path) as book:  # written by this judge: version 1
        book.record(attempt(seq=0))
    steps = schema.MIGRATIONS + (NEXT_STEP,)  # a newer judge's steps
    with Gradebook.open(path, steps=steps) as book:
        assert schema.version(book.conn) == len(steps)
        book.conn.execute("UPDATE attempts SET batch = 'b1'")
    [row] = rows(path)
    assert seq_of(row) == 0 and row["batch"] == "b1" and row["candidate"] == "ada"


def test_an_empty_file_is_version_0_and_gets_every_step(tmp_path):
    path = tmp_path / "book.sqlite3"
    path.touch()
    with Gradebook.open(path) as book:
        assert schema.version(book.conn) == len(schema.MIGRATIONS)
        book.record(attempt())
    assert len(rows(path)) == 1


def test_a_failing_step_leaves_the_gradebook_as_it_was(tmp_path):
    path = tmp_path / "book.sqlite3"
    with Gradebook.open(path) as book:
        book.record(attempt())
    broken = schema.MIGRATIONS + (NEXT_STEP[:1] + ("CREATE TABLE attempts (x)",),)
    with pytest.raises(GradebookError, match="already exists"):
        Gradebook.open(path, steps=broken)
    with Gradebook.open(path) as book:
        assert schema.version(book.conn) == len(schema.MIGRATIONS)
    assert "batch" not in rows(path)[0].keys()  # the first half of the step is undone


def test_a_gradebook_from_a_newer_judge_is_refused(tmp_path):
    path = tmp_path / "book.sqlite3"
    with Gradebook.open(path) as book:
        book.record(attempt())
        book.conn.execute("PRAGMA user_version = 99")
    with pytest.raises(GradebookError) as refused:
        Gradebook.open(path)
    message = str(refused.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert f"schema version 99 is newer than this judge knows ({len(schema.MIGRATIONS)})" in message
    assert len(rows(path)) == 1  # untouched
    assert rows(path, "PRAGMA user_version")[0][0] == 99


# --------------------------------------------------------------------------- processes


def test_concurrent_writers_are_all_recorded(tmp_path):
    path = tmp_path / "book.sqlite3"  # not there yet: the writers race to make it too
    writers, each = 6, 25
    start_at = time.time() + 2.0  # after every spawned interpreter is up
    procs = [SPAWN.Process(target=write_many, args=(str(path), w, each, start_at))
             for w in range(writers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0, f"writer {p.name} exited with {p.exitcode}"
    assert integrity(path) == "ok"
    found = rows(path)
    assert len(found) == writers * each
    for w in range(writers):
        mine = [seq_of(r) for r in found if r["candidate"] == f"writer-{w}"]
        assert mine == list(range(each))  # each writer's own order, nothing lost


def test_a_writer_killed_mid_batch_leaves_whole_attempts(tmp_path):
    path = tmp_path / "book.sqlite3"
    done = SPAWN.Value("i", 0)
    proc = SPAWN.Process(target=write_forever, args=(str(path), done))
    proc.start()
    deadline = time.monotonic() + 60
    while done.value < 40 and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    assert proc.exitcode == -signal.SIGKILL
    recorded = done.value
    assert recorded >= 40, "the writer never got going"
    assert integrity(path) == "ok"
    found = rows(path)
    # every commit the writer saw is there; at most the one it was writing is lost
    assert len(found) in (recorded, recorded + 1)
    assert [seq_of(r) for r in found] == list(range(len(found)))
    assert all(json.loads(r["result"])["verdict"] == "accepted" for r in found)
    with Gradebook.open(path) as book:  # and it takes the next attempt at once
        book.record(attempt(candidate="next"))
    assert rows(path)[-1]["candidate"] == "next"


def test_a_writer_killed_inside_its_transaction_loses_only_that_attempt(tmp_path):
    path = tmp_path / "book.sqlite3"
    with Gradebook.open(path) as book:
        book.record(attempt(candidate="before"))
    inside = SPAWN.Event()
    proc = SPAWN.Process(target=stop_inside_a_write, args=(str(path), inside))
    proc.start()
    assert inside.wait(60), "the writer never began its write"
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    started = time.monotonic()
    with Gradebook.open(path) as book:  # the dead writer's lock is gone
        book.record(attempt(candidate="after"))
    assert time.monotonic() - started < 5
    assert integrity(path) == "ok"
    assert [r["candidate"] for r in rows(path)] == ["before", "after"]


def test_a_locked_gradebook_is_an_error_after_the_busy_timeout(tmp_path, monkeypatch):
    from grader.gradebook import store

    path = tmp_path / "book.sqlite3"
    Gradebook.open(path).close()
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Gradebook.open(path) as book, pytest.raises(GradebookError, match="locked"):
            book.record(attempt())
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_lock_sqlite_reports_at_once_on_opening_is_waited_out(tmp_path, monkeypatch):
    """Turning WAL on (or recovering it) takes a lock that no busy handler
    waits for: two judges opening a new gradebook at once saw "database is
    locked" (a full run under load).  Such a lock is retried within the busy
    timeout; any other error is not."""
    from grader.gradebook import store

    real, calls = store._configure, []

    def locked_twice(conn):
        calls.append(1)
        if len(calls) <= 2:
            exc = sqlite3.OperationalError("database is locked")
            exc.sqlite_errorcode = sqlite3.SQLITE_BUSY
            raise exc
        real(conn)

    monkeypatch.setattr(store, "_configure", locked_twice)
    with Gradebook.open(tmp_path / "book.sqlite3") as book:
        book.record(attempt())
    assert len(calls) == 3
    assert len(rows(tmp_path / "book.sqlite3")) == 1

    def broken(conn):
        raise sqlite3.OperationalError("disk I/O error")  # control: not a lock, not retried

    monkeypatch.setattr(store, "_configure", broken)
    with pytest.raises(GradebookError, match="disk I/O error"):
        Gradebook.open(tmp_path / "other.sqlite3")
