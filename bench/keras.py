"""What Keras costs on top of torch, measured side by side.

    python bench/keras.py [--repeat N]

Interleaved rounds (bench/run.py's ``interleave``) of: importing torch;
importing Keras on its torch backend (which imports torch first); and a
whole `submit` of the accepted reference of `network` (PyTorch) and of
`network_keras` (its Keras twin, the same tests), with each grading's
slowest call (``max_call_s``) against the problems' 10 s call limit.
The extra import cost of Keras is the difference of the first two medians.
Results go to bench/results/keras.json (not committed).
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import PY, ROOT, interleave  # noqa: E402

KERAS_ENV = {**os.environ, "KERAS_BACKEND": "torch",
             "KERAS_HOME": str(ROOT / "bench" / "results" / "keras-home")}
SUBMIT = {"network": "solutions/network/accepted/reference.py",
          "network_keras": "solutions/network_keras/accepted/reference.py"}


def timed(argv: list[str], env: dict) -> dict:
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    sample = {"wall_s": time.perf_counter() - start}
    if "--format" in argv:
        doc = json.loads(proc.stdout)
        assert doc["verdict"] == "accepted", doc["verdict"]
        sample["max_call_s"] = doc["max_call_s"]
    return sample


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    judge_env = {**os.environ, "LSTM_JUDGE_GRADEBOOK": "off"}
    cases = {
        "import torch": ([PY, "-c", "import torch"], KERAS_ENV),
        "import torch, keras (torch backend)": ([PY, "-c", "import torch, keras"], KERAS_ENV),
        **{f"submit {name}": ([PY, "-m", "grader", "submit", name, path, "--format", "json",
                               "--view", "staff"],
                              judge_env) for name, path in SUBMIT.items()},
    }
    for argv, env in cases.values():  # warm the page cache
        timed(argv, env)
    samples = interleave({name: (lambda c=case: timed(*c)) for name, case in cases.items()},
                         args.repeat)
    results = {}
    print(f"{'case':<38} {'median':>9} {'min':>9} {'slowest call':>13}")
    for name, got in samples.items():
        walls = [s["wall_s"] for s in got]
        calls = [s["max_call_s"] for s in got if "max_call_s" in s]
        results[name] = {"median_s": statistics.median(walls), "min_s": min(walls),
                         "max_call_s": max(calls) if calls else None, "samples": got}
        slowest = f"{max(calls):12.3f}s" if calls else ""
        print(f"{name:<38} {statistics.median(walls):8.3f}s {min(walls):8.3f}s {slowest}")
    extra = (results["import torch, keras (torch backend)"]["median_s"]
             - results["import torch"]["median_s"])
    judged = (results["submit network_keras"]["median_s"]
              - results["submit network"]["median_s"])
    print(f"Keras on top of torch: import {extra:+.3f}s; a whole submit {judged:+.3f}s")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "keras.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
