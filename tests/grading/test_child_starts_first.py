"""The child is started before the judge loads numpy, pytest or torch, so
that its boot overlaps the judge's loading: what ``judge.grade`` needs up to
the launch imports none of them (speed, README "Benchmarks")."""

from __future__ import annotations

import subprocess
import sys

from judge_cli import environment

UP_TO_THE_LAUNCH = ("grader.cli", "grader.cli.grading", "grader.grading", "grader.grading.judge",
                    "grader.grading.draws", "grader.grading.precheck", "grader.sandbox",
                    "grader.sandbox.child_process", "grader.problem", "grader.reports.json",
                    "grader.reports.text")


def test_nothing_before_the_launch_imports_numpy_pytest_or_torch():
    code = (f"import importlib, sys\nfor m in {UP_TO_THE_LAUNCH!r}: importlib.import_module(m)\n"
            "print(sorted({'numpy', 'pytest', 'torch'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=environment(), timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out


def test_the_grading_package_still_offers_its_names():
    code = ("import grader.grading as g\n"
            "print(g.grade.__name__, g.unfinished.__name__, g.Observer.__name__,"
            " g.JudgeFault.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=environment(), timeout=120)
    assert out.stdout.split() == ["grade", "unfinished", "Observer", "JudgeFault"], out
