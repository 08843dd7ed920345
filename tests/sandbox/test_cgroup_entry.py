"""A child enters its cgroup through ``/bin/sh`` before it execs (no
``preexec_fn``): the process that runs is the one that entered, and a group
that cannot be entered stops the start with a failure that names the
sandbox, which the judge takes as its own fault."""

from __future__ import annotations

import subprocess
import sys

from grader.grading.blame import Blame
from grader.sandbox import ChildFailure
from grader.sandbox.cgroups import BOOT_FAILURE, Cgroup
from grader.limits import Limits
from grader.verdict import Verdict


def test_the_process_that_runs_is_the_one_in_the_group(tmp_path):
    groups = [tmp_path / "memory", tmp_path / "pids"]
    for g in groups:
        g.mkdir()
        (g / "cgroup.procs").write_text("")
    argv = Cgroup(groups, "v1").entering([sys.executable, "-c", "import os; print(os.getpid())"])
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc
    pid = proc.stdout.strip()
    assert [(g / "cgroup.procs").read_text().strip() for g in groups] == [pid, pid]


def test_a_group_that_cannot_be_entered_stops_the_start(tmp_path):
    argv = Cgroup([tmp_path / "gone"], "v2").entering(["/bin/echo", "started"])
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 125 and proc.stdout == "", proc
    assert proc.stderr.startswith(f"{BOOT_FAILURE} cannot enter the cgroup {tmp_path / 'gone'}")


def test_the_judge_blames_itself_for_a_sandbox_that_did_not_start():
    died = ChildFailure("died", "exited with status 125", status=125)
    blame = Blame(Limits(), (), None)
    failure = blame.import_failure(died, f"{BOOT_FAILURE} cannot enter the cgroup /x")
    assert failure.verdict is Verdict.JUDGE_ERROR
