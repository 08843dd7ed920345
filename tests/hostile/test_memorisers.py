"""Held-out data that the public repository predicts can be memorised: a
lookup table scores without learning (issue 9, class 8; and class 3's replay:
with the default seed, the held-out data is the same every run).

Each attack under ``memorisers/`` is a template: the harness fills in
``__MEMORISED__`` with the held-out data of a draw anyone with this repository
can compute (seed 0, no key), using the problem's own test module.  The
control grades it as a self-study run (no key): the replay is real and scores
full points on the scored held-out test.  Under a grader's key the same
submission must score no more than the non-learning baseline: nothing public
predicts a keyed draw (``grading/draws.py``), so there is nothing to replay.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import judge_cli
import pytest

from grader.grading.draws import Draws

HERE = Path(__file__).resolve().parent
REPO = judge_cli.REPO_ROOT
KEY = "a-graders-secret-key-nobody-has-0123456789"


def problem_tests(problem: str):
    path = REPO / "problems" / problem / "tests" / f"test_{problem}.py"
    spec = importlib.util.spec_from_file_location(f"memorised_{problem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def public_heldout(problem: str):
    """What seed 0 without a key holds out: computable from the repository alone."""
    tests = problem_tests(problem)
    if problem == "language_model":
        return tests.draw_split(tests.load_text(), Draws(0).generator("language_model"))[1]
    return [float(v) for v in tests.cycle_series(Draws(0).generator(tests.SERIES_DRAW))]


# problem -> (the scored held-out test, the non-learning baseline's score in all)
ATTACKS = {"language_model": ("heldout_bpc", 2), "forecast": ("walk_forward", 5)}


def grade(tmp_path: Path, problem: str, key: str | None) -> dict:
    template = (HERE / "memorisers" / f"{problem}_replay.py").read_text(encoding="utf-8")
    path = tmp_path / f"{problem}_replay.py"
    path.write_text(template.replace("__MEMORISED__", repr(public_heldout(problem))),
                    encoding="utf-8")
    tmpdir = tmp_path / "judge-tmp"
    tmpdir.mkdir(exist_ok=True)
    env = judge_cli.environment(TMPDIR=str(tmpdir), **({"LSTM_JUDGE_KEY": key} if key else {}))
    result = judge_cli.run("submit", problem, path, "--format", "json", env=env, timeout=180)
    assert result.code in (0, 1), result
    assert not list(tmpdir.iterdir()), f"the judge left {list(tmpdir.iterdir())}"
    return result.json()


def scored(doc: dict, name: str) -> dict:
    return next(t for t in doc["tests"] if t["name"] == name)


@pytest.mark.slow
@pytest.mark.parametrize("problem", sorted(ATTACKS))
def test_control_without_a_key_the_replay_scores_full(tmp_path, problem):
    test, _ = ATTACKS[problem]
    doc = grade(tmp_path, problem, key=None)
    assert doc["key"] is None
    held_out = scored(doc, test)
    assert held_out["score"] == held_out["max_score"] > 0, doc


@pytest.mark.slow
@pytest.mark.parametrize("problem", sorted(ATTACKS))
def test_under_a_key_the_replay_scores_no_more_than_the_baseline(tmp_path, problem):
    test, baseline = ATTACKS[problem]
    doc = grade(tmp_path, problem, key=KEY)
    assert doc["key"] and KEY not in str(doc), doc
    assert scored(doc, test)["score"] == 0, doc
    assert doc["score"] <= baseline, doc
