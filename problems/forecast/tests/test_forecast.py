"""Hidden tests for `forecast`: train(series, budget_s) -> model and
predict(model, history) -> float, walked forward one step at a time.

The data (data/sunspots.csv) and the split live only here, in the judge.
The child gets the training part once, then for each test year the history
up to the year before; the true value of a year is revealed to it (as part
of the next history) only after it has answered for that year.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from grader.testing import Tensor, WrongAnswer

DATA = Path(__file__).resolve().parent.parent / "data" / "sunspots.csv"
LAST_TRAIN_YEAR = 1948  # train: 1700-1948 (249 values); test: 1949-2008 (60 values)
GRACE_S = 2.0  # wall time on top of the training budget before time_limit_exceeded

# Walk-forward RMSE on 1949-2008: persistence (predict last year's value) scores
# 0 points, TARGET_RMSE or lower full points, linear in between.  The target
# is set from the reference LSTM (RMSE 17.3-21.3 over seeds 0-15, 0.3-1.3 s
# of training on one thread; gru_residual.py 16.3-17.6 over seeds 0-7), with
# a margin: see the problem's statement.
PERSISTENCE_RMSE = 32.90  # what persistence gets (recomputed and checked below)
TARGET_RMSE = 24.0

# The sample test: a short synthetic series (see synthetic_series).
SAMPLE_LENGTH, SAMPLE_TRAIN = 200, 160
SAMPLE_BUDGET_S = 3.0
SAMPLE_TARGET_RMSE = 2.2  # reference 1.35-1.89 over seeds 0-15; persistence 3.451

SHORT_HISTORIES = (40, 100, 200)  # truncated histories for the no-future check
MIN_OWN_SERIES = 100  # self-study: at least 80 values to train on, 20 to walk


# ----------------------------------------------------------------- data


def sunspots() -> tuple[np.ndarray, np.ndarray]:
    """(years, values) from the shipped CSV (header YEAR,SUNACTIVITY)."""
    with DATA.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    body = [r for r in rows[1:] if r]
    years = np.array([int(float(r[0])) for r in body])
    values = np.array([float(r[1]) for r in body], dtype=np.float64)
    return years, values


def synthetic_series(n: int = SAMPLE_LENGTH) -> np.ndarray:
    """The sample test's series: two sines (periods 12 and 31) plus Gaussian
    noise (sd 1), from numpy's default_rng(2024)."""
    rng = np.random.default_rng(2024)
    t = np.arange(n, dtype=np.float64)
    return (20.0 + 8.0 * np.sin(2 * np.pi * t / 12) + 4.0 * np.sin(2 * np.pi * t / 31 + 1.0)
            + rng.normal(0.0, 1.0, n))


# ----------------------------------------------------------------- protocol


def as_prediction(value, where: str) -> float:
    """One finite real number: a Python float or int, a numpy scalar, or a
    numpy array / torch tensor holding exactly one element (0-d or size 1)."""
    array = value.array if isinstance(value, Tensor) else value
    if isinstance(array, bool) or isinstance(array, np.bool_):
        raise WrongAnswer(f"predict returned a bool {where}; expected one real number")
    if isinstance(array, (int, float)):
        number = float(array)
    elif isinstance(array, (np.ndarray, np.generic)):
        array = np.asarray(array)
        if array.size != 1:
            raise WrongAnswer(f"predict returned an array of shape {array.shape} {where};"
                              " expected one number (0-d or size 1)")
        if array.dtype.kind not in "iuf":
            raise WrongAnswer(f"predict returned an array of dtype {array.dtype} {where};"
                              " expected a real number")
        number = float(array.reshape(()))
    else:
        raise WrongAnswer(f"predict returned a {type(value).__name__} {where};"
                          " expected one real number (a float)")
    if not math.isfinite(number):
        raise WrongAnswer(f"predict returned a non-finite value ({number}) {where}")
    return number


