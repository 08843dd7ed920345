"""Hidden tests for `sequence`:
lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh) -> (out, h_n, c_n)
with x (B, T, I) batch-first, a single layer.

References come from grader.testing.lstm (proved equal to torch.nn.LSTM(batch_first=True)
by tests/test_lstm_reference_more.py).  Every input is random and non-zero
(both biases, both initial states), I != H; B = 1 and B > 1; B != T and B = T;
T = 1, T >= 2 and T = 200.
"""

import numpy as np
import pytest

from grader.testing import Variant, lstm, unchanged

NAMES = ("out", "h_n", "c_n")
ARGS = ("x", "h0", "c0", "W_ih", "W_hh", "b_ih", "b_hh")
WEIGHTS = ("W_ih", "W_hh", "b_ih", "b_hh")


def make_inputs(rng, B, T, I, H, scale=1.0, dtype=np.float64):
    """Random inputs with every entry non-zero (uniform magnitude in [0.1, 1])."""

    def draw(*shape, s=1.0):
        magnitude = rng.uniform(0.1, 1.0, size=shape)
        return (s * magnitude * rng.choice([-1.0, 1.0], size=shape)).astype(dtype)

    return dict(
        x=draw(B, T, I, s=scale), h0=draw(B, H), c0=draw(B, H, s=2.0),
        W_ih=draw(4 * H, I, s=scale), W_hh=draw(4 * H, H, s=scale),
        b_ih=draw(4 * H, s=scale), b_hh=draw(4 * H, s=scale),
    )


def not_carried(inputs):
    """Every step starts again from (h0, c0)."""
    weights = [inputs[k] for k in WEIGHTS]
    steps = [lstm.cell(inputs["x"][:, t], inputs["h0"], inputs["c0"], *weights)
             for t in range(inputs["x"].shape[1])]
    return np.stack([h for h, _ in steps], axis=1), steps[-1][0], steps[-1][1]


def misconceptions(inputs):
    out, h_n, c_n = lstm.forward(**inputs)
    h0 = np.asarray(inputs["h0"], dtype=np.float64)
    before = np.concatenate([h0[:, None], out[:, :-1]], axis=1)
    return [
        Variant("state-not-carried", "every step started from (h0, c0); each step must start "
                "from the previous step's (h, c)", not_carried(inputs)),
        Variant("output-before-step", "out[:, t] holding the state before step t (off by one "
                "step); it is the h computed at step t", (before, h_n, c_n)),
        Variant("batch-time-swapped", "out returned time-major (T, B, H); it is batch-first "
                "(B, T, H)", (out.transpose(1, 0, 2), h_n, c_n)),
    ] + ([  # x read as time-major only runs without an error when B = T
        Variant("x-read-time-major", "x read as time-major (T, B, I), x[t] taken as step t; "
                "x is batch-first: step t is x[:, t]",
                lstm.forward(**dict(inputs, x=np.swapaxes(inputs["x"], 0, 1)))),
    ] if inputs["x"].shape[0] == inputs["x"].shape[1] else [])


def judge(submission, check, inputs, dtype=np.float64, check_inputs=False):
    """Check lstm_forward's answer on ``inputs``; with ``check_inputs``, also
    that the call left every input as it was sent."""
    args = [inputs[k] for k in ARGS]
    if check_inputs:
        got, after = submission.call_echo("lstm_forward", *args)
    else:
        got = submission.lstm_forward(*args)
    check.outputs(got, lstm.forward(**inputs), NAMES, dtype=dtype, variants=misconceptions(inputs))
    if check_inputs:
        unchanged(ARGS, args, after)


def example_inputs():
    # The worked example in statement.md: B = 1, T = 2, I = H = 1.
    return dict(x=np.array([[[1.0], [0.5]]]), h0=np.array([[0.5]]), c0=np.array([[-1.0]]),
                W_ih=np.array([[0.5], [1.0], [-1.0], [2.0]]),
                W_hh=np.array([[1.0], [-2.0], [1.0], [0.0]]),
                b_ih=np.array([0.0, 0.5, 0.0, -1.0]), b_hh=np.array([0.5, 0.0, 0.0, 0.0]))


def test_example(submission, check):
    judge(submission, check, example_inputs(), check_inputs=True)


def test_small(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=2, T=3, I=3, H=4), check_inputs=True)


@pytest.mark.parametrize("B, T, I, H", [(3, 5, 4, 6), (4, 7, 5, 3), (6, 2, 8, 5)])
def test_random_float64(submission, check, rng, B, T, I, H):
    judge(submission, check, make_inputs(rng, B, T, I, H))


def test_batch_equals_time(submission, check, rng):
    # B = T: an answer with the batch and time axes swapped has the right shape,
    # so only its values can give it away.
    judge(submission, check, make_inputs(rng, B=5, T=5, I=3, H=4))


def test_batch_one(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=1, T=6, I=7, H=5))


def test_single_step(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=3, T=1, I=4, H=6))


def test_long_sequence(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=4, T=200, I=8, H=16))


def test_saturating(submission, check, rng):
    # Pre-activations of magnitude up to about 1e4 in every gate, both signs, over 20 steps.
    inputs = make_inputs(rng, B=4, T=20, I=6, H=5, scale=40.0)
    z = inputs["x"] @ inputs["W_ih"].T
    if not 1e3 < np.abs(z).max() <= 1.2e4:
        raise RuntimeError("test set-up: the saturating case does not saturate")
    judge(submission, check, inputs)


def test_float32(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=3, T=10, I=4, H=6, dtype=np.float32), np.float32)


def test_inputs_unchanged(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=3, T=4, I=5, H=4), check_inputs=True)
