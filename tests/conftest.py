"""Shared fixtures for the project's own tests.

``cli``                 run ``lstm-judge ARGS...`` (``judge_cli.run``); returns a ``CliResult``
``make_problem_copy``   copy problems/cell (and chosen solutions) into tmp_path, to break on purpose
``session_gradebook``   (autouse) the gradebook every judge the tests start records in

The tests are grouped as ``grader/`` is: unit tests per part (``problem/``,
``grading/``, ``scoring/``, ``child/``, ``authoring/``), end-to-end tests of
the command (``cli/``), and the attack suite (``hostile/``).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import judge_cli
import pytest
import yaml

from judge_cli import GRADEBOOK_ENV, REPO_ROOT, run


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes several seconds (still part of the suite)")
    # From here on no judge records in the user's gradebook, not even one whose
    # environment is a copy of ours (the hostile suite's, a real install's).
    os.environ[GRADEBOOK_ENV] = "off"


@pytest.fixture(scope="session", autouse=True)
def session_gradebook(tmp_path_factory):
    """Every judge the tests start records its submits here, under pytest's
    temporary folder (so the hostile suite's checks of /tmp, TMPDIR and the
    repository see nothing new); a gradebook test names its own."""
    path = tmp_path_factory.mktemp("session-gradebook") / "gradebook.sqlite3"
    judge_cli.gradebook = os.environ[GRADEBOOK_ENV] = str(path)
    yield path
    judge_cli.gradebook = os.environ[GRADEBOOK_ENV] = "off"


@pytest.fixture
def cli():
    """``cli("submit", "cell", path, "--format", "json")`` -> ``CliResult``."""
    return run


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
