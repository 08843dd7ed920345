"""Feedback as it happens: the text report arrives test by test, a progress
line shows a long test on a terminal's stderr (and nowhere else), and JSON
stays one document at the end."""

import json
import os
import pty
import re
import select
import signal
import subprocess
import time

import pytest
from judge_cli import REPO_ROOT, run, start

REFERENCE = (REPO_ROOT / "solutions/cell/accepted/reference.py").read_text()
PROGRESS = r"  … example running, \d+ s"


def cell_that(first_call: str, later_calls: str) -> str:
    """The reference cell, running ``first_call`` before its first answer and
    ``later_calls`` before every later one."""
    return REFERENCE.replace("def lstm_cell(", "def _cell(") + f"""
import time
_calls = []


def lstm_cell(*args):
    _calls.append(1)
    if len(_calls) == 1:
        {first_call}
    else:
        {later_calls}
    return _cell(*args)
"""


@pytest.fixture
def patient_cell(make_problem_copy):
    """problems/cell with room for slow calls (the tests' own limits)."""
    copy = make_problem_copy()
    copy.edit_spec("call_s: 2 ", "call_s: 60 ")
    copy.edit_spec("total_s: 10 ", "total_s: 120 ")
    return copy.root


def read_until(fd: int, pattern: str, limit_s: float = 60) -> str:
    """Read ``fd`` until what was read matches ``pattern`` (a safety limit,
    not a measurement: failing it means the pattern never came)."""
    text, deadline = b"", time.monotonic() + limit_s
    while not re.search(pattern, text.decode(errors="replace"), re.M):
        assert time.monotonic() < deadline, f"{pattern!r} never came; got {text!r}"
        if select.select([fd], [], [], 1)[0]:
            chunk = os.read(fd, 4096)
            assert chunk, f"{pattern!r} never came before the end; got {text!r}"
            text += chunk
    return text.decode()


def read_all(fd: int) -> str:
    """Everything until the writer is gone (a pty says EIO)."""
    text = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        text += chunk
    return text.decode(errors="replace")


def test_the_header_and_each_test_line_arrive_while_the_tests_still_run(tmp_path, patient_cell):
    sub = tmp_path / "stalls.py"
    sub.write_text(cell_that("pass", "time.sleep(100)"))  # the second test does not end
    judge = start("submit", patient_cell, sub)
    try:
        fd = judge.stdout.fileno()
        got = read_until(fd, r"^  \S+ example .*\n")
        assert judge.poll() is None, "the report came only at the end"
        lines = got.splitlines()
        assert lines[0].startswith("cell · submit") and "candidate view" in lines[0], got
        assert "example" in lines[-1] and "accepted" in lines[-1], got
        assert "small_batch" not in got and "verdict:" not in got, got
        judge.send_signal(signal.SIGINT)  # interrupted: what was written is not written again
        rest, err = judge.communicate(timeout=60)
    finally:
        judge.kill()
        judge.wait()
    assert judge.returncode == 130, err
    assert "example" not in rest.decode() and "cell · submit" not in rest.decode(), rest
    assert err.decode().strip() == "lstm-judge: interrupted"


def test_the_streamed_text_is_the_report_in_the_results_order(cli, tmp_path):
    sub = "solutions/cell/wrong/no_b_hh.py"
    doc = cli("submit", "cell", sub, "--view", "staff", "--format", "json").json()
    text = cli("submit", "cell", sub, "--view", "staff")
    assert text.code == 1, text
    lines = text.out.splitlines()
    assert lines[0].startswith("cell · submit") and lines[-1].startswith("verdict: wrong_answer")
    test_lines = [line.split()[1] for line in lines if re.match(r"  [✓◐✗] ", line)]
    assert test_lines == [t["name"] for t in doc["tests"]], text  # each once, in order
    hints = [line for line in lines if "hint:" in line]
    assert len(hints) == sum(bool(t["hint"]) for t in doc["tests"]), text


def run_on_a_terminal(*args) -> tuple[subprocess.Popen, str, str]:
    """Run the judge with stderr on a pseudo-terminal; its stdout, and what
    the terminal showed."""
    master, slave = pty.openpty()
    try:
        judge = start(*args, stderr=slave)
        os.close(slave)
        screen = read_all(master)
        out, _ = judge.communicate(timeout=120)
    finally:
        os.close(master)
    return judge, out.decode(), screen


def test_a_long_test_shows_a_progress_line_on_a_terminal_erased_by_its_end(tmp_path,
                                                                         patient_cell):
    sub = tmp_path / "slow.py"
    sub.write_text(cell_that("time.sleep(3.5)", "pass"))  # only `example` is long
    judge, out, screen = run_on_a_terminal("submit", patient_cell, sub)
    assert judge.returncode == 0, (out, screen)
    assert re.search(PROGRESS, screen), repr(screen)
    assert screen.endswith("\r\x1b[K"), repr(screen)  # erased once the test was over
    assert "small_batch running" not in screen and "running" not in out, repr(screen)
    piped = run("submit", patient_cell, sub)
    assert piped.code == 0, piped
    assert piped.err == "", piped  # never in a pipe


def test_json_is_one_document_and_shows_no_progress_even_on_a_terminal(tmp_path, patient_cell):
    sub = tmp_path / "slow.py"
    sub.write_text(cell_that("time.sleep(3.5)", "pass"))
    judge, out, screen = run_on_a_terminal("submit", patient_cell, sub, "--format", "json")
    assert judge.returncode == 0, (out, screen)
    doc = json.loads(out)  # stdout is exactly one document
    assert doc["verdict"] == "accepted" and len(doc["tests"]) == 8, doc
    assert screen == "", repr(screen)


def test_an_interrupt_erases_the_progress_line_before_saying_so(tmp_path, patient_cell):
    sub = tmp_path / "stuck.py"
    sub.write_text(cell_that("time.sleep(100)", "pass"))
    master, slave = pty.openpty()
    judge = start("submit", patient_cell, sub, stderr=slave)
    os.close(slave)
    try:
        read_until(master, PROGRESS)
        judge.send_signal(signal.SIGINT)
        rest = read_all(master)
        judge.communicate(timeout=60)
    finally:
        judge.kill()
        judge.wait()
        os.close(master)
    assert judge.returncode == 130
    assert rest.endswith("\r\x1b[Klstm-judge: interrupted\r\n"), repr(rest)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_reader_that_leaves_costs_neither_the_verdict_nor_the_record(tmp_path, fmt):
    """``lstm-judge submit ... | head -1``: the pipe closes under the judge,
    which still grades to the end, exits with the verdict's code and records
    the attempt; a broken pipe is nobody's fault, least of all the judge's."""
    gradebook = tmp_path / "book.sqlite3"
    wrong = REPO_ROOT / "solutions" / "cell" / "wrong" / "no_b_hh.py"
    proc = start("submit", "cell", wrong, "--format", fmt, "--gradebook", gradebook)
    proc.stdout.close()  # the reader is gone before the judge writes a byte
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err  # wrong_answer's code, not judge_error's 3
    assert b"judge_error" not in err and b"Traceback" not in err, err
    history = run("history", "--gradebook", gradebook, "--format", "json")
    assert [a["verdict"] for a in history.json()["attempts"]] == ["wrong_answer"], history
