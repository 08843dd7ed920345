"""Hidden tests for `cell_backward`:
lstm_cell_backward(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc)
    -> (dx, dh_prev, dc_prev, dW_ih, dW_hh, db_ih, db_hh)
for loss = sum(h * dh) + sum(c * dc).

References come from grader.testing.lstm (proved equal to float64 autograd through
torch.nn.LSTMCell by tests/test_lstm_reference_more.py).  Every input is
random and non-zero (both biases, both states, both upstream gradients), I != H.
"""

import numpy as np
import pytest

from grader.testing import Variant, lstm, unchanged

NAMES = ("dx", "dh_prev", "dc_prev", "dW_ih", "dW_hh", "db_ih", "db_hh")
ARGS = ("x", "h_prev", "c_prev", "W_ih", "W_hh", "b_ih", "b_hh", "dh", "dc")


def make_inputs(rng, B, I, H, scale=1.0, dtype=np.float64):
    """Random inputs with every entry non-zero (uniform magnitude in [0.1, 1])."""

    def draw(*shape, s=1.0):
        magnitude = rng.uniform(0.1, 1.0, size=shape)
        return (s * magnitude * rng.choice([-1.0, 1.0], size=shape)).astype(dtype)

    return dict(
        x=draw(B, I, s=scale), h_prev=draw(B, H), c_prev=draw(B, H, s=2.0),
        W_ih=draw(4 * H, I, s=scale), W_hh=draw(4 * H, H, s=scale),
        b_ih=draw(4 * H, s=scale), b_hh=draw(4 * H, s=scale),
        dh=draw(B, H), dc=draw(B, H),
    )


def variant(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc, use_dc=True, dc_prev_f=True,
            tanh_prime=True, sigmoid_prime_of_z=False, with_db_hh=True, stack="ifgo"):
    """The gradients as a known bug computes them."""
    x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc = (
        np.asarray(a, dtype=np.float64) for a in (x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc))
    z = lstm.split_gates(x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh)
    i, f, o = (lstm.sigmoid(z[k]) for k in "ifo")
    g = np.tanh(z["g"])
    c = f * c_prev + i * g
    tc = np.tanh(c)
    dc_total = (dc if use_dc else 0.0) + dh * o * ((1 - tc * tc) if tanh_prime else 1.0)

    def dsig(k, s):  # sigma'(z_k)
        return z[k] * (1 - z[k]) if sigmoid_prime_of_z else s * (1 - s)

    dz = dict(i=dc_total * g * dsig("i", i), f=dc_total * c_prev * dsig("f", f),
              g=dc_total * i * (1 - g * g), o=dh * tc * dsig("o", o))
    dz = np.concatenate([dz[k] for k in stack], axis=1)
    db = dz.sum(axis=0)
    return (dz @ W_ih, dz @ W_hh, dc_total * f if dc_prev_f else dc_total, dz.T @ x,
            dz.T @ h_prev, db, db if with_db_hh else np.zeros_like(db))


def misconceptions(inputs):
    return [
        Variant("dc-dropped", "the upstream gradient dc on c left out; dc_total = dc + dh * o * "
                "(1 - tanh(c)^2)", variant(**inputs, use_dc=False)),
        Variant("dc_prev-without-f", "dc_prev = dc_total; it should be dc_total * f",
                variant(**inputs, dc_prev_f=False)),
        Variant("no-tanh-prime", "the gradient from h to c taken as dh * o, without the tanh "
                "derivative (1 - tanh(c)^2)", variant(**inputs, tanh_prime=False)),
        Variant("sigmoid-prime-of-z", "sigma'(z) computed as z * (1 - z) from the pre-activation; "
                "it is s * (1 - s) with s = sigma(z)", variant(**inputs, sigmoid_prime_of_z=True)),
        Variant("no-db_hh", "db_hh (the hidden-to-hidden bias gradient) left out; it equals db_ih",
                variant(**inputs, with_db_hh=False)),
        Variant("gate-order-ifog", "the gate gradients stacked in order i, f, o, g; they must "
                "mirror the forward's order i, f, g, o", variant(**inputs, stack="ifog")),
    ]


def reference(inputs):
    return lstm.cell_backward(**inputs)


def judge(submission, check, inputs, dtype=np.float64, check_inputs=False):
    """Check lstm_cell_backward's answer on ``inputs``; with ``check_inputs``, also
    that the call left every input as it was sent."""
    args = [inputs[k] for k in ARGS]
    if check_inputs:
        got, after = submission.call_echo("lstm_cell_backward", *args)
    else:
        got = submission.lstm_cell_backward(*args)
    check.outputs(got, reference(inputs), NAMES, dtype=dtype, variants=misconceptions(inputs))
    if check_inputs:
        unchanged(ARGS, args, after)


def example_inputs():
    # The worked example in statement.md: B = I = H = 1.
    return dict(x=np.array([[1.0]]), h_prev=np.array([[0.5]]), c_prev=np.array([[-1.0]]),
                W_ih=np.array([[0.5], [1.0], [-1.0], [2.0]]),
                W_hh=np.array([[1.0], [-2.0], [1.0], [0.0]]),
                b_ih=np.array([0.0, 0.5, 0.0, -1.0]), b_hh=np.array([0.5, 0.0, 0.0, 0.0]),
                dh=np.array([[1.0]]), dc=np.array([[0.5]]))


def test_example(submission, check):
    judge(submission, check, example_inputs(), check_inputs=True)


def test_small_batch(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=2, I=3, H=4), check_inputs=True)


@pytest.mark.parametrize("B, I, H", [(3, 5, 4), (4, 2, 7), (5, 6, 3)])
def test_random_float64(submission, check, rng, B, I, H):
    judge(submission, check, make_inputs(rng, B, I, H))


def test_batch_one(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=1, I=7, H=5))


def test_large_batch(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=64, I=16, H=32))


def test_saturating(submission, check, rng):
    # Pre-activations of magnitude up to about 1e4 in every gate, both signs.
    inputs = make_inputs(rng, B=4, I=6, H=5, scale=40.0)
    z = inputs["x"] @ inputs["W_ih"].T + inputs["h_prev"] @ inputs["W_hh"].T
    if not 1e3 < np.abs(z).max() <= 1.2e4:
        raise RuntimeError("test set-up: the saturating case does not saturate")
    judge(submission, check, inputs)


def test_float32(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=3, I=4, H=6, dtype=np.float32), np.float32)


def test_inputs_unchanged(submission, check, rng):
    judge(submission, check, make_inputs(rng, B=3, I=5, H=4), check_inputs=True)
