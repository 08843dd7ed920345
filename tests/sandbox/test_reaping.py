"""No zombies: a judge that grades many submissions reaps every process it adopted.

The judge is a subreaper.  When a child dies (a submission that segfaults, started
afresh for each test), bubblewrap's inner process is reparented to the judge; before
``reaping.reap_zombies`` nobody waited for it, and one process grading a segfaulting
submission twice held 21 unreaped ``bwrap`` zombies.  The control runs the same script
with ``reap_zombies`` turned into a no-op and finds them again.  Processes the judge
started itself are left to whoever waits for them (their exit status stays theirs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from judge_cli import REPO_ROOT, environment

from grader.sandbox import reaping

SEGFAULT = '''
import ctypes


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return ctypes.string_at(0xFFFF880000000000, 16)  # a kernel address: SIGSEGV
'''

# Grades the submission N times in one process, then lists its zombie children.
SCRIPT = '''
import json, os, sys
from pathlib import Path

from grader.grading import grade
from grader.problem import find
from grader.sandbox import reaping

path, times, control = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "control"
if control:
    reaping.reap_zombies = lambda keep=frozenset(): 0
problem = find(sys.argv[4])
verdicts = [str(grade(problem, path).tests[0].verdict) for _ in range(times)]
me, zombies = str(os.getpid()), []
for entry in os.listdir("/proc"):
    try:
        with open(f"/proc/{entry}/stat", "rb") as f:
            fields = f.read().decode().rsplit(")", 1)[1].split()
    except (OSError, ValueError):
        continue
    if fields[1] == me and fields[0] == "Z":
        zombies.append(entry)
print(json.dumps({"verdicts": verdicts, "zombies": len(zombies)}))
'''


def grade_in_one_process(tmp_path: Path, times: int, control: bool) -> dict:
    submission = tmp_path / "segfault.py"
    submission.write_text(SEGFAULT, encoding="utf-8")
    script = tmp_path / "grade_many.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = environment(PYTHONPATH=str(REPO_ROOT), TMPDIR=str(tmp_path))
    proc = subprocess.run([sys.executable, str(script), str(submission), str(times),
                           "control" if control else "fixed", str(REPO_ROOT / "problems" / "cell")],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_grading_a_segfaulting_submission_many_times_leaves_no_zombie(tmp_path):
    result = grade_in_one_process(tmp_path, 3, control=False)
    assert all("runtime_error" in v for v in result["verdicts"]), result
    assert result["zombies"] == 0, result


@pytest.mark.slow
def test_control_without_reaping_the_zombies_pile_up(tmp_path):
    result = grade_in_one_process(tmp_path, 2, control=True)
    assert all("runtime_error" in v for v in result["verdicts"]), result
    assert result["zombies"] >= 2, result  # at least one per grading (21 when measured)


@pytest.mark.skipif(not reaping.SUBREAPER, reason="the judge could not become a subreaper")
def test_processes_the_judge_started_itself_keep_their_exit_status():
    """A direct child, in the judge's session or one of its own, is somebody's to wait
    for: reap_zombies leaves it, so its exit status is not lost (Popen would read 0)."""
    plain = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    leader = subprocess.Popen([sys.executable, "-c", "raise SystemExit(4)"], start_new_session=True)
    for proc in (plain, leader):
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # a zombie now
    reaping.reap_zombies()
    assert plain.wait(5) == 3
    assert leader.wait(5) == 4
