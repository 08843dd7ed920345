"""The hidden series of problem `forecast` is a keyed draw: with the grader's
secret key nothing public predicts it, without one `--seed N` reproduces it.

These call the problem's own generator (problems/forecast/tests/
test_forecast.py, ``cycle_series``) with the generators the ``draw`` fixture
hands it (``Draws(seed, key).generator(SERIES_DRAW)``), so they run in
milliseconds and grade nothing.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from grader.grading.draws import Draws

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "problems" / "forecast" / "tests" / "test_forecast.py"


@pytest.fixture(scope="module")
def forecast():
    spec = importlib.util.spec_from_file_location("forecast_tests_keyed", TESTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def hidden(forecast, seed=0, key=None):
    return forecast.cycle_series(Draws(seed, key).generator(forecast.SERIES_DRAW))


def test_without_a_key_the_hidden_series_is_reproducible(forecast):
    a, b = hidden(forecast), hidden(forecast)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, hidden(forecast, seed=1))  # --seed N draws another


def test_two_keys_give_different_hidden_series(forecast):
    plain = hidden(forecast)
    one = hidden(forecast, key=b"some-long-secret-key-123")
    two = hidden(forecast, key=b"another-long-secret-key-456")
    assert np.array_equal(one, hidden(forecast, key=b"some-long-secret-key-123"))
    held_out = slice(forecast.TRAIN_N, None)
    for x, y in ((one, two), (one, plain), (two, plain)):
        assert not np.allclose(x[held_out], y[held_out])


def test_the_public_sample_ignores_the_key_and_the_seed(forecast):
    public = [forecast.cycle_series(Draws(seed, key).generator(forecast.SAMPLE_DRAW, public=True))
              for seed, key in ((0, None), (5, None), (0, b"some-long-secret-key-123"))]
    assert all(np.array_equal(public[0], p) for p in public[1:])
    assert not np.array_equal(public[0], hidden(forecast))


@pytest.mark.parametrize("seed", range(8))
def test_every_draw_is_a_usable_series(forecast, seed):
    series = hidden(forecast, seed=seed, key=b"some-long-secret-key-123")
    n = forecast.TRAIN_N
    assert series.shape == (n + forecast.WALK_N,) and series.dtype == np.float64
    assert np.isfinite(series).all() and (series >= 0).all()
    # Persistence (0 points) beats the training mean, and the walk moves.
    mean = np.full(forecast.WALK_N, series[:n].mean())
    assert forecast.ratio(mean, series, n) > 1.2
    assert forecast.persistence_rmse(series, n) > 0
