"""Shared fixtures for the project's own tests.

CLI end-to-end helpers (used by tests/test_cli_*.py):

``cli``                 run ``python -m grader ARGS...`` from the repo root; returns a ``CliResult``
``make_problem_copy``   copy problems/cell (and chosen solutions) into tmp_path, to break on purpose
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
CLI_TIMEOUT_S = 120


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes several seconds (still part of the suite)")


# --------------------------------------------------------------------------- cli


@dataclass
class CliResult:
    """What one ``lstm-judge`` run did."""

    args: tuple[str, ...]
    code: int
    out: str
    err: str

    def json(self):
        """stdout parsed as one JSON document (fails the test if it is anything else)."""
        try:
            return json.loads(self.out)
        except json.JSONDecodeError as exc:
            pytest.fail(f"stdout of `lstm-judge {' '.join(self.args)}` is not one JSON document"
                        f" ({exc}):\n{self.out[:2000]}\nstderr:\n{self.err[:2000]}")

    def __str__(self) -> str:  # shown in assertion failures
        return (f"lstm-judge {' '.join(self.args)} -> exit {self.code}\n"
                f"--- stdout ---\n{self.out[-3000:]}\n--- stderr ---\n{self.err[-3000:]}")


def run_cli(*args, cwd: Path | None = None, timeout: float = CLI_TIMEOUT_S) -> CliResult:
    """Run ``python -m grader *args`` (the ``lstm-judge`` command) in a subprocess."""
    args = tuple(str(a) for a in args)
    env = dict(os.environ)
    env.pop("LSTM_JUDGE_PROBLEMS", None)  # look problems up only in the repo
    try:
        proc = subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd or REPO_ROOT,
                              env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"lstm-judge {' '.join(args)} ran past {timeout} s:\n"
                    f"{(exc.stdout or b'')[-2000:]!r}\n{(exc.stderr or b'')[-2000:]!r}")
    return CliResult(args, proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():
    """``cli("submit", "cell", path, "--format", "json")`` -> ``CliResult``."""
    return run_cli


# --------------------------------------------------------------------------- problem copies


@dataclass
class ProblemCopy:
    """A copy of problems/cell under <tmp>/problems/<folder>, with its
    solutions (if any were copied) under <tmp>/solutions/<folder>."""

    root: Path

    @property
    def spec_file(self) -> Path:
        return self.root / "problem.yaml"

    @property
    def tests_file(self) -> Path:
        return self.root / "tests" / "test_cell.py"

    @property
    def solutions(self) -> Path:
        return self.root.parent.parent / "solutions" / self.root.name

    # text edits: the old text must be there (so a stale edit fails loudly)
    def replace(self, path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path}; the fixture edit is stale"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def edit_spec(self, old: str, new: str) -> None:
        self.replace(self.spec_file, old, new)

    def edit_tests(self, old: str, new: str) -> None:
        self.replace(self.tests_file, old, new)

    def write_spec(self, text: str) -> None:
        self.spec_file.write_text(text, encoding="utf-8")

    # structured edits
    def spec_data(self) -> dict:
        return yaml.safe_load(self.spec_file.read_text(encoding="utf-8"))

    def write_spec_data(self, data) -> None:
        self.write_spec(yaml.safe_dump(data, sort_keys=False))


@pytest.fixture
def make_problem_copy(tmp_path):
    """``make_problem_copy(folder="cell", solutions=("accepted/reference.py", ...))``
    copies problems/cell to tmp_path/problems/<folder> and the named files of
    solutions/cell to tmp_path/solutions/<folder>/...; returns a ``ProblemCopy``."""

    def make(folder: str = "cell", solutions=()) -> ProblemCopy:
        root = tmp_path / "problems" / folder
        shutil.copytree(REPO_ROOT / "problems" / "cell", root,
                        ignore=shutil.ignore_patterns("__pycache__"))
        copy = ProblemCopy(root)
        for rel in solutions:
            target = copy.solutions / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO_ROOT / "solutions" / "cell" / rel, target)
        return copy

    return make
