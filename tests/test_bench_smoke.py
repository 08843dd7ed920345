"""The speed benchmark (bench/speed.py) cannot rot: its smoke mode (one round,
N=2, cell and network) runs to the end and reports every case.  Nothing about
timings is asserted: they are measured, on a machine of the reader's choosing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from judge_cli import REPO_ROOT

CASES = [
    "python -c pass",
    "python -c 'import numpy'",
    "python -c 'import torch'",
    "naive: pytest imports cell, no sandbox",
    "naive: pytest imports network, no sandbox",
    "submit cell",
    "submit network",
    "batch cell (N=2,",
    "shell loop: submit cell x2, xargs -P 2",
    "batch network (N=2,",
    "shell loop: submit network x2, xargs -P 2",
]


@pytest.mark.slow
def test_speed_smoke_reports_every_case(tmp_path):
    out = tmp_path / "speed.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    proc = subprocess.run([sys.executable, str(REPO_ROOT / "bench" / "speed.py"), "--smoke",
                           "--json", str(out)], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| case | median | min | ratio |")
    for case in CASES:
        row = next((r for r in rows if r.startswith(f"| {case}")), None)
        assert row is not None, f"no row for {case!r} in\n{proc.stdout}"
        assert "FAILED" not in row, row
    doc = json.loads(out.read_text())
    assert {"nproc", "cpu_model", "python", "torch"} <= set(doc["machine"])
    assert len(doc["rows"]) == len(CASES)
    assert all(r["samples"] and not r["errors"] for r in doc["rows"])
