"""Calibrates the target of problem `forecast` (an author's tool, not a test):
runs the tests' own walk-forward protocol in this process, with the accepted
solutions (or the ones named), over many hidden draws and child seeds, and
prints the ratio RMSE / persistence RMSE each reaches, next to non-learning
and linear baselines.

    python problems/forecast/calibrate.py [DRAWS [SEEDS]] [SOLUTION.py ...]

For each child seed s (0 .. SEEDS-1) it does what one graded run does: seeds
`random`, numpy and torch with s (as the child does before importing the
file), runs the two sample walks (the public draw, the sunspots), then trains
on and walks hidden draws 0 .. DRAWS-1 in turn, the torch state carrying on
from one to the next.  Hidden draw d is the series `--seed d` grades without a
key (`Draws(d).generator("series")`); with a key, draws come from other
generator seeds of the same process, so these stand for them too.

The solutions run here, unsandboxed: only use it on the bundled ones.  The
defaults (20 draws, 2 seeds) take a few minutes on one thread.
"""

from __future__ import annotations

import importlib.util
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from grader.grading.draws import Draws  # noqa: E402


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Local:
    """The `submission` fixture's two calls, run in this process."""

    def __init__(self, module):
        self.module = module
        self.train_s: list[float] = []

    def call_within(self, timeout_s, name, *args, **kwargs):
        started = time.monotonic()
        value = getattr(self.module, name)(*args, **kwargs)
        self.train_s.append(time.monotonic() - started)
        return value

    def predict(self, model, history):
        return self.module.predict(model, history)


def ar_ratio(tests, series: np.ndarray, n_train: int, order: int = 10) -> float:
    """A linear AR(order) model with a constant, fitted by least squares on
    the training part: what a non-recurrent learner reaches."""
    x = np.stack([series[i:i + order] for i in range(n_train - order)])
    w = np.linalg.lstsq(np.c_[x, np.ones(len(x))], series[order:n_train], rcond=None)[0]
    predictions = np.array([np.r_[series[n - order:n], 1.0] @ w
                            for n in range(n_train, len(series))])
    return tests.ratio(predictions, series, n_train)


def damped_trend_ratio(tests, series: np.ndarray, n_train: int) -> float:
    """A hand-made rule that learns nothing: the last value plus half the
    last step.  It shows how much of the target momentum alone gets."""
    predictions = np.array([1.5 * series[n - 1] - 0.5 * series[n - 2]
                            for n in range(n_train, len(series))])
    return tests.ratio(predictions, series, n_train)


def mean_ratio(tests, series: np.ndarray, n_train: int) -> float:
    predictions = np.full(len(series) - n_train, series[:n_train].mean())
    return tests.ratio(predictions, series, n_train)


def summary(name: str, figures, target: float) -> str:
    f = np.asarray(figures)
    over = int((f > target).sum())
    return (f"  {name:<28} min {f.min():.3f} median {np.median(f):.3f} max {f.max():.3f}"
            f" ({len(f)} runs, {over} over the target {target})")


def main(argv: list[str]) -> None:
    torch.set_num_threads(1)  # as in the child (limits.threads)
    numbers = [a for a in argv if a.isdigit()]
    draws = int(numbers[0]) if numbers else 20
    seeds = int(numbers[1]) if len(numbers) > 1 else 2
    paths = [Path(a) for a in argv if not a.isdigit()] or sorted(
        (ROOT / "solutions" / "forecast" / "accepted").glob("*.py"))
    tests = load(HERE / "tests" / "test_forecast.py", "forecast_tests")
    target = tests.TARGET_RATIO
    train_s = float(yaml.safe_load((HERE / "problem.yaml").read_text())["limits"]["train_s"])
    hidden = [tests.cycle_series(Draws(d).generator(tests.SERIES_DRAW)) for d in range(draws)]
    sample = tests.cycle_series(Draws(0).generator(tests.SAMPLE_DRAW, public=True))
    spots, spots_train = tests.sunspot_split()
    n = tests.TRAIN_N
    print(f"target ratio {target}; hidden draws 0-{draws - 1}, child seeds 0-{seeds - 1}")
    print("baselines on the hidden draws (persistence is 1 by definition):")
    print(summary("training mean", [mean_ratio(tests, s, n) for s in hidden], target))
    print(summary("last + half the last step", [damped_trend_ratio(tests, s, n) for s in hidden],
                  target))
    print(summary("linear AR(10)", [ar_ratio(tests, s, n) for s in hidden], target))
    print(f"  sample: AR(10) {ar_ratio(tests, sample, n):.3f}; sunspots: AR(10)"
          f" {ar_ratio(tests, spots, spots_train):.3f}, persistence RMSE"
          f" {tests.persistence_rmse(spots, spots_train):.2f}")
    for path in paths:
        submission = Local(load(path, path.stem))
        samples, sunspot, walks, started = [], [], [], time.monotonic()
        for seed in range(seeds):
            random.seed(seed)
            np.random.seed(seed)
            torch.manual_seed(seed)
            for series, n_train, into in ((sample, n, samples), (spots, spots_train, sunspot)):
                model = tests.fit(submission, series[:n_train], train_s)
                into.append(tests.ratio(tests.walk(submission, model, series, n_train),
                                        series, n_train))
            for series in hidden:
                model = tests.fit(submission, series[:n], train_s)
                walks.append(tests.ratio(tests.walk(submission, model, series, n), series, n))
        w = np.array(walks)
        print(f"{path.parent.name}/{path.name}: training {min(submission.train_s):.2f}-"
              f"{max(submission.train_s):.2f} s; {(time.monotonic() - started) / len(w):.2f} s a walk")
        print(summary("hidden draws", w, target))
        print(f"  {'':<28} worst margin {target - w.max():+.3f}; mean {w.mean():.3f} sd {w.std():.3f}")
        print(summary("sample", samples, target))
        print(summary("sunspots", sunspot, target)
              + f" (RMSE {min(sunspot) * tests.SUNSPOT_PERSISTENCE_RMSE:.1f}-{max(sunspot) * tests.SUNSPOT_PERSISTENCE_RMSE:.1f})")


if __name__ == "__main__":
    main(sys.argv[1:])
