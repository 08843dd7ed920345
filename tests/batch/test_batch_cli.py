"""``lstm-judge batch`` end to end: a folder of generated submissions of
mixed quality grades in one command into every output, each score as
``submit`` gives it; formula guarding, JUnit that parses, bad usage, exit
codes, and resuming after a ``kill -9`` without grading anything twice."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import os
import signal
import sqlite3
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from judge_cli import run, start


REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions" / "cell"
REFERENCE = (SOLUTIONS / "accepted" / "reference.py").read_text()
HANG = "import time\n\ndef lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):\n    time.sleep(1000)\n"
HOSTILE = """import glob, os, signal
found = [p for pattern in ("/work/*/problems/cell/tests/*.py", "/proc/1/cwd/problems/cell/tests/*.py",
                           "../../*/problems/cell/tests/*.py")
         for p in glob.glob(pattern)]
LEAKED = []
for p in found:
    try:
        LEAKED.append(open(p).read()[:50])
    except OSError:
        pass
for sig in (signal.SIGTERM, signal.SIGKILL):
    try:
        os.kill(os.getppid(), sig)
    except OSError:
        pass
""" + REFERENCE


def assert_bad_input(res, *needles):
    """Exit 2, nothing on stdout, one line on stderr with every needle (as tests/cli's)."""
    assert res.code == 2 and res.out == "" and "Traceback" not in res.err, res
    lines = res.err.strip().splitlines()
    assert len(lines) == 1 and all(str(n) in lines[0] for n in needles), res


def renamed(source: str) -> str:
    """A copy that renames the variables (similarity must still see it)."""
    for old, new in (("h_prev", "hp"), ("c_prev", "cp"), ("_sigmoid", "sgm"), ("z", "pre")):
        source = source.replace(old, new)
    return "# my own work\n" + source


def make_submissions(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "alice.py").write_text(REFERENCE)
    (root / "bob.py").write_text((SOLUTIONS / "accepted" / "concat.py").read_text())
    (root / "carl.py").write_text((SOLUTIONS / "wrong" / "no_b_hh.py").read_text())
    (root / "dora.py").write_text((SOLUTIONS / "wrong" / "runtime_error.py").read_text())
    (root / "erin.py").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (root / "finn.py").write_text(HANG)
    (root / "gus").mkdir()
    (root / "gus" / "cell.py").write_text((SOLUTIONS / "accepted" / "split_gates.py").read_text())
    (root / "hana").mkdir()
    (root / "hana" / "README.md").write_text("I did not finish\n")
    (root / "ivan.py").write_text(renamed(REFERENCE))
    (root / "mal.py").write_text(HOSTILE)
    (root / "=cmd.py").write_text(REFERENCE)
    (root / "README.md").write_text("# the cohort of 2027\n")
    (root / "notes.txt").write_text("call dora back\n")
    return root


GRADED = ["=cmd", "alice", "bob", "carl", "dora", "erin", "finn", "gus", "ivan", "mal"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    base = tmp_path_factory.mktemp("batch")
    subs = make_submissions(base / "subs")
    out, book = base / "out", base / "gradebook.sqlite3"
    res = run("batch", "cell", subs, "--out", out, "-j", "2", "--gradebook", book,
              timeout=300)
    return res, subs, out, book


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]


def test_every_output_is_written_and_exit_is_0(batch):
    res, subs, out, book = batch
    assert res.code == 0, res
    names = {p.name for p in out.iterdir()}
    assert {"results.jsonl", "results.csv", "junit.xml", "similarity.json",
            "similarity.csv"} <= names
    assert ".work" not in names
    if importlib.util.find_spec("grader.reports.cohort") is None:
        assert "report.html not written" in res.out
    else:
        assert "report.html" in names


def test_one_record_per_submission_with_who_which_bytes_which_judge_and_when(batch):
    res, subs, out, book = batch
    recs = records(out)
    assert sorted(r["candidate"] for r in recs) == GRADED
    for r in recs:
        assert r["view"] == "staff" and r["mode"] == "submit" and r["problem"] == "cell"
        path = subs / (f"{r['candidate']}.py" if r["candidate"] != "gus" else "gus/cell.py")
        assert r["submission"] == str(path)
        assert r["submission_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert r["judge_version"] and len(r["problem_digest"]) == 64
        assert r["started_at"].endswith("Z") and r["started_at"] <= r["ended_at"]


def test_verdicts_of_the_mixed_folder(batch):
    res, subs, out, book = batch
    verdicts = {r["candidate"]: r["verdict"] for r in records(out)}
    assert verdicts["alice"] == verdicts["bob"] == verdicts["gus"] == "accepted"
    assert verdicts["carl"] == "wrong_answer"
    assert verdicts["dora"] == "runtime_error"
    assert verdicts["erin"] == "compile_error"
    assert verdicts["finn"] == "time_limit_exceeded"
    assert "judge_error" not in verdicts.values()
    assert "hana" in res.out and "no_submission" in res.out and "has no cell.py" in res.out
    assert "skipped: README.md is not a candidate" in res.out
    assert "skipped: notes.txt is not a candidate" in res.out


@pytest.mark.parametrize("candidate", ["alice", "carl", "erin", "mal"])
def test_each_score_is_what_submit_gives_the_same_file(batch, candidate):
    res, subs, out, book = batch
    rec = next(r for r in records(out) if r["candidate"] == candidate)
    alone = run("submit", "cell", subs / f"{candidate}.py", "--format", "json", "--view",
                "staff", "--no-gradebook").json()
    assert (rec["verdict"], rec["score"], rec["max_score"]) == \
        (alone["verdict"], alone["score"], alone["max_score"])
    assert [(t["name"], t["verdict"], t["score"]) for t in rec["tests"]] == \
        [(t["name"], t["verdict"], t["score"]) for t in alone["tests"]]


def test_the_csv_has_a_row_per_candidate_and_guards_formulas(batch):
    res, subs, out, book = batch
    with open(out / "results.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["candidate", "cell_score", "cell_max", "cell_verdict", "total",
                       "max_total"]
    by_name = {row[0]: row for row in rows[1:]}
    assert sorted(by_name) == sorted(["'=cmd"] + GRADED[1:] + ["hana"])
    assert by_name["alice"][1:] == ["100", "100", "accepted", "100", "100"]
    assert by_name["'=cmd"][3] == "accepted"
    assert by_name["hana"][1:] == ["0", "100", "no_submission", "0", "100"]
    assert by_name["carl"][3] == "wrong_answer" and float(by_name["carl"][1]) < 100


def test_junit_parses_with_unique_names_and_failures(batch):
    res, subs, out, book = batch
    root = ET.parse(out / "junit.xml").getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == len(GRADED) + 1  # and hana's missing file
    names = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    assert len(names) == len(set(names))
    carl = next(s for s in suites if s.get("name") == "carl.cell")
    assert int(carl.get("failures")) > 0
    failure = carl.find("testcase/failure")
    assert failure.get("type") == "wrong_answer" and failure.text
    hana = next(s for s in suites if s.get("name") == "hana.cell")
    assert hana.find("testcase/failure").get("type") == "no_submission"


def test_the_copied_pair_is_flagged(batch):
    res, subs, out, book = batch
    doc = json.loads((out / "similarity.json").read_text())
    flagged = {(p["a"], p["b"]) for p in doc["flagged"]}
    assert ("alice", "ivan") in flagged


def test_the_gradebook_holds_each_result_once(batch):
    res, subs, out, book = batch
    with sqlite3.connect(book) as conn:
        rows = conn.execute("SELECT candidate, submission_sha256, started_at FROM attempts").fetchall()
    assert sorted(r[0] for r in rows) == GRADED
    recorded = {(r["candidate"], r["submission_sha256"], r["started_at"]) for r in records(out)}
    assert set(rows) == recorded


def test_a_non_empty_out_without_resume_is_refused(batch, tmp_path):
    res, subs, out, book = batch
    assert_bad_input(run("batch", "cell", subs, "--out", out, "--no-gradebook"),
                     "not empty", "--resume")


def test_resume_of_a_finished_batch_grades_nothing(batch):
    res, subs, out, book = batch
    before = (out / "results.jsonl").read_bytes()
    again = run("batch", "cell", subs, "--out", out, "--resume", "--gradebook", book)
    assert again.code == 0, again
    assert "graded now 0" in again.out
    assert (out / "results.jsonl").read_bytes() == before


def test_bad_usage_is_exit_2(tmp_path):
    assert_bad_input(run("batch", "cell", tmp_path / "nope", "--out", tmp_path / "o"),
                     "no such folder")
    assert run("batch", "cell", "--out", tmp_path / "o").code == 2


def _small_folder(root: Path, n: int, slow_last: bool) -> Path:
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"c{i:02d}.py").write_text(f"# candidate {i}\n" + REFERENCE)
    if slow_last:
        (root / "zz_slow.py").write_text(HANG)
    return root


def _lines(path: Path) -> int:
    return len(path.read_bytes().splitlines()) if path.exists() else 0


def _wait_for_lines(path: Path, n: int, proc, limit_s: float = 120) -> None:
    end = time.monotonic() + limit_s
    while _lines(path) < n:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "the batch wrote no results in time"
        time.sleep(0.05)


def test_resume_after_kill_9_finishes_without_grading_anything_twice(tmp_path):
    subs = _small_folder(tmp_path / "subs", 7, slow_last=False)
    out, book = tmp_path / "out", tmp_path / "book.sqlite3"
    proc = start("batch", "cell", subs, "--out", out, "-j", "1", "--gradebook", book)
    _wait_for_lines(out / "results.jsonl", 2, proc)
    proc.kill()  # one at a time, about a second each: killed mid-batch
    proc.communicate()
    with open(out / "results.jsonl", "ab") as f:  # as if killed while writing a line
        f.write(b'{"schema":1,"view":"sta')
    before = _lines(out / "results.jsonl") - 1
    assert 2 <= before < 7
    res = run("batch", "cell", subs, "--out", out, "--resume", "-j", "2", "--gradebook", book,
              timeout=300)
    assert res.code == 0, res
    assert "half-written last line" in res.out
    assert f"graded now {7 - before}, already graded {before}" in res.out
    recs = records(out)
    assert sorted(r["candidate"] for r in recs) == [f"c{i:02d}" for i in range(7)]
    with sqlite3.connect(book) as conn:  # each result once, caught up if it was not yet
        rows = conn.execute("SELECT candidate, started_at FROM attempts").fetchall()
    assert sorted(rows) == sorted((r["candidate"], r["started_at"]) for r in recs)


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupt_keeps_what_was_finished_and_ends_every_judge(tmp_path, sig, code):
    subs = _small_folder(tmp_path / "subs", 1, slow_last=True)
    out = tmp_path / "out"
    proc = start("batch", "cell", subs, "--out", out, "-j", "2", "--no-gradebook")
    _wait_for_lines(out / "results.jsonl", 1, proc)
    time.sleep(0.3)  # the slow one's judge is running
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, (stdout, stderr)
    assert "--resume" in stdout.decode()
    assert [r["candidate"] for r in records(out)] == ["c00"]
    assert not (out / ".work").exists()
    work = str(out / ".work")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        assert work not in cmdline, f"a judge outlived the batch: {cmdline}"


def test_a_submission_that_cannot_be_graded_is_exit_1(make_problem_copy, tmp_path):
    copy = make_problem_copy()
    with open(copy.tests_file, "a") as f:
        f.write("\nraise RuntimeError('the tests are broken')\n")
    subs = _small_folder(tmp_path / "subs", 2, slow_last=False)
    out = tmp_path / "out"
    res = run("batch", copy.root, subs, "--out", out, "-j", "2", "--no-gradebook")
    assert res.code == 1, res
    assert {r["verdict"] for r in records(out)} == {"judge_error"}
    assert "verdicts: judge_error 2" in res.out
