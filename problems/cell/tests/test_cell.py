"""Hidden tests for `cell`: lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh) -> (h, c).

References come from grader.testing.lstm (proved equal to torch.nn.LSTMCell by the
project's own tests).  Every input is random and non-zero, I != H.
"""

import numpy as np
import pytest

from grader.testing import Variant, WrongAnswer, lstm, unchanged

NAMES = ("h", "c")
ARGS = ("x", "h_prev", "c_prev", "W_ih", "W_hh", "b_ih", "b_hh")


def make_inputs(rng, B, I, H, scale=1.0, dtype=np.float64):
    """Random inputs with every entry non-zero (uniform magnitude in [0.1, 1])."""

    def draw(*shape, s=1.0):
        magnitude = rng.uniform(0.1, 1.0, size=shape)
        return (s * magnitude * rng.choice([-1.0, 1.0], size=shape)).astype(dtype)

    return dict(
        x=draw(B, I, s=scale), h_prev=draw(B, H), c_prev=draw(B, H, s=2.0),
        W_ih=draw(4 * H, I, s=scale), W_hh=draw(4 * H, H, s=scale),
        b_ih=draw(4 * H, s=scale), b_hh=draw(4 * H, s=scale),
    )


def variant(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, order="ifgo", use_b_hh=True,
            h_tanh=True, g_sigmoid=False):
    """The cell as a known bug computes it."""
    args = [np.asarray(a, dtype=np.float64) for a in (x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)]
    x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh = args
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + (b_hh if use_b_hh else 0)
    gates = lstm.split_gates(z, order)
    i, f, o = (lstm.sigmoid(gates[k]) for k in "ifo")
    g = lstm.sigmoid(gates["g"]) if g_sigmoid else np.tanh(gates["g"])
    c = f * c_prev + i * g
    return (o * np.tanh(c) if h_tanh else o * c), c


def misconceptions(inputs):
    h, c = lstm.cell(**inputs)
    return [
        Variant("gate-order-ifog", "the gates read in CS231n order i, f, o, g; "
                "here the order is i, f, g, o", variant(**inputs, order="ifog")),
        Variant("no-b_hh", "b_hh (the hidden-to-hidden bias) left out",
                variant(**inputs, use_b_hh=False)),
        Variant("h-without-tanh", "h = o * c; it should be h = o * tanh(c)",
                variant(**inputs, h_tanh=False)),
        Variant("sigmoid-on-g", "a sigmoid on the candidate g; g = tanh(z_g)",
                variant(**inputs, g_sigmoid=True)),
        Variant("swapped-outputs", "(c, h) returned in the wrong order; return (h, c)", (c, h)),
    ]


def float32_accurate(check, got, expected) -> bool:
    """Whether ``got`` is (h, c) within float32's tolerance of the answer: what
    computing a float64 cell in float32 gives."""
    if not isinstance(got, (tuple, list)) or len(got) != len(expected):
        return False
    tol = check.tolerance(np.float32)
    return all(isinstance(g, np.ndarray) and g.shape == e.shape
               and g.dtype in (np.float32, np.float64)
               and np.allclose(g.astype(np.float64), e, rtol=tol.rtol, atol=tol.atol)
               for g, e in zip(got, expected))


def judge(submission, check, inputs, dtype=np.float64, check_inputs=False):
    """Check lstm_cell's answer on ``inputs``; with ``check_inputs``, also
    that the call left every input as it was sent."""
    args = [inputs[k] for k in ARGS]
    if check_inputs:
        got, after = submission.call_echo("lstm_cell", *args)
    else:
        got = submission.lstm_cell(*args)
    expected = lstm.cell(**inputs)
    try:
        check.outputs(got, expected, NAMES, dtype=dtype, variants=misconceptions(inputs))
    except WrongAnswer as failure:
        if (not failure.hint and np.dtype(dtype) == np.float64
                and float32_accurate(check, got, expected)):
            failure.hint = ("values only as accurate as float32: the cell computed in float32 "
                            "for float64 inputs; compute in the inputs' dtype "
                            "[float32-arithmetic]")
        raise
    if check_inputs:
        unchanged(ARGS, args, after)


def test_example(submission, check):
    # The worked example in statement.md: B = I = H = 1.
    inputs = dict(x=np.array([[1.0]]), h_prev=np.array([[0.5]]), c_prev=np.array([[-1.0]]),
                  W_ih=np.array([[0.5], [1.0], [-1.0], [2.0]]),
                  W_hh=np.array([[1.0], [-2.0], [1.0], [0.0]]),
                  b_ih=np.array([0.0, 0.5, 0.0, -1.0]), b_hh=np.array([0.5, 0.0, 0.0, 0.0]))
    judge(submission, check, inputs, check_inputs=True)


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
