"""contrib/gradescope/run_autograder end to end, against a fake /autograder
(``AUTOGRADER_ROOT``): it finds the student's file, grades it with the judge
at the bundle's path, and always leaves a valid results.json."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gradescope_schema import check
from judge_cli import REPO_ROOT, environment

SCRIPT = REPO_ROOT / "contrib" / "gradescope" / "run_autograder"
SOLUTIONS = REPO_ROOT / "solutions" / "cell"
KEY = "0123456789abcdef" * 4
JUDGE_WRAPPER = f"""#!/bin/sh
# Stands in for the bundle's installed judge: this checkout's.
exec {sys.executable} -m grader "$@"
"""


@pytest.fixture
def autograder(tmp_path) -> Path:
    """A fake /autograder: source/ with the judge where setup.sh installs it,
    an empty submission/ and no results/ yet."""
    root = tmp_path / "autograder"
    judge = root / "source" / "lstm-judge" / ".venv" / "bin" / "lstm-judge"
    judge.parent.mkdir(parents=True)
    judge.write_text(JUDGE_WRAPPER)
    judge.chmod(0o755)
    (root / "submission").mkdir()
    (tmp_path / "tmp").mkdir()
    return root


def submit(root: Path, name: str, solution: str) -> None:
    target = root / "submission" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SOLUTIONS / solution, target)


def run_autograder(root: Path, **env: str) -> tuple[subprocess.CompletedProcess, dict]:
    tmp = root.parent / "tmp"
    proc = subprocess.run(["bash", SCRIPT], cwd=root, capture_output=True, text=True, timeout=120,
                          env=environment(AUTOGRADER_ROOT=str(root), TMPDIR=str(tmp), **env))
    assert proc.returncode == 0, proc
    results = root / "results"
    assert sorted(p.name for p in results.iterdir()) == ["results.json"], proc
    assert not list(tmp.iterdir()), "run_autograder left its working copy behind"
    doc = json.loads((results / "results.json").read_text(encoding="utf-8"))
    check(doc)
    return proc, doc


def test_it_grades_the_submitted_file(autograder):
    submit(autograder, "cell.py", "accepted/reference.py")
    _, doc = run_autograder(autograder)
    assert doc["score"] == 100 and all(t["status"] == "passed" for t in doc["tests"])
    assert doc["extra_data"]["lstm_judge"]["key"] is None


def test_it_finds_a_nested_file_and_uses_the_bundles_key(autograder):
    submit(autograder, "my-repo/cell.py", "wrong/no_b_hh.py")
    (autograder / "source" / "grader.key").write_text(KEY + "\n")
    _, doc = run_autograder(autograder)
    assert doc["score"] < 100 and "wrong_answer" in json.dumps(doc["tests"])
    fingerprint = doc["extra_data"]["lstm_judge"]["key"]
    assert fingerprint and fingerprint not in KEY
    assert KEY not in (autograder / "results" / "results.json").read_text()


def test_a_missing_file_is_said_to_the_student(autograder):
    submit(autograder, "lstm.py", "accepted/reference.py")
    _, doc = run_autograder(autograder)
    assert doc["score"] == 0
    (test,) = doc["tests"]
    assert test["visibility"] == "visible" and test["status"] == "failed"
    assert "exactly one file named cell.py" in test["output"]


def test_a_judge_that_writes_no_document_leaves_a_notice(autograder):
    submit(autograder, "no_such_problem.py", "accepted/reference.py")
    proc, doc = run_autograder(autograder, LSTM_JUDGE_PROBLEM="no_such_problem")
    assert "no_such_problem" in proc.stderr and "exited with 2" in proc.stderr
    (test,) = doc["tests"]
    assert "not your fault" in test["output"] and doc["score"] == 0


def test_problems_in_the_bundle_are_found_by_id(autograder):
    problem = autograder / "source" / "problems" / "mycell"
    shutil.copytree(REPO_ROOT / "problems" / "cell", problem,
                    ignore=shutil.ignore_patterns("__pycache__"))
    spec = yaml.safe_load((problem / "problem.yaml").read_text(encoding="utf-8"))
    spec["id"] = "mycell"
    (problem / "problem.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    submit(autograder, "mycell.py", "accepted/reference.py")
    _, doc = run_autograder(autograder, LSTM_JUDGE_PROBLEM="mycell")
    assert doc["extra_data"]["lstm_judge"]["problem"] == "mycell" and doc["score"] == 100


def test_the_scripts_are_executable():
    for name in ("setup.sh", "run_autograder"):
        assert os.access(SCRIPT.parent / name, os.X_OK), name
