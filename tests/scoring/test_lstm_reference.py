"""grader.scoring.lstm_reference, the numpy reference the cell problem grades against, proved
equal to torch.nn.LSTMCell (float64) and finite for saturating inputs."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch

from grader.scoring import lstm_reference as lstm


def nonzero(rng, *shape, scale=1.0):
    """Random values of magnitude in [0.1, 1] * scale with random signs."""
    magnitude = rng.uniform(0.1, 1.0, size=shape)
    return scale * magnitude * rng.choice([-1.0, 1.0], size=shape)


def random_cell(rng, B, I, H, scale=1.0):
    return dict(
        x=nonzero(rng, B, I, scale=scale), h_prev=nonzero(rng, B, H), c_prev=nonzero(rng, B, H, scale=2),
        W_ih=nonzero(rng, 4 * H, I, scale=scale), W_hh=nonzero(rng, 4 * H, H, scale=scale),
        b_ih=nonzero(rng, 4 * H, scale=scale), b_hh=nonzero(rng, 4 * H, scale=scale),
    )


def torch_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    I, H = x.shape[1], h_prev.shape[1]
    cell = torch.nn.LSTMCell(I, H).double()
    with torch.no_grad():
        cell.weight_ih.copy_(torch.from_numpy(W_ih))
        cell.weight_hh.copy_(torch.from_numpy(W_hh))
        cell.bias_ih.copy_(torch.from_numpy(b_ih))
        cell.bias_hh.copy_(torch.from_numpy(b_hh))
        h, c = cell(torch.from_numpy(x), (torch.from_numpy(h_prev), torch.from_numpy(c_prev)))
    return h.numpy(), c.numpy()


SHAPES = [(1, 3, 5), (1, 7, 2), (2, 3, 4), (4, 10, 6), (5, 6, 3), (16, 8, 32), (3, 1, 9)]


@pytest.mark.parametrize("B, I, H", SHAPES)
def test_cell_equals_torch_lstm_cell(B, I, H):
    rng = np.random.default_rng([B, I, H])
    inputs = random_cell(rng, B, I, H)
    h, c = lstm.cell(**inputs)
    th, tc = torch_cell(**inputs)
    assert h.dtype == c.dtype == np.float64
    assert h.shape == c.shape == (B, H)
    np.testing.assert_allclose(h, th, rtol=0, atol=1e-12)
    np.testing.assert_allclose(c, tc, rtol=0, atol=1e-12)
    # The check can see a wrong answer: the two outputs are far from each other.
    assert np.abs(h - c).max() > 1e-3


def test_every_parameter_matters():
    """Each input changes the result, so none can be silently ignored by the
    reference without the comparison with torch failing."""
    rng = np.random.default_rng(7)
    inputs = random_cell(rng, 3, 4, 5)
    h, c = lstm.cell(**inputs)
    for name in inputs:
        changed = dict(inputs)
        changed[name] = inputs[name] * 1.5
        h2, c2 = lstm.cell(**changed)
        th, tc = torch_cell(**changed)
        np.testing.assert_allclose(h2, th, rtol=0, atol=1e-12)
        np.testing.assert_allclose(c2, tc, rtol=0, atol=1e-12)
        assert np.abs(h2 - h).max() > 1e-6, name


def test_gate_order_is_i_f_g_o():
    # One unit, zero weights: the gates are the biases alone, so each block is
    # identifiable. z = (i, f, g, o) = (0, big, 0.5, -big) -> c = c_prev + 0.5 tanh(0.5), h = 0.
    big = 50.0
    b_ih = np.array([0.0, big, 0.5, -big])
    args = dict(x=np.zeros((1, 1)), h_prev=np.zeros((1, 1)), c_prev=np.array([[0.3]]),
                W_ih=np.zeros((4, 1)), W_hh=np.zeros((4, 1)), b_ih=b_ih, b_hh=np.zeros(4))
    h, c = lstm.cell(**args)
    np.testing.assert_allclose(c, [[0.3 + 0.5 * np.tanh(0.5)]], atol=1e-15)
    np.testing.assert_allclose(h, [[0.0]], atol=1e-20)
    th, tc = torch_cell(**args)
    np.testing.assert_allclose(c, tc, atol=1e-15)


def test_float32_inputs_give_float64_results_close_to_torch():
    rng = np.random.default_rng(3)
    inputs = random_cell(rng, 3, 4, 6)
    as32 = {k: v.astype(np.float32) for k, v in inputs.items()}
    h, c = lstm.cell(**as32)
    assert h.dtype == c.dtype == np.float64
    th, tc = torch_cell(**{k: v.astype(np.float64) for k, v in as32.items()})
    np.testing.assert_allclose(h, th, rtol=0, atol=1e-12)
    np.testing.assert_allclose(c, tc, rtol=0, atol=1e-12)


def test_inputs_are_not_modified():
    rng = np.random.default_rng(4)
    inputs = random_cell(rng, 2, 3, 4)
    before = {k: v.copy() for k, v in inputs.items()}
    lstm.cell(**inputs)
    for k in inputs:
        assert np.array_equal(inputs[k], before[k]), k


@pytest.mark.parametrize("B, I, H", [(1, 6, 5), (4, 6, 5), (8, 12, 3)])
def test_saturating_inputs_stay_finite_without_warnings(B, I, H):
    rng = np.random.default_rng([B, I, H, 1])
    inputs = random_cell(rng, B, I, H, scale=40.0)
    z = (inputs["x"] @ inputs["W_ih"].T + inputs["b_ih"]
         + inputs["h_prev"] @ inputs["W_hh"].T + inputs["b_hh"])
    assert 1e3 < np.abs(z).max() <= 2e4  # really saturating, in every sign
    assert (z > 700).any() and (z < -700).any()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            h, c = lstm.cell(**inputs)
    assert np.isfinite(h).all() and np.isfinite(c).all()
    assert np.abs(h).max() <= 1.0
    th, tc = torch_cell(**inputs)
    np.testing.assert_allclose(h, th, rtol=0, atol=1e-12)
    np.testing.assert_allclose(c, tc, rtol=0, atol=1e-12)


def test_sigmoid_is_finite_at_the_extremes():
    z = np.array([-1e308, -1e4, -800.0, -710.0, 710.0, 800.0, 1e4, 1e308, -np.finfo(float).max,
                  np.finfo(float).max])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            s = lstm.sigmoid(z)
    assert np.isfinite(s).all()
    assert ((s >= 0) & (s <= 1)).all()
    assert s[-3] == 1.0 and s[0] == 0.0
    np.testing.assert_array_equal(s[z > 0], 1.0)
    assert (s[z < 0] < 1e-300).all()


def test_sigmoid_matches_the_formula_in_the_normal_range():
    z = np.linspace(-30, 30, 2001)
    np.testing.assert_allclose(lstm.sigmoid(z), 1.0 / (1.0 + np.exp(-z)), rtol=1e-14, atol=0)
    np.testing.assert_allclose(lstm.sigmoid(z), torch.sigmoid(torch.from_numpy(z)).numpy(),
                               rtol=1e-14, atol=0)
    assert lstm.sigmoid(np.array(0.0)) == 0.5
    # Symmetry: sigmoid(-z) = 1 - sigmoid(z).
    np.testing.assert_allclose(lstm.sigmoid(-z), 1.0 - lstm.sigmoid(z), atol=1e-15)


def test_split_gates_reads_blocks_in_order():
    z = np.arange(8.0).reshape(1, 8)
    gates = lstm.split_gates(z)
    assert list(gates) == list("ifgo")
    np.testing.assert_array_equal(gates["g"], [[4.0, 5.0]])
    other = lstm.split_gates(z, "ifog")
    np.testing.assert_array_equal(other["g"], [[6.0, 7.0]])
