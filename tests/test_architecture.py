"""The architecture is enforced, not hoped for: import-linter's contracts
(pyproject.toml) hold, and they would catch a violation.  Also: the child's
code is what ``grader/child`` lists, and a real (non-editable) install holds
every subpackage."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from judge_cli import REPO_ROOT

from grader.child import child_files

LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command;"
        " sys.exit(lint_imports_command())", "--no-cache"]


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(LINT, cwd=root, capture_output=True, text=True, timeout=120)


def test_the_import_contracts_hold():
    result = lint(REPO_ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("where, line, contract", [
    ("grader/child/protocol.py", "from grader.verdict import Verdict", "the child's code"),
    ("grader/sandbox/uids.py", "from grader.scoring import result", "the sandbox runs a child"),
    ("grader/problem/spec.py", "import numpy", "reading a spec"),
    ("grader/similarity/compare.py", "from grader.sandbox import levels", "similarity checks"),
    ("problems/cell/tests/test_cell.py", "from grader.scoring.compare import Variant",
     "hidden tests import grader only through grader.testing"),
    ("grader/gradebook/store.py", "from grader.scoring import result",
     "the gradebook keeps results as data"),
    ("grader/reports/cohort_stats.py", "from grader.scoring import result",
     "the cohort report is a pure function of results as data"),
    ("grader/batch/run.py", "from grader.sandbox import reaping",
     "the batch coordinator runs judges as processes"),
    ("grader/cli/cohort.py", "from grader.cli import grading",
     "the CLI's families of commands stand alone"),
    ("grader/quiz/checks.py", "from grader.sandbox import layers",
     "a quiz grades answers as data"),
    ("problems/concepts/quiz/answers.py", "from grader.verdict import Verdict",
     "a quiz's code (its keys) imports nothing of the judge"),
])
def test_a_deliberate_violation_breaks_its_contract(tmp_path, where, line, contract):
    """The control: the same tree with one forbidden import fails the lint."""
    for name in ("grader", "problems", "pyproject.toml"):
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    target = tmp_path / where
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = lint(tmp_path)
    assert result.returncode != 0, result.stdout[-3000:]
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout[-3000:]


def test_the_child_gets_every_module_of_its_folder_and_they_import_only_stdlib_and_numpy():
    """(and torch or keras inside functions, for the problems that allow them)"""
    names = {p.name for p in child_files()}
    assert {"worker.py", "confine.py", "protocol.py", "torch_support.py",
            "keras_support.py"} <= names
    allowed = set(sys.stdlib_module_names) | {"numpy"} | {Path(n).stem for n in names}
    for path in child_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                tops = [a.name.partition(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert not node.level, f"{path.name}: a relative import cannot work in the sandbox"
                tops = [(node.module or "").partition(".")[0]]
            else:
                continue
            for top in tops:
                # torch and keras only inside functions, run only for problems that
                # allow them
                ok = top in allowed or (top in ("torch", "keras") and id(node) not in top_level)
                assert ok, f"{path.name}: line {node.lineno} imports {top}"


@pytest.mark.slow
def test_a_real_install_holds_every_subpackage_and_grades(tmp_path):
    """``pip install .`` (not editable) into a fresh venv, then a real submit."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)],
                   check=True, timeout=120)
    python = venv / "bin" / "python"
    # The dependencies (numpy, torch, ...) come from the environment running
    # these tests, which may itself be a venv: its site folder is named in a
    # .pth file, where --system-site-packages would reach only the base Python.
    # A path in a .pth file is not itself scanned for .pth files, so the
    # editable install of this checkout stays out of sight.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "outer-site.pth").write_text("\n".join(sorted(ours)) + "\n")
    build = tmp_path / "src"
    shutil.copytree(REPO_ROOT, build, ignore=shutil.ignore_patterns(
        ".git", "__pycache__", "*.egg-info", "build", ".venv", "tests", "bench"))
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(build)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-3000:]
    shutil.rmtree(build)  # nothing may come from the source tree any more
    where = subprocess.run([str(python), "-c", "import grader, sys; print(grader.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert str(venv) in where.stdout, where.stdout + where.stderr
    packages = {p.parent.name for p in Path(where.stdout.strip()).parent.glob("*/__init__.py")}
    expected = {p.parent.name for p in (REPO_ROOT / "grader").glob("*/__init__.py")}
    assert packages == expected
    submit = subprocess.run([str(venv / "bin" / "lstm-judge"), "submit",
                             str(REPO_ROOT / "problems" / "cell"),
                             str(REPO_ROOT / "solutions" / "cell" / "accepted" / "reference.py")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert submit.returncode == 0, submit.stdout[-3000:] + submit.stderr[-2000:]
    assert "verdict: accepted" in submit.stdout
