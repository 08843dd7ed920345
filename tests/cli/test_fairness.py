"""Fair: a score does not depend on what else the machine is doing.

Training budgets are CPU seconds of the child, measured by the judge
(README, "Application tasks"), so forecast's accepted solutions graded by
`batch -j N` beside a CPU hog (one busy process per core) get what they get
from `batch -j 1` on a quiet machine: the same verdict and points for every
test and full points, which is the spread `validate` accepts across
`validate_seeds` (every seed accepted with full points).  Both batches draw
the same data (`--seed 0`).  `cpu_budget.py` spends a share of its budget
timed with time.process_time(), so under the old wall-clock budget the hog
would have cut its training; the reference trains a fixed number of epochs,
so its walk is the same to the digit.  The control (a wall-clock budget
trains less beside the hog) is measured in bench/fairness.py, not asserted
here.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
from contextlib import contextmanager

import pytest

from judge_cli import REPO_ROOT

SOLUTIONS = REPO_ROOT / "solutions" / "forecast" / "accepted"
METRIC = re.compile(r"RMSE/persistence[^0-9]*([0-9.]+)")


def _spin() -> None:
    while True:
        pass


@contextmanager
def cpu_hog():
    """One busy-looping process per core, killed however the block ends."""
    procs = [multiprocessing.get_context("fork").Process(target=_spin, daemon=True)
             for _ in range(os.cpu_count() or 1)]
    try:
        for proc in procs:
            proc.start()
        yield
    finally:
        for proc in procs:
            proc.kill()
        for proc in procs:
            proc.join()


def batch(cli, subs, out, jobs: int) -> dict[str, dict]:
    """Each candidate's staff document from ``batch forecast subs -j jobs``."""
    res = cli("batch", "forecast", subs, "--out", out, "-j", str(jobs), "--seed", "0",
              "--no-gradebook", timeout=600)
    assert res.code == 0, res
    docs = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    return {doc["candidate"]: doc for doc in docs}


def walks(doc) -> dict[str, str]:
    """The metric of each scored walk, as the staff view states it."""
    out = {}
    for test in doc["tests"]:
        match = METRIC.search(test["message"] or "")
        if match:
            out[test["name"]] = match.group(1)
    return out


@pytest.mark.slow
def test_accepted_solutions_score_the_same_alone_and_beside_a_cpu_hog(cli, tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for solution in ("cpu_budget.py", "reference.py"):
        shutil.copy(SOLUTIONS / solution, subs / solution)
    alone = batch(cli, subs, tmp_path / "alone", jobs=1)
    cores = os.cpu_count() or 1
    with cpu_hog():
        hogged = batch(cli, subs, tmp_path / "hogged", jobs=cores)
    assert set(alone) == set(hogged) == {"cpu_budget", "reference"}
    for name in alone:
        print(f"{name}: alone {alone[name]['time_s']:.1f} s {walks(alone[name])}; -j {cores}"
              f" beside {cores} busy processes {hogged[name]['time_s']:.1f} s"
              f" {walks(hogged[name])}")
        for doc in (alone[name], hogged[name]):
            assert doc["verdict"] == "accepted" and doc["score"] == doc["max_score"], doc["tests"]
        assert ([(t["name"], t["verdict"], t["score"]) for t in alone[name]["tests"]]
                == [(t["name"], t["verdict"], t["score"]) for t in hogged[name]["tests"]])