def fit(submission, series: np.ndarray, budget_s: float):
    """Train once: the wall-clock limit is the budget plus a grace."""
    return submission.call_within(budget_s + GRACE_S, "train", series.copy(), budget_s=budget_s)


def walk(submission, model, series: np.ndarray, n_train: int) -> np.ndarray:
    """One-step-ahead predictions for series[n_train:], each made from the
    values before it only."""
    predictions = []
    for n in range(n_train, len(series)):
        history = series[:n].copy()  # everything before step n, nothing after
        if len(history) != n or history.dtype != np.float64:  # the judge's own check
            raise RuntimeError(f"the walk would pass {len(history)} values at step {n}")
        value = submission.predict(model, history)
        predictions.append(as_prediction(value, f"for step {n - n_train + 1}"))
    return np.array(predictions)


def rmse(predictions: np.ndarray, truth: np.ndarray) -> float:
    return float(np.sqrt(np.mean((np.asarray(predictions) - truth) ** 2)))


def persistence_rmse(series: np.ndarray, n_train: int) -> float:
    return rmse(series[n_train - 1:-1], series[n_train:])


# ----------------------------------------------------------------- tests


@pytest.fixture(scope="session")
def split():
    years, values = sunspots()
    n_train = int(np.sum(years <= LAST_TRAIN_YEAR))
    return values, n_train


@pytest.fixture(scope="session")
def model(submission, problem, split):
    """Training happens once per run; its failure (time_limit_exceeded,
    runtime_error) is the verdict of every test that needs the model."""
    values, n_train = split
    return fit(submission, values[:n_train], problem.limits.train_s)


def test_synthetic(submission, problem, metric):
    series = synthetic_series()
    trained = fit(submission, series[:SAMPLE_TRAIN], SAMPLE_BUDGET_S)
    predictions = walk(submission, trained, series, SAMPLE_TRAIN)
    metric.score("RMSE", rmse(predictions, series[SAMPLE_TRAIN:]),
                 baseline=persistence_rmse(series, SAMPLE_TRAIN), target=SAMPLE_TARGET_RMSE)


def test_train(model):
    # Training returned within budget_s + GRACE_S: whatever it returned (a
    # handle to an object in the child, or plain data) is the model.  A
    # failure is raised by the fixture, and fails every test that needs it.
    del model


def test_truncated_history(submission, model, split):
    # Histories shorter than any the walk uses: still one finite number each.
    values, n_train = split
    for n in SHORT_HISTORIES:
        as_prediction(submission.predict(model, values[:n].copy()),
                      f"for a history of {n} values")


def test_walk_forward(submission, model, split, metric):
    values, n_train = split
    baseline = persistence_rmse(values, n_train)
    if abs(baseline - PERSISTENCE_RMSE) >= 0.01:  # a judge_error, not the submission's fault
        raise RuntimeError(f"{DATA} changed: persistence RMSE {baseline:.4f}, not {PERSISTENCE_RMSE}")
    predictions = walk(submission, model, values, n_train)
    metric.score("RMSE", rmse(predictions, values[n_train:]),
                 baseline=baseline, target=TARGET_RMSE)


def test_own_series(submission, problem, user_series, metric):
    """Self-study (`--data FILE`): the same protocol on the user's series,
    the last 20% walked forward, RMSE against persistence; no points."""
    series = np.asarray(user_series, dtype=np.float64)
    if len(series) < MIN_OWN_SERIES:
        raise WrongAnswer(f"the series has {len(series)} values; self-study on this problem"
                          f" needs at least {MIN_OWN_SERIES} (80% to train on, 20% to walk)")
    n_train = len(series) - max(1, len(series) // 5)
    trained = fit(submission, series[:n_train], problem.limits.train_s)
    predictions = walk(submission, trained, series, n_train)
    metric.score("RMSE", rmse(predictions, series[n_train:]),
                 baseline=persistence_rmse(series, n_train), target=0.0)
