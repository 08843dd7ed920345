"""Nothing is left in the judge's TMPDIR, torch problems included.

The training problem's tests build optimizers in the judge, which imports
``torch._dynamo``, which makes ``torchinductor_<user>`` in TMPDIR; the CLI gives
torch a cache folder of its own, removed at exit (``grader.cli.guard._private_torch_cache``).
The control shows that torch, used as those tests use it, does make the folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from judge_cli import REPO_ROOT, environment, run


def judge_env(tmpdir: Path) -> dict[str, str]:
    env = environment(TMPDIR=str(tmpdir))
    env.pop("TORCHINDUCTOR_CACHE_DIR", None)
    return env


@pytest.mark.slow
def test_grading_the_training_problem_leaves_nothing_in_tmpdir(tmp_path):
    tmpdir = tmp_path / "judge-tmp"
    tmpdir.mkdir()
    result = run("submit", "training", REPO_ROOT / "solutions" / "training" / "accepted" / "reference.py",
                 "--format", "json", env=judge_env(tmpdir))
    assert result.json()["verdict"] == "accepted", result
    assert not list(tmpdir.iterdir()), f"the judge left {list(tmpdir.iterdir())}"


def test_control_torch_makes_its_cache_in_tmpdir(tmp_path):
    pytest.importorskip("torch")
    tmpdir = tmp_path / "judge-tmp"
    tmpdir.mkdir()
    code = "import torch; torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)"
    subprocess.run([sys.executable, "-c", code], env=judge_env(tmpdir), check=True, timeout=120)
    assert [p.name for p in tmpdir.iterdir() if p.name.startswith("torchinductor_")]
