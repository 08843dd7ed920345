"""The set-up the README promises: its commands, and setup.sh's choices."""

import os
import re
import shutil
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> dict[str, str]:
    """The README's two commands, keyed by the comment above each."""
    text = (REPO_ROOT / "README.md").read_text()
    block = text.split("## Two commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    found = re.findall(r"^# (the main job|the test suite)\b.*\n(.+)$", block, re.M)
    return dict(found)


def test_ci_runs_exactly_the_readmes_test_command():
    commands = _readme_commands()
    assert set(commands) == {"the main job", "the test suite"}, commands
    ci = (REPO_ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1] == commands["the test suite"]


def test_the_readme_commands_need_no_activated_environment():
    """Under ``env -i PATH=/usr/bin:/bin`` there is no ``python`` and no
    ``lstm-judge`` on PATH: every program after setup.sh comes from .venv/."""
    for command in _readme_commands().values():
        first, *rest = command.split(" && ")
        assert first == "./setup.sh", command
        for step in rest:
            assert step.startswith(".venv/bin/"), step


FAKE_PYTHON = """#!/bin/bash
# Stands in for .venv/bin/python: logs each pip call, fails the ones named in FAIL.
echo "$*" >> "$LOG"
case "$*" in
  "-c ") exit 0 ;;
  "-c import torch") exit 1 ;;
esac
for pattern in $FAIL; do
  case "$*" in *"$pattern"*) exit 1 ;; esac
done
exit 0
"""


def _setup_with_fake_pip(tmp_path, fail: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copy(REPO_ROOT / "setup.sh", checkout / "setup.sh")
    python = checkout / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    log = tmp_path / "pip.log"
    # bwrap is found or not found in PATH the same way either way; the
    # fake Python answers for every pip call.
    env = {"PATH": os.environ["PATH"], "LOG": str(log), "FAIL": fail, "HOME": str(tmp_path)}
    res = subprocess.run(["bash", str(checkout / "setup.sh")], env=env,
                         capture_output=True, text=True, timeout=120)
    calls = [line for line in log.read_text().splitlines() if "install" in line]
    return res, calls


def test_setup_asks_for_the_cpu_build_first(tmp_path):
    res, calls = _setup_with_fake_pip(tmp_path, fail="")
    assert res.returncode == 0, res.stderr
    torch = [c for c in calls if "torch" in c]
    assert len(torch) == 1 and "torch==2.13.0+cpu" in torch[0], calls
    assert "--index-url" not in torch[0] and "--timeout 10" in torch[0], torch
    assert calls[-1].endswith("install -q -e .[test,dask,keras]"), calls
    assert "warning" not in res.stderr


def test_setup_falls_back_to_pytorchs_cpu_index_then_warns(tmp_path):
    res, calls = _setup_with_fake_pip(tmp_path, fail="torch==2.13.0+cpu")
    assert res.returncode == 0, res.stderr
    torch = [c for c in calls if "torch" in c]
    assert len(torch) == 3, calls
    assert "--index-url https://download.pytorch.org/whl/cpu" in torch[1], torch
    assert "--timeout 10 --retries 1" in torch[1], torch  # an unreachable index fails fast
    assert torch[2].endswith("torch==2.13.0"), torch
    assert "CUDA" in res.stderr and "several GB" in res.stderr, res.stderr


def test_setup_stops_when_the_package_cannot_be_installed(tmp_path):
    res, _ = _setup_with_fake_pip(tmp_path, fail=".[test,dask,keras]")
    assert res.returncode != 0
    assert "ready" not in res.stderr
