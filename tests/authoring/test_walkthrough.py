"""The README's "Write a problem" walkthrough works as written: its shell
blocks run verbatim, in order, in a folder laid out as a checkout (cell's
problem and solutions), with ``lstm-judge`` this checkout's judge."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess

from judge_cli import REPO_ROOT, command, environment
from readme_blocks import section, walkthrough


def checkout_like(tmp_path):
    """tmp_path with problems/cell, solutions/cell and a bin/lstm-judge that
    runs this checkout's judge."""
    for folder in ("problems", "solutions"):
        shutil.copytree(REPO_ROOT / folder / "cell", tmp_path / folder / "cell",
                        ignore=shutil.ignore_patterns("__pycache__"))
    shim = tmp_path / "bin" / "lstm-judge"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec {shlex.join(command())} "$@"\n')  # the one runner's command
    shim.chmod(0o755)
    return tmp_path


def test_the_walkthrough_runs_as_written(tmp_path):
    root = checkout_like(tmp_path)
    env = environment(PATH=f"{root / 'bin'}:{environment()['PATH']}")
    blocks = walkthrough()
    assert len(blocks) == 3, blocks
    out = ""
    for block in blocks:
        run = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=root, env=env,
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, f"{block}\n--- exit {run.returncode}\n{run.stdout}\n{run.stderr}"
        out += run.stdout
    shown = re.search(r"```text\n(.*?)```", section("Write a problem: a walkthrough"), re.S)
    for line in shown.group(1).splitlines():  # each row the README shows, without its time
        assert re.sub(r"\s+[\d.]+s$", "", line).strip() in out, (line, out)
    assert re.search(r"✓ wide_state\s+hidden\s+10/10\s+accepted", out), out
    assert "verdict: accepted   score: 110/110" in out, out
