"""Speed of grading, measured side by side with baselines.

    python bench/run.py [--repeat N]

Each command runs N times (default 7) in turn; we report the median wall
time and its ratio to starting Python (`python -c pass`), the floor that
issue "grading close to the cost of starting Python" measures against.
Results also go to bench/results/latest.json (not committed).  The submits
record in bench/results/gradebook.sqlite3, so the times include recording
but the user's own gradebook gets no bench attempts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
REF = "solutions/cell/accepted/reference.py"
ENV = {**os.environ,
       "LSTM_JUDGE_GRADEBOOK": str(ROOT / "bench" / "results" / "gradebook.sqlite3")}
CASES = {
    "python -c pass (baseline)": [PY, "-c", "pass"],
    "python -c 'import numpy'": [PY, "-c", "import numpy"],
    "python -c 'import torch'": [PY, "-c", "import torch"],
    "submit cell (namespaces)": [PY, "-m", "grader", "submit", "cell", REF],
    "submit cell (process)": [PY, "-m", "grader", "submit", "cell", REF, "--isolation", "process"],
    "test cell (samples only)": [PY, "-m", "grader", "test", "cell", REF],
}


def measure(argv: list[str], repeat: int, env: dict | None = None) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env or ENV)
        times.append(time.perf_counter() - start)
    return times


def interleave(cases: dict, repeat: int) -> dict[str, list]:
    """Run each of ``cases`` (name -> a function of no arguments that runs the
    case once and returns its sample, usually wall seconds) ``repeat`` times,
    round by round, so that drift in machine load hits all of them alike."""
    samples = {name: [] for name in cases}
    for _ in range(repeat):
        for name, once in cases.items():
            samples[name].append(once())
    return samples


def summary(times: list[float]) -> dict:
    return {"median_s": statistics.median(times), "min_s": min(times), "samples": times}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    for argv in CASES.values():  # warm the page cache
        measure(argv, 1)
    results = {}
    samples = interleave({name: (lambda argv=argv: measure(argv, 1)[0])
                          for name, argv in CASES.items()}, args.repeat)
    base = statistics.median(samples["python -c pass (baseline)"])
    print(f"{'case':<30} {'median':>9} {'min':>9} {'x python':>9}")
    for name, times in samples.items():
        median = statistics.median(times)
        results[name] = {**summary(times), "ratio": median / base}
        print(f"{name:<30} {median:8.3f}s {min(times):8.3f}s {median / base:8.1f}x")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
