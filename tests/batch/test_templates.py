"""Judge templates (``grader.forkserver``, ``grader.batch.templates``): a
forked judge is a fresh ``lstm-judge`` process in a session of its own whose
document is ``submit``'s; the template stays clean (no sandbox, no Python
threads, no torch op) so that forking it is safe; a judge killed mid-run,
or a template that dies, costs that submission alone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from judge_cli import REPO_ROOT, environment, run

from grader.batch import templates, worker

CELL = REPO_ROOT / "solutions" / "cell"


@pytest.fixture
def judge_env(monkeypatch):
    """Templates started here run this checkout's judge, as judge_cli's do."""
    for name, value in environment().items():
        monkeypatch.setenv(name, value)
    yield
    templates.close_all()


def test_the_template_loads_no_sandbox_and_starts_no_python_thread():
    code = ("import importlib, sys, threading, grader.forkserver as f\n"
            "for n in f.PRELOAD + ('torch',): importlib.import_module(n)\n"
            "print(sorted(m for m in sys.modules if m.startswith('grader.sandbox')),"
            " threading.active_count(), 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=environment(), timeout=120)
    assert out.stdout.strip() == "[] 1 True", out


def test_a_forked_judge_prints_what_submit_prints(judge_env, tmp_path):
    template = templates.Template(False, tmp_path / "template.log")
    try:
        reference = CELL / "accepted" / "reference.py"
        argv = ["submit", "cell", str(reference), "--format", "json", "--view", "staff",
                "--no-gradebook"]
        pid = template.fork(argv, tmp_path / "out", tmp_path / "err")
        assert os.getpgid(pid) == pid  # a session of its own: its group can be ended
        assert template.wait(120) == 0
        forked = json.loads((tmp_path / "out").read_text())
        direct = run(*argv).json()
        for doc in (forked, direct):
            for key in ("time_s", "max_call_s", "isolation"):
                doc.pop(key)
            for test in doc["tests"]:
                test.pop("time_s", None)
        assert forked == direct
        # a second judge from the same template: a fresh fork, the same answer
        pid = template.fork(["submit", "cell", str(CELL / "wrong" / "no_b_hh.py"), "--format",
                             "json", "--no-gradebook"], tmp_path / "out2", tmp_path / "err2")
        assert template.wait(120) == 1
        assert json.loads((tmp_path / "out2").read_text())["verdict"] == "wrong_answer"
    finally:
        template.close()
    assert template.proc.returncode == 0  # end of input ends it


def test_a_judge_ended_by_a_signal_leaves_the_template_serving(judge_env, tmp_path):
    hang = tmp_path / "hang.py"
    hang.write_text("import time\n\ndef lstm_cell(*args):\n    time.sleep(1000)\n")
    judges = worker.Judges()
    argv = ["submit", "cell", str(hang), "--format", "json", "--no-gradebook"]
    folder = tmp_path / "job"
    folder.mkdir()
    started = time.monotonic()
    ran = judges.run(argv, False, 1.0, folder)  # a bound far below the problem's own limits
    assert ran.timed_out and time.monotonic() - started < 1.0 + worker.GRACE_S + 5
    assert ran.status in (-signal.SIGTERM, -signal.SIGKILL, 143), ran
    again = judges.run(["submit", "cell", str(CELL / "accepted" / "reference.py"), "--format",
                        "json", "--no-gradebook"], False, 120, folder)
    assert again.status == 0 and json.loads(again.out)["verdict"] == "accepted"


def test_a_template_that_died_costs_one_submission(judge_env, tmp_path):
    judges = worker.Judges()
    folder = tmp_path / "job"
    folder.mkdir()
    argv = ["submit", "cell", str(CELL / "accepted" / "reference.py"), "--format", "json",
            "--no-gradebook"]
    assert judges.run(argv, False, 120, folder).status == 0
    template = templates.for_this_thread(False, tmp_path)
    os.kill(template.proc.pid, signal.SIGKILL)
    template.proc.wait()
    # the template this thread had is gone: the next judge is forked by a new one
    assert judges.run(argv, False, 120, folder).status == 0
    assert templates.for_this_thread(False, tmp_path) is not template


def test_a_template_killed_mid_judge_fails_that_judge_and_ends_it(judge_env, tmp_path):
    import threading

    hang = tmp_path / "hang.py"
    hang.write_text("import time\n\ndef lstm_cell(*args):\n    time.sleep(1000)\n")
    judges = worker.Judges()
    folder = tmp_path / "job"
    folder.mkdir()
    template = templates.for_this_thread(False, tmp_path)
    raised = []

    def grade():
        try:
            judges.run(["submit", "cell", str(hang), "--format", "json", "--no-gradebook"],
                       False, 120, folder)
        except templates.TemplateDied as exc:
            raised.append(exc)

    # this thread's template serves the grading thread only if it is that thread's:
    # run in this thread, and kill the template from another
    killer = threading.Timer(3.0, lambda: os.kill(template.proc.pid, signal.SIGKILL))
    killer.start()
    grade()
    killer.join()
    assert raised and "ended" in str(raised[0]), raised
    assert not templates.for_this_thread(False, tmp_path) is template
