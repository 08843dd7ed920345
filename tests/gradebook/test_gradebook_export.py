"""export's CSV: stable columns, cells no spreadsheet runs, written whole."""

from __future__ import annotations

import csv
import io

import pytest
from gradebook_helpers import attempt

from grader.gradebook import Gradebook
from grader.files import write_atomically
from grader.gradebook.export import export, render
from grader.gradebook.queries import EXPORT_COLUMNS, every_attempt


def test_every_attempt_is_one_row_under_stable_columns(tmp_path):
    path = tmp_path / "book.sqlite3"
    with Gradebook.open(path) as book:
        book.record(attempt(candidate="=cmd|' /C calc'!A0", minutes=1, seed=-3))
        book.record(attempt(candidate="ada", minutes=0, key=None, sha=None))
        text = render(every_attempt(book))
    assert EXPORT_COLUMNS == ("id", "candidate", "problem", "problem_digest", "submission",
                              "submission_sha256", "judge_version", "mode", "seed",
                              "key_fingerprint", "started_at", "ended_at", "verdict", "score",
                              "max_score")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [r["candidate"] for r in table] == ["ada", "'=cmd|' /C calc'!A0"]  # by time
    assert table[0]["submission_sha256"] == "" and table[0]["key_fingerprint"] == ""
    assert table[1]["seed"] == "-3"  # a number the judge wrote is not text to guard
    assert table[1]["score"] == "100.0" and table[1]["verdict"] == "accepted"


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path):
    target = tmp_path / "grades.csv"
    target.mkdir()  # os.replace cannot put a file over a folder
    with pytest.raises(OSError):
        write_atomically(target, "id\r\n")
    assert target.is_dir() and list(tmp_path.iterdir()) == [target]


def test_the_target_is_replaced_whole(tmp_path):
    target = tmp_path / "grades.csv"
    target.write_text("old\n" * 1000)
    write_atomically(target, "new\r\n")
    assert target.read_bytes() == b"new\r\n"
    assert list(tmp_path.iterdir()) == [target]


def test_export_counts_what_it_wrote(tmp_path):
    path = tmp_path / "book.sqlite3"
    with Gradebook.open(path) as book:
        for minutes in range(3):
            book.record(attempt(minutes=minutes))
    assert export(path, tmp_path / "out.csv") == 3
    assert len((tmp_path / "out.csv").read_text().splitlines()) == 4


def test_export_never_writes_over_the_gradebook(tmp_path):
    from grader.errors import BadInput

    path = tmp_path / "book.sqlite3"
    with Gradebook.open(path) as book:
        book.record(attempt())
    before = path.read_bytes()
    with pytest.raises(BadInput, match="is the gradebook itself"):
        export(path, tmp_path / "." / "book.sqlite3")
    assert path.read_bytes() == before
