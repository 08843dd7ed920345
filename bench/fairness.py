"""Fairness of training budgets: scores alone vs beside a CPU hog, with the
budget timed by the old clock (wall time, `time.time()`) and the new one (CPU
seconds, `time.process_time()`, which the judge's limit now counts).

    python bench/fairness.py [--repeat N]

The submission is solutions/forecast/accepted/cpu_budget.py, which trains for
a fifth of budget_s and prints its epochs; the "wall" variant is the same file
timed with time.time().  Each case is graded N times (default 3) with
`submit forecast --seed 0` (the same data every time), alone and beside one
busy-looping process per core, interleaved so that drift in the machine's own
load hits every case alike.  Reported: the median epochs of the hidden training
and the median RMSE/persistence of the hidden walk (lower is better) and score.
Measured here, never asserted in tests (tests/cli/test_fairness.py asserts the
new clock's result).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "forecast" / "accepted" / "cpu_budget.py"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "LSTM_JUDGE_GRADEBOOK": "off"}
EPOCHS = re.compile(r"epochs: (\d+)")
METRIC = re.compile(r"RMSE/persistence ([0-9.]+)")


def _spin() -> None:
    while True:
        pass


def grade(path: Path, hog: bool) -> dict:
    procs = [multiprocessing.get_context("fork").Process(target=_spin, daemon=True)
             for _ in range(os.cpu_count() or 1)] if hog else []
    try:
        for proc in procs:
            proc.start()
        out = subprocess.run([sys.executable, "-m", "grader", "submit", "forecast", str(path),
                              "--seed", "0", "--view", "staff", "--format", "json"],
                             cwd=ROOT, env=ENV, capture_output=True, text=True).stdout
    finally:
        for proc in procs:
            proc.kill()
            proc.join()
    doc = json.loads(out)
    tests = {t["name"]: t for t in doc["tests"]}
    hidden = tests["walk_forward"]
    epochs = [int(n) for t in doc["tests"] for n in EPOCHS.findall(t.get("output") or "")]
    match = METRIC.search(hidden["message"] or "")
    return {"epochs": epochs[-1] if epochs else 0,  # the hidden training is the last fit
            "ratio": float(match.group(1)) if match else float("nan"),
            "score": doc["score"], "verdict": doc["verdict"], "time_s": doc["time_s"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wall = Path(tmp) / "cpu_budget_wall.py"
        wall.write_text(SOLUTION.read_text().replace("time.process_time()", "time.time()"))
        variants = {"cpu (process_time)": SOLUTION, "wall (time.time)": wall}
        samples: dict[tuple[str, str], list[dict]] = {}
        for _ in range(args.repeat):
            for clock, path in variants.items():
                for where, hog in (("alone", False), (f"beside {os.cpu_count()} hogs", True)):
                    samples.setdefault((clock, where), []).append(grade(path, hog))
    print(f"| budget clock | machine | epochs (median) | RMSE/persistence (median) | score |"
          f" verdicts | time_s (median) |")
    print("|---|---|---:|---:|---:|---|---:|")
    for (clock, where), runs in samples.items():
        med = lambda key: statistics.median(r[key] for r in runs)  # noqa: E731
        verdicts = ",".join(sorted({r["verdict"] for r in runs}))
        print(f"| {clock} | {where} | {med('epochs'):.0f} | {med('ratio'):.3f} |"
              f" {med('score'):g} | {verdicts} | {med('time_s'):.1f} |")


if __name__ == "__main__":
    main()
