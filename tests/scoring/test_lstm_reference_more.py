"""grader.scoring.lstm_reference's gradient and sequence references (cell_backward, forward,
backward), proved equal to float64 autograd through torch.nn.LSTMCell and
torch.nn.LSTM(batch_first=True), finite for saturating inputs, and leaving
their inputs alone."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch

from grader.scoring import lstm_reference as lstm

ATOL = 1e-10
CELL_ARGS = ("x", "h_prev", "c_prev", "W_ih", "W_hh", "b_ih", "b_hh")
SEQ_ARGS = ("x", "h0", "c0", "W_ih", "W_hh", "b_ih", "b_hh")
GRADS = ("dx", "dh_prev", "dc_prev", "dW_ih", "dW_hh", "db_ih", "db_hh")


def nonzero(rng, *shape, scale=1.0):
    """Random values of magnitude in [0.1, 1] * scale with random signs."""
    magnitude = rng.uniform(0.1, 1.0, size=shape)
    return scale * magnitude * rng.choice([-1.0, 1.0], size=shape)


def random_weights(rng, I, H, scale=1.0):
    return dict(W_ih=nonzero(rng, 4 * H, I, scale=scale), W_hh=nonzero(rng, 4 * H, H, scale=scale),
                b_ih=nonzero(rng, 4 * H, scale=scale), b_hh=nonzero(rng, 4 * H, scale=scale))


def random_cell(rng, B, I, H, scale=1.0):
    return dict(x=nonzero(rng, B, I, scale=scale), h_prev=nonzero(rng, B, H),
                c_prev=nonzero(rng, B, H, scale=2), **random_weights(rng, I, H, scale),
                dh=nonzero(rng, B, H), dc=nonzero(rng, B, H))


def random_sequence(rng, B, T, I, H, scale=1.0):
    return dict(x=nonzero(rng, B, T, I, scale=scale), h0=nonzero(rng, B, H),
                c0=nonzero(rng, B, H, scale=2), **random_weights(rng, I, H, scale),
                dout=nonzero(rng, B, T, H), dh_n=nonzero(rng, B, H), dc_n=nonzero(rng, B, H))


def leaf(a):
    return torch.tensor(a, dtype=torch.float64, requires_grad=True)


def copy_weights(module, inputs, suffix=""):
    with torch.no_grad():
        for ours, theirs in (("W_ih", "weight_ih"), ("W_hh", "weight_hh"),
                             ("b_ih", "bias_ih"), ("b_hh", "bias_hh")):
            getattr(module, theirs + suffix).copy_(torch.from_numpy(inputs[ours]))


def torch_cell_backward(inputs):
    B, I = inputs["x"].shape
    H = inputs["h_prev"].shape[1]
    cell = torch.nn.LSTMCell(I, H).double()
    copy_weights(cell, inputs)
    x, h_prev, c_prev = leaf(inputs["x"]), leaf(inputs["h_prev"]), leaf(inputs["c_prev"])
    h, c = cell(x, (h_prev, c_prev))
    loss = (h * torch.from_numpy(inputs["dh"])).sum() + (c * torch.from_numpy(inputs["dc"])).sum()
    loss.backward()
    return tuple(t.grad.numpy() for t in (x, h_prev, c_prev, cell.weight_ih, cell.weight_hh,
                                           cell.bias_ih, cell.bias_hh))


def torch_lstm(inputs, grad=False):
    B, T, I = inputs["x"].shape
    H = inputs["h0"].shape[1]
    module = torch.nn.LSTM(I, H, num_layers=1, batch_first=True).double()
    copy_weights(module, inputs, "_l0")
    x, h0, c0 = leaf(inputs["x"]), leaf(inputs["h0"][None]), leaf(inputs["c0"][None])
    out, (h_n, c_n) = module(x, (h0, c0))
    if not grad:
        return out.detach().numpy(), h_n[0].detach().numpy(), c_n[0].detach().numpy()
    loss = ((out * torch.from_numpy(inputs["dout"])).sum()
            + (h_n[0] * torch.from_numpy(inputs["dh_n"])).sum()
            + (c_n[0] * torch.from_numpy(inputs["dc_n"])).sum())
    loss.backward()
    return (x.grad.numpy(), h0.grad[0].numpy(), c0.grad[0].numpy(),
            module.weight_ih_l0.grad.numpy(), module.weight_hh_l0.grad.numpy(),
            module.bias_ih_l0.grad.numpy(), module.bias_hh_l0.grad.numpy())


def assert_all_close(ours, theirs, names, atol=ATOL):
    assert len(ours) == len(theirs) == len(names)
    for a, b, name in zip(ours, theirs, names):
        assert a.dtype == np.float64, name
        assert a.shape == b.shape, (name, a.shape, b.shape)
        np.testing.assert_allclose(a, b, rtol=0, atol=atol, err_msg=name)


def cell_call(inputs):
    return lstm.cell_backward(**{k: inputs[k] for k in CELL_ARGS + ("dh", "dc")})


def seq_forward(inputs):
    return lstm.forward(**{k: inputs[k] for k in SEQ_ARGS})


def seq_backward(inputs):
    return lstm.backward(**{k: inputs[k] for k in SEQ_ARGS + ("dout", "dh_n", "dc_n")})


# --------------------------------------------------------------------------- cell_backward

CELL_SHAPES = [(1, 3, 5), (1, 7, 2), (2, 3, 4), (4, 10, 6), (5, 6, 3), (16, 8, 32), (3, 1, 9)]


@pytest.mark.parametrize("B, I, H", CELL_SHAPES)
def test_cell_backward_equals_torch_autograd(B, I, H):
    inputs = random_cell(np.random.default_rng([B, I, H, 11]), B, I, H)
    ours = cell_call(inputs)
    assert_all_close(ours, torch_cell_backward(inputs), GRADS)
    assert [g.shape for g in ours] == [(B, I), (B, H), (B, H), (4 * H, I), (4 * H, H), (4 * H,), (4 * H,)]
    # Every gradient is non-trivial, so a reference that dropped one would be seen.
    for g, name in zip(ours, GRADS):
        assert np.abs(g).max() > 1e-3, name


def test_cell_backward_every_upstream_gradient_matters():
    rng = np.random.default_rng(21)
    inputs = random_cell(rng, 3, 4, 5)
    base = cell_call(inputs)
    for name in ("dh", "dc"):
        changed = dict(inputs, **{name: inputs[name] * 1.5})
        ours = cell_call(changed)
        assert_all_close(ours, torch_cell_backward(changed), GRADS)
        assert max(np.abs(a - b).max() for a, b in zip(ours, base)) > 1e-4, name


def test_cell_backward_one_gate_at_a_time():
    # A one-hot dh/dc on one unit and one batch row: checks each gate block in isolation.
    rng = np.random.default_rng(5)
    inputs = random_cell(rng, 2, 3, 4)
    for which in ("dh", "dc"):
        for unit in range(4):
            probe = dict(inputs, dh=np.zeros((2, 4)), dc=np.zeros((2, 4)))
            probe[which][1, unit] = 1.0
            assert_all_close(cell_call(probe), torch_cell_backward(probe), GRADS)


# --------------------------------------------------------------------------- forward

SEQ_SHAPES = [  # (B, T, I, H): B = T, T = 1, B = 1, B != T, I != H, a long one
    (1, 1, 3, 5), (3, 1, 4, 2), (1, 6, 3, 4), (4, 4, 5, 3), (5, 5, 2, 6),
    (2, 7, 3, 4), (6, 3, 8, 5), (4, 50, 6, 8), (3, 200, 5, 7),
]


@pytest.mark.parametrize("B, T, I, H", SEQ_SHAPES)
def test_forward_equals_torch_lstm(B, T, I, H):
    inputs = random_sequence(np.random.default_rng([B, T, I, H, 12]), B, T, I, H)
    out, h_n, c_n = seq_forward(inputs)
    t_out, t_h, t_c = torch_lstm(inputs)
    assert out.shape == (B, T, H) and h_n.shape == c_n.shape == (B, H)
    assert_all_close((out, h_n, c_n), (t_out, t_h, t_c), ("out", "h_n", "c_n"))
    np.testing.assert_array_equal(out[:, -1], h_n)


def test_forward_agrees_with_stepping_the_cell():
    rng = np.random.default_rng(13)
    inputs = random_sequence(rng, 3, 5, 4, 6)
    h, c = inputs["h0"], inputs["c0"]
    out, h_n, c_n = seq_forward(inputs)
    for t in range(5):
        h, c = lstm.cell(inputs["x"][:, t], h, c, inputs["W_ih"], inputs["W_hh"],
                         inputs["b_ih"], inputs["b_hh"])
        np.testing.assert_allclose(out[:, t], h, rtol=0, atol=1e-15)
    np.testing.assert_allclose(c_n, c, rtol=0, atol=1e-15)


def test_forward_is_batch_independent():
    rng = np.random.default_rng(14)
    inputs = random_sequence(rng, 4, 6, 3, 5)
    out, h_n, c_n = seq_forward(inputs)
    for b in range(4):
        row = dict(inputs, x=inputs["x"][b:b + 1], h0=inputs["h0"][b:b + 1], c0=inputs["c0"][b:b + 1])
        o, h, c = seq_forward(row)
        np.testing.assert_allclose(o[0], out[b], rtol=0, atol=1e-14)


# --------------------------------------------------------------------------- backward (BPTT)


@pytest.mark.parametrize("B, T, I, H", SEQ_SHAPES)
def test_backward_equals_torch_autograd(B, T, I, H):
    inputs = random_sequence(np.random.default_rng([B, T, I, H, 15]), B, T, I, H)
    ours = seq_backward(inputs)
    assert_all_close(ours, torch_lstm(inputs, grad=True), GRADS)
    assert [g.shape for g in ours] == [(B, T, I), (B, H), (B, H), (4 * H, I), (4 * H, H),
                                       (4 * H,), (4 * H,)]


def test_backward_with_one_step_is_cell_backward():
    rng = np.random.default_rng(16)
    inputs = random_sequence(rng, 3, 1, 4, 5)
    seq = seq_backward(inputs)
    cell = lstm.cell_backward(inputs["x"][:, 0], inputs["h0"], inputs["c0"], inputs["W_ih"],
                              inputs["W_hh"], inputs["b_ih"], inputs["b_hh"],
                              inputs["dout"][:, 0] + inputs["dh_n"], inputs["dc_n"])
    np.testing.assert_allclose(seq[0][:, 0], cell[0], rtol=0, atol=1e-15)
    for a, b in zip(seq[1:], cell[1:]):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-15)


@pytest.mark.parametrize("which", ["dout", "dh_n", "dc_n"])
def test_backward_each_upstream_gradient_alone(which):
    # Only one upstream gradient non-zero at a time: each path is right on its own.
    rng = np.random.default_rng(17)
    inputs = random_sequence(rng, 2, 4, 3, 5)
    for name in ("dout", "dh_n", "dc_n"):
        if name != which:
            inputs[name] = np.zeros_like(inputs[name])
    ours = seq_backward(inputs)
    assert_all_close(ours, torch_lstm(inputs, grad=True), GRADS)
    assert np.abs(ours[3]).max() > 1e-4


def test_backward_matches_finite_differences():
    # Independent of torch: central differences of the loss for a few entries.
    rng = np.random.default_rng(18)
    inputs = random_sequence(rng, 2, 3, 3, 2)

    def loss(values):
        out, h_n, c_n = seq_forward(values)
        return ((out * values["dout"]).sum() + (h_n * values["dh_n"]).sum()
                + (c_n * values["dc_n"]).sum())

    grads = dict(zip(("x", "h0", "c0", "W_ih", "W_hh", "b_ih", "b_hh"), seq_backward(inputs)))
    eps = 1e-6
    for name, grad in grads.items():
        for flat in rng.choice(grad.size, size=min(4, grad.size), replace=False):
            index = np.unravel_index(flat, grad.shape)
            plus, minus = dict(inputs), dict(inputs)
            plus[name] = inputs[name].copy()
            minus[name] = inputs[name].copy()
            plus[name][index] += eps
            minus[name][index] -= eps
            numeric = (loss(plus) - loss(minus)) / (2 * eps)
            assert abs(numeric - grad[index]) < 1e-7, (name, index)


# --------------------------------------------------------------------------- common properties


def test_float32_inputs_give_float64_results():
    rng = np.random.default_rng(19)
    cell = {k: v.astype(np.float32) for k, v in random_cell(rng, 3, 4, 6).items()}
    seq = {k: v.astype(np.float32) for k, v in random_sequence(rng, 2, 5, 4, 3).items()}
    results = list(cell_call(cell)) + list(seq_forward(seq)) + list(seq_backward(seq))
    assert all(r.dtype == np.float64 for r in results)
    assert_all_close(cell_call(cell),
                     torch_cell_backward({k: v.astype(np.float64) for k, v in cell.items()}), GRADS)
    assert_all_close(seq_backward(seq),
                     torch_lstm({k: v.astype(np.float64) for k, v in seq.items()}, grad=True), GRADS)


def test_inputs_are_not_modified():
    rng = np.random.default_rng(20)
    cell = random_cell(rng, 2, 3, 4)
    seq = random_sequence(rng, 2, 4, 3, 5)
    before = {k: v.copy() for k, v in list(cell.items()) + [("s" + k, v) for k, v in seq.items()]}
    cell_call(cell)
    seq_forward(seq)
    seq_backward(seq)
    for k, v in cell.items():
        assert np.array_equal(v, before[k]), k
    for k, v in seq.items():
        assert np.array_equal(v, before["s" + k]), k


@pytest.mark.parametrize("B, T", [(1, 8), (4, 4), (3, 20)])
def test_saturating_inputs_stay_finite_without_warnings(B, T):
    rng = np.random.default_rng([B, T, 2])
    I, H = 6, 5
    seq = random_sequence(rng, B, T, I, H, scale=40.0)
    cell = {"x": seq["x"][:, 0], "h_prev": seq["h0"], "c_prev": seq["c0"], "dh": seq["dh_n"],
            "dc": seq["dc_n"], **{k: seq[k] for k in ("W_ih", "W_hh", "b_ih", "b_hh")}}
    z = cell["x"] @ cell["W_ih"].T + cell["h_prev"] @ cell["W_hh"].T
    assert 1e3 < np.abs(z).max() <= 2e4 and (z > 700).any() and (z < -700).any()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            results = list(cell_call(cell)) + list(seq_forward(seq)) + list(seq_backward(seq))
    assert all(np.isfinite(r).all() for r in results)
    assert_all_close(cell_call(cell), torch_cell_backward(cell), GRADS, atol=1e-9)
    assert_all_close(seq_forward(seq), torch_lstm(seq), ("out", "h_n", "c_n"), atol=1e-9)
    assert_all_close(seq_backward(seq), torch_lstm(seq, grad=True), GRADS, atol=1e-9)


# --------------------------------------------------------------------------- the statements' worked examples

EXAMPLE = dict(W_ih=np.array([[0.5], [1.0], [-1.0], [2.0]]), W_hh=np.array([[1.0], [-2.0], [1.0], [0.0]]),
               b_ih=np.array([0.0, 0.5, 0.0, -1.0]), b_hh=np.array([0.5, 0.0, 0.0, 0.0]))


def test_cell_backward_statement_example():
    # problems/cell_backward/statement.md, "Worked example".
    got = lstm.cell_backward(np.array([[1.0]]), np.array([[0.5]]), np.array([[-1.0]]),
                             **EXAMPLE, dh=np.array([[1.0]]), dc=np.array([[0.5]]))
    dz = [-0.055614, -0.189624, 0.518819, -0.149761]
    want = ([[-1.035772]], [[0.842453]], [[0.502261]], [[v] for v in dz],
            [[-0.027807], [-0.094812], [0.259409], [-0.074881]], dz, dz)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, atol=6e-7, rtol=0)


def test_sequence_and_bptt_statement_examples():
    # problems/sequence/statement.md and problems/bptt/statement.md, "Worked example".
    seq = dict(x=np.array([[[1.0], [0.5]]]), h0=np.array([[0.5]]), c0=np.array([[-1.0]]), **EXAMPLE)
    out, h_n, c_n = lstm.forward(**seq)
    np.testing.assert_allclose(out, [[[-0.556854], [-0.433698]]], atol=6e-7, rtol=0)
    np.testing.assert_allclose(c_n, [[-1.322463]], atol=6e-7, rtol=0)
    got = lstm.backward(**seq, dout=np.array([[[1.0], [-0.5]]]), dh_n=np.array([[0.25]]),
                        dc_n=np.array([[0.5]]))
    db = [-0.143203, -0.222652, 0.584637, -0.110223]
    want = ([[[-1.018191], [-0.081146]]], [[0.788754]], [[0.470246]],
            [[-0.097636], [-0.200094], [0.535193], [-0.137329]],
            [[0.024714], [-0.063646], [0.187808], [-0.112406]], db, db)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, atol=6e-7, rtol=0)
