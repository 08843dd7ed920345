"""Hidden tests for `bptt`:
lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n)
    -> (dx, dh0, dc0, dW_ih, dW_hh, db_ih, db_hh)
backpropagation through time for the single-layer, batch-first LSTM of the
`sequence` problem, for loss = sum(out * dout) + sum(h_n * dh_n) + sum(c_n * dc_n).

References come from grader.testing.lstm (proved equal to float64 autograd through
torch.nn.LSTM(batch_first=True) by tests/test_lstm_reference_more.py).  Every
input is random and non-zero (both biases, both initial states, every upstream
gradient), I != H; B = 1 and B > 1; B != T and B = T; T = 1, T >= 2 and T = 200.
"""

import numpy as np
import pytest

from grader.testing import Variant, lstm, unchanged

NAMES = ("dx", "dh0", "dc0", "dW_ih", "dW_hh", "db_ih", "db_hh")
ARGS = ("x", "h0", "c0", "W_ih", "W_hh", "b_ih", "b_hh", "dout", "dh_n", "dc_n")


def make_inputs(rng, B, T, I, H, scale=1.0, dtype=np.float64):
    """Random inputs with every entry non-zero (uniform magnitude in [0.1, 1])."""

    def draw(*shape, s=1.0):
        magnitude = rng.uniform(0.1, 1.0, size=shape)
        return (s * magnitude * rng.choice([-1.0, 1.0], size=shape)).astype(dtype)

    return dict(
        x=draw(B, T, I, s=scale), h0=draw(B, H), c0=draw(B, H, s=2.0),
        W_ih=draw(4 * H, I, s=scale), W_hh=draw(4 * H, H, s=scale),
        b_ih=draw(4 * H, s=scale), b_hh=draw(4 * H, s=scale),
        dout=draw(B, T, H), dh_n=draw(B, H), dc_n=draw(B, H),
    )


def variant(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n, accumulate=True,
            carry_dc=True, carry_dh=True, every_dout=True):
    """BPTT as a known bug computes it."""
    x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n = (
        np.asarray(a, dtype=np.float64)
        for a in (x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n))
    B, T, _ = x.shape
    hs, cs, gates = [h0], [c0], []
    for t in range(T):
        z = lstm.split_gates(x[:, t] @ W_ih.T + b_ih + hs[-1] @ W_hh.T + b_hh)
        i, f, o = (lstm.sigmoid(z[k]) for k in "ifo")
        g = np.tanh(z["g"])
        cs.append(f * cs[-1] + i * g)
        hs.append(o * np.tanh(cs[-1]))
        gates.append((i, f, g, o, np.tanh(cs[-1])))
    dx = np.empty_like(x)
    dW_ih, dW_hh, db = np.zeros_like(W_ih), np.zeros_like(W_hh), np.zeros_like(b_ih)
    dh, dc = dh_n, dc_n
    for t in reversed(range(T)):
        i, f, g, o, tc = gates[t]
        if not carry_dh and t < T - 1:
            dh = np.zeros_like(dh)
        dh = dh + (dout[:, t] if every_dout or t == T - 1 else 0.0)
        if not carry_dc and t < T - 1:
            dc = np.zeros_like(dc)
        dc_total = dc + dh * o * (1 - tc * tc)
        dz = np.concatenate([dc_total * g * i * (1 - i), dc_total * cs[t] * f * (1 - f),
                             dc_total * i * (1 - g * g), dh * tc * o * (1 - o)], axis=1)
        dx[:, t] = dz @ W_ih
        dh, dc = dz @ W_hh, dc_total * f
        if accumulate:
            dW_ih, dW_hh, db = dW_ih + dz.T @ x[:, t], dW_hh + dz.T @ hs[t], db + dz.sum(axis=0)
        else:
            dW_ih, dW_hh, db = dz.T @ x[:, t], dz.T @ hs[t], dz.sum(axis=0)
    return dx, dh, dc, dW_ih, dW_hh, db, db


def misconceptions(inputs):
    return [
        Variant("weights-assigned", "the weight and bias gradients assigned at each step "
                "(only step 0's kept); they must be summed over all steps",
                variant(**inputs, accumulate=False)),
        Variant("dc-not-carried", "the cell-state gradient dropped between steps; dc_prev of "
                "step t must flow into step t-1", variant(**inputs, carry_dc=False)),
        Variant("dh-dc-not-carried", "both state gradients dropped between steps (each "
                "step backpropagated on its own); dh_prev and dc_prev of step t must both flow "
                "into step t-1", variant(**inputs, carry_dc=False, carry_dh=False)),
        Variant("last-step-only", "dout used only at the last step; every step's output "
                "out[:, t] has its own gradient dout[:, t]", variant(**inputs, every_dout=False)),
    ]


def reference(inputs):
    return lstm.backward(**inputs)


def judge(submission, check, inputs, dtype=np.float64, check_inputs=False):
    """Check lstm_backward's answer on ``inputs``; with ``check_inputs``, also
    that the call left every input as it was sent."""
    args = [inputs[k] for k in ARGS]
    if check_inputs:
        got, after = submission.call_echo("lstm_backward", *args)
    else:
        got = submission.lstm_backward(*args)
    check.outputs(got, reference(inputs), NAMES, dtype=dtype, variants=misconceptions(inputs))
    if check_inputs:
        unchanged(ARGS, args, after)


def example_inputs():
    # The worked example in statement.md: B = 1, T = 2, I = H = 1.
    return dict(x=np.array([[[1.0], [0.5]]]), h0=np.array([[0.5]]), c0=np.array([[-1.0]]),
                W_ih=np.array([[0.5], [1.0], [-1.0], [2.0]]),
                W_hh=np.array([[1.0], [-2.0], [1.0], [0.0]]),
                b_ih=np.array([0.0, 0.5, 0.0, -1.0]), b_hh=np.array([0.5, 0.0, 0.0, 0.0]),
                dout=np.array([[[1.0], [-0.5]]]), dh_n=np.array([[0.25]]), dc_n=np.array([[0.5]]))


def test_example(submission, check):
    judge(submission, check, example_inputs(), check_inputs=True)


def test_small(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=2, T=3, I=3, H=4), check_inputs=True)


@pytest.mark.parametrize("B, T, I, H", [(3, 5, 4, 6), (4, 7, 5, 3), (6, 2, 8, 5)])
def test_random_float64(submission, check, rng, B, T, I, H):
    judge(submission, check, make_inputs(rng, B, T, I, H))


def test_batch_equals_time(submission, check, rng):
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
