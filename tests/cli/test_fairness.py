"""Fair: a score does not depend on what else the machine is doing.

Training budgets are CPU seconds of the child, measured by the judge
(README, "Application tasks"), so forecast's accepted solutions graded beside
a CPU hog (one busy process per core, as `batch -j N` on N cores would be)
get what they get alone: the same verdict for every test and full points,
which is the spread `validate` accepts across `validate_seeds` (every seed
accepted with full points).  Both runs draw the same data (`--seed 0`).
`cpu_budget.py` spends a share of its budget timed with time.process_time(),
so under the old wall-clock budget the hog would have cut its training; the
reference trains a fixed number of epochs, so its walk is the same to the
digit.  The control (a wall-clock budget trains less beside the hog) is
measured in bench/fairness.py, not asserted here.
"""

from __future__ import annotations

import multiprocessing
import os
import re
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


def graded(cli, solution):
    res = cli("submit", "forecast", SOLUTIONS / solution, "--seed", "0", "--view", "staff",
              "--format", "json", "--no-gradebook", timeout=300)
    assert res.code in (0, 1), res
    return res.json()


def walks(doc) -> dict[str, str]:
    """The metric of each scored walk, as the staff view states it."""
    out = {}
    for test in doc["tests"]:
        match = METRIC.search(test["message"] or "")
        if match:
            out[test["name"]] = match.group(1)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("solution", ["cpu_budget.py", "reference.py"])
def test_accepted_solutions_score_the_same_alone_and_beside_a_cpu_hog(cli, solution):
    alone = graded(cli, solution)
    with cpu_hog():
        hogged = graded(cli, solution)
    print(f"{solution}: alone {alone['time_s']:.1f} s {walks(alone)};"
          f" beside {os.cpu_count()} busy processes {hogged['time_s']:.1f} s {walks(hogged)}")
    for doc in (alone, hogged):
        assert doc["verdict"] == "accepted" and doc["score"] == doc["max_score"], doc["tests"]
    assert ([(t["name"], t["verdict"], t["score"]) for t in alone["tests"]]
            == [(t["name"], t["verdict"], t["score"]) for t in hogged["tests"]])
    if solution == "reference.py":  # a fixed number of epochs: the same walks exactly
        assert walks(alone) == walks(hogged)
